package com.fourrunr.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.testing.InMemoryCampaignStore;
import com.fourrunr.campaign.testing.SettableClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * An enrolment commits a batch while it reads, checks and writes the next one: commits stay one at
 * a time and in order, the people of the batch being committed are still caught in the next one
 * with the details the store would give, and a failed commit fails the enrolment.
 */
class EnrolmentCommitHandOverTest {
  private final InMemoryCampaignStore stored = new InMemoryCampaignStore();
  private final SettableClock clock = new SettableClock(EngineParts.NOW);
  private final AtomicInteger nextId = new AtomicInteger();

  /** What happened, in order: "lookup" for a batch's suppression query, "commit N" for a commit. */
  private final List<String> steps = new CopyOnWriteArrayList<>();

  private CampaignStore store(CountDownLatch secondLookup, boolean failFirstCommit) {
    AtomicInteger lookups = new AtomicInteger();
    AtomicInteger commits = new AtomicInteger();
    return (CampaignStore)
        Proxy.newProxyInstance(
            CampaignStore.class.getClassLoader(),
            new Class<?>[] {CampaignStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("findSuppressed")) {
                steps.add("lookup");
                if (lookups.incrementAndGet() == 2) {
                  secondLookup.countDown();
                }
              } else if (method.getName().equals("commit")) {
                int n = commits.incrementAndGet();
                if (n == 1) {
                  // the first batch's commit waits (bounded) until the second batch is looked up
                  secondLookup.await(10, TimeUnit.SECONDS);
                  if (failFirstCommit) {
                    throw new IllegalStateException("campaign database: disk full");
                  }
                }
                steps.add("commit " + n);
              }
              try {
                return method.invoke(stored, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private Enroller enroller(CampaignStore store, int batchSize) {
    return EngineParts.enroller(store, clock, () -> "E-" + nextId.incrementAndGet(), batchSize);
  }

  private static Lead lead(int n) {
    return EngineParts.worksLead(n);
  }

  @Test
  void theNextBatchIsReadWhileABatchCommitsAndItsPeopleAreStillCaught() {
    CountDownLatch secondLookup = new CountDownLatch(1);
    Lead sameAddressAsOne =
        Lead.builder("L-other", "P1@Works-1.example").emailConfidence(EmailConfidence.REAL).build();

    EnrolmentReport report =
        enroller(store(secondLookup, false), 2)
            .enrol(
                List.of(
                    lead(1),
                    lead(2), // batch 1
                    sameAddressAsOne, // batch 2: the person of L-1, whose batch is committing
                    lead(1), // L-1 again
                    lead(3))); // batch 3

    // batch 2 was looked up before batch 1's commit ended; the commits kept their order
    assertThat(steps.subList(0, 3)).containsExactly("lookup", "lookup", "commit 1");
    assertThat(steps.stream().filter(s -> s.startsWith("commit")))
        .containsExactly("commit 1", "commit 2", "commit 3");
    assertThat(report.enrolled()).isEqualTo(3);
    String campaignOfOne = stored.findCampaignsByLead("L-1").get(0).id();
    assertThat(report.skips())
        .extracting(Skip::reason, Skip::detail)
        .containsExactly(
            Tuple.tuple(
                SkipReason.ALREADY_IN_CAMPAIGN,
                OnePersonOneCampaign.alreadyOpen("p1@works-1.example", campaignOfOne)),
            Tuple.tuple(
                SkipReason.ALREADY_IN_CAMPAIGN, "id: lead L-1 already has an open campaign"));
    assertThat(stored.findCampaignsByLead("L-1")).hasSize(1);
    assertThat(stored.findCampaignsByLead("L-other")).isEmpty();
    assertThat(stored.findCampaignsByLead("L-3")).hasSize(1);
  }

  @Test
  void aBatchWhoseCommitFailsFailsTheEnrolmentBeforeTheNextBatchIsCommitted() {
    CountDownLatch secondLookup = new CountDownLatch(1);
    Enroller enroller = enroller(store(secondLookup, true), 2);

    assertThatThrownBy(() -> enroller.enrol(List.of(lead(1), lead(2), lead(3), lead(4))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("campaign database: disk full");
    assertThat(steps).doesNotContain("commit 2");
    assertThat(stored.findCampaignsByLead("L-1")).isEmpty();
    assertThat(stored.findCampaignsByLead("L-3")).isEmpty();
  }
}
