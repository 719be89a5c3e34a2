package com.fourrunr.campaign.testing;

import static com.fourrunr.campaign.testing.StoreContractFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.spi.StoredReply;
import com.fourrunr.campaign.spi.Suppression;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The suppression list as operators keep it (domain entries, search, paging, removal) and the
 * listing of stored mails by category. {@link CampaignStoreContract} runs these cases.
 */
public interface SuppressionListContract {
  /** The store under test, new and empty for each test. */
  CampaignStore storeUnderTest();

  @Test
  default void aSuppressedDomainSuppressesEveryAddressAtItButNotItsSubdomains() {
    CampaignStore store = storeUnderTest();
    store.commit(
        StoreChanges.builder()
            .suppression(Suppression.ofDomain("Blocked.Example", "no cold mail, asked", T0))
            .suppression(new Suppression("ada@example.com", "unsubscribed", T0))
            .build());

    assertThat(store.isSuppressed("anyone@blocked.example")).isTrue();
    assertThat(store.isSuppressed("Other.Person@BLOCKED.example")).isTrue();
    assertThat(store.isSuppressed("x@sub.blocked.example")).isFalse();
    assertThat(store.isSuppressed("x@example.com")).isFalse();
    assertThat(store.isSuppressed("ada@example.com")).isTrue();
    assertThat(
            store.findSuppressed(
                List.of("a@blocked.example", "x@example.com", "ada@example.com", "b@other.test")))
        .containsExactly("a@blocked.example", "ada@example.com");
  }

  @Test
  default void entriesAreSearchedAndPagedWithoutLoss() {
    CampaignStore store = storeUnderTest();
    StoreChanges.Builder changes = StoreChanges.builder();
    for (int i = 0; i < 7; i++) {
      changes.suppression(new Suppression("p" + i + "@acme.test", "bounce", T0));
    }
    changes.suppression(Suppression.ofDomain("acme-partner.test", "asked", T0));
    changes.suppression(new Suppression("x_y%z@other.test", "asked", T0));
    store.commit(changes.build());

    List<String> all = new ArrayList<>();
    String after = null;
    while (true) {
      List<Suppression> page = store.findSuppressions("", after, 3);
      page.forEach(s -> all.add(s.email()));
      if (page.size() < 3) {
        break;
      }
      after = page.get(page.size() - 1).email();
    }
    assertThat(all).hasSize(9).doesNotHaveDuplicates();
    assertThat(store.findSuppressions("ACME", null, 100))
        .extracting(Suppression::email)
        .hasSize(8)
        .contains("@acme-partner.test", "p3@acme.test");
    assertThat(store.findSuppressions("acme-", null, 100))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.isDomain()).isTrue();
              assertThat(s.reason()).isEqualTo("asked");
            });
    // LIKE wildcards in the query are taken literally
    assertThat(store.findSuppressions("_y%", null, 100))
        .extracting(Suppression::email)
        .containsExactly("x_y%z@other.test");
    assertThat(store.findSuppressions("%", null, 100)).hasSize(1);
  }

  @Test
  default void aRemovedEntryNoLongerSuppresses() {
    CampaignStore store = storeUnderTest();
    store.commit(
        StoreChanges.builder()
            .suppression(Suppression.ofDomain("blocked.example", "asked", T0))
            .suppression(new Suppression("ada@example.com", "unsubscribed", T0))
            .build());

    store.commit(
        StoreChanges.builder()
            .unsuppress("@blocked.example")
            .unsuppress("ADA@example.com")
            .unsuppress("never@listed.test")
            .build());

    assertThat(store.isSuppressed("a@blocked.example")).isFalse();
    assertThat(store.isSuppressed("ada@example.com")).isFalse();
    assertThat(store.findSuppressions("", null, 10)).isEmpty();
  }

  @Test
  default void repliesAreListedByCategoryInIdOrder() {
    CampaignStore store = storeUnderTest();
    StoreChanges.Builder changes = StoreChanges.builder();
    for (String id : List.of("r-3", "r-1", "r-2", "r-4")) {
      ReplyCategory category =
          id.equals("r-4") ? ReplyCategory.INTERESTED : ReplyCategory.NEEDS_REVIEW;
      changes.reply(
          new StoredReply(
              id,
              InboundReply.builder("lead@example.com", T0)
                  .messageId("<" + id + "@x>")
                  .subject("Re: hi")
                  .text("text " + id)
                  .build(),
              null,
              category,
              "kept for review"));
    }
    changes.reply(
        new StoredReply(
            "r-0",
            InboundReply.builder("lead@example.com", T0)
                .messageId("<r-0@x>")
                .text("unclassified")
                .build(),
            null,
            null,
            ""));
    store.commit(changes.build());

    assertThat(store.findRepliesByCategory(ReplyCategory.NEEDS_REVIEW, null, 2))
        .extracting(StoredReply::id)
        .containsExactly("r-1", "r-2");
    assertThat(store.findRepliesByCategory(ReplyCategory.NEEDS_REVIEW, "r-2", 2))
        .extracting(StoredReply::id)
        .containsExactly("r-3");
    StoredReply listed = store.findRepliesByCategory(ReplyCategory.NEEDS_REVIEW, null, 1).get(0);
    assertThat(listed.reply().text()).isEqualTo("text r-1");
    assertThat(listed.action()).isEqualTo("kept for review");
  }
}
