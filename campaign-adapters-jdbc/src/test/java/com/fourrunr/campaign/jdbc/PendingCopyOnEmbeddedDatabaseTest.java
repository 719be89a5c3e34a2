package com.fourrunr.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.BatchGenerator;
import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.EnrolmentReport;
import com.fourrunr.campaign.GeneratedMessage;
import com.fourrunr.campaign.GenerationRequest;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.SkipReason;
import com.fourrunr.campaign.spi.CampaignSearch;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import com.fourrunr.campaign.testing.RecordingSender;
import com.fourrunr.campaign.testing.SettableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Campaigns waiting for their copy from a model batch are kept by the JDBC store: they hold their
 * person like an open campaign, the status search finds them, and a new engine on a reopened
 * database settles them.
 */
class PendingCopyOnEmbeddedDatabaseTest {
  private static final Instant DAY0 = Instant.parse("2026-03-02T09:00:00Z");

  @TempDir Path dir;

  /** A batch that answers every request with the template's copy once it is told it has ended. */
  static final class TemplateBatch implements BatchGenerator {
    final Map<String, GeneratedMessage> answers = new LinkedHashMap<>();
    boolean ended;

    @Override
    public Submission submit(List<Request> requests) {
      TemplateMessageGenerator template = new TemplateMessageGenerator();
      // the requests come step by step for each campaign; each step is written on the ones before
      List<GeneratedMessage> previous = new java.util.ArrayList<>();
      for (Request r : requests) {
        GenerationRequest q = r.request();
        if (q.stepIndex() == 0) {
          previous.clear();
        }
        GeneratedMessage m =
            template.generate(
                new GenerationRequest(
                    q.lead(), q.sequence(), q.stepIndex(), previous, q.variant()));
        previous.add(m);
        answers.put(r.customId(), m);
      }
      return new Submission(
          "batch_1", "gpt-4o-mini", 1_000L * requests.size(), 500L * requests.size());
    }

    @Override
    public Outcome check(String batchId) {
      return ended
          ? new Outcome(State.ENDED, answers, Map.of(), "status completed")
          : Outcome.pending("in_progress");
    }
  }

  private CampaignEngine engine(CampaignStore store, BatchGenerator batch) {
    return CampaignEngine.builder()
        .store(store)
        .sender(new RecordingSender())
        .clock(new SettableClock(DAY0))
        .schedule(SendSchedule.calendarDays())
        .from(new Mailbox("hello@4runr.test", "4Runr"))
        .batchGenerator(batch)
        .build();
  }

  private static Lead lead(String id, String email) {
    return Lead.builder(id, email)
        .firstName("Ada")
        .company("Analytical Engines")
        .companyDescription("Analytical Engines builds programmable calculating machines.")
        .topServices("Engine design")
        .emailConfidence(EmailConfidence.REAL)
        .build();
  }

  @Test
  void pendingCampaignsHoldTheirPersonAndSurviveARestart() {
    Path file = dir.resolve("campaign");
    TemplateBatch batch = new TemplateBatch();
    CampaignStore store = JdbcCampaignStore.create(EmbeddedDatabase.file(file));
    CampaignEngine engine = engine(store, batch);

    EnrolmentReport report = engine.enrol(List.of(lead("L-1", "ada@example.com")));
    EnrolmentReport again = engine.enrol(List.of(lead("L-2", "ada@example.com")));

    assertThat(report.pendingCopy()).isEqualTo(1);
    assertThat(report.tokens()).isEqualTo(4_500);
    assertThat(report.estimatedCost()).isGreaterThan(0);
    assertThat(again.skippedByReason()).containsEntry(SkipReason.ALREADY_IN_CAMPAIGN, 1);
    assertThat(
            store.searchCampaignIds(
                new CampaignSearch(CampaignStatus.PENDING_COPY, null, null, ""), null, 10))
        .hasSize(1);
    Campaign pending = store.findCampaignsByLead("L-1").get(0);
    assertThat(pending.status()).isEqualTo(CampaignStatus.PENDING_COPY);
    assertThat(pending.statusReason()).isEqualTo("copy batch batch_1");
    assertThat(engine.pollCopyBatches().activated()).isZero();

    batch.ended = true;
    CampaignStore reopened = JdbcCampaignStore.create(EmbeddedDatabase.file(file));
    assertThat(engine(reopened, batch).pollCopyBatches().activated()).isEqualTo(1);

    Campaign active = reopened.findCampaignsByLead("L-1").get(0);
    assertThat(active.status()).isEqualTo(CampaignStatus.ACTIVE);
    assertThat(reopened.findMessages(active.id())).hasSize(3);
  }
}
