package com.fourrunr.campaign.sample;

import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.Lead;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** One embedded PostgreSQL for the test run, a new database per test, and a GreenMail server. */
final class TestInfrastructure {
  /** A Monday, inside the 09:00-11:30 window in UTC. */
  static final Instant DAY0 = Instant.parse("2026-03-02T10:00:00Z");

  private static EmbeddedPostgres server;

  private TestInfrastructure() {}

  static synchronized EmbeddedPostgres postgres() {
    if (server == null) {
      try {
        server =
            EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not start", e);
      }
    }
    return server;
  }

  /** A new empty database; its JDBC URL. */
  static String newDatabaseUrl() {
    return postgres().getJdbcUrl("postgres", newDatabase());
  }

  /** A new empty database; its name. */
  static String newDatabase() {
    String name = "s_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    try (Connection c = postgres().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return name;
  }

  static GreenMail startSmtp() {
    GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    return mail;
  }

  private static final String[][] PEOPLE = {
    {
      "Ada",
      "Analytical Engines",
      "Analytical Engines builds programmable calculating machines.",
      "Engine design",
      "Computing"
    },
    {
      "Grace",
      "Navy Labs",
      "Navy Labs writes compilers for the fleet's computers.",
      "Compilers",
      "Defence"
    },
    {
      "Katherine",
      "Orbit Works",
      "Orbit Works computes launch trajectories for satellite operators.",
      "Trajectory analysis",
      "Aerospace"
    },
    {
      "Edsger",
      "Shortest Path",
      "Shortest Path plans delivery routes for regional couriers.",
      "Route planning",
      "Logistics"
    },
    {
      "Barbara",
      "Abstract Data",
      "Abstract Data designs storage systems for hospital records.",
      "Storage design",
      "Healthcare"
    },
    {
      "Donald",
      "Typeset Press",
      "Typeset Press prints mathematics textbooks for universities.",
      "Typesetting",
      "Publishing"
    }
  };

  /** Up to six distinct leads, person1@example.com ... */
  static List<Lead> leads(int count) {
    List<Lead> leads = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      String[] p = PEOPLE[i - 1];
      leads.add(
          Lead.builder("L-" + i, "person" + i + "@example.com")
              .firstName(p[0])
              .company(p[1])
              .companyDescription(p[2])
              .topServices(p[3])
              .industry(p[4])
              .emailConfidence(EmailConfidence.REAL)
              .build());
    }
    return leads;
  }

  /** The properties every test gives the sample application (the rest is its application.yml). */
  static String[] properties(String databaseUrl, int smtpPort) {
    return new String[] {
      "spring.datasource.url=" + databaseUrl,
      "spring.datasource.username=postgres",
      "spring.datasource.password=",
      // A list given in a higher property source replaces the YAML's list as a whole.
      "campaign.mailboxes[0].address=hello@4runr.example",
      "campaign.mailboxes[0].smtp.host=127.0.0.1",
      "campaign.mailboxes[0].smtp.port=" + smtpPort,
      "campaign.mailboxes[0].smtp.security=NONE",
      "campaign.instance-id=sample-test",
      "campaign.sequence.interval-unit=CALENDAR_DAYS",
      "campaign.send.days=MON-SUN",
      "campaign.send.jitter=false",
      "campaign.send.country-holidays=false",
      "campaign.limits.mailbox-per-day=0",
      "campaign.store.embedded-path=target/unused/campaign"
    };
  }
}
