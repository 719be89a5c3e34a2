package com.fourrunr.campaign;

import com.fourrunr.campaign.quality.SequenceWriter;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.SendLog;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import com.fourrunr.campaign.testing.InMemoryCampaignStore;
import com.fourrunr.campaign.testing.RecordingSender;
import com.fourrunr.campaign.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The engine's parts over the in-memory store, a settable clock and the recording sender, wired as
 * {@link CampaignEngine} wires them, for the tests of one part at a time: one-step campaigns on
 * calendar days.
 */
final class EngineParts {
  static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  static final Mailbox FROM = new Mailbox("hello@4runr.test", "4Runr");
  static final CampaignConfig ONE_STEP =
      CampaignConfig.defaults(FROM)
          .withSequence(new Sequence("one", List.of(new SequenceStep(MessageType.HOOK, 0))));

  final InMemoryCampaignStore store = new InMemoryCampaignStore();
  final SettableClock clock = new SettableClock(NOW);
  final RecordingSender sender = new RecordingSender();

  /** Every event the listeners were told of, in order. */
  final List<CampaignEvent> heard = new ArrayList<>();

  private final AtomicInteger nextId = new AtomicInteger();
  final EngineContext ctx =
      new EngineContext(
          store,
          clock,
          () -> "E-" + nextId.incrementAndGet(),
          ONE_STEP,
          SendSchedule.calendarDays(),
          100,
          List.of(heard::add));
  final CampaignChanges campaigns = new CampaignChanges(ctx);
  final OperatorActions actions = new OperatorActions(ctx, campaigns);
  final MailboxPauses mailboxPauses = new MailboxPauses(ctx);
  final SendLedger ledger = new SendLedger(SendLimits.NONE, new Random(1), SendLog.inMemory());

  Dispatcher dispatcher(SendFailures failures) {
    return new Dispatcher(
        ctx,
        campaigns,
        actions,
        mailboxPauses,
        failures,
        ledger,
        null,
        new Dispatcher.Settings(
            sender,
            100,
            "instance-1",
            Duration.ofMinutes(5),
            QueuePriority.FOLLOW_UPS_FIRST,
            Map.of(),
            null,
            null));
  }

  /**
   * An enroller of one-step campaigns into {@code store} that commits every {@code batchSize}
   * records, with the template generator and new ids from {@code ids} (shared by the enrollers of a
   * test, so that their ids never meet).
   */
  static Enroller enroller(
      CampaignStore store, SettableClock clock, Supplier<String> ids, int batchSize) {
    EngineContext ctx =
        new EngineContext(
            store, clock, ids, ONE_STEP, SendSchedule.calendarDays(), batchSize, List.of());
    return new Enroller(
        ctx, SequenceWriter.builder(new TemplateMessageGenerator()).build(), List.of(FROM));
  }

  /** Lead {@code L-n} of a company of its own, with the data the template generator needs. */
  static Lead worksLead(int n) {
    return Lead.builder("L-" + n, "p" + n + "@works-" + n + ".example")
        .firstName("Pat" + n)
        .company("Works " + n)
        .companyDescription("Works " + n + " makes instruments number " + n + " by hand.")
        .topServices("instruments " + n)
        .emailConfidence(EmailConfidence.REAL)
        .build();
  }

  static Lead lead(String n) {
    return Lead.builder("L-" + n, n + "@acme-" + n + ".test")
        .firstName(n)
        .company("Acme " + n)
        .build();
  }

  /** Stores an active one-step campaign {@code C-n} whose message {@code M-n} is due now. */
  Campaign due(String n) {
    Lead lead = lead(n);
    Campaign c = Campaign.start("C-" + n, lead.id(), ONE_STEP, clock.instant());
    store.commit(
        StoreChanges.builder()
            .lead(lead)
            .campaign(c)
            .message(
                CampaignMessage.pending(
                        "M-" + n,
                        c.id(),
                        lead.id(),
                        0,
                        MessageType.HOOK,
                        "Hello " + n,
                        "Body " + n,
                        null)
                    .withScheduled(clock.instant()))
            .build());
    return c;
  }

  CampaignMessage message(String n) {
    return store.findMessages("C-" + n).get(0);
  }

  List<EventType> heardTypes() {
    return heard.stream().map(CampaignEvent::type).toList();
  }
}
