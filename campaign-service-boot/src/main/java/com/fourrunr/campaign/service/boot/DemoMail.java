package com.fourrunr.campaign.service.boot;

import com.fourrunr.campaign.service.CampaignSettings;
import com.fourrunr.campaign.service.LocalMailServer;
import com.fourrunr.campaign.smtp.MailboxSettings;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code serve --demo-mail}: every mailbox without an SMTP server (or the demo mailbox {@value
 * #DEMO_ADDRESS} when none is configured) sends to the in-process test server.
 */
final class DemoMail {
  static final String DEMO_ADDRESS = "hello@4runr.example";

  /** The property that is {@code true} when the in-process server was started. */
  static final String PROPERTY = "serve.demo-mail";

  /** What every console page and the report say while demo mail is on. */
  static final String NOTICE =
      "DEMO MAIL: every message goes to the in-process test SMTP server and is never delivered.";

  private DemoMail() {}

  /**
   * Starts the in-process server when a mailbox needs it and points those mailboxes at it.
   *
   * @return the started server, or null when none was needed or none was given
   */
  static @Nullable LocalMailServer start(
      CampaignSettings settings,
      LocalMailServer.@Nullable Starter starter,
      Map<String, Object> properties) {
    if (starter == null) {
      return null;
    }
    List<MailboxSettings> mailboxes = settings.mailboxes();
    boolean needed =
        mailboxes.isEmpty() || mailboxes.stream().anyMatch(m -> m.smtpConfig() == null);
    if (!needed) {
      return null;
    }
    LocalMailServer local = starter.start();
    properties.put(PROPERTY, "true");
    if (mailboxes.isEmpty()) {
      properties.put("campaign.mailboxes[0].address", DEMO_ADDRESS);
      properties.put("campaign.mailboxes[0].name", "4Runr");
      point(properties, 0, local);
    }
    for (int i = 0; i < mailboxes.size(); i++) {
      if (mailboxes.get(i).smtpConfig() == null) {
        point(properties, i, local);
      }
    }
    return local;
  }

  private static void point(Map<String, Object> properties, int i, LocalMailServer local) {
    String prefix = "campaign.mailboxes[" + i + "].smtp.";
    properties.put(prefix + "host", local.host());
    properties.put(prefix + "port", String.valueOf(local.port()));
    properties.put(prefix + "security", "NONE");
  }
}
