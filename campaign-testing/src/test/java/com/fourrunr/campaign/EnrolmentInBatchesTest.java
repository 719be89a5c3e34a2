package com.fourrunr.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.spi.Suppression;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import com.fourrunr.campaign.testing.InMemoryCampaignStore;
import com.fourrunr.campaign.testing.SettableClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Enrolment reads the store once per batch (one suppression query, one open-campaign query), not
 * once per lead, and commits each batch together, with the same skips and reasons as before.
 */
class EnrolmentInBatchesTest {
  private final InMemoryCampaignStore stored = new InMemoryCampaignStore();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final CampaignStore store =
      (CampaignStore)
          Proxy.newProxyInstance(
              CampaignStore.class.getClassLoader(),
              new Class<?>[] {CampaignStore.class},
              (proxy, method, args) -> {
                calls.computeIfAbsent(method.getName(), k -> new AtomicInteger()).incrementAndGet();
                try {
                  return method.invoke(stored, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });
  private final SettableClock clock = new SettableClock(EngineParts.NOW);
  private final AtomicInteger nextId = new AtomicInteger();

  private Enroller enroller(int batchSize) {
    return EngineParts.enroller(store, clock, () -> "E-" + nextId.incrementAndGet(), batchSize);
  }

  private static Lead lead(int n) {
    return EngineParts.worksLead(n);
  }

  private int calls(String method) {
    AtomicInteger n = calls.get(method);
    return n == null ? 0 : n.get();
  }

  @Test
  void eachBatchMakesOneSuppressionQueryAndOneOpenCampaignQuery() {
    List<Lead> leads = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      leads.add(lead(i));
    }

    EnrolmentReport report = enroller(100).enrol(leads);

    assertThat(report.enrolled()).isEqualTo(250);
    assertThat(calls("findSuppressed")).isEqualTo(3);
    assertThat(calls("findOpenCampaigns")).isEqualTo(3);
    assertThat(calls("commit")).isEqualTo(3);
    assertThat(calls("isSuppressed")).isZero();
    assertThat(calls("findCampaignsByLead")).isZero();
    assertThat(calls("findLeadsByEmail")).isZero();
  }

  @Test
  void duplicatesWithinABatchAndAcrossBatchesAndStoredCampaignsAreSkippedWithTheirReasons() {
    Lead stored0 = lead(0);
    enroller(10).enrol(List.of(stored0));
    stored.commit(
        StoreChanges.builder()
            .suppression(new Suppression("p3@works-3.example", "unsubscribed", clock.instant()))
            .build());
    Lead sameAddress =
        Lead.builder("L-other", "P1@Works-1.example").emailConfidence(EmailConfidence.REAL).build();

    EnrolmentReport report =
        enroller(4)
            .enrol(
                List.of(
                    lead(1), // batch 1
                    sameAddress, // same person as the lead before it, in the same batch
                    lead(0), // has an open campaign in the store
                    lead(3), // suppressed
                    lead(1), // batch 2: enrolled in batch 1
                    Lead.builder("L-again", "p0@works-0.example")
                        .emailConfidence(EmailConfidence.REAL)
                        .build(), // stored person
                    lead(5)));

    assertThat(report.read()).isEqualTo(7);
    assertThat(report.enrolled()).isEqualTo(2);
    assertThat(report.skips())
        .extracting(Skip::reason, Skip::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                SkipReason.ALREADY_IN_CAMPAIGN,
                "email: p1@works-1.example is enrolled earlier in this batch (one person, one open"
                    + " campaign)"),
            org.assertj.core.groups.Tuple.tuple(
                SkipReason.ALREADY_IN_CAMPAIGN, "id: lead L-0 already has an open campaign"),
            org.assertj.core.groups.Tuple.tuple(
                SkipReason.SUPPRESSED, "email: p3@works-3.example is suppressed"),
            org.assertj.core.groups.Tuple.tuple(
                SkipReason.ALREADY_IN_CAMPAIGN, "id: lead L-1 already has an open campaign"),
            org.assertj.core.groups.Tuple.tuple(
                SkipReason.ALREADY_IN_CAMPAIGN,
                OnePersonOneCampaign.alreadyOpen(
                    "p0@works-0.example", stored.findCampaignsByLead("L-0").get(0).id())));
    assertThat(stored.findCampaignsByLead("L-5")).hasSize(1);
  }

  private CampaignEngineBuilder engine() {
    return CampaignEngine.builder()
        .store(store)
        .sender(email -> new SendReceipt("250 ok"))
        .from(EngineParts.FROM)
        .clock(clock)
        .generator(new TemplateMessageGenerator());
  }

  private static List<Lead> leads(int n) {
    List<Lead> leads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      leads.add(lead(i));
    }
    return leads;
  }

  @Test
  void anEngineCommitsAnEnrolmentEveryHundredRecordsByDefault() {
    assertThat(CampaignEngine.DEFAULT_ENROLMENT_BATCH_SIZE).isEqualTo(100);
    EnrolmentReport report = engine().build().enrol(leads(1_250));

    assertThat(report.enrolled()).isEqualTo(1_250);
    assertThat(calls("commit")).isEqualTo(13);
    assertThat(calls("findSuppressed")).isEqualTo(13);
    assertThat(calls("findOpenCampaigns")).isEqualTo(13);
  }

  @Test
  void aBatchSizeSetAppliesToEnrolmentUnlessAnEnrolmentBatchSizeIsSet() {
    engine().batchSize(100).build().enrol(leads(250));
    assertThat(calls("commit")).isEqualTo(3);

    calls.clear();
    engine().batchSize(100).enrolmentBatchSize(40).build().enrol(leads(250).subList(0, 80));
    // the 80 leads are enrolled already: two batches of 40, each committing its skips
    assertThat(calls("commit")).isEqualTo(2);
  }

  @Test
  void anEnrolmentBatchSizeOutOfRangeIsRefusedByName() {
    assertThatThrownBy(() -> engine().enrolmentBatchSize(0).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("enrolmentBatchSize");
    assertThatThrownBy(() -> engine().enrolmentBatchSize(10_001).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("enrolmentBatchSize");
  }
}
