package com.fourrunr.campaign.service.boot;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failed sign-ins counted per user name and client address in a bounded Caffeine cache; after
 * {@code maxFailures} within the period, sign-in for that pair is refused until the period passes.
 */
final class LoginThrottle {
  private final Cache<String, AtomicInteger> failures;
  private final int maxFailures;

  LoginThrottle(int maxFailures, Duration period, Clock clock) {
    this.maxFailures = maxFailures;
    this.failures =
        Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(period)
            .ticker(() -> clock.millis() * 1_000_000L)
            .build();
  }

  boolean blocked(String username, String address) {
    AtomicInteger count = failures.getIfPresent(key(username, address));
    return count != null && count.get() >= maxFailures;
  }

  void failed(String username, String address) {
    String key = key(username, address);
    AtomicInteger count = failures.get(key, k -> new AtomicInteger());
    count.incrementAndGet();
    failures.put(key, count);
  }

  void succeeded(String username, String address) {
    failures.invalidate(key(username, address));
  }

  private static String key(String username, String address) {
    return username.trim().toLowerCase(Locale.ROOT) + "|" + address;
  }
}
