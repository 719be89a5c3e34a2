package com.fourrunr.campaign;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one enrolment did. Every skip is also stored as a {@link EventType#LEAD_SKIPPED} event; this
 * report lists the first {@link CampaignEngine#MAX_REPORTED_SKIPS} of them so it stays small for
 * large imports.
 *
 * @param read records read
 * @param enrolled campaigns created
 * @param skipped records not enrolled
 * @param skippedByReason the skips counted by reason
 * @param skips the first skips, in reading order
 * @param warned leads enrolled with a warning from the {@link AddressVerifier} (a flagged address,
 *     or one that could not be checked during a DNS outage)
 * @param warnings the first of those warnings, in reading order, each {@code "<location>:
 *     <detail>"}
 * @param tokens the prompt and completion tokens of this enrolment's copy: as the model reported
 *     them for copy written during the enrolment; the submission's estimate for copy written
 *     through a batch ({@link CampaignEngineBuilder#batchGenerator})
 * @param estimatedCost what those tokens cost in US dollars by the engine's {@link ModelPrices}
 *     (batch tokens at the batch discount)
 * @param pendingCopy campaigns enrolled as {@link CampaignStatus#PENDING_COPY}, waiting for their
 *     copy from a batch (counted in {@code enrolled} too)
 */
public record EnrolmentReport(
    int read,
    int enrolled,
    int skipped,
    Map<SkipReason, Integer> skippedByReason,
    List<Skip> skips,
    int warned,
    List<String> warnings,
    long tokens,
    double estimatedCost,
    int pendingCopy) {
  /** Freezes the collections. */
  public EnrolmentReport {
    warnings = List.copyOf(warnings);
    skippedByReason =
        skippedByReason.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new EnumMap<>(skippedByReason));
    skips = List.copyOf(skips);
  }

  /** A report without token counts. */
  public EnrolmentReport(
      int read,
      int enrolled,
      int skipped,
      Map<SkipReason, Integer> skippedByReason,
      List<Skip> skips,
      int warned,
      List<String> warnings) {
    this(read, enrolled, skipped, skippedByReason, skips, warned, warnings, 0, 0, 0);
  }

  /** A report without warnings. */
  public EnrolmentReport(
      int read,
      int enrolled,
      int skipped,
      Map<SkipReason, Integer> skippedByReason,
      List<Skip> skips) {
    this(read, enrolled, skipped, skippedByReason, skips, 0, List.of());
  }

  /** Whether {@link #skips()} holds fewer entries than were skipped. */
  public boolean skipsTruncated() {
    return skips.size() < skipped;
  }
}
