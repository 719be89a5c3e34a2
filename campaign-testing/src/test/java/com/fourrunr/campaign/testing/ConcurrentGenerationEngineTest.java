package com.fourrunr.campaign.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.EnrolmentReport;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.GeneratedMessage;
import com.fourrunr.campaign.GenerationException;
import com.fourrunr.campaign.GenerationInfo;
import com.fourrunr.campaign.GenerationRequest;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageGenerator;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.SkipReason;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Enrolment asks the generator for a batch's sequences concurrently, never more at once than the
 * generator's {@link MessageGenerator#maxConcurrency()}, and still runs the gates and stores the
 * campaigns in lead order: the outcome equals the sequential run's.
 */
class ConcurrentGenerationEngineTest {
  private static final Instant DAY0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final MessageGenerator TEMPLATE = new TemplateMessageGenerator();

  /**
   * Answers each request the same way whatever the thread, and records how many calls overlap: the
   * first {@code bound} calls each wait (bounded) until {@code bound} calls are in flight together.
   */
  static final class OverlapGenerator implements MessageGenerator {
    private final int bound;
    private final CountDownLatch together;
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicInteger calls = new AtomicInteger();
    final Set<String> threads = ConcurrentHashMap.newKeySet();

    OverlapGenerator(int bound) {
      this.bound = bound;
      this.together = new CountDownLatch(bound);
    }

    @Override
    public int maxConcurrency() {
      return bound;
    }

    @Override
    public GeneratedMessage generate(GenerationRequest r) {
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      calls.incrementAndGet();
      threads.add(Thread.currentThread().getName());
      try {
        together.countDown();
        if (!together.await(10, TimeUnit.SECONDS)) {
          throw new GenerationException("the other calls never came");
        }
        return write(r);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GenerationException("interrupted");
      } finally {
        inFlight.decrementAndGet();
      }
    }

    private static GeneratedMessage write(GenerationRequest r) {
      String id = r.lead().id();
      if (id.equals("L-boom")) {
        throw new GenerationException("the model is down");
      }
      GenerationInfo info = new GenerationInfo("test", "v1", "test-model", 100, 40, 1);
      if (id.equals("L-loud")) {
        return new GeneratedMessage("Hi", "Hi {{first_name}}, act now!!", null, info);
      }
      if (id.startsWith("L-twin")) {
        // the twins work at the same firm: the second is written the first one's text
        return TEMPLATE.generate(
            new GenerationRequest(twin(1), r.sequence(), r.stepIndex(), r.previous(), r.variant()));
      }
      return TEMPLATE.generate(r);
    }
  }

  private static Lead lead(String n) {
    return Lead.builder("L-" + n, n + "@" + n + "-works.example")
        .firstName(n.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + n.substring(1))
        .company(n + " Works")
        .companyDescription(n + " Works makes " + n + " instruments by hand in small series.")
        .topServices(n + " instruments")
        .emailConfidence(EmailConfidence.REAL)
        .build();
  }

  private static Lead twin(int n) {
    return Lead.builder("L-twin" + n, "twin" + n + "@twin-works.example")
        .firstName("Robin")
        .company("Twin Works")
        .companyDescription("Twin Works makes paired instruments by hand in small series.")
        .topServices("paired instruments")
        .emailConfidence(EmailConfidence.REAL)
        .build();
  }

  private static List<Lead> leads() {
    List<Lead> out = new ArrayList<>();
    String[] names = {
      "ash", "birch", "twin1", "cedar", "boom", "dogwood", "elm", "loud", "twin2", "fir", "ginkgo",
      "hazel", "ash", "juniper", "kauri", "larch", "maple", "nutmeg"
    };
    for (String n : names) {
      out.add(n.startsWith("twin") ? twin(n.charAt(4) - '0') : lead(n));
    }
    return out;
  }

  /** What an enrolment left: the report, and each campaign in creation order with its copy. */
  private record Outcome(EnrolmentReport report, List<String> campaigns) {}

  private static Outcome enrol(MessageGenerator generator) {
    InMemoryCampaignStore store = new InMemoryCampaignStore();
    CampaignEngine engine =
        CampaignEngine.builder()
            .store(store)
            .sender(new RecordingSender())
            .clock(new SettableClock(DAY0))
            .schedule(SendSchedule.calendarDays())
            .from(new Mailbox("hello@4runr.test", "4Runr"))
            .batchSize(10)
            .generator(generator)
            .build();
    EnrolmentReport report = engine.enrol(leads());
    List<String> campaigns = new ArrayList<>();
    for (CampaignEvent e : store.events()) {
      if (e.type() != EventType.CAMPAIGN_CREATED) {
        continue;
      }
      Campaign c = store.findCampaign(e.campaignId()).orElseThrow();
      StringBuilder s =
          new StringBuilder(
              c.leadId() + " " + c.status() + " " + c.statusReason() + " " + c.config().from());
      for (CampaignMessage m : store.findMessages(c.id())) {
        s.append(" | ")
            .append(m.stepIndex())
            .append(' ')
            .append(m.subject())
            .append(' ')
            .append(m.textBody())
            .append(' ')
            .append(m.status())
            .append(' ')
            .append(m.scheduledAt());
      }
      campaigns.add(s.toString());
    }
    return new Outcome(report, campaigns);
  }

  @Test
  void aBatchIsWrittenConcurrentlyWithinTheBoundAndEndsAsTheSequentialRunDoes() {
    OverlapGenerator sequential = new OverlapGenerator(1);
    OverlapGenerator concurrent = new OverlapGenerator(4);

    Outcome one = enrol(sequential);
    Outcome four = enrol(concurrent);

    assertThat(sequential.maxInFlight.get()).isEqualTo(1);
    assertThat(concurrent.maxInFlight.get()).isEqualTo(4);
    // drafts on the enrolment's threads; a retry after failed gates on the caller's, in turn
    assertThat(concurrent.threads.stream().filter(t -> t.startsWith("campaign-drafts-")))
        .hasSize(4);
    // same campaigns, in the same order, with the same copy, statuses and schedule
    assertThat(four.campaigns()).containsExactlyElementsOf(one.campaigns());
    assertThat(four.report()).isEqualTo(one.report());
    // the gates saw the messages in lead order: the second twin is the near-duplicate
    assertThat(four.campaigns())
        .anySatisfy(c -> assertThat(c).startsWith("L-twin1 ACTIVE"))
        .anySatisfy(c -> assertThat(c).startsWith("L-twin2 HELD").contains("uniqueness"))
        .anySatisfy(c -> assertThat(c).startsWith("L-loud HELD"));
    // one failing lead skips only itself; the repeated lead is skipped as before
    assertThat(four.report().read()).isEqualTo(18);
    assertThat(four.report().skippedByReason())
        .containsEntry(SkipReason.GENERATION_FAILED, 1)
        .containsEntry(SkipReason.ALREADY_IN_CAMPAIGN, 1);
    assertThat(four.report().enrolled()).isEqualTo(16);
    assertThat(four.campaigns().stream().filter(c -> c.contains(" ACTIVE ")).count())
        .isGreaterThan(10);
    assertThat(four.campaigns().get(0)).contains(CampaignStatus.ACTIVE.name());
  }

  @Test
  void aGeneratorOfOneCallAtATimeIsCalledOnTheCallersThread() {
    OverlapGenerator one = new OverlapGenerator(1);

    enrol(one);

    assertThat(one.maxInFlight.get()).isEqualTo(1);
    assertThat(one.threads).containsExactly(Thread.currentThread().getName());
  }
}
