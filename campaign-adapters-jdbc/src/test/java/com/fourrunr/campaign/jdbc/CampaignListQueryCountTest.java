package com.fourrunr.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.spi.CampaignPage;
import com.fourrunr.campaign.spi.CampaignRow;
import com.fourrunr.campaign.spi.CampaignSearch;
import com.fourrunr.campaign.spi.StoreChanges;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's campaign list page of 50 campaigns reads the last events of the whole page with one
 * statement, on H2 and on PostgreSQL, and a page costs the same number of statements whatever its
 * size. Statements are counted by a data source that records the SQL of every statement prepared.
 */
class CampaignListQueryCountTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final CampaignConfig CONFIG =
      CampaignConfig.defaults(new Mailbox("hello@4runr.test", "4Runr"));
  private static final int PAGE = 50;

  @TempDir static Path dir;

  @Test
  void aPageOfFiftyReadsItsLastEventsWithOneStatementOnH2() {
    checkOnePageOfFifty(() -> EmbeddedDatabase.file(dir.resolve("count")));
  }

  @Test
  void aPageOfFiftyReadsItsLastEventsWithOneStatementOnPostgres() {
    checkOnePageOfFifty(Postgres::newDataSource);
  }

  private static void checkOnePageOfFifty(Supplier<DataSource> database) {
    DataSource real = database.get();
    JdbcCampaignStore.migrate(real);
    StatementLog log = new StatementLog();
    List<String> statements = log.prepared;
    JdbcCampaignStore store = JdbcCampaignStore.createWithoutMigration(log.wrap(real));
    storeCampaigns(store, 120);

    statements.clear();
    CampaignPage page = store.searchCampaigns(CampaignSearch.all(), null, PAGE);

    assertThat(page.rows()).hasSize(PAGE);
    assertThat(page.rows())
        .allSatisfy(
            r ->
                assertThat(r.lastEvent())
                    .extracting(CampaignEvent::id)
                    .isEqualTo("E-" + r.campaign().id() + "-3"));
    List<String> eventReads =
        statements.stream().filter(sql -> sql.contains("campaign_events")).toList();
    assertThat(eventReads).as("statements reading events: %s", statements).hasSize(1);
    int perPageOfFifty = statements.size();

    statements.clear();
    CampaignPage small = store.searchCampaigns(CampaignSearch.all(), null, 5);
    assertThat(small.rows()).extracting(CampaignRow::campaign).hasSize(5);
    assertThat(statements).as("statements for a page of 5").hasSize(perPageOfFifty);
  }

  /** {@code count} campaigns C-000..., each with three events, E-<id>-3 stored last. */
  private static void storeCampaigns(JdbcCampaignStore store, int count) {
    StoreChanges.Builder b = StoreChanges.builder();
    for (int i = 0; i < count; i++) {
      String lead = String.format("L-%03d", i);
      String id = String.format("C-%03d", i);
      b.lead(Lead.builder(lead, "p" + i + "@example.com").firstName("P" + i).build());
      b.campaign(Campaign.start(id, lead, CONFIG, T0));
      for (int n = 1; n <= 3; n++) {
        b.event(
            CampaignEvent.fromStored(
                "E-" + id + "-" + n,
                n == 1 ? EventType.CAMPAIGN_CREATED : EventType.MESSAGE_SCHEDULED,
                T0.plusSeconds(n),
                id,
                lead,
                null,
                Map.of()));
      }
    }
    store.commit(b.build());
  }
}
