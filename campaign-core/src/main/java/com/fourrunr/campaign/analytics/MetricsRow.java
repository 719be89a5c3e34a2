package com.fourrunr.campaign.analytics;

import java.util.Objects;

/**
 * The metrics of one group: a sequence, a step, a variant, a channel, within one segment of leads.
 *
 * @param sequence the sequence's name ({@code (unknown)} when the campaign's creation was not seen)
 * @param step the step's message type name, for example {@code HOOK}; for LinkedIn tasks without a
 *     step, the task kind
 * @param variant the A/B variant name, or {@link #NO_VARIANT} when the step has no experiment
 * @param channel {@code EMAIL}, {@code LINKEDIN}, ...
 * @param dimension what the leads are grouped by: {@link Segments#ALL}, {@code industry}, {@code
 *     company_size}, {@code seniority}, {@code country} or {@code custom:<field>}
 * @param segment the value of that dimension, {@link Segments#UNKNOWN} when the lead has none,
 *     {@link Segments#OTHER} beyond the bound on distinct values
 * @param metrics the counts and rates
 */
public record MetricsRow(
    String sequence,
    String step,
    String variant,
    String channel,
    String dimension,
    String segment,
    Metrics metrics) {

  /** The variant name of messages of steps without an experiment. */
  public static final String NO_VARIANT = "-";

  /** Checks that no field is null. */
  public MetricsRow {
    Objects.requireNonNull(sequence, "sequence");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(dimension, "dimension");
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(metrics, "metrics");
  }
}
