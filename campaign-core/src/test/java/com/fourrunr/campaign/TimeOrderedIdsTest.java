package com.fourrunr.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {
  private static final Instant T0 = Instant.parse("2026-12-05T08:00:00.123Z");

  /** A clock that reads the time it is set to. */
  private static final class Settable extends Clock {
    Instant now = T0;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void anIdIsAVersion7UuidCarryingTheClocksMilliseconds() {
    Settable clock = new Settable();
    String id = new TimeOrderedIds(clock).get();

    UUID uuid = UUID.fromString(id);
    assertThat(uuid.toString()).isEqualTo(id);
    assertThat(uuid.version()).isEqualTo(7);
    assertThat(uuid.variant()).isEqualTo(2);
    assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(T0.toEpochMilli());
  }

  @Test
  void idsSortInTheOrderTheyAreMadeWhileTheClockStandsStill() {
    Settable clock = new Settable();
    TimeOrderedIds ids = new TimeOrderedIds(clock);

    List<String> made = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      made.add(ids.get());
    }

    assertThat(made).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void idsStillSortInOrderWhenTheClockStepsBack() {
    Settable clock = new Settable();
    TimeOrderedIds ids = new TimeOrderedIds(clock);
    String before = ids.get();

    clock.now = T0.minus(Duration.ofMinutes(5));
    String after = ids.get();

    assertThat(after).isGreaterThan(before);
    clock.now = T0.plus(Duration.ofMinutes(1));
    String later = ids.get();
    assertThat(UUID.fromString(later).getMostSignificantBits() >>> 16)
        .isEqualTo(clock.now.toEpochMilli());
  }

  @Test
  void twoGeneratorsOnTheSameClockMakeDifferentIds() {
    Settable clock = new Settable();
    TimeOrderedIds one = new TimeOrderedIds(clock);
    TimeOrderedIds other = new TimeOrderedIds(clock);

    Set<String> all = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      all.add(one.get());
      all.add(other.get());
    }

    assertThat(all).hasSize(2_000);
  }
}
