package com.fourrunr.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The MDC holds the ids given (null ones are left out) until cleared. */
class LogContextTest {
  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void putSetsTheGivenIdsAndClearRemovesThemAll() {
    LogContext.putLogContext("C-1", null, "M-1");
    assertThat(MDC.get(CampaignEngine.MDC_CAMPAIGN_ID)).isEqualTo("C-1");
    assertThat(MDC.get(CampaignEngine.MDC_LEAD_ID)).isNull();
    assertThat(MDC.get(CampaignEngine.MDC_MESSAGE_ID)).isEqualTo("M-1");

    LogContext.clearLogContext();
    assertThat(MDC.get(CampaignEngine.MDC_CAMPAIGN_ID)).isNull();
    assertThat(MDC.get(CampaignEngine.MDC_MESSAGE_ID)).isNull();
  }
}
