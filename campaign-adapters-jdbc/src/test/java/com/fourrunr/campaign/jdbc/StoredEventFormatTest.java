package com.fourrunr.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.EventPayload;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.StoreChanges;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event rows as the store wrote them before payloads were typed (a JSON map, no format marker) read
 * back as typed payloads; new rows carry the format marker.
 */
class StoredEventFormatTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  @TempDir Path dir;

  @Test
  void rowsWrittenBeforeTypedPayloadsReadAsTypedEventsOnTheEmbeddedDatabase() throws SQLException {
    readsOldRows(EmbeddedDatabase.file(dir.resolve("old-rows")));
  }

  @Test
  @Tag("postgres")
  void rowsWrittenBeforeTypedPayloadsReadAsTypedEventsOnPostgres() throws SQLException {
    readsOldRows(Postgres.newDataSource());
  }

  @Test
  @Tag("postgres")
  void newRowsCarryTheFormatMarkerOnPostgres() throws SQLException {
    writesTheMarker(Postgres.newDataSource());
  }

  private void readsOldRows(DataSource ds) throws SQLException {
    CampaignStore store = JdbcCampaignStore.create(ds);
    try (Connection c = ds.getConnection()) {
      // The JSON exactly as JdbcCampaignStore wrote it from the attribute maps (Jackson, insertion
      // order).
      row(
          c,
          "E-1",
          "CAMPAIGN_CREATED",
          0,
          null,
          "{\"sequence\":\"hook-proof-fomo\",\"steps\":\"3\",\"tokens\":\"420\",\"zone\":\"Europe/Berlin\","
              + "\"zoneSource\":\"timezone\"}");
      row(
          c,
          "E-2",
          "MESSAGE_SENT",
          1,
          "M-1",
          "{\"step\":\"Hook\",\"messageId\":\"<m1@4runr.test>\",\"variant\":\"B\",\"variantTiming\":\"true\"}");
      row(
          c,
          "E-3",
          "REPLY_CLASSIFIED",
          2,
          "M-1",
          "{\"replyId\":\"R-1\",\"category\":\"OUT_OF_OFFICE\",\"action\":\"campaign PAUSED\","
              + "\"evidence\":\"auto-reply header\",\"confidence\":\"0.95\",\"receivedAt\":\"2026-03-02T10:00:00Z\","
              + "\"step\":\"Hook\",\"returnDate\":\"2026-03-16\"}");
      row(
          c,
          "E-4",
          "MESSAGE_CHECKED",
          3,
          "M-1",
          "{\"step\":\"Hook\",\"stepIndex\":\"0\",\"passed\":\"false\",\"generator\":\"openai\","
              + "\"promptVersion\":\"v3\",\"model\":\"gpt-4o-mini\",\"promptTokens\":\"300\","
              + "\"completionTokens\":\"120\",\"attempts\":\"2\",\"generatorCalls\":\"3\",\"fallback\":\"template\","
              + "\"fallbackReason\":\"gates failed\",\"verdict.length\":\"FAIL 0.400 too long\"}");
      row(
          c,
          "E-5",
          "ALERT_RAISED",
          4,
          null,
          "{\"subject\":\"hello@4runr.test\",\"rule\":\"bounce-rate\","
              + "\"reason\":\"bounce rate 9%\"}");
      // An odd old row: missing keys, a value that does not parse, a key nobody knows.
      row(c, "E-6", "MESSAGE_FAILED", 5, "M-2", "{\"attempts\":\"many\",\"legacy\":\"x\"}");
      row(c, "E-7", "CAMPAIGN_PAUSED", 6, null, "{}");
    }

    List<CampaignEvent> events = store.findEvents("C-1");

    assertThat(events)
        .extracting(CampaignEvent::payload)
        .containsExactly(
            new EventPayload.CampaignCreated(
                "hook-proof-fomo",
                3,
                420,
                Map.of("zone", "Europe/Berlin", "zoneSource", "timezone")),
            new EventPayload.MessageSent("Hook", "<m1@4runr.test>", "B", true),
            new EventPayload.ReplyClassified(
                "R-1",
                ReplyCategory.OUT_OF_OFFICE,
                "campaign PAUSED",
                "auto-reply header",
                0.95,
                Instant.parse("2026-03-02T10:00:00Z"),
                "Hook",
                LocalDate.parse("2026-03-16")),
            new EventPayload.MessageChecked(
                "Hook",
                0,
                false,
                "openai",
                "v3",
                "gpt-4o-mini",
                300,
                120,
                2,
                3,
                "template",
                "gates failed",
                Map.of("length", "FAIL 0.400 too long"),
                null,
                false),
            new EventPayload.AlertRaised(
                Map.of("subject", "hello@4runr.test"),
                "bounce-rate",
                "bounce rate 9%",
                null,
                null,
                null,
                false),
            new EventPayload.MessageFailed("", 0, false, null, false),
            new EventPayload.CampaignPaused("", null));
    assertThat(events.get(1).messageId()).isEqualTo("M-1");
    assertThat(events.get(1).occurredAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(((EventPayload.CampaignCreated) events.get(0).payload()).zone())
        .isEqualTo("Europe/Berlin");
  }

  @Test
  void newRowsCarryTheFormatMarkerAndReadBackEqual() throws SQLException {
    writesTheMarker(EmbeddedDatabase.file(dir.resolve("new-rows")));
  }

  private void writesTheMarker(DataSource ds) throws SQLException {
    CampaignStore store = JdbcCampaignStore.create(ds);
    CampaignEvent sent =
        new CampaignEvent(
            "E-9",
            T0,
            "C-9",
            "L-9",
            "M-9",
            new EventPayload.MessageSent("Proof", "<m9@4runr.test>", "A", false));

    store.commit(StoreChanges.builder().event(sent).build());

    assertThat(store.findEvents("C-9")).containsExactly(sent);
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT attributes FROM campaign_events WHERE id = 'E-9'");
        ResultSet rs = ps.executeQuery()) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1))
          .isEqualTo(
              "{\"@format\":\"2\",\"step\":\"Proof\",\"messageId\":\"<m9@4runr.test>\",\"variant\":\"A\"}");
    }
  }

  private static void row(
      Connection c, String id, String type, int second, String messageId, String json)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO campaign_events "
                + "(id, type, occurred_at, campaign_id, lead_id, message_id, attributes) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, id);
      ps.setString(2, type);
      ps.setObject(3, OffsetDateTime.ofInstant(T0.plusSeconds(second), ZoneOffset.UTC));
      ps.setString(4, "C-1");
      ps.setString(5, "L-1");
      ps.setString(6, messageId);
      ps.setString(7, json);
      ps.executeUpdate();
    }
  }
}
