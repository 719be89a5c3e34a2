package com.fourrunr.campaign;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The logging MDC of a send or a reply: the campaign, lead and message ids under {@link
 * CampaignEngine#MDC_CAMPAIGN_ID}, {@link CampaignEngine#MDC_LEAD_ID} and {@link
 * CampaignEngine#MDC_MESSAGE_ID}, set before the work and cleared after it.
 */
final class LogContext {
  private LogContext() {}

  static void putLogContext(
      @Nullable String campaignId, @Nullable String leadId, @Nullable String messageId) {
    if (campaignId != null) {
      MDC.put(CampaignEngine.MDC_CAMPAIGN_ID, campaignId);
    }
    if (leadId != null) {
      MDC.put(CampaignEngine.MDC_LEAD_ID, leadId);
    }
    if (messageId != null) {
      MDC.put(CampaignEngine.MDC_MESSAGE_ID, messageId);
    }
  }

  static void clearLogContext() {
    MDC.remove(CampaignEngine.MDC_CAMPAIGN_ID);
    MDC.remove(CampaignEngine.MDC_LEAD_ID);
    MDC.remove(CampaignEngine.MDC_MESSAGE_ID);
  }
}
