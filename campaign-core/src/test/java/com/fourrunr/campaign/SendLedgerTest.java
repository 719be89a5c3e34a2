package com.fourrunr.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SendLedgerTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  /**
   * Whatever the caps and however often the sender comes back, sending only when the ledger allows
   * never breaks a cap in any rolling window, and the allowed moment is never before the time asked
   * about.
   */
  @Property(tries = 300)
  void sendingOnlyWhenAllowedNeverBreaksACap(
      @ForAll @IntRange(min = 0, max = 20) int perDay,
      @ForAll @IntRange(min = 0, max = 6) int perHour,
      @ForAll @IntRange(min = 0, max = 30) int gapMinutes,
      @ForAll @IntRange(min = 0, max = 8) int perDomain,
      @ForAll @Size(min = 1, max = 200) List<@IntRange(min = 0, max = 240) Integer> waitsInMinutes,
      @ForAll @Size(min = 1, max = 200) List<@IntRange(min = 0, max = 2) Integer> domains,
      @ForAll @IntRange(min = 0, max = 20) int spreadMinutes,
      @ForAll long seed) {
    SendLimits limits =
        new SendLimits(perDay, perHour, Duration.ofMinutes(gapMinutes), perDomain)
            .withGapSpread(Duration.ofMinutes(spreadMinutes));
    SendLedger ledger = new SendLedger(limits, new java.util.Random(seed));
    List<Instant> mailboxSends = new ArrayList<>();
    List<List<Instant>> domainSends =
        List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    Instant now = T0;
    for (int i = 0; i < waitsInMinutes.size(); i++) {
      now = now.plus(Duration.ofMinutes(waitsInMinutes.get(i)));
      int d = domains.get(i % domains.size());
      Instant allowed = ledger.nextAllowed("hello@4runr.test", "d" + d + ".example", now);
      assertThat(allowed).isAfterOrEqualTo(now);
      // Sending at the allowed moment is allowed then.
      assertThat(ledger.nextAllowed("hello@4runr.test", "d" + d + ".example", allowed))
          .isEqualTo(allowed);
      if (!allowed.isAfter(now)) {
        ledger.record("hello@4runr.test", "d" + d + ".example", now);
        mailboxSends.add(now);
        domainSends.get(d).add(now);
      }
    }
    assertWithin(mailboxSends, Duration.ofHours(24), perDay);
    assertWithin(mailboxSends, Duration.ofHours(1), perHour);
    for (List<Instant> sends : domainSends) {
      assertWithin(sends, Duration.ofHours(24), perDomain);
    }
    for (int i = 1; i < mailboxSends.size(); i++) {
      assertThat(Duration.between(mailboxSends.get(i - 1), mailboxSends.get(i)))
          .isGreaterThanOrEqualTo(Duration.ofMinutes(gapMinutes));
    }
  }

  private static void assertWithin(List<Instant> sends, Duration window, int cap) {
    if (cap == 0) {
      return;
    }
    for (int i = 0; i < sends.size(); i++) {
      int inWindow = 0;
      for (int j = i; j < sends.size() && sends.get(j).isBefore(sends.get(i).plus(window)); j++) {
        inWindow++;
      }
      assertThat(inWindow).as("sends in %s from %s", window, sends.get(i)).isLessThanOrEqualTo(cap);
    }
  }
}
