package com.fourrunr.campaign.ops;

import java.time.Duration;

/**
 * Told of every call an adapter makes to an outside API (Airtable, a model API), so the host can
 * count calls, errors and rate limits: {@link CampaignMetrics#externalCalls()} counts them. Called
 * on the adapter's thread after each HTTP exchange, retries included; must be quick and must not
 * throw.
 */
@FunctionalInterface
public interface ExternalCallListener {
  /** Listens to nothing. */
  ExternalCallListener NONE = (service, operation, status, elapsed) -> {};

  /**
   * One HTTP exchange.
   *
   * @param service the API, for example {@code airtable}
   * @param operation what was done, for example the HTTP method
   * @param status the HTTP status, or 0 when no answer came (network error)
   * @param elapsed how long the exchange took
   */
  void onCall(String service, String operation, int status, Duration elapsed);
}
