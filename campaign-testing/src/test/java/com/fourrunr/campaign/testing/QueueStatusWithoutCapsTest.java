package com.fourrunr.campaign.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.QueueStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The queue status counts a mailbox's sends of the last day even when no cap is set. */
class QueueStatusWithoutCapsTest {
  private final OpsFixture f = new OpsFixture();

  @Test
  void sentLastDayCountsSixSendsWithoutCapsAndForgetsThemAfterADay() {
    CampaignEngine engine = f.engine().build();
    f.due(6);

    engine.runDue();

    assertThat(f.sender.sent()).hasSize(6);
    QueueStatus.MailboxUsage usage = engine.queueStatus().mailboxes().get(0);
    assertThat(usage.mailbox()).isEqualTo(OpsFixture.FROM.address());
    assertThat(usage.sentLastDay()).isEqualTo(6);
    assertThat(usage.perDayCap()).isZero();

    f.clock.advance(Duration.ofHours(24).plusSeconds(1));
    assertThat(engine.queueStatus().mailboxes().get(0).sentLastDay()).isZero();
  }
}
