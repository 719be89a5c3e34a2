package com.fourrunr.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Dispatcher.SendResult;
import com.fourrunr.campaign.spi.StoreChanges;
import org.junit.jupiter.api.Test;

/**
 * A passing failure is retried, then dead-lettered or failed; a refused mailbox is suppressed at
 * once.
 */
class SendFailuresTest {
  private final EngineParts p = new EngineParts();

  private CampaignMessage sending(String n) {
    CampaignMessage m = p.message(n).withSending("<" + n + "@4runr.test>");
    p.store.commit(StoreChanges.builder().message(m).build());
    return m;
  }

  @Test
  void aPassingFailureWithAttemptsLeftIsRetriedAfterTheBackoff() {
    Campaign c = p.due("1");
    SendFailures failures = new SendFailures(p.ctx, p.campaigns, null, false);

    SendResult result =
        failures.failed(c, EngineParts.lead("1"), sending("1"), "421 busy", true, 421);

    assertThat(result).isEqualTo(SendResult.RETRYING);
    assertThat(p.message("1").status()).isEqualTo(DeliveryStatus.SCHEDULED);
    assertThat(p.message("1").scheduledAt())
        .isEqualTo(p.clock.instant().plus(c.config().retryBackoff()));
    assertThat(p.heardTypes()).containsExactly(EventType.MESSAGE_RETRY_SCHEDULED);
  }

  @Test
  void aRefusedMailboxFailsBouncesSuppressesAndStops() {
    Campaign c = p.due("1");
    SendFailures failures = new SendFailures(p.ctx, p.campaigns, null, true);

    SendResult result =
        failures.failed(c, EngineParts.lead("1"), sending("1"), "550 no such user", false, 550);

    assertThat(result).isEqualTo(SendResult.FAILED);
    assertThat(p.message("1").status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(p.store.isSuppressed("1@acme-1.test")).isTrue();
    assertThat(p.store.findCampaign("C-1").orElseThrow().status())
        .isEqualTo(CampaignStatus.STOPPED);
    assertThat(p.heardTypes())
        .contains(
            EventType.MESSAGE_FAILED,
            EventType.MESSAGE_BOUNCED,
            EventType.ADDRESS_SUPPRESSED,
            EventType.CAMPAIGN_STOPPED);
  }

  @Test
  void aPassingFailureOutOfAttemptsGoesToTheDeadLetterQueueWhenItIsOn() {
    Campaign c = p.due("1");
    CampaignConfig once = c.config();
    CampaignMessage m = sending("1");
    for (int i = 1; i < once.maxAttempts(); i++) {
      m = m.withSending(m.messageId());
    }
    SendFailures failures = new SendFailures(p.ctx, p.campaigns, null, true);

    SendResult result = failures.failed(c, EngineParts.lead("1"), m, "421 busy", true, 421);

    assertThat(result).isEqualTo(SendResult.FAILED);
    assertThat(p.message("1").status()).isEqualTo(DeliveryStatus.DEAD_LETTERED);
    assertThat(p.store.findCampaign("C-1").orElseThrow().status()).isEqualTo(CampaignStatus.ACTIVE);
  }
}
