package com.fourrunr.campaign.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UniquenessIndexTest {
  static String text(int i) {
    return "Message number "
        + i
        + " about topic "
        + (i * 7919 % 1000)
        + " for company "
        + (i * 104729 % 5000)
        + " with service "
        + (i * 31 % 97)
        + " and city "
        + (i * 17 % 53)
        + " in region "
        + (i % 11);
  }

  @Test
  void identicalTextIsFoundWithSimilarityOneAndUnrelatedTextIsNot() {
    UniquenessIndex index = new UniquenessIndex(100);
    index.add(
        "Closing the loop on my notes about engine design at Analytical Engines this quarter.",
        "a");

    UniquenessIndex.Match same =
        index.closest(
            "Closing the loop on my notes about engine design at Analytical Engines this quarter.");
    assertThat(same).isNotNull();
    assertThat(same.similarity()).isEqualTo(1.0);
    assertThat(same.label()).isEqualTo("a");
    UniquenessIndex.Match other =
        index.closest("Harbor and Pine insures marine businesses along the New England coast.");
    assertThat(other == null ? 0 : other.similarity()).isLessThan(0.2);
  }

  @Test
  void windowIsBoundedAndDropsTheOldestFirst() {
    UniquenessIndex index = new UniquenessIndex(3);
    for (int i = 0; i < 5; i++) {
      index.add(text(i), "m" + i);
    }

    assertThat(index.size()).isEqualTo(3);
    UniquenessIndex.Match dropped = index.closest(text(0));
    assertThat(dropped == null ? 0 : dropped.similarity()).isLessThan(0.5);
    assertThat(index.closest(text(4)))
        .isNotNull()
        .extracting(UniquenessIndex.Match::label)
        .isEqualTo("m4");
  }

  @Test
  void signaturesAreDeterministic() {
    assertThat(UniquenessIndex.signatureOf(text(42)))
        .isEqualTo(UniquenessIndex.signatureOf(text(42)));
    assertThat(UniquenessIndex.signatureOf(text(42)))
        .isNotEqualTo(UniquenessIndex.signatureOf(text(43)));
  }

  @Test
  void concurrentChecksAndAddsKeepTheIndexConsistent() throws Exception {
    UniquenessIndex index = new UniquenessIndex(500);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int base = t * 1000;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 300; i++) {
                    String label = "m" + (base + i);
                    UniquenessIndex.Match before = index.closest(text(base + i));
                    if (before != null && before.label().equals(label)) {
                      wrong.add(label + " found before it was added");
                    }
                    index.add(text(base + i), label);
                    // At most three other adds can come between: the text is still in the window.
                    UniquenessIndex.Match after = index.closest(text(base + i));
                    if (after == null
                        || !after.label().equals(label)
                        || after.similarity() != 1.0) {
                      wrong.add(label + " just added but found as " + after);
                    }
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(wrong).isEmpty();
    assertThat(index.size()).isEqualTo(500);
    // Exactly the 500 newest of the 1,200 texts are still found, each under its own label.
    int kept = 0;
    for (int t = 0; t < 4; t++) {
      for (int i = 0; i < 300; i++) {
        UniquenessIndex.Match m = index.closest(text(t * 1000 + i));
        if (m != null && m.label().equals("m" + (t * 1000 + i))) {
          assertThat(m.similarity()).isEqualTo(1.0);
          kept++;
        }
      }
    }
    assertThat(kept).isEqualTo(500);
  }

  @Test
  void badCapacityIsRejected() {
    assertThatThrownBy(() -> new UniquenessIndex(0)).hasMessageContaining("capacity");
  }
}
