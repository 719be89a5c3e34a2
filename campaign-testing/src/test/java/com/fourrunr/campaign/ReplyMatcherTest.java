package com.fourrunr.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.spi.StoreChanges;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A reply finds its campaign by its headers, by a quoted Message-ID, else by the address it names.
 */
class ReplyMatcherTest {
  private final EngineParts p = new EngineParts();
  private final ReplyMatcher matcher = new ReplyMatcher(p.store);

  private void sent(String n) {
    p.due(n);
    p.store.commit(
        StoreChanges.builder()
            .message(
                p.message(n)
                    .withSending("<" + n + "@4runr.test>")
                    .withSent(p.clock.instant(), "250 ok"))
            .build());
  }

  @Test
  void threadSubjectDropsReplyAndForwardPrefixesInSeveralLanguages() {
    assertThat(ReplyMatcher.threadSubject("Re: AW: TR: Hello there ")).isEqualTo("hello there");
    assertThat(ReplyMatcher.threadSubject("Fwd[2]: Offer")).isEqualTo("offer");
    assertThat(ReplyMatcher.threadSubject("Reply needed")).isEqualTo("reply needed");
  }

  @Test
  void theAnsweredMessageIsFoundByReferencesOrByAMessageIdQuotedInABounce() {
    sent("1");
    sent("2");
    InboundReply byReferences =
        InboundReply.builder("1@acme-1.test", p.clock.instant())
            .references(List.of("<unknown@elsewhere.test>", "<1@4runr.test>"))
            .text("Thanks")
            .build();
    InboundReply quoted =
        InboundReply.builder("mailer-daemon@acme-2.test", p.clock.instant())
            .text("Your message <2@4runr.test> could not be delivered")
            .build();

    assertThat(matcher.matchMessage(byReferences)).extracting(CampaignMessage::id).isEqualTo("M-1");
    assertThat(matcher.matchMessage(quoted)).extracting(CampaignMessage::id).isEqualTo("M-2");
  }

  @Test
  void withoutAMessageIdABounceMatchesByItsFailedRecipient() {
    sent("1");
    InboundReply bounce =
        InboundReply.builder("mailer-daemon@mx.test", p.clock.instant())
            .header(InboundReply.DSN_FINAL_RECIPIENT, "1@ACME-1.test")
            .subject("Undeliverable")
            .build();
    InboundReply stranger = InboundReply.builder("nobody@else.test", p.clock.instant()).build();

    assertThat(matcher.matchMessage(bounce)).isNull();
    assertThat(matcher.matchByAddress(bounce)).extracting(Campaign::id).isEqualTo("C-1");
    assertThat(matcher.matchByAddress(stranger)).isNull();
  }
}
