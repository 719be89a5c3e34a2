package com.fourrunr.campaign.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignStatus;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** The demo keeps its campaigns in PostgreSQL when it is given a JDBC URL. */
class DemoOnPostgresTest {
  @Test
  void demoRunsOnPostgresqlWhenAJdbcUrlIsGiven() throws Exception {
    try (EmbeddedPostgres pg =
        EmbeddedPostgres.builder()
            // durability is not what this test is about: no fsync makes commits fast
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off")
            .start()) {
      String url = pg.getJdbcUrl("postgres", "postgres");
      StringWriter text = new StringWriter();

      DemoReport report =
          new Demo(null, 10, new PrintWriter(text), new Demo.Database(url, "postgres", null)).run();

      assertThat(text.toString()).contains("store        PostgreSQL, " + url);
      assertThat(report.enrolment().enrolled()).isEqualTo(17);
      assertThat(report.lead(Demo.INTERESTED_LEAD).status()).isEqualTo(CampaignStatus.RESPONDED);
      assertThat(report.lead(Demo.INTERESTED_LEAD).sentSteps()).containsExactly("Hook");
      assertThat(report.deliveredToServer()).isEqualTo(report.totalSent());

      // What the report says is what PostgreSQL holds.
      try (Connection c = DriverManager.getConnection(url)) {
        assertThat(count(c, "SELECT count(*) FROM campaign_campaigns")).isEqualTo(17);
        assertThat(count(c, "SELECT count(*) FROM campaign_leads")).isGreaterThanOrEqualTo(17);
        assertThat(count(c, "SELECT count(*) FROM campaign_messages WHERE status = 'SENT'"))
            .isEqualTo(report.totalSent());
        assertThat(
                text(
                    c,
                    "SELECT status FROM campaign_campaigns WHERE lead_id = ?",
                    Demo.INTERESTED_LEAD))
            .isEqualTo(CampaignStatus.RESPONDED.name());
        assertThat(
                count(
                    c,
                    "SELECT count(*) FROM campaign_replies r JOIN campaign_campaigns k"
                        + " ON r.campaign_id = k.id WHERE k.lead_id = ?",
                    Demo.INTERESTED_LEAD))
            .isPositive();
      }
    }
  }

  private static int count(Connection c, String sql, String... args) throws Exception {
    return Integer.parseInt(text(c, sql, args));
  }

  private static String text(Connection c, String sql, String... args) throws Exception {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setString(i + 1, args[i]);
      }
      try (ResultSet r = s.executeQuery()) {
        assertThat(r.next()).as(sql).isTrue();
        String value = r.getString(1);
        assertThat(r.next()).as("one row for " + sql).isFalse();
        return value;
      }
    }
  }
}
