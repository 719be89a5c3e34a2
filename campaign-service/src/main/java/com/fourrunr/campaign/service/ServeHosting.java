package com.fourrunr.campaign.service;

import com.fourrunr.campaign.jdbc.EmbeddedDatabase;
import com.fourrunr.campaign.ops.HealthReport;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * What a host of {@code campaign serve} (the Spring Boot service) takes from the standalone
 * settings: the database opened with its credentials kept out of every message, the default
 * instance id, and the check that every mailbox has somewhere to send.
 */
public final class ServeHosting {
  private ServeHosting() {}

  /**
   * Opens the configured PostgreSQL database ({@code CAMPAIGN_JDBC_URL}), tried once before the
   * pool starts.
   *
   * @return the pool, or null when the settings use the embedded database
   * @throws IllegalStateException with one line naming the URL without its password when the
   *     database cannot be reached
   */
  public static @Nullable HikariDataSource openDatabase(CampaignSettings settings) {
    if (settings.database().embedded()) {
      return null;
    }
    return DatabaseConnection.open(settings.database(), settings.redaction());
  }

  /**
   * The instance id: {@code CAMPAIGN_INSTANCE_ID}, else one derived from the host name, the
   * configured port and the database's location, the same on every restart of the same service.
   *
   * @param embeddedFile the embedded database's file (without extension), used when no JDBC URL is
   *     configured
   */
  public static String instanceId(CampaignSettings settings, int port, Path embeddedFile) {
    String configured = settings.instanceId();
    if (configured != null) {
      return configured;
    }
    String location =
        settings.database().embedded()
            ? EmbeddedDatabase.dataFile(embeddedFile).toAbsolutePath().normalize().toString()
            : InstanceIds.databaseLocation(
                Objects.requireNonNull(settings.database().jdbcUrl()), settings.database().user());
    return InstanceIds.derive(InstanceIds.hostName(), port, location);
  }

  /**
   * One line naming the problem when mail would have nowhere to go (no mailbox, or a mailbox
   * without {@code CAMPAIGN_SMTP_HOST}), or null when every mailbox has its SMTP server.
   */
  public static @Nullable String mailboxProblem(CampaignSettings settings) {
    return MailboxCheck.withoutServer(settings);
  }

  /**
   * Starts the DNS deliverability checks of the mailboxes' domains (SPF, DKIM, DMARC, MX) on a
   * daemon thread when a mailbox sends through an SMTP server off this machine, and returns what
   * adds their {@code deliverability} component to a health report (its status unchanged; the
   * component says "checking" until the checks end). Without such a mailbox nothing is checked and
   * the report is returned as it is.
   */
  public static UnaryOperator<HealthReport> deliverabilityHealth(CampaignSettings settings) {
    var dns = DeliverabilityChecks.resolverFor(settings);
    if (dns == null) {
      return UnaryOperator.identity();
    }
    DeliverabilityChecks checks = DeliverabilityChecks.start(dns, settings.mailboxes());
    return report -> DeliverabilityChecks.addTo(report, checks);
  }
}
