package com.fourrunr.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.EnrolmentReport;
import com.fourrunr.campaign.EventPayload;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.QueuePriority;
import com.fourrunr.campaign.SendReceipt;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.csv.CsvLeadSource;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import com.fourrunr.campaign.testing.SettableClock;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The plans of the hot queries on a freshly migrated PostgreSQL right after a bulk enrolment
 * through the store's normal write path, with no manual {@code ANALYZE}: the store analyses the
 * tables it filled ({@link TableStatistics}), so a claim reads the due index in order and stops at
 * its limit, the messages of a batch's campaigns are read by their index (no parallel sequential
 * scan), and the open campaigns of an enrolment batch are looked up by lead and address indexes
 * whatever the statistics.
 */
@Tag("postgres")
class PlansAfterBulkEnrolmentOnPostgresTest {
  private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
  private static final Instant DRAIN_AT = T0.plus(Duration.ofDays(2));
  private static final int LEADS = 3_000;
  private static DataSource dataSource;
  private static final StatementLog LOG = new StatementLog();
  private static List<String> analyses = List.of();

  @BeforeAll
  static void enrol() {
    dataSource = Postgres.newDataSource();
    JdbcCampaignStore store = JdbcCampaignStore.createWithoutMigration(LOG.wrap(dataSource));
    CampaignEngine engine =
        CampaignEngine.builder()
            .store(store)
            .sender(email -> new SendReceipt("250 ok"))
            .from(new Mailbox("hello@4runr.test", "4Runr"))
            .clock(new SettableClock(T0))
            .generator(new TemplateMessageGenerator())
            .schedule(SendSchedule.calendarDays())
            // commits of 100 records (30 in all), to show the analyses are fewer than the commits
            .enrolmentBatchSize(100)
            .build();
    EnrolmentReport report =
        engine.enrol(CsvLeadSource.of("leads.csv", () -> new StringReader(csv(LEADS))));
    assertThat(report.enrolled()).isEqualTo(LEADS);
    analyses = LOG.executed.stream().filter(s -> s.startsWith("ANALYZE")).toList();
    System.out.printf(
        "enrolment of %d leads: %d commits, analyses %s%n", LEADS, LOG.commits.get(), analyses);
  }

  @Test
  void theEnrolmentAnalysedTheTablesItFilledAFewTimesNotPerBatch() {
    assertThat(analyses)
        .contains(
            "ANALYZE campaign_messages",
            "ANALYZE campaign_campaigns",
            "ANALYZE campaign_leads",
            "ANALYZE campaign_events");
    // 9,000 messages: analysed at about 1,000, 2,000, 4,000 and 8,000 rows; 3,000 leads and
    // campaigns at about 1,000 and 2,000
    assertThat(analyses.stream().filter(s -> s.equals("ANALYZE campaign_messages")).count())
        .isBetween(1L, 4L);
    assertThat(analyses.stream().filter(s -> s.equals("ANALYZE campaign_leads")).count())
        .isBetween(1L, 2L);
    assertThat(analyses).hasSizeLessThan(LOG.commits.get());
  }

  @Test
  void everyPriorityClassIsClaimedInIndexOrderWithoutASortOfTheDueRows() throws SQLException {
    for (QueuePriority priority : QueuePriority.values()) {
      // one statement claims every class of the priority
      List<Object> params = new ArrayList<>();
      for (int i = 0; i < JdbcClaims.classes(priority).size(); i++) {
        params.addAll(List.of(at(DRAIN_AT), at(DRAIN_AT), Integer.valueOf(100)));
      }
      params.addAll(List.of("planner", at(DRAIN_AT.plusSeconds(300))));
      String plan = explain(JdbcClaims.skipLockedClaim(priority), params);
      System.out.printf("claim, %s:%n%s", priority, plan);
      assertThat(plan)
          .as("%s:%n%s", priority, plan)
          .containsPattern("Index Scan using campaign_messages_due_(by_class|earliest) ")
          .doesNotContain("Bitmap")
          .doesNotContain("Seq Scan")
          .doesNotContain("Sort")
          // no row of another class read and thrown away (no follow-up is due after an enrolment)
          .doesNotContain("Rows Removed by Filter");
    }
  }

