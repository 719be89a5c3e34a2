package com.fourrunr.campaign.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.EmailAddresses;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.EnrolmentReport;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageGenerator;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.Skip;
import com.fourrunr.campaign.SkipReason;
import com.fourrunr.campaign.quality.QualityGates;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.spi.Suppression;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One person, one open campaign, whatever the case, Unicode form or domain form of their address.
 */
class OnePersonOneCampaignTest {
  private static final Instant DAY0 = Instant.parse("2026-03-02T09:00:00Z");

  private final SettableClock clock = new SettableClock(DAY0);
  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private final RecordingSender sender = new RecordingSender();
  private final List<CampaignEvent> heard = new ArrayList<>();

  private CampaignEngine engine(MessageGenerator generator) {
    return CampaignEngine.builder()
        .schedule(SendSchedule.calendarDays())
        .store(store)
        .sender(sender)
        .generator(generator)
        .clock(clock)
        .from(new Mailbox("hello@4runr.test", "4Runr"))
        .listener(heard::add)
        // template copy of made-up leads is alike; that gate is not what these tests are about
        .qualityGates(QualityGates.builder().uniqueness(false).build())
        .build();
  }

  private static Lead lead(String id, String email) {
    return Lead.builder(id, email)
        .firstName("Sam")
        .company("Example Ltd")
        .industry("Computing")
        .topServices("Engine design")
        .emailConfidence(EmailConfidence.REAL)
        .build();
  }

  /** Sends what is due on each of the next days. */
  private void runDays(CampaignEngine engine, int days) {
    for (int d = 0; d <= days; d++) {
      clock.set(DAY0.plus(Duration.ofDays(d)));
      engine.runDue();
    }
  }

  private Map<String, Long> hooksByPerson() {
    return sender.sent().stream()
        .filter(m -> m.inReplyTo() == null)
        .collect(
            Collectors.groupingBy(m -> EmailAddresses.normalise(m.to()), Collectors.counting()));
  }

  @Test
  void caseVariantsUnicodeFormsAndDomainFormsOfOnePersonGetOneHook() {
    CampaignEngine engine = engine(new TemplateMessageGenerator());
    List<Lead> leads =
        List.of(
            lead("L-1", "Same.Person@Example.com"),
            lead("L-2", "same.person@example.com"),
            lead("L-3", "SAME.PERSON@EXAMPLE.COM"),
            lead("L-4", "Jos\u00e9@example.com"), // é as one code point (NFC)
            lead("L-5", "jose\u0301@example.com"), // e + combining acute (NFD)
            lead("L-6", "ada@b\u00fccher.example"), // the domain in Unicode
            lead("L-7", "ada@xn--bcher-kva.example")); // the same domain in punycode

    EnrolmentReport report = engine.enrol(leads);
    runDays(engine, 2);

    assertThat(report.enrolled()).isEqualTo(3);
    assertThat(report.skippedByReason())
        .containsExactly(Map.entry(SkipReason.ALREADY_IN_CAMPAIGN, 4));
    assertThat(report.skips()).extracting(Skip::leadId).containsExactly("L-2", "L-3", "L-5", "L-7");
    assertThat(report.skips())
        .extracting(Skip::detail)
        .allSatisfy(d -> assertThat(d).contains("one open campaign"));
    assertThat(hooksByPerson())
        .containsOnly(
            Map.entry("same.person@example.com", 1L),
            Map.entry("jos\u00e9@example.com", 1L),
            Map.entry("ada@xn--bcher-kva.example", 1L));
  }

