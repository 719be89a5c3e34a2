package com.fourrunr.campaign;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the engine did with one incoming mail.
 *
 * @param replyId the stored mail's id
 * @param duplicate whether the mail had been handled before (then nothing was done)
 * @param campaignId the campaign it was matched to, or null
 * @param category its category, or null for a duplicate
 * @param action what was done, in words ({@code campaign RESPONDED}, {@code unmatched}, ...)
 */
public record ReplyOutcome(
    String replyId,
    boolean duplicate,
    @Nullable String campaignId,
    @Nullable ReplyCategory category,
    String action) {
  /** Checks the required fields. */
  public ReplyOutcome {
    Objects.requireNonNull(replyId, "replyId");
    Objects.requireNonNull(action, "action");
  }
}