  @Test
  void theMessagesOfABatchOfCampaignsAreReadByTheirIndex() throws SQLException {
    List<Object> ids = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      ids.add(campaignId(i * 29));
    }
    String plan = explain(JdbcSetReads.messagesQuery(ids.size()), ids);
    System.out.println("messages of 100 campaigns:\n" + plan);
    assertThat(plan)
        .as(plan)
        .contains("campaign_messages_campaign")
        .doesNotContain("Seq Scan")
        .doesNotContain("Gather");
  }

  @Test
  void theOpenCampaignsOfABatchAreLookedUpByLeadAndByAddress() throws SQLException {
    String plan = explainOpenCampaigns(dataSource);
    System.out.println("open campaigns, after the enrolment:\n" + plan);
    assertThat(plan)
        .as(plan)
        .contains("campaign_campaigns_lead")
        .containsPattern("campaign_leads_email")
        .doesNotContain("campaign_campaigns_by_status")
        .doesNotContain("Seq Scan");
  }

  @Test
  void theOpenCampaignsAreLookedUpByIndexEvenWithoutStatistics() throws SQLException {
    // tables filled by plain SQL, never analysed: the shape alone picks the indexes
    DataSource bare = Postgres.newDataSource();
    try (Connection c = bare.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO campaign_leads (id, email, data)"
              + " SELECT 'L-' || g, 'person' || g || '@company' || g || '.example', '{}'"
              + " FROM generate_series(0, 19999) g");
      s.execute(
          "INSERT INTO campaign_campaigns (id, lead_id, status, status_reason, config,"
              + " created_at, updated_at, version)"
              + " SELECT 'C-' || g, 'L-' || g, CASE WHEN g % 3 = 0 THEN 'COMPLETED' ELSE 'ACTIVE'"
              + " END, '', '{}', now(), now(), 1 FROM generate_series(0, 19999) g");
    }
    String plan = explainOpenCampaigns(bare);
    System.out.println("open campaigns, never analysed:\n" + plan);
    assertThat(plan)
        .as(plan)
        .contains("campaign_campaigns_lead")
        .contains("campaign_leads_email")
        .doesNotContain("campaign_campaigns_by_status")
        .doesNotContain("Seq Scan");
  }

  @Test
  void aLargeFillIsAnalysedALogarithmicNumberOfTimes() {
    DataSource fresh = Postgres.newDataSource();
    StatementLog log = new StatementLog();
    JdbcCampaignStore store = JdbcCampaignStore.createWithoutMigration(log.wrap(fresh));
    int batches = 320;
    for (int b = 0; b < batches; b++) {
      StoreChanges.Builder changes = StoreChanges.builder();
      for (int i = 0; i < 100; i++) {
        String n = b + "-" + i;
        changes.event(
            new CampaignEvent(
                "E-" + n,
                T0,
                "C-" + n,
                "L-" + n,
                null,
                new EventPayload.MessageSent("Hook", "<m" + n + "@4runr.test>", "A", false)));
      }
      store.commit(changes.build());
    }
    long analyses = log.executed.stream().filter(s -> s.equals("ANALYZE campaign_events")).count();
    // 32,000 rows in 320 commits, analysed each time the table has doubled: at 1,000, 2,000,
    // 4,000, 8,000, 16,000 and 32,000 rows
    assertThat(analyses).as(log.executed.toString()).isBetween(5L, 6L);
    assertThat(log.commits.get()).isGreaterThanOrEqualTo(batches);
  }

  @Test
  void sendsRecordedOnStoredMessagesDoNotCountAsGrowth() {
    DataSource fresh = Postgres.newDataSource();
    StatementLog log = new StatementLog();
    JdbcCampaignStore store = JdbcCampaignStore.createWithoutMigration(log.wrap(fresh));
    CampaignConfig config = CampaignConfig.defaults(new Mailbox("hello@4runr.test", "4Runr"));
    for (int b = 0; b < 20; b++) {
      StoreChanges.Builder changes = StoreChanges.builder();
      for (int i = 0; i < 100; i++) {
        String n = b + "-" + i;
        changes
            .campaign(Campaign.start("C-" + n, "L-" + n, config, T0))
            .message(
                CampaignMessage.pending(
                        "M-" + n, "C-" + n, "L-" + n, 0, MessageType.HOOK, "Subject", "Body", null)
                    .withScheduled(T0));
      }
      store.commit(changes.build());
    }
    long whileFilling = analysesOf(log, "campaign_messages");
    // 2,000 rows: analysed at 1,000 and 2,000
    assertThat(whileFilling).as(log.executed.toString()).isBetween(1L, 2L);

    // each message claimed and written as sent, then its delivery written once more: 4,000 writes
    // of rows that exist, which add none
    int sent = 0;
    List<CampaignMessage> batch;
    while (!(batch = store.claimDueMessages(T0, "sender", Duration.ofMinutes(5), 100)).isEmpty()) {
      StoreChanges.Builder claimed = StoreChanges.builder();
      StoreChanges.Builder delivery = StoreChanges.builder();
      for (CampaignMessage m : batch) {
        CampaignMessage done = m.withSending("<" + m.id() + "@4runr.test>").withSent(T0, "250 ok");
        claimed.expectClaim(m.id(), "sender").message(done);
        delivery.messageDelivery(done);
      }
      store.commit(claimed.build());
      store.commit(delivery.build());
      sent += batch.size();
    }
    assertThat(sent).isEqualTo(2_000);
    assertThat(analysesOf(log, "campaign_messages")).isEqualTo(whileFilling);
  }

  private static long analysesOf(StatementLog log, String table) {
    return log.executed.stream().filter(s -> s.equals("ANALYZE " + table)).count();
  }

  /** EXPLAIN of one look-up of 100 leads by id and 100 addresses. */
  private static String explainOpenCampaigns(DataSource on) throws SQLException {
    List<Object> params = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      params.add("L-" + (i * 17));
    }
    for (int i = 0; i < 100; i++) {
      int n = 1_000 + i * 13;
      params.add("person" + n + "@company" + n + ".example");
    }
    return QueryPlans.explainAnalyze(
        on, JdbcSetReads.openCampaignsQuery(Dialect.POSTGRESQL, 100, 100), params);
  }

  private static String explain(String sql, List<Object> params) throws SQLException {
    return QueryPlans.explainAnalyze(dataSource, sql, params);
  }

  private static OffsetDateTime at(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** The id of the campaign of the {@code n}th lead. */
  private static String campaignId(int n) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT id FROM campaign_campaigns WHERE lead_id = ?")) {
      ps.setString(1, "L-" + n);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).as("a campaign of L-%s", n).isTrue();
        return rs.getString(1);
      }
    }
  }

  private static String csv(int rows) {
    StringBuilder s =
        new StringBuilder(
            "id,email,first_name,last_name,title,company,domain,industry,company_size,city,"
                + "region,country,timezone,email_confidence,company_description,top_services,"
                + "tone,linkedin_url\n");
    for (int i = 0; i < rows; i++) {
      s.append("L-")
          .append(i)
          .append(",person")
          .append(i)
          .append("@company")
          .append(i)
          .append(".example,First")
          .append(i)
          .append(",Last")
          .append(i)
          .append(",Head of Growth,Company ")
          .append(i)
          .append(",company")
          .append(i)
          .append(".example,Logistics,51-200,City,Region,DE,Europe/Berlin,Real,")
          .append("\"Company ")
          .append(i)
          .append(" builds things.\",Service A;Service B,,\n");
    }
    return s.toString();
  }
}
