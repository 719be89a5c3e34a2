package com.fourrunr.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.spi.CampaignPage;
import com.fourrunr.campaign.spi.CampaignSearch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The operator's campaign list on a real PostgreSQL holding 100,000 campaigns: the first page, a
 * deep keyset page, a status filter, a mailbox filter and a name search each read through an index
 * and touch about one page of rows (no sequential scan; no plan node reads more than four pages of
 * rows), whatever the table size; so do the last events of a page (300,000 events stored). Plans
 * are checked with {@code EXPLAIN ANALYZE}; nothing is timed.
 */
@Tag("postgres")
class CampaignSearchPlanOnPostgresTest {
  private static final int CAMPAIGNS = 100_000;
  private static final int PAGE = 50;
  private static final CampaignConfig HELLO =
      CampaignConfig.defaults(new Mailbox("hello@4runr.test", "4Runr"));
  private static final CampaignConfig SALES =
      CampaignConfig.defaults(new Mailbox("sales@4runr.test", "Sales"));
  private static DataSource dataSource;

  @BeforeAll
  static void storeAHundredThousandCampaigns() throws SQLException {
    dataSource = Postgres.newDataSource();
    // one lead's JSON as the store writes it, with markers the insert replaces for each row
    String leadJson =
        Json.write(
            Lead.builder("L-000000", "p000000@example.com")
                .firstName("Fname")
                .lastName("Lname")
                .company("Cname")
                .build());
    // first names cycle through 40; every 2,000th lead is a Zelda (50 of them)
    String first =
        "CASE WHEN g % 2000 = 7 THEN 'Zelda' ELSE (ARRAY['Ada','Bob','Cy','Di','Ed',"
            + "'Flo','Gus','Hal','Ida','Jo','Kay','Lu','Max','Ned','Ola','Pia','Quin','Ray','Sue',"
            + "'Tom','Uma','Vic','Wes','Xia','Yan','Al','Bea','Cal','Dot','Eli','Fay','Gil','Hugo',"
            + "'Ivy','Jay','Kim','Leo','Mia','Nia','Oz'])[g % 40 + 1] END";
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TEMP TABLE gen AS SELECT g, 'L-' || lpad(g::text, 6, '0') AS id,"
              + " 'p' || g || '@co' || (g % 997) || '.example' AS email, "
              + first
              + " AS first, 'Last' || (g % 5000) AS last, 'Company ' || (g % 3000) AS company"
              + " FROM generate_series(1, "
              + CAMPAIGNS
              + ") g");
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO campaign_leads (id, email, data, name_lc, last_name_lc, company_lc)"
                  + " SELECT id, email, replace(replace(replace(replace(replace(?, 'L-000000', id),"
                  + " 'p000000@example.com', email), 'Fname', first), 'Lname', last), 'Cname',"
                  + " company), lower(first || ' ' || last), lower(last), lower(company)"
                  + " FROM gen")) {
        ps.setString(1, leadJson);
        ps.executeUpdate();
      }
      // statuses: 6 in 10 active, 2 paused, 1 completed, 1 held; two mailboxes alternate
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO campaign_campaigns (id, lead_id, status, status_reason, config,"
                  + " created_at, updated_at, version, mailbox, sequence_name)"
                  + " SELECT 'C-' || lpad(g::text, 6, '0'), id,"
                  + " (ARRAY['ACTIVE','ACTIVE','ACTIVE','ACTIVE','ACTIVE','ACTIVE','PAUSED',"
                  + "'PAUSED','COMPLETED','HELD'])[g % 10 + 1], 'seeded',"
                  + " CASE WHEN g % 2 = 0 THEN ? ELSE ? END, now(), now(), 0,"
                  + " CASE WHEN g % 2 = 0 THEN 'hello@4runr.test' ELSE 'sales@4runr.test' END,"
                  + " 'hook-proof-fomo' FROM gen")) {
        ps.setString(1, Json.write(HELLO));
        ps.setString(2, Json.write(SALES));
        ps.executeUpdate();
      }
      // three events per campaign, interleaved across campaigns as a running engine stores them
      s.execute(
          "INSERT INTO campaign_events (id, type, occurred_at, campaign_id, lead_id, attributes)"
              + " SELECT 'E-' || lpad(g::text, 6, '0') || '-' || n,"
              + " CASE WHEN n = 1 THEN 'CAMPAIGN_CREATED' ELSE 'MESSAGE_SCHEDULED' END,"
              + " now(), 'C-' || lpad(g::text, 6, '0'), id, '{}'"
              + " FROM generate_series(1, 3) n CROSS JOIN gen ORDER BY n, g");
      s.execute("ANALYZE campaign_leads");
      s.execute("ANALYZE campaign_campaigns");
      s.execute("ANALYZE campaign_events");
    }
  }

  @Test
  void theFirstPageReadsOnePageThroughTheIndex() throws SQLException {
    checkPlan("first page", CampaignSearch.all(), null);
  }

  @Test
  void aDeepKeysetPageReadsOnePageThroughTheIndex() throws SQLException {
    checkPlan("deep page", CampaignSearch.all(), "C-090000");
  }

  @Test
  void aStatusFilterReadsOnePageThroughItsIndex() throws SQLException {
    checkPlan("status HELD", new CampaignSearch(CampaignStatus.HELD, null, null, ""), null);
    checkPlan(
        "status PAUSED, deep",
        new CampaignSearch(CampaignStatus.PAUSED, null, null, ""),
        "C-080000");
  }

  @Test
  void aMailboxFilterReadsOnePageThroughItsIndex() throws SQLException {
    checkPlan("mailbox", new CampaignSearch(null, "sales@4runr.test", null, ""), "C-050000");
  }

  @Test
  void aNameSearchReadsOnlyTheMatchingLeads() throws SQLException {
    String plan = checkPlan("search zelda", new CampaignSearch(null, null, null, "Zelda"), null);
    assertThat(plan).contains("campaign_leads_name_prefix");
    checkPlan("search email", new CampaignSearch(null, null, null, "p4242@"), null);
  }

  @Test
  void aPagesLastEventsAreReadInOneQueryThroughTheEventIndex() throws SQLException {
    List<Object> page = new ArrayList<>();
    for (int i = 0; i < PAGE; i++) {
      page.add(String.format("C-%06d", 60_000 + i * 7));
    }
    String plan =
        checkPlan("last events of a page", JdbcLastEvents.sql(Dialect.POSTGRESQL, PAGE), page);
    assertThat(plan).contains("campaign_events_campaign");
    JdbcCampaignStore store = JdbcCampaignStore.createWithoutMigration(dataSource);
    assertThat(store.findLastEvents(page.stream().map(String.class::cast).toList()))
        .hasSize(PAGE)
        .allSatisfy((id, e) -> assertThat(e.id()).isEqualTo("E-" + id.substring(2) + "-3"));
  }

  @Test
  void theStoreAnswersThePagesTheseQueriesServe() {
    JdbcCampaignStore store = JdbcCampaignStore.createWithoutMigration(dataSource);
    CampaignPage first = store.searchCampaigns(CampaignSearch.all(), null, PAGE);
    assertThat(first.rows()).hasSize(PAGE);
    assertThat(first.next()).isEqualTo("C-000050");
    CampaignPage zeldas =
        store.searchCampaigns(new CampaignSearch(null, null, null, "zelda"), null, 100);
    assertThat(zeldas.rows()).hasSize(CAMPAIGNS / 2000);
    assertThat(zeldas.rows()).allMatch(r -> r.lead().firstName().equals("Zelda"));
    CampaignPage held =
        store.searchCampaigns(
            new CampaignSearch(CampaignStatus.PAUSED, "hello@4runr.test", null, ""),
            "C-050000",
            10);
    assertThat(held.rows())
        .hasSize(10)
        .allMatch(
            r ->
                r.campaign().status() == CampaignStatus.PAUSED
                    && r.campaign().config().from().address().equals("hello@4runr.test")
                    && r.campaign().id().compareTo("C-050000") > 0);
  }

  private static final Pattern ACTUAL = Pattern.compile("actual rows=(\\d+) loops=(\\d+)");

  /** Checks the plan of one page query and returns it. */
  private static String checkPlan(String name, CampaignSearch search, @Nullable String after)
      throws SQLException {
    List<Object> params = new ArrayList<>();
    String sql = JdbcCampaignSearch.sql(search, after, params);
    params.add(PAGE + 1);
    return checkPlan(name, sql, params);
  }

  /** Checks the plan of one query and returns it. */
  private static String checkPlan(String name, String sql, List<Object> params)
      throws SQLException {
    String plan = QueryPlans.explainAnalyze(dataSource, sql, params);
    assertThat(plan).as("%s:%n%s", name, plan).contains("Index").doesNotContain("Seq Scan");
    long most = 0;
    Matcher m = ACTUAL.matcher(plan);
    while (m.find()) {
      most = Math.max(most, Long.parseLong(m.group(1)) * Long.parseLong(m.group(2)));
    }
    assertThat(most)
        .as("%s: the most rows one plan node reads, of %d campaigns:%n%s", name, CAMPAIGNS, plan)
        .isPositive()
        .isLessThanOrEqualTo(4L * (PAGE + 1));
    System.out.printf(
        "[campaign search plan] %s: at most %d rows in a plan node%n%s%n", name, most, plan);
    return plan;
  }
}
