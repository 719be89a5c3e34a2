package com.fourrunr.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.AlreadyInCampaignException;
import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.spi.CampaignSearch;
import com.fourrunr.campaign.spi.StoreChanges;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migrations 9 and 9.1 on a database written before them, on H2 and on PostgreSQL: every open
 * campaign holds its person's address (where one address had several, the oldest does), ended ones
 * none, and suppressed addresses are in their normalised form.
 */
class OpenEmailMigrationTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final CampaignConfig CONFIG =
      CampaignConfig.defaults(new Mailbox("hello@4runr.test", "4Runr"));

  @TempDir Path dir;

  @Test
  void onTheEmbeddedDatabase() throws SQLException {
    check(EmbeddedDatabase.file(dir.resolve("legacy")), "h2");
  }

  @Test
  @Tag("postgres")
  void onPostgres() throws SQLException {
    String name = "legacy_" + Long.toHexString(System.nanoTime());
    try (Connection c = Postgres.server().getPostgresDatabase().getConnection()) {
      c.createStatement().execute("CREATE DATABASE " + name);
    }
    check(Postgres.server().getDatabase("postgres", name), "postgresql");
  }

  private void check(DataSource ds, String folder) throws SQLException {
    Flyway.configure(JdbcCampaignStore.class.getClassLoader())
        .dataSource(ds)
        .locations("classpath:com/fourrunr/campaign/jdbc/migration/" + folder)
        .table("campaign_schema_history")
        .target("8")
        .load()
        .migrate();
    try (Connection c = ds.getConnection()) {
      lead(c, "L-1", "dup@example.com");
      lead(c, "L-2", "dup@example.com");
      lead(c, "L-3", "solo@example.com");
      campaign(c, "C-old", "L-1", "ACTIVE", T0);
      campaign(c, "C-new", "L-2", "PAUSED", T0.plusSeconds(1));
      campaign(c, "C-solo", "L-3", "HELD", T0);
      campaign(c, "C-done", "L-3", "COMPLETED", T0.minusSeconds(60));
      // lower-cased before, but neither NFC nor the ASCII domain
      suppression(c, "jose\u0301@b\u00fccher.example", T0);
      suppression(c, "ada@example.com", T0);
    }

    // the migrations after V8: V9, its Java part 9.1, V10 (warm-up), V12 (claim by priority
    // class), V13 (campaign search) and its Java part 13.1, V14 (replies by category), V15
    // (claims by owner), V16 (claims of SENDING messages), V17 (claims as HOT updates), V18
    // (the due index across classes), V19 (room for updates in place) and V20 (identity values
    // cached)
    assertThat(JdbcCampaignStore.migrate(ds)).isEqualTo(13);
    JdbcCampaignStore store = JdbcCampaignStore.createWithoutMigration(ds);
    // 13.1 filled the search columns of the rows stored before V13
    assertThat(store.searchCampaignIds(new CampaignSearch(null, null, null, "solo@"), null, 10))
        .containsExactly("C-done", "C-solo");
    assertThat(
            store.searchCampaignIds(
                new CampaignSearch(CampaignStatus.HELD, "hello@4runr.test", "hook-proof-fomo", ""),
                null,
                10))
        .containsExactly("C-solo");

    assertThat(openEmails(ds))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "C-old",
                "dup@example.com",
                "C-new",
                "",
                "C-solo",
                "solo@example.com",
                "C-done",
                ""));
    assertThat(store.isSuppressed("JOS\u00c9@xn--bcher-kva.example")).isTrue();
    assertThat(store.isSuppressed("Ada@Example.com")).isTrue();
    assertThatThrownBy(
            () ->
                store.commit(
                    StoreChanges.builder()
                        .lead(Lead.builder("L-4", "Solo@example.com").build())
                        .campaign(Campaign.start("C-4", "L-4", CONFIG, T0))
                        .build()))
        .isInstanceOf(AlreadyInCampaignException.class);
    // the older duplicate still moves; once every open campaign of the address ended, it is free
    Campaign newer = store.findCampaign("C-new").orElseThrow();
    store.commit(
        StoreChanges.builder()
            .campaign(newer.transitionTo(CampaignStatus.STOPPED, "x", T0))
            .build());
    Campaign old = store.findCampaign("C-old").orElseThrow();
    store.commit(
        StoreChanges.builder()
            .campaign(old.transitionTo(CampaignStatus.COMPLETED, "x", T0))
            .build());
    store.commit(
        StoreChanges.builder()
            .lead(Lead.builder("L-5", "DUP@example.com").build())
            .campaign(Campaign.start("C-5", "L-5", CONFIG, T0))
            .build());
    assertThat(openEmails(ds)).containsEntry("C-5", "dup@example.com").containsEntry("C-old", "");
  }

  private static Map<String, String> openEmails(DataSource ds) throws SQLException {
    Map<String, String> out = new HashMap<>();
    try (Connection c = ds.getConnection();
        ResultSet rs =
            c.createStatement().executeQuery("SELECT id, open_email FROM campaign_campaigns")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(2) == null ? "" : rs.getString(2));
      }
    }
    return out;
  }

  private static void lead(Connection c, String id, String email) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO campaign_leads (id, email, data) VALUES (?, ?, ?)")) {
      ps.setString(1, id);
      ps.setString(2, email);
      ps.setString(3, Json.write(Lead.builder(id, email).build()));
      ps.executeUpdate();
    }
  }

  private static void campaign(
      Connection c, String id, String leadId, String status, Instant created) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO campaign_campaigns (id, lead_id, status,"
                + " status_reason, config, created_at, updated_at, resume_at, version)"
                + " VALUES (?, ?, ?, '', ?, ?, ?, NULL, 0)")) {
      ps.setString(1, id);
      ps.setString(2, leadId);
      ps.setString(3, status);
      ps.setString(4, Json.write(CONFIG));
      ps.setObject(5, OffsetDateTime.ofInstant(created, ZoneOffset.UTC));
      ps.setObject(6, OffsetDateTime.ofInstant(created, ZoneOffset.UTC));
      ps.executeUpdate();
    }
  }

  private static void suppression(Connection c, String email, Instant at) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO campaign_suppressions (email, reason, suppressed_at) VALUES (?, 'BOUNCE_HARD', ?)")) {
      ps.setString(1, email);
      ps.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
      ps.executeUpdate();
    }
  }
}
