package com.fourrunr.campaign.service;

/**
 * An SMTP server inside the host's process that keeps every message and lets nothing leave the
 * machine: what the service sends to from a mailbox without its own SMTP server. The service does
 * not bring one (no test mail server on its class path); a host that wants the fallback hands one
 * in with {@link CampaignService.Builder#localMailServer}, as {@code ./campaign serve} does with
 * GreenMail.
 */
public interface LocalMailServer extends AutoCloseable {
  /** The host the server listens on, such as {@code 127.0.0.1}. */
  String host();

  /** The port the server listens on. */
  int port();

  /** Stops the server. */
  @Override
  void close();

  /** Starts a {@link LocalMailServer} when the service needs one. */
  @FunctionalInterface
  interface Starter {
    /** Starts the server; it is closed with the service. */
    LocalMailServer start();
  }
}
