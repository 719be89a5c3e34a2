package com.fourrunr.campaign.bench;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEngineBuilder;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.ChannelPlan;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.LeadRecord;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.SendReceipt;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.SequenceStep;
import com.fourrunr.campaign.channel.LinkedInAccount;
import com.fourrunr.campaign.channel.LinkedInSettings;
import com.fourrunr.campaign.channel.TaskStatus;
import com.fourrunr.campaign.csv.CsvLeadSource;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.testing.InMemoryCampaignStore;
import com.fourrunr.campaign.testing.SettableClock;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The LinkedIn fallback's cost on the send path: the last (here the only) email of each campaign is
 * sent and, with LinkedIn on, each lead's connection note is written through the generator and the
 * gates, stored with its event and, in a second run, handed out within the account's caps. Beside
 * it, the same sends with email only, the work the fallback adds to.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LinkedInFallbackBenchmark {
  private static final Instant START = Instant.parse("2026-11-30T08:00:00Z");
  private static final Mailbox FROM = new Mailbox("hello@4runr.example", "4Runr");

  @Param({"1000"})
  int leads;

  List<Lead> valid;

  @Setup
  public void setUp() {
    valid = new ArrayList<>();
    try (Stream<LeadRecord> records =
        CsvLeadSource.of("bench", () -> new StringReader(BenchLeads.csv(leads))).read()) {
      records.forEach(
          r -> {
            if (r instanceof LeadRecord.Valid v && v.lead().emailConfidence().isSendable()) {
              valid.add(
                  v.lead().toBuilder()
                      .linkedinUrl("https://www.linkedin.com/in/" + v.lead().id())
                      .build());
            }
          });
    }
  }

  /** Every lead's one-step campaign, its message due at the start. */
  private InMemoryCampaignStore storeDue() {
    CampaignConfig oneStep =
        CampaignConfig.defaults(FROM)
            .withSequence(new Sequence("one", List.of(new SequenceStep(MessageType.HOOK, 0))));
    InMemoryCampaignStore store = new InMemoryCampaignStore();
    StoreChanges.Builder b = StoreChanges.builder();
    for (Lead lead : valid) {
      b.lead(lead)
          .campaign(Campaign.start("C-" + lead.id(), lead.id(), oneStep, START))
          .message(
              CampaignMessage.pending(
                      "M-" + lead.id(),
                      "C-" + lead.id(),
                      lead.id(),
                      0,
                      MessageType.HOOK,
                      "Hello",
                      "A body for " + lead.id(),
                      null)
                  .withScheduled(START));
    }
    store.commit(b.build());
    return store;
  }

  private CampaignEngineBuilder engine(InMemoryCampaignStore store, SettableClock clock) {
    return CampaignEngine.builder()
        .store(store)
        .sender(email -> new SendReceipt("250 ok"))
        .from(FROM)
        .clock(clock)
        .schedule(SendSchedule.calendarDays());
  }

  @Benchmark
  public int sendLastEmailThenPrepareAndHandOutTasks() {
    InMemoryCampaignStore store = storeDue();
    SettableClock clock = new SettableClock(START);
    CampaignEngine engine =
        engine(store, clock)
            .channels(ChannelPlan.email(), ChannelPlan.linkedIn(0))
            .linkedIn(
                LinkedInSettings.of(
                    new LinkedInAccount("bench", 1_000, 1_000, Duration.ZERO, 300, 600)))
            .build();
    int sent = engine.runDue().sent();
    clock.advance(Duration.ofMinutes(1));
    engine.runDue();
    return sent + engine.channelTasks(TaskStatus.OPEN, null, 10_000).size();
  }

  @Benchmark
  public int baselineSendLastEmailOnly() {
    InMemoryCampaignStore store = storeDue();
    SettableClock clock = new SettableClock(START);
    CampaignEngine engine = engine(store, clock).build();
    int sent = engine.runDue().sent();
    clock.advance(Duration.ofMinutes(1));
    engine.runDue();
    return sent;
  }
}
