package com.fourrunr.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.spi.StoreChanges;
import org.junit.jupiter.api.Test;

/** A reply is stored, acted on once as the policy says, and a second copy of it changes nothing. */
class ReplyHandlerTest {
  private final EngineParts p = new EngineParts();

  private ReplyHandler handler(ReplyClassifier classifier) {
    return new ReplyHandler(
        p.ctx,
        p.campaigns,
        p.actions,
        new ReplyMatcher(p.store),
        null,
        classifier,
        ReplyPolicy.defaults());
  }

  @Test
  void anInterestedAnswerRespondsTheCampaignAndItsCopyIsAlreadyReceived() {
    p.due("1");
    p.store.commit(
        StoreChanges.builder()
            .message(
                p.message("1").withSending("<1@4runr.test>").withSent(p.clock.instant(), "250 ok"))
            .build());
    ReplyHandler replies =
        handler(r -> new ReplyClassification(ReplyCategory.INTERESTED, null, "test", 0.99));
    InboundReply reply =
        InboundReply.builder("1@acme-1.test", p.clock.instant())
            .messageId("<r1@acme-1.test>")
            .inReplyTo("<1@4runr.test>")
            .subject("Re: Hello 1")
            .text("Tell me more")
            .build();

    ReplyOutcome first = replies.receive(reply);
    ReplyOutcome again = replies.receive(reply);

    assertThat(first.campaignId()).isEqualTo("C-1");
    assertThat(first.category()).isEqualTo(ReplyCategory.INTERESTED);
    assertThat(p.store.findCampaign("C-1").orElseThrow().status())
        .isEqualTo(CampaignStatus.RESPONDED);
    assertThat(again.duplicate()).isTrue();
    assertThat(p.heardTypes())
        .startsWith(EventType.REPLY_RECEIVED, EventType.REPLY_CLASSIFIED)
        .containsOnlyOnce(EventType.REPLY_CLASSIFIED);
  }

  @Test
  void aFailingClassifierKeepsTheMailForReviewAndNoSourceMeansNoPolling() {
    ReplyHandler replies =
        handler(
            r -> {
              throw new IllegalStateException("model down");
            });
    ReplyOutcome outcome =
        replies.receive(InboundReply.builder("x@else.test", p.clock.instant()).build());

    assertThat(outcome.category()).isEqualTo(ReplyCategory.NEEDS_REVIEW);
    assertThat(outcome.action()).isEqualTo("unmatched");
    assertThat(replies.hasReplySource()).isFalse();
    assertThat(replies.lastReplyPoll()).isEmpty();
    assertThatThrownBy(replies::pollReplies).isInstanceOf(IllegalStateException.class);
  }
}
