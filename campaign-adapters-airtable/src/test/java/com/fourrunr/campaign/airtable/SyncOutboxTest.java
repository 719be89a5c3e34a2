package com.fourrunr.campaign.airtable;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.jdbc.EmbeddedDatabase;
import com.fourrunr.campaign.jdbc.JdbcCampaignStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Both outboxes coalesce the same way; the JDBC one also keeps its queue across a restart. */
class SyncOutboxTest {
  @TempDir static Path dir;

  static DataSource newDatabase() {
    DataSource ds = EmbeddedDatabase.file(dir.resolve("outbox-" + UUID.randomUUID()));
    JdbcCampaignStore.migrate(ds);
    return ds;
  }

  static Stream<Arguments> outboxes() {
    return Stream.of(
        Arguments.of("in memory", (Supplier<SyncOutbox>) InMemorySyncOutbox::new),
        Arguments.of("JDBC", (Supplier<SyncOutbox>) () -> JdbcSyncOutbox.create(newDatabase())));
  }

  private static Map<String, Object> fields(Object... nameValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      m.put((String) nameValues[i], nameValues[i + 1]);
    }
    return m;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outboxes")
  void tenChangesToOneRecordBecomeOnePendingUpdateWithTheLatestValues(
      String name, Supplier<SyncOutbox> make) {
    SyncOutbox outbox = make.get();
    for (int i = 1; i <= 10; i++) {
      outbox.put("rec1", fields("Total_Campaign_Opens", i, "Campaign_Status", "Active"));
    }
    outbox.put("rec2", fields("Campaign_Status", "Paused"));
    outbox.put("rec1", fields("Responded_Step", "Hook", "Campaign_Status", "Responded"));

    assertThat(outbox.size()).isEqualTo(2);
    List<PendingUpdate> pending = outbox.peek(10);
    assertThat(pending).extracting(PendingUpdate::recordKey).containsExactly("rec1", "rec2");
    assertThat(pending.get(0).fields())
        .containsEntry("Total_Campaign_Opens", 10)
        .containsEntry("Campaign_Status", "Responded")
        .containsEntry("Responded_Step", "Hook")
        .hasSize(3);
    assertThat(outbox.peek(1)).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outboxes")
  void acknowledgingKeepsAFieldThatChangedWhileItWasBeingWritten(
      String name, Supplier<SyncOutbox> make) {
    SyncOutbox outbox = make.get();
    outbox.put("rec1", fields("Campaign_Status", "Active", "Hook_Status", "Sent", "Flag", true));
    PendingUpdate sent = outbox.peek(1).get(0);
    outbox.put("rec1", fields("Campaign_Status", "Paused"));

    outbox.acknowledge(sent);

    assertThat(outbox.pending("rec1"))
        .hasValueSatisfying(
            p -> assertThat(p.fields()).containsExactly(Map.entry("Campaign_Status", "Paused")));
    outbox.acknowledge(outbox.peek(1).get(0));
    assertThat(outbox.pending("rec1")).isEmpty();
    assertThat(outbox.size()).isZero();
  }

  @Test
  void jdbcOutboxKeepsItsQueueAcrossARestart() {
    DataSource ds = newDatabase();
    JdbcSyncOutbox.create(ds)
        .put("rec1", fields("Campaign_Status", "Active", "Total_Campaign_Clicks", 2));

    SyncOutbox afterRestart = JdbcSyncOutbox.create(ds);

    assertThat(afterRestart.peek(10))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.fields())
                    .containsEntry("Campaign_Status", "Active")
                    .containsEntry("Total_Campaign_Clicks", 2));
  }
}
