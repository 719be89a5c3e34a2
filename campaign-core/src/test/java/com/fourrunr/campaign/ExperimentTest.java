package com.fourrunr.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExperimentTest {
  private final Experiment experiment =
      Experiment.of("hook-subject-1", Variant.of("A", 70), Variant.of("B", 30));

  @Test
  void aLeadAlwaysGetsTheSameVariant() {
    for (int i = 0; i < 100; i++) {
      String lead = "lead-" + i;
      assertThat(
              Experiment.of("hook-subject-1", Variant.of("A", 70), Variant.of("B", 30))
                  .assign(lead))
          .isEqualTo(experiment.assign(lead));
    }
    // stable across JVMs: the split is a SHA-256 of name and lead id, no per-process seed
    assertThat(experiment.assign("lead-0").name()).isEqualTo(experiment.assign("lead-0").name());
  }

  @Test
  void theSplitFollowsTheWeights() {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      counts.merge(experiment.assign("L" + i).name(), 1, Integer::sum);
    }
    assertThat(counts.get("A") / 20_000.0).isBetween(0.68, 0.72);
    assertThat(counts.get("B") / 20_000.0).isBetween(0.28, 0.32);
  }

  @Test
  void anotherExperimentNameDrawsAnIndependentSplit() {
    Experiment other = Experiment.of("hook-subject-2", Variant.of("A", 50), Variant.of("B", 50));
    Experiment same = Experiment.of("hook-subject-1", Variant.of("A", 50), Variant.of("B", 50));
    int agree = 0;
    for (int i = 0; i < 10_000; i++) {
      if (other.assign("L" + i).name().equals(same.assign("L" + i).name())) {
        agree++;
      }
    }
    assertThat(agree / 10_000.0).isBetween(0.47, 0.53);
  }

  @Test
  void timingVariantsChangeTheIntervalAndWindowOfTheirStepOnly() {
    Sequence seq =
        new Sequence(
            "s",
            List.of(
                new SequenceStep(MessageType.HOOK, 0),
                new SequenceStep(MessageType.PROOF, 3)
                    .withExperiment(
                        Experiment.of(
                            "proof-timing",
                            Variant.of("late", 1)
                                .withInterval(5)
                                .withWindow(LocalTime.of(14, 0), LocalTime.of(16, 0))))));
    CampaignConfig config =
        CampaignConfig.defaults(new Mailbox("a@b.example", "A")).withSequence(seq);
    CampaignConfig timed = Experiment.timing(config, "L1", 1);
    assertThat(timed.sequence().step(1).daysAfterPrevious()).isEqualTo(5);
    assertThat(timed.schedule().windowStart()).isEqualTo(LocalTime.of(14, 0));
    assertThat(Experiment.timing(config, "L1", 0)).isSameAs(config);
  }

  @Test
  void badVariantsAreRejectedNamingTheField() {
    assertThatThrownBy(() -> Variant.of("A B", 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("name")
        .hasMessageContaining("weight");
    assertThatThrownBy(() -> Experiment.of("x", Variant.of("A", 1), Variant.of("A", 2)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("used twice");
  }
}
