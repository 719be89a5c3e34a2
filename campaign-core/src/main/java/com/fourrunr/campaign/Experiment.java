package com.fourrunr.campaign;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An A/B test on one {@link SequenceStep}: its {@link Variant}s and how leads are split between
 * them.
 *
 * <p>Each lead gets one variant, chosen from a SHA-256 hash of the experiment's name and the lead's
 * id: the same lead always gets the same variant, across restarts, engine instances and JVMs, and
 * the split follows the variants' weights. Give the experiment a new name to draw a fresh split.
 *
 * <p>Attach it with {@link SequenceStep#withExperiment(Experiment)}. A campaign keeps the
 * configuration it was created with, so changing or {@linkplain #promote(String) promoting} an
 * experiment in the engine's configuration changes new campaigns only.
 *
 * @param name the experiment's name, the seed of the split (letters, digits, {@code - _ . :}, up to
 *     64)
 * @param variants the arms, 1 to 26, with distinct names
 */
public record Experiment(String name, List<Variant> variants) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  /** Checks the name and the variants. */
  public Experiment {
    List<FieldError> errors = new ArrayList<>();
    if (name == null || !NAME.matcher(name).matches()) {
      errors.add(
          new FieldError("name", "'" + name + "' is not 1 to 64 letters, digits, - _ . or :"));
    }
    if (variants == null || variants.isEmpty() || variants.size() > 26) {
      errors.add(new FieldError("variants", "must hold 1 to 26 variants"));
    } else {
      Set<String> names = new HashSet<>();
      for (Variant v : variants) {
        if (v == null) {
          errors.add(new FieldError("variants", "holds a null variant"));
        } else if (!names.add(v.name())) {
          errors.add(new FieldError("variants", "name '" + v.name() + "' is used twice"));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("Experiment " + name, errors);
    }
    variants = List.copyOf(variants);
  }

  /** An experiment of the given variants. */
  public static Experiment of(String name, Variant... variants) {
    return new Experiment(name, List.of(variants));
  }

  /**
   * The variant of a lead: deterministic in ({@link #name()}, {@code leadId}), and over many leads
   * each variant gets about its weight's share.
   */
  public Variant assign(String leadId) {
    int total = 0;
    for (Variant v : variants) {
      total += v.weight();
    }
    long bucket = Long.remainderUnsigned(hash(name + '\u0000' + leadId), total);
    for (Variant v : variants) {
      bucket -= v.weight();
      if (bucket < 0) {
        return v;
      }
    }
    return variants.get(variants.size() - 1); // unreachable: the buckets add up to total
  }

  /** The variant with this name, or null. */
  public @Nullable Variant variant(String variantName) {
    return variants.stream().filter(v -> v.name().equals(variantName)).findFirst().orElse(null);
  }

  /**
   * This experiment with only the winner left (weight 1): every new campaign created with it gets
   * the winner. Running campaigns keep the configuration they were created with.
   *
   * @throws InvalidInputException when no variant has that name
   */
  public Experiment promote(String winner) {
    Variant v = variant(winner);
    if (v == null) {
      throw InvalidInputException.of(
          "Experiment " + name, "winner", "'" + winner + "' is not a variant");
    }
    return new Experiment(name, List.of(v.withWeight(1)));
  }

  /** The variant a lead gets at one step of a sequence, or null when the step has no experiment. */
  public static @Nullable Variant variantOf(Sequence sequence, int stepIndex, String leadId) {
    if (stepIndex < 0 || stepIndex >= sequence.size()) {
      return null;
    }
    Experiment e = sequence.step(stepIndex).experiment();
    return e == null ? null : e.assign(leadId);
  }

  /**
   * The configuration the schedule should use for one lead's step: {@code config} itself, or, when
   * the lead's variant of that step changes its timing, a copy with the variant's interval and send
   * window.
   */
  public static CampaignConfig timing(CampaignConfig config, String leadId, int stepIndex) {
    Variant v = variantOf(config.sequence(), stepIndex, leadId);
    if (v == null || !v.changesTiming()) {
      return config;
    }
    CampaignConfig out = config;
    if (v.daysAfterPrevious() != null) {
      List<SequenceStep> steps = new ArrayList<>(config.sequence().steps());
      SequenceStep s = steps.get(stepIndex);
      steps.set(stepIndex, new SequenceStep(s.type(), v.daysAfterPrevious(), s.experiment()));
      out = out.withSequence(new Sequence(config.sequence().name(), steps));
    }
    if (v.windowStart() != null && v.windowEnd() != null) {
      SchedulePolicy p = out.schedule().toBuilder().window(v.windowStart(), v.windowEnd()).build();
      out = out.withSchedule(p);
    }
    return out;
  }

  private static long hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      long h = 0;
      for (int i = 0; i < 8; i++) {
        h = (h << 8) | (d[i] & 0xff);
      }
      return h;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
