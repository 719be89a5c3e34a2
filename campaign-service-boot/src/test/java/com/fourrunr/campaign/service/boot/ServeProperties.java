package com.fourrunr.campaign.service.boot;

import java.util.Map;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The Spring properties {@code ./campaign serve} ({@link BootServe#run}) gives the service for the
 * standalone settings {@code env}: the {@code CAMPAIGN_*} names mapped by {@link ServeSettings},
 * the web endpoints on at the root, a new embedded database. The runner is off: a test runs its
 * rounds itself, as the old service's tests did with a one-day tick.
 */
final class ServeProperties {
  private ServeProperties() {}

  static void register(DynamicPropertyRegistry registry, Map<String, String> env) {
    ServeSettings.properties(env, null).forEach((k, v) -> registry.add(k, () -> v));
    registry.add(
        "campaign.store.embedded-path", () -> "target/test-data/" + UUID.randomUUID() + "/c");
    registry.add("campaign.runner.enabled", () -> "false");
    registry.add("campaign.web.enabled", () -> "true");
    registry.add("campaign.web.base-path", () -> "");
    registry.add("campaign.web.tracking-path", () -> "");
  }
}
