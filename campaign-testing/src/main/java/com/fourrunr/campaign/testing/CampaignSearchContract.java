package com.fourrunr.campaign.testing;

import static com.fourrunr.campaign.testing.StoreContractFixtures.CONFIG;
import static com.fourrunr.campaign.testing.StoreContractFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.spi.CampaignPage;
import com.fourrunr.campaign.spi.CampaignRow;
import com.fourrunr.campaign.spi.CampaignSearch;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.StoreChanges;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * An operator's campaign list ({@link CampaignStore#searchCampaigns}, {@link
 * CampaignStore#searchCampaignIds}): keyset pages by id, filters by status, mailbox and sequence,
 * prefix search on name, last name, email and company in any case, and each row's progress, next
 * send and last event. {@link CampaignStoreContract} runs these cases.
 */
public interface CampaignSearchContract {
  /** The store under test, new and empty for each test. */
  CampaignStore storeUnderTest();

  /** Five campaigns: C-1..C-3 on the default config, C-4 and C-5 from another mailbox/sequence. */
  private static void storeFive(CampaignStore store) {
    CampaignConfig other =
        CONFIG
            .withFrom(new Mailbox("sales@4runr.test", "Sales"))
            .withSequence(new Sequence("Winter", CONFIG.sequence().steps()));
    StoreChanges.Builder b = StoreChanges.builder();
    b.lead(person("L-1", "ada@example.com", "Ada", "Lovelace", "Analytical Engines"));
    b.lead(person("L-2", "grace@navy.example", "Grace", "Hopper", "US Navy"));
    b.lead(person("L-3", "alan@bletchley.example", "Alan", "Turing", "Bletchley Park"));
    b.lead(person("L-4", "adele@example.org", "Adèle", "Goldberg", "Xerox PARC"));
    b.lead(person("L-5", "pct@example.org", "Percy", "100%_Sure", "Acme"));
    b.campaign(Campaign.start("C-1", "L-1", CONFIG, T0));
    b.campaign(paused("C-2", "L-2", CONFIG));
    b.campaign(Campaign.start("C-3", "L-3", CONFIG, T0));
    b.campaign(Campaign.start("C-4", "L-4", other, T0));
    b.campaign(paused("C-5", "L-5", other));
    store.commit(b.build());
  }

  private static Campaign paused(String id, String leadId, CampaignConfig config) {
    return new Campaign(
        id, leadId, config, CampaignStatus.PAUSED, "paused by operator", T0, T0, null, 0);
  }

  private static Lead person(String id, String email, String first, String last, String company) {
    return Lead.builder(id, email).firstName(first).lastName(last).company(company).build();
  }

  private static List<String> ids(CampaignStore store, CampaignSearch search) {
    return store.searchCampaignIds(search, null, 100);
  }

  private static CampaignSearch text(String text) {
    return new CampaignSearch(null, null, null, text);
  }

  @Test
  default void pagesThroughEveryCampaignByIdWithAKeyset() {
    CampaignStore store = storeUnderTest();
    storeFive(store);
    List<String> seen = new ArrayList<>();
    @Nullable String after = null;
    int pages = 0;
    do {
      CampaignPage page = store.searchCampaigns(CampaignSearch.all(), after, 2);
      page.rows().forEach(r -> seen.add(r.campaign().id()));
      after = page.next();
      pages++;
    } while (after != null);
    assertThat(seen).containsExactly("C-1", "C-2", "C-3", "C-4", "C-5");
    assertThat(pages).isEqualTo(3);
    assertThat(store.searchCampaigns(CampaignSearch.all(), "C-3", 2).rows())
        .extracting(r -> r.campaign().id())
        .containsExactly("C-4", "C-5");
    assertThat(store.searchCampaigns(CampaignSearch.all(), "C-3", 2).next()).isNull();
    assertThat(store.searchCampaignIds(CampaignSearch.all(), "C-2", 2))
        .containsExactly("C-3", "C-4");
  }

