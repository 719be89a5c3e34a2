package com.fourrunr.campaign;

/**
 * Delivers email. The SMTP adapter ({@code SmtpSender}) is the real one; {@code RecordingSender} in
 * {@code campaign-testing} keeps what it was given.
 *
 * <p>Implementations must send under the given {@link OutgoingEmail#messageId()} and be
 * thread-safe.
 */
@FunctionalInterface
public interface Sender {
  /**
   * Hands one message to the mail server.
   *
   * @return the server's acceptance
   * @throws SendException when the server did not accept it, saying whether a retry may help
   */
  SendReceipt send(OutgoingEmail email) throws SendException;

  /**
   * Told by the engine when it has sent a batch of messages from {@code from} on the calling
   * thread: a sender that keeps a connection open per mailbox and thread between sends closes it
   * here. Does nothing by default; must not throw.
   */
  default void batchEnded(Mailbox from) {}
}
