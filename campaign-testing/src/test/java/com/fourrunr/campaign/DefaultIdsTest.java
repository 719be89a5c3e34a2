package com.fourrunr.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.template.TemplateMessageGenerator;
import com.fourrunr.campaign.testing.InMemoryCampaignStore;
import com.fourrunr.campaign.testing.SettableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The engine's default ids are time-ordered UUIDs on the engine's clock (so a database appends new
 * keys), and {@code idGenerator} still replaces them.
 */
class DefaultIdsTest {
  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private final SettableClock clock = new SettableClock(EngineParts.NOW);

  private CampaignEngineBuilder builder() {
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
      leads.add(
          Lead.builder("L-" + i, "p" + i + "@works-" + i + ".example")
              .firstName("Pat" + i)
              .company("Works " + i)
              .companyDescription("Works " + i + " makes instruments number " + i + " by hand.")
              .topServices("instruments " + i)
              .emailConfidence(EmailConfidence.REAL)
              .build());
    }
    return leads;
  }

  @Test
  void campaignsMessagesAndEventsGetTimeOrderedUuidsFromTheEngineClock() {
    CampaignEngine engine = builder().build();

    assertThat(engine.enrol(leads(5)).enrolled()).isEqualTo(5);

    List<String> campaignIds = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Campaign campaign = store.findCampaignsByLead("L-" + i).get(0);
      campaignIds.add(campaign.id());
      assertTimeOrderedUuid(campaign.id());
      store.findMessages(campaign.id()).forEach(m -> assertTimeOrderedUuid(m.id()));
    }
    // enrolled in lead order: their campaigns' ids sort the same way
    assertThat(campaignIds).isSorted().doesNotHaveDuplicates();
    assertThat(store.events()).isNotEmpty();
    store.events().forEach(e -> assertTimeOrderedUuid(e.id()));
  }

  @Test
  void anIdGeneratorOfTheHostsReplacesThem() {
    AtomicInteger next = new AtomicInteger();
    CampaignEngine engine = builder().idGenerator(() -> "ID-" + next.incrementAndGet()).build();

    engine.enrol(leads(1));

    assertThat(store.findCampaignsByLead("L-0").get(0).id()).startsWith("ID-");
    assertThat(store.events()).allSatisfy(e -> assertThat(e.id()).startsWith("ID-"));
  }

  private void assertTimeOrderedUuid(String id) {
    UUID uuid = UUID.fromString(id);
    assertThat(uuid.toString()).isEqualTo(id);
    assertThat(uuid.version()).isEqualTo(7);
    // the first 48 bits: the engine clock's milliseconds (the counter may run a few ms ahead)
    assertThat(uuid.getMostSignificantBits() >>> 16)
        .isBetween(clock.millis(), clock.millis() + 1_000);
  }
}
