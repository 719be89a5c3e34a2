package com.fourrunr.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Dispatch: a due message is claimed, sent once and recorded; a paused mailbox defers it. */
class DispatcherTest {
  private final EngineParts p = new EngineParts();
  private final Dispatcher dispatcher =
      p.dispatcher(new SendFailures(p.ctx, p.campaigns, null, false));

  @Test
  void aDueMessageIsSentOnceUnderItsStoredMessageIdAndTheOneStepCampaignCompletes() {
    p.due("1");

    RunReport first = dispatcher.runDue();
    RunReport second = dispatcher.runDue();

    assertThat(first.sent()).isEqualTo(1);
    assertThat(second.sent()).isZero();
    assertThat(p.sender.sent())
        .singleElement()
        .satisfies(e -> assertThat(e.messageId()).isEqualTo(p.message("1").messageId()));
    assertThat(p.message("1").status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(p.store.findCampaign("C-1").orElseThrow().status())
        .isEqualTo(CampaignStatus.COMPLETED);
    assertThat(dispatcher.isInFlight("M-1")).isFalse();
  }

  @Test
  void aMessageOfAPausedMailboxIsDeferredByTheRecheckPeriodNotSent() {
    p.due("1");
    p.mailboxPauses.pauseMailbox(EngineParts.FROM.address(), "test");

    RunReport report = dispatcher.runDue();

    assertThat(report.sent()).isZero();
    assertThat(p.sender.sent()).isEmpty();
    assertThat(p.message("1").status()).isEqualTo(DeliveryStatus.SCHEDULED);
    assertThat(p.message("1").scheduledAt())
        .isEqualTo(p.clock.instant().plus(CampaignEngine.MAILBOX_PAUSE_RECHECK));
  }
}