  @Test
  default void filtersByStatusMailboxAndSequence() {
    CampaignStore store = storeUnderTest();
    storeFive(store);
    assertThat(ids(store, new CampaignSearch(CampaignStatus.PAUSED, null, null, "")))
        .containsExactly("C-2", "C-5");
    assertThat(ids(store, new CampaignSearch(null, "Sales@4Runr.test", null, "")))
        .containsExactly("C-4", "C-5");
    assertThat(ids(store, new CampaignSearch(null, null, "Winter", "")))
        .containsExactly("C-4", "C-5");
    assertThat(ids(store, new CampaignSearch(CampaignStatus.PAUSED, "hello@4runr.test", null, "")))
        .containsExactly("C-2");
    assertThat(ids(store, new CampaignSearch(CampaignStatus.HELD, null, null, ""))).isEmpty();
    assertThat(ids(store, new CampaignSearch(null, null, "No such sequence", ""))).isEmpty();
  }

  @Test
  default void searchesNameLastNameEmailAndCompanyByPrefixInAnyCase() {
    CampaignStore store = storeUnderTest();
    storeFive(store);
    assertThat(ids(store, text("ad"))).as("first name, any case").containsExactly("C-1", "C-4");
    assertThat(ids(store, text("ADA LOV"))).as("full name").containsExactly("C-1");
    assertThat(ids(store, text("hopper"))).as("last name").containsExactly("C-2");
    assertThat(ids(store, text("alan@bl"))).as("email").containsExactly("C-3");
    assertThat(ids(store, text("xerox"))).as("company").containsExactly("C-4");
    assertThat(ids(store, text("adèle"))).as("beyond ASCII").containsExactly("C-4");
    assertThat(ids(store, text("ovelace"))).as("a prefix, not a substring").isEmpty();
    assertThat(ids(store, text("%"))).as("% is a character, not a wildcard").isEmpty();
    assertThat(ids(store, text("_"))).as("_ is a character, not a wildcard").isEmpty();
    assertThat(ids(store, text("100%_"))).as("last name with % and _").containsExactly("C-5");
    assertThat(ids(store, new CampaignSearch(CampaignStatus.ACTIVE, null, null, "ad")))
        .as("search and filter together")
        .containsExactly("C-1", "C-4");
    assertThat(ids(store, new CampaignSearch(CampaignStatus.PAUSED, null, null, "ad"))).isEmpty();
  }

  @Test
  default void aRowCarriesTheLeadProgressNextSendAndLastEvent() {
    CampaignStore store = storeUnderTest();
    storeFive(store);
    CampaignMessage sent =
        CampaignMessage.pending("M-1", "C-1", "L-1", 0, MessageType.HOOK, "Hi", "Body", null)
            .withScheduled(T0)
            .withSending("<m1@4runr.test>")
            .withSent(T0.plusSeconds(5), "250 OK");
    CampaignMessage next =
        CampaignMessage.pending("M-2", "C-1", "L-1", 1, MessageType.PROOF, "Re: Hi", "Body", null)
            .withScheduled(T0.plus(Duration.ofDays(3)));
    store.commit(
        StoreChanges.builder()
            .message(sent)
            .message(next)
            .event(
                CampaignEvent.fromStored(
                    "E-1", EventType.CAMPAIGN_CREATED, T0, "C-1", "L-1", null, Map.of()))
            .event(
                CampaignEvent.fromStored(
                    "E-2",
                    EventType.MESSAGE_SCHEDULED,
                    T0.plusSeconds(6),
                    "C-1",
                    "L-1",
                    null,
                    Map.of()))
            .build());

    CampaignPage page = store.searchCampaigns(text("ada"), null, 10);
    assertThat(page.rows()).hasSize(1);
    CampaignRow row = page.rows().get(0);
    assertThat(row.lead().lastName()).isEqualTo("Lovelace");
    assertThat(row.campaign().status()).isEqualTo(CampaignStatus.ACTIVE);
    assertThat(row.sentSteps()).isEqualTo(1);
    assertThat(row.nextSendAt()).isEqualTo(T0.plus(Duration.ofDays(3)));
    assertThat(row.lastEvent()).extracting(CampaignEvent::id).isEqualTo("E-2");
    assertThat(page.next()).isNull();

    CampaignRow quiet = store.searchCampaigns(text("grace"), null, 10).rows().get(0);
    assertThat(quiet.sentSteps()).isZero();
    assertThat(quiet.nextSendAt()).isNull();
    assertThat(quiet.lastEvent()).isNull();
    assertThat(quiet.campaign().statusReason()).isEqualTo("paused by operator");
  }
}
