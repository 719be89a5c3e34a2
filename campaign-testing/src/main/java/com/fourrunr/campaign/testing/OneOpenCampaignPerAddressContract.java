package com.fourrunr.campaign.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.AlreadyInCampaignException;
import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.spi.Suppression;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One person, one open campaign: the part of the store contract ({@link CampaignStoreContract} runs
 * it) that keys people by their normalised address ({@link
 * com.fourrunr.campaign.EmailAddresses#normalise}). A commit that would open a second campaign
 * (active, paused or held) for an address with an open campaign is refused whole with an {@link
 * AlreadyInCampaignException}; suppression is looked up by the same key.
 */
public interface OneOpenCampaignPerAddressContract {
  /** The store under test. */
  CampaignStore storeUnderTest();

  /** A moment the cases below use. */
  Instant AT = Instant.parse("2026-03-02T09:00:00Z");

  /** The configuration of the campaigns below. */
  CampaignConfig CAMPAIGN_CONFIG =
      CampaignConfig.defaults(new Mailbox("hello@4runr.test", "4Runr"));

  private static StoreChanges enrolment(String leadId, String email, String campaignId) {
    return enrolment(
        Lead.builder(leadId, email).build(),
        Campaign.start(campaignId, leadId, CAMPAIGN_CONFIG, AT));
  }

  private static StoreChanges enrolment(Lead lead, Campaign campaign) {
    CampaignMessage m =
        CampaignMessage.pending(
                campaign.id() + "-m0",
                campaign.id(),
                lead.id(),
                0,
                MessageType.HOOK,
                "Hello",
                "Body",
                null)
            .withScheduled(AT);
    return StoreChanges.builder()
        .lead(lead)
        .campaign(campaign)
        .message(m)
        .event(
            CampaignEvent.fromStored(
                campaign.id() + "-e",
                EventType.CAMPAIGN_CREATED,
                AT,
                campaign.id(),
                lead.id(),
                null,
                Map.of()))
        .build();
  }

  @Test
  default void aSecondOpenCampaignForTheSameAddressInAnyCaseIsRefusedWithNothingWritten() {
    CampaignStore store = storeUnderTest();
    store.commit(enrolment("L-1", "Same.Person@Example.com", "C-1"));

    for (String variant : List.of("same.person@example.com", "SAME.PERSON@EXAMPLE.COM")) {
      String leadId = "L-" + variant.hashCode();
      assertThatThrownBy(() -> store.commit(enrolment(leadId, variant, "C-" + variant.hashCode())))
          .isInstanceOf(AlreadyInCampaignException.class)
          .satisfies(
              e ->
                  assertThat(((AlreadyInCampaignException) e).email())
                      .isEqualTo("same.person@example.com"));
      assertThat(store.findLead(leadId)).isEmpty();
      assertThat(store.findCampaign("C-" + variant.hashCode())).isEmpty();
      assertThat(store.findMessages("C-" + variant.hashCode())).isEmpty();
      assertThat(store.findEvents("C-" + variant.hashCode())).isEmpty();
    }
    assertThat(store.findLeadsByEmail("SAME.person@example.COM"))
        .extracting(Lead::id)
        .containsExactly("L-1");
  }

  @Test
  default void composedAndDecomposedUnicodeAndBothFormsOfADomainAreOneAddress() {
    CampaignStore store = storeUnderTest();
    store.commit(enrolment("L-nfc", "Jos\u00e9@B\u00fccher.example", "C-nfc"));

    assertThatThrownBy(
            () -> store.commit(enrolment("L-nfd", "jose\u0301@xn--bcher-kva.example", "C-nfd")))
        .isInstanceOf(AlreadyInCampaignException.class);
    assertThat(store.findCampaign("C-nfd")).isEmpty();
    assertThat(store.findLeadsByEmail("JOSE\u0301@B\u00dcCHER.EXAMPLE"))
        .extracting(Lead::id)
        .containsExactly("L-nfc");
  }

  @Test
  default void twoOpenCampaignsForOneAddressInOneCommitAreRefused() {
    CampaignStore store = storeUnderTest();
    Lead a = Lead.builder("L-a", "ada@example.com").build();
    Lead b = Lead.builder("L-b", "ADA@example.com").build();
    StoreChanges both =
        StoreChanges.builder()
            .lead(a)
            .lead(b)
            .campaign(Campaign.start("C-a", "L-a", CAMPAIGN_CONFIG, AT))
            .campaign(Campaign.start("C-b", "L-b", CAMPAIGN_CONFIG, AT))
            .build();

    assertThatThrownBy(() -> store.commit(both)).isInstanceOf(AlreadyInCampaignException.class);
    assertThat(store.findCampaign("C-a")).isEmpty();
    assertThat(store.findCampaign("C-b")).isEmpty();
  }

  @Test
  default void pausedAndHeldCampaignsHoldTheAddressAndAnEndedOneFreesIt() {
    CampaignStore store = storeUnderTest();
    store.commit(enrolment("L-1", "ada@example.com", "C-1"));
    Campaign c1 = store.findCampaign("C-1").orElseThrow();
    // open to open: the holder moves freely
    Campaign paused = c1.pausedUntil(null, "operator", AT);
    store.commit(StoreChanges.builder().campaign(paused).build());
    assertThatThrownBy(() -> store.commit(enrolment("L-2", "ada@example.com", "C-2")))
        .isInstanceOf(AlreadyInCampaignException.class);
    Campaign resumed = paused.transitionTo(CampaignStatus.ACTIVE, "resumed", AT);
    store.commit(StoreChanges.builder().campaign(resumed).build());

    store.commit(
        StoreChanges.builder()
            .campaign(resumed.transitionTo(CampaignStatus.COMPLETED, "done", AT))
            .build());
    Lead held = Lead.builder("L-2", "Ada@Example.com").build();
    store.commit(enrolment(held, Campaign.held("C-2", "L-2", CAMPAIGN_CONFIG, AT, "review")));
    assertThatThrownBy(() -> store.commit(enrolment("L-3", "ada@example.com", "C-3")))
        .isInstanceOf(AlreadyInCampaignException.class);

    Campaign c2 = store.findCampaign("C-2").orElseThrow();
    store.commit(
        StoreChanges.builder()
            .campaign(c2.transitionTo(CampaignStatus.STOPPED, "dropped", AT))
            .build());
    store.commit(enrolment("L-3", "ada@example.com", "C-3"));
    assertThat(store.findCampaign("C-3")).isPresent();
  }

  @Test
  default void theSameLeadCannotHoldTwoOpenCampaignsEither() {
    CampaignStore store = storeUnderTest();
    store.commit(enrolment("L-1", "ada@example.com", "C-1"));

    assertThatThrownBy(() -> store.commit(enrolment("L-1", "ada@example.com", "C-2")))
        .isInstanceOf(AlreadyInCampaignException.class);
    assertThat(store.findCampaignsByLead("L-1")).extracting(Campaign::id).containsExactly("C-1");
  }

  @Test
  default void suppressionIsLookedUpByTheNormalisedAddress() {
    CampaignStore store = storeUnderTest();
    store.commit(
        StoreChanges.builder()
            .suppression(
                new Suppression("Jose\u0301@B\u00dcCHER.example", "UNSUBSCRIBE_REQUEST", AT))
            .build());

    assertThat(store.isSuppressed("jos\u00e9@xn--bcher-kva.example")).isTrue();
    assertThat(store.isSuppressed(" JOS\u00c9@b\u00fccher.EXAMPLE ")).isTrue();
    // dots and plus tags are other mailboxes
    assertThat(store.isSuppressed("jo.s\u00e9@b\u00fccher.example")).isFalse();
    assertThat(store.isSuppressed("jos\u00e9+x@b\u00fccher.example")).isFalse();
  }

  @Test
  default void ofManyConcurrentEnrolmentsOfOneAddressExactlyOneIsStored() throws Exception {
    CampaignStore store = storeUnderTest();
    int writers = 8;
    for (int round = 0; round < 5; round++) {
      String email = "Round" + round + ".Person@Example.com";
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      try {
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
          String id = round + "-" + i;
          // every case spelling of the address, under its own lead id
          String spelling = i % 2 == 0 ? email.toUpperCase(java.util.Locale.ROOT) : email;
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    try {
                      store.commit(enrolment("L-" + id, spelling, "C-" + id));
                      return true;
                    } catch (AlreadyInCampaignException e) {
                      return false;
                    }
                  }));
        }
        start.countDown();
        int wins = 0;
        for (Future<Boolean> r : results) {
          if (r.get(30, TimeUnit.SECONDS)) {
            wins++;
          }
        }
        assertThat(wins).as("round %d", round).isEqualTo(1);
        List<Lead> stored = store.findLeadsByEmail(email);
        assertThat(stored).hasSize(1);
        assertThat(store.findCampaignsByLead(stored.get(0).id())).hasSize(1);
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
