package com.fourrunr.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Pause, resume, approve, stop and unsubscribe move a campaign and its messages together. */
class OperatorActionsTest {
  private final EngineParts p = new EngineParts();

  @Test
  void aPausedCampaignsMessageWaitsAndIsScheduledFromTheResumeTime() {
    p.due("1");
    p.actions.pause("C-1", "holiday");
    assertThat(p.message("1").status()).isEqualTo(DeliveryStatus.PENDING);

    p.clock.advance(Duration.ofDays(2));
    Campaign resumed = p.actions.resume("C-1");

    assertThat(resumed.status()).isEqualTo(CampaignStatus.ACTIVE);
    assertThat(p.message("1").status()).isEqualTo(DeliveryStatus.SCHEDULED);
    assertThat(p.message("1").scheduledAt()).isEqualTo(p.clock.instant());
  }

  @Test
  void approveNeedsAHeldCampaignAndUnsubscribeSuppressesAndStops() {
    p.due("1");
    assertThatThrownBy(() -> p.actions.approve("C-1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not HELD");

    assertThat(p.actions.unsubscribe("1@acme-1.test", "C-1", "one-click")).isTrue();
    assertThat(p.actions.unsubscribe("1@acme-1.test", "C-1", "one-click")).isFalse();

    assertThat(p.store.isSuppressed("1@acme-1.test")).isTrue();
    Campaign c = p.store.findCampaign("C-1").orElseThrow();
    assertThat(c.status()).isEqualTo(CampaignStatus.STOPPED);
    assertThat(c.statusReason()).isEqualTo("unsubscribe: one-click");
  }
}
