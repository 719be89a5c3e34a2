package com.fourrunr.campaign.service.boot;

import java.util.LinkedHashMap;
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

  /**
   * The settings of a mailbox {@code hello@4runr.test} whose SMTP server is on 127.0.0.1, with
   * {@code more} settings (name, value, ...).
   */
  static Map<String, String> mailboxOnLoopback(String... more) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CAMPAIGN_MAILBOX_ADDRESS", "hello@4runr.test");
    env.put("CAMPAIGN_SMTP_HOST", "127.0.0.1");
    for (int i = 0; i + 1 < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

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
