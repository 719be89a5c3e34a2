package com.fourrunr.campaign;

/**
 * What a {@link Sender} reports when the mail server accepted a message.
 *
 * @param providerResponse the server's answer, for example {@code 250 2.0.0 Ok: queued as 4F2A}
 */
public record SendReceipt(String providerResponse) {
  /** Never null. */
  public SendReceipt {
    providerResponse = providerResponse == null ? "" : providerResponse;
  }
}
