package com.fourrunr.campaign;

import org.jspecify.annotations.Nullable;

/**
 * The rules enrolment applies to a lead on its own, before any store lookup: an address whose
 * confidence is not sendable (GUESS, UNKNOWN) and a lead that is ENGAGED or DO_NOT_CONTACT are
 * skipped. The engine's enrolment uses these rules, and tools that plan or preview without
 * enrolling ({@code ./campaign preview}, {@code schedule}) use them to skip the same leads for the
 * same reason.
 *
 * <pre>{@code
 * EnrolmentRules.Skip skip = EnrolmentRules.check(lead);
 * if (skip != null) {
 *   System.out.println(lead.id() + ": " + skip); // EMAIL_CONFIDENCE_TOO_LOW: email_confidence: ...
 * }
 * }</pre>
 */
public final class EnrolmentRules {
  private EnrolmentRules() {}

  /**
   * Why enrolment skips a lead.
   *
   * @param reason the reason, as in {@link EnrolmentReport#skippedByReason()}
   * @param detail the field and the problem, as in the enrolment report's skips
   */
  public record Skip(SkipReason reason, String detail) {
    /** {@code REASON: detail}. */
    @Override
    public String toString() {
      return reason + ": " + detail;
    }
  }

  /**
   * The reason enrolment would skip this lead for its own data (its address confidence or its
   * engagement status), or null when these rules let it through. Suppression and a lead already in
   * a campaign are the store's to judge and are not checked here.
   */
  public static @Nullable Skip check(Lead lead) {
    if (!lead.emailConfidence().isSendable()) {
      return new Skip(
          SkipReason.EMAIL_CONFIDENCE_TOO_LOW,
          "email_confidence: "
              + lead.emailConfidence()
              + " addresses are not mailed (REAL or PATTERN"
              + " needed)");
    }
    if (lead.engagementStatus() == EngagementStatus.ENGAGED
        || lead.engagementStatus() == EngagementStatus.DO_NOT_CONTACT) {
      return new Skip(
          SkipReason.ENGAGEMENT_STATUS, "engagement_status: lead is " + lead.engagementStatus());
    }
    return null;
  }
}
