package com.fourrunr.campaign.service;

import com.fourrunr.campaign.EnrolmentReport;
import com.fourrunr.campaign.SkipReason;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The enrolment report as JSON, the same for {@code POST /api/leads} and for {@code campaign serve
 * --leads}: {@code read}, {@code enrolled}, {@code skipped}, {@code skippedByReason} (reason name
 * to count) and {@code skips} (the first skips, each with {@code location}, {@code leadId}, {@code
 * reason} and {@code detail}; a row of the file that could not be read is an {@code INVALID_LEAD}
 * whose detail names its line), {@code warned} (leads enrolled with an address-verification
 * warning, such as a DNS look-up that failed) and {@code warnings} (the first of them).
 */
public final class EnrolmentJson {
  private EnrolmentJson() {}

  /** The report as a map that Jackson writes as the JSON above. */
  public static Map<String, Object> of(EnrolmentReport report) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("read", report.read());
    out.put("enrolled", report.enrolled());
    out.put("skipped", report.skipped());
    Map<String, Integer> byReason = new LinkedHashMap<>();
    for (Map.Entry<SkipReason, Integer> e : report.skippedByReason().entrySet()) {
      byReason.put(e.getKey().name(), e.getValue());
    }
    out.put("skippedByReason", byReason);
    out.put(
        "skips",
        report.skips().stream()
            .map(
                s ->
                    Map.of(
                        "location",
                        s.location(),
                        "leadId",
                        s.leadId() == null ? "" : s.leadId(),
                        "reason",
                        s.reason().name(),
                        "detail",
                        s.detail()))
            .toList());
    out.put("warned", report.warned());
    out.put("warnings", report.warnings());
    // since issue 20: the copy's tokens, their estimated cost in US dollars, campaigns waiting for
    // their copy from a model batch
    out.put("tokens", report.tokens());
    out.put("estimatedCost", report.estimatedCost());
    out.put("pendingCopy", report.pendingCopy());
    return out;
  }
}
