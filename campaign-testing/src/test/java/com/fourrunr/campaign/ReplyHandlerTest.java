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
        ReplyPolicy.defaults(),
        MailboxHealth.listeningTo(p.ctx, new MailboxPauses(p.ctx)),
        null);
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

  private InboundReply bounceFor(String n) {
    p.due(n);
    p.store.commit(
        StoreChanges.builder()
            .message(
                p.message(n)
                    .withSending("<" + n + "@4runr.test>")
                    .withSent(p.clock.instant(), "250 ok"))
            .build());
    return InboundReply.builder("mailer-daemon@mx.acme-" + n + ".test", p.clock.instant())
        .messageId("<bounce-" + n + "@mx.test>")
        .header(InboundReply.DSN_ORIGINAL_MESSAGE_ID, "<" + n + "@4runr.test>")
        .inReplyTo("<" + n + "@4runr.test>")
        .subject("Undelivered Mail Returned to Sender")
        .build();
  }

  @Test
  void blockedBouncesKeepTheLeadRaiseAnAlertAndPauseTheMailboxAtTheThird() {
    ReplyHandler replies =
        handler(
            r ->
                new ReplyClassification(
                    ReplyCategory.BOUNCE_SOFT, null, "test", 1.0, BounceReason.BLOCKED));
    ReplyOutcome first = replies.receive(bounceFor("1"));
    replies.receive(bounceFor("2"));
    ReplyOutcome third = replies.receive(bounceFor("3"));

    assertThat(first.category()).isEqualTo(ReplyCategory.BOUNCE_SOFT);
    assertThat(first.action())
        .contains("alert raised")
        .contains("counted against mailbox")
        .doesNotContain("suppressed")
        .doesNotContain("mailbox paused");
    assertThat(p.store.isSuppressed("1@acme-1.test")).isFalse();
    assertThat(third.action()).contains("mailbox paused");
    assertThat(p.heardTypes())
        .contains(EventType.ALERT_RAISED)
        .containsOnlyOnce(EventType.MAILBOX_PAUSED);
    assertThat(
            p.heard.stream()
                .filter(e -> e.type() == EventType.REPLY_CLASSIFIED)
                .map(e -> ((EventPayload.ReplyClassified) e.payload()).reason()))
        .containsOnly(BounceReason.BLOCKED);
  }

  @Test
  void anUnknownUserSuppressesTheAddressAndAFullMailboxRetriesLater() {
    ReplyHandler unknown =
        handler(
            r ->
                new ReplyClassification(
                    ReplyCategory.BOUNCE_HARD, null, "test", 1.0, BounceReason.USER_UNKNOWN));
    ReplyOutcome hard = unknown.receive(bounceFor("1"));
    ReplyHandler full =
        handler(
            r ->
                new ReplyClassification(
                    ReplyCategory.BOUNCE_SOFT, null, "test", 1.0, BounceReason.MAILBOX_FULL));
    ReplyOutcome soft = full.receive(bounceFor("2"));

    assertThat(hard.action()).contains("address suppressed");
    assertThat(p.store.isSuppressed("1@acme-1.test")).isTrue();
    assertThat(soft.action()).contains("retried").doesNotContain("suppressed");
    assertThat(p.store.isSuppressed("2@acme-2.test")).isFalse();
  }
}
