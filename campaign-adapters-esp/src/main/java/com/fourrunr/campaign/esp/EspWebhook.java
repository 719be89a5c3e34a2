package com.fourrunr.campaign.esp;

/**
 * One ESP's event webhook: checks a delivery's signature (or credentials) and freshness, then acts
 * on the bounces and complaints it reports. A refused delivery (401 or 403) stores nothing; a
 * delivery received again is acknowledged without being acted on twice.
 */
public interface EspWebhook {
  /**
   * Handles one HTTP delivery.
   *
   * @param request the request's headers and raw body, as received
   * @return the status to answer with and what was done
   */
  EspWebhookResponse handle(EspWebhookRequest request);
}
