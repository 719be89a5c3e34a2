package com.fourrunr.campaign.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongLongMapTest {
  @Test
  void answersAsAHashMapThroughPutsRemovalsAndGrowth() {
    LongLongMap map = new LongLongMap();
    Map<Long, Long> reference = new HashMap<>();
    Random random = new Random(7);
    for (int i = 0; i < 200_000; i++) {
      // few distinct keys, some colliding in the low bits, so chains form and are shifted back
      long key = random.nextInt(5_000) * (random.nextBoolean() ? 1L : 1L << 40);
      long value = random.nextInt(1_000);
      if (random.nextInt(3) == 0) {
        // mostly the value held (removed), sometimes another (kept)
        long v = random.nextInt(4) == 0 ? value : reference.getOrDefault(key, value);
        map.removeIfValue(key, v);
        reference.remove(key, v);
      } else {
        Long before = reference.put(key, value);
        assertThat(map.put(key, value)).isEqualTo(before == null ? -1 : before);
      }
      long probe = random.nextInt(5_000) * (random.nextBoolean() ? 1L : 1L << 40);
      assertThat(map.get(probe)).isEqualTo(reference.getOrDefault(probe, -1L));
    }
    assertThat(map.size()).isEqualTo(reference.size());
    reference.forEach((k, v) -> assertThat(map.get(k)).isEqualTo(v));
  }
}
