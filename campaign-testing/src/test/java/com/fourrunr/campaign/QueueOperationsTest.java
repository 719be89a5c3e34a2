package com.fourrunr.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.spi.StoreChanges;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dead letters and uncertain sends are listed and sent again only as the policy allows. */
class QueueOperationsTest {
  private final EngineParts p = new EngineParts();

  private QueueOperations queue(UncertainPolicy policy, String inFlight) {
    return new QueueOperations(
        p.ctx, p.campaigns, inFlight::equals, policy, p.ledger, List.of(EngineParts.FROM));
  }

  private void uncertain(String n) {
    p.due(n);
    p.store.commit(
        StoreChanges.builder().message(p.message(n).withSending("<" + n + "@4runr.test>")).build());
  }

  @Test
  void anUncertainSendIsListedUnlessInFlightAndResentOnlyAfterReviewIsAllowed() {
    uncertain("1");
    uncertain("2");

    assertThat(queue(UncertainPolicy.NEVER_RESEND, "M-2").uncertainMessages(null, 10))
        .extracting(CampaignMessage::id)
        .containsExactly("M-1");
    assertThatThrownBy(
            () -> queue(UncertainPolicy.NEVER_RESEND, "").resendUncertain("<1@4runr.test>"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("NEVER_RESEND");

    CampaignMessage again =
        queue(UncertainPolicy.RESEND_AFTER_REVIEW, "").resendUncertain("<1@4runr.test>");
    assertThat(again.status()).isEqualTo(DeliveryStatus.SCHEDULED);
    assertThat(again.messageId()).isEqualTo("<1@4runr.test>");
    assertThat(p.heardTypes()).containsExactly(EventType.MESSAGE_REPLAYED);
  }

  @Test
  void aReplayNeedsADeadLetterAndAPageSizeIsChecked() {
    uncertain("1");
    QueueOperations queue = queue(UncertainPolicy.NEVER_RESEND, "");

    assertThatThrownBy(() -> queue.replayDeadLetter("<1@4runr.test>"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is SENDING, not DEAD_LETTERED");
    assertThatThrownBy(() -> queue.replayDeadLetter("<none@4runr.test>"))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> queue.deadLetters(null, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("limit");
    assertThat(queue.queueStatus().counts()).isNotNull();
  }
}
