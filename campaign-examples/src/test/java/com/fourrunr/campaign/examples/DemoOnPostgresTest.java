package com.fourrunr.campaign.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignStatus;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
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
    }
  }
}