  @Test
  void aPersonWithAnOpenCampaignIsSkippedInALaterBatchAndEnrolledAgainOnceItEnded() {
    CampaignEngine engine = engine(new TemplateMessageGenerator());
    engine.enrol(List.of(lead("L-1", "Same.Person@Example.com")));

    EnrolmentReport again = engine.enrol(List.of(lead("L-9", "SAME.PERSON@example.com")));

    assertThat(again.enrolled()).isZero();
    assertThat(again.skips())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.reason()).isEqualTo(SkipReason.ALREADY_IN_CAMPAIGN);
              assertThat(s.detail())
                  .startsWith("email: same.person@example.com already has an open campaign");
            });

    String first = store.findCampaignsByLead("L-1").get(0).id();
    engine.stop(first, "operator");
    assertThat(store.findCampaign(first).orElseThrow().status()).isEqualTo(CampaignStatus.STOPPED);
    assertThat(engine.enrol(List.of(lead("L-9", "SAME.PERSON@example.com"))).enrolled())
        .isEqualTo(1);
  }

  @Test
  void aSuppressedAddressIsNeverEnrolledInAnyOfItsForms() {
    CampaignEngine engine = engine(new TemplateMessageGenerator());
    store.commit(
        StoreChanges.builder()
            .suppression(
                new Suppression("JOSE\u0301@B\u00dcCHER.example", "UNSUBSCRIBE_REQUEST", DAY0))
            .build());

    EnrolmentReport report =
        engine.enrol(
            List.of(
                lead("L-1", "jos\u00e9@xn--bcher-kva.example"),
                lead("L-2", "Jos\u00e9@B\u00fccher.Example")));
    runDays(engine, 3);

    assertThat(report.skippedByReason()).containsExactly(Map.entry(SkipReason.SUPPRESSED, 2));
    assertThat(sender.sent()).isEmpty();
  }

  @Test
  void whenAnotherEnrolmentWinsTheRaceTheStoreRefusalIsACleanSkipAndTheRestOfTheBatchIsCommitted() {
    // Another engine (another instance) enrols the same person after this one checked the store and
    // before it commits its batch: while this one writes its copy.
    CampaignEngine other = engine(new TemplateMessageGenerator());
    AtomicBoolean raced = new AtomicBoolean();
    MessageGenerator templates = new TemplateMessageGenerator();
    MessageGenerator racing =
        request -> {
          if (request.lead().id().equals("L-mine") && raced.compareAndSet(false, true)) {
            assertThat(other.enrol(List.of(lead("L-theirs", "Same.Person@Example.com"))).enrolled())
                .isEqualTo(1);
          }
          return templates.generate(request);
        };
    CampaignEngine engine = engine(racing);

    EnrolmentReport report =
        engine.enrol(
            List.of(
                lead("L-before", "before@example.com"),
                lead("L-mine", "same.person@EXAMPLE.com"),
                lead("L-after", "after@example.com")));
    runDays(engine, 2);

    assertThat(raced).isTrue();
    assertThat(report.enrolled()).isEqualTo(2);
    assertThat(report.skips())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.leadId()).isEqualTo("L-mine");
              assertThat(s.location()).isEqualTo("lead 2");
              assertThat(s.reason()).isEqualTo(SkipReason.ALREADY_IN_CAMPAIGN);
              assertThat(s.detail())
                  .isEqualTo("email: same.person@example.com already has an open campaign");
            });
    assertThat(store.findLead("L-mine")).isEmpty();
    assertThat(store.findLead("L-before")).isPresent();
    assertThat(store.findLead("L-after")).isPresent();
    assertThat(hooksByPerson())
        .containsOnly(
            Map.entry("same.person@example.com", 1L),
            Map.entry("before@example.com", 1L),
            Map.entry("after@example.com", 1L));
    assertThat(heard)
        .filteredOn(e -> e.type() == EventType.LEAD_SKIPPED)
        .extracting(CampaignEvent::leadId)
        .containsExactly("L-mine");
    assertThat(heard)
        .filteredOn(e -> e.type() == EventType.CAMPAIGN_CREATED)
        .extracting(CampaignEvent::leadId)
        .containsExactlyInAnyOrder("L-theirs", "L-before", "L-after");
  }
}
