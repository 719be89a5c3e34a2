package com.fourrunr.campaign.examples;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignRunner;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.csv.CsvLeadSource;
import com.fourrunr.campaign.jdbc.EmbeddedDatabase;
import com.fourrunr.campaign.jdbc.JdbcCampaignStore;
import com.fourrunr.campaign.jdbc.JdbcReplyIntakeState;
import com.fourrunr.campaign.smtp.ImapConfig;
import com.fourrunr.campaign.smtp.ImapReplySource;
import com.fourrunr.campaign.smtp.SmtpConfig;
import com.fourrunr.campaign.smtp.SmtpSender;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The complete embedding example of {@code docs/embedding.md}: a host service's whole wiring,
 * compiled with the project so the guide cannot drift from the API.
 */
public final class EmbeddingExample {
  private EmbeddingExample() {}

  /**
   * Wires the engine, enrols a CSV and starts the runner; the host keeps the runner until it shuts
   * down.
   */
  public static CampaignRunner start(Path leadsCsv, String smtpPassword, String imapPassword) {
    DataSource database =
        EmbeddedDatabase.file(Path.of("campaign-data/campaign")); // or a PostgreSQL pool
    CampaignEngine engine =
        CampaignEngine.builder()
            .store(JdbcCampaignStore.create(database)) // migrates the schema
            .sender(
                SmtpSender.create(
                    SmtpConfig.builder("smtp.example.com", 587)
                        .security(SmtpConfig.Security.STARTTLS)
                        .credentials("hello@4runr.com", smtpPassword)
                        .build()))
            .from(new Mailbox("hello@4runr.com", "4Runr"))
            .replySource(
                ImapReplySource.create(
                    ImapConfig.builder("imap.example.com", 993, "hello@4runr.com", imapPassword)
                        .build(),
                    JdbcReplyIntakeState.create(database)))
            .build(); // template generator, default gates and schedule
    engine.enrol(CsvLeadSource.of(leadsCsv)); // one bad row is reported, the others go on
    CampaignRunner runner = CampaignRunner.create(engine, Duration.ofMinutes(1), true);
    runner.start(); // runDue() + pollReplies() every minute
    return runner; // runner.close() on shutdown
  }
}
