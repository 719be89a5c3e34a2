package com.fourrunr.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.EventPayload;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.StoreChanges;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the embedded database the events' order (the identity column {@code seq}, which H2 hands out
 * from a cache of 100,000 values, migration V20) survives a process killed hard: a child JVM
 * commits events and dies without any shutdown (Runtime.halt) with most of the cached values
 * unused; the events committed after the restart come after every event committed before it, by
 * campaign and by type, and paging by type after the last event before the kill finds exactly the
 * new ones.
 */
class EventOrderAfterHardKillTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final int BEFORE = 40;
  private static final int AFTER = 40;
  private static final int HALT_STATUS = 78;

  @TempDir Path dir;

  @Test
  void eventsCommittedAfterAHardKillComeAfterThoseBefore() throws Exception {
    Path file = dir.resolve("events");
    Process child = ChildJvms.start(Child.class, file.toString());
    List<String> lines = ChildJvms.readAll(child);
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child exited; output %s", lines).isTrue();
    assertThat(child.exitValue()).as("halted, output %s", lines).isEqualTo(HALT_STATUS);
    assertThat(lines).contains("committed " + BEFORE);

    DataSource ds = EmbeddedDatabase.file(file);
    CampaignStore store = JdbcCampaignStore.create(ds);
    assertThat(identityCache(ds)).as("identity values cached per refill").isEqualTo(100_000L);
    for (int i = 0; i < AFTER; i++) {
      store.commit(StoreChanges.builder().event(event("E-after-" + i)).build());
    }

    List<String> expected = new ArrayList<>();
    for (int i = 0; i < BEFORE; i++) {
      expected.add("E-before-" + i);
    }
    for (int i = 0; i < AFTER; i++) {
      expected.add("E-after-" + i);
    }
    assertThat(store.findEvents("C-1").stream().map(CampaignEvent::id).toList())
        .containsExactlyElementsOf(expected);
    assertThat(
            store.findEventsByType(EventType.MESSAGE_SENT, null, 1_000).stream()
                .map(CampaignEvent::id)
                .toList())
        .containsExactlyElementsOf(expected);
    assertThat(
            store
                .findEventsByType(EventType.MESSAGE_SENT, "E-before-" + (BEFORE - 1), 1_000)
                .stream()
                .map(CampaignEvent::id)
                .toList())
        .containsExactlyElementsOf(expected.subList(BEFORE, BEFORE + AFTER));
  }

  /** The cache of the identity column of {@code campaign_events}, as H2 describes it. */
  private static long identityCache(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS"
                    + " WHERE TABLE_NAME = 'CAMPAIGN_EVENTS' AND COLUMN_NAME = 'SEQ'")) {
      assertThat(rs.next()).as("the identity sequence of campaign_events").isTrue();
      return rs.getLong(1);
    }
  }

  private static CampaignEvent event(String id) {
    return new CampaignEvent(
        id,
        T0,
        "C-1",
        "L-1",
        "M-1",
        new EventPayload.MessageSent("Hook", "<" + id + "@4runr.test>", null, false));
  }

  /** The child: commits events one by one, then dies without closing the database. */
  static final class Child {
    public static void main(String[] args) {
      CampaignStore store = JdbcCampaignStore.create(EmbeddedDatabase.file(Path.of(args[0])));
      for (int i = 0; i < BEFORE; i++) {
        store.commit(StoreChanges.builder().event(event("E-before-" + i)).build());
      }
      System.out.println("committed " + BEFORE);
      System.out.flush();
      Runtime.getRuntime().halt(HALT_STATUS); // no shutdown hooks: H2 is not closed
    }
  }
}
