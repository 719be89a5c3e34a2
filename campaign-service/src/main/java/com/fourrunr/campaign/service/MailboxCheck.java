package com.fourrunr.campaign.service;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Whether every mailbox has an SMTP server, for a start without the in-process test server. */
final class MailboxCheck {
  private MailboxCheck() {}

  /**
   * One line naming the problem when mail would have nowhere to go (no mailbox, or a mailbox
   * without {@code CAMPAIGN_SMTP_HOST}), or null when every mailbox has its server.
   */
  static @Nullable String withoutServer(CampaignSettings settings) {
    if (settings.mailboxes().isEmpty()) {
      return "CAMPAIGN_MAILBOX_ADDRESS, CAMPAIGN_SMTP_HOST: no mailbox is configured. Set a mailbox"
          + " and its SMTP server (docs/configuration.md), or run `serve --demo-mail` to send"
          + " every message to an in-process test server that delivers nothing.";
    }
    List<String> without =
        settings.mailboxes().stream()
            .filter(m -> m.smtpConfig() == null)
            .map(m -> m.mailbox().address())
            .toList();
    if (without.isEmpty()) {
      return null;
    }
    return "CAMPAIGN_SMTP_HOST: is required for mailbox "
        + String.join(", ", without)
        + " (without an SMTP server nothing would be delivered). Set CAMPAIGN_SMTP_HOST (or _2"
        + " to _9 for further mailboxes), or run `serve --demo-mail` to send every message to an"
        + " in-process test server that delivers nothing.";
  }
}
