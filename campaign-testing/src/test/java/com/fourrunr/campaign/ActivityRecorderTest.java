package com.fourrunr.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alerts and engagement are stored as events and published. */
class ActivityRecorderTest {
  private final EngineParts p = new EngineParts();
  private final ActivityRecorder recorder = new ActivityRecorder(p.ctx);

  @Test
  void anAlertCarriesItsRuleAndReasonAndAnOpenIsTiedToItsMessage() {
    p.due("1");
    recorder.recordAlert("queue-age", "too old", Map.of("minutes", "90"));
    CampaignEvent open =
        recorder.recordEngagement(p.message("1"), new EventPayload.MessageOpened(null, null, null));

    assertThat(p.heard.get(0).attributes())
        .containsEntry("rule", "queue-age")
        .containsEntry("reason", "too old")
        .containsEntry("minutes", "90");
    assertThat(open.messageId()).isEqualTo("M-1");
    assertThat(p.store.findEvents("C-1"))
        .extracting(CampaignEvent::type)
        .contains(EventType.MESSAGE_OPENED);
    assertThatThrownBy(
            () ->
                recorder.recordEngagement(
                    p.message("1"), new EventPayload.MessageSent("", "", null, false)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("neither MESSAGE_OPENED");
  }
}
