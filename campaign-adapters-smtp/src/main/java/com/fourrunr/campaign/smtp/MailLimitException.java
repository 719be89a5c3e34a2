package com.fourrunr.campaign.smtp;

/**
 * A mail goes over one of the limits of {@link MimeReplies} ({@link MimeReplies#MAX_DEPTH}, {@link
 * MimeReplies#MAX_PARTS}, {@link MimeReplies#MAX_HEADERS}): it is not read. The message names the
 * limit and its value. {@link InboundWebhook} answers 413 with it; {@link ImapReplySource} keeps
 * the mail for review and reads on.
 */
public final class MailLimitException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String limit;

  MailLimitException(String limit, String message) {
    super(message);
    this.limit = limit;
  }

  /** The name of the limit that was passed, for example {@code MAX_PARTS}. */
  public String limit() {
    return limit;
  }
}
