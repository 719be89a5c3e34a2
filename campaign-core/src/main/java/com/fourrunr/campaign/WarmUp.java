package com.fourrunr.campaign;

import java.util.ArrayList;
import java.util.List;

/**
 * The warm-up ramp of new sending mailboxes: on its first business day a mailbox sends at most
 * {@code startPerDay} in any 24 hours, and the cap rises evenly to {@code targetPerDay} on business
 * day {@code rampBusinessDays}, staying there after. Weekends do not advance the ramp. The day a
 * mailbox started is kept in a {@link com.fourrunr.campaign.spi.WarmUpLog} (in the database with
 * {@code JdbcWarmUpLog}), so a restart keeps its place on the ramp. Given to {@link
 * CampaignEngineBuilder#warmUp}; the lower of this cap and {@link SendLimits#perMailboxPerDay()}
 * applies.
 *
 * @param startPerDay the cap on the first business day, at least 1
 * @param targetPerDay the cap at the end of the ramp, at least {@code startPerDay}
 * @param rampBusinessDays the business day the target is reached on, at least 1
 */
public record WarmUp(int startPerDay, int targetPerDay, int rampBusinessDays) {
  /** Checks the ramp, listing each problem. */
  public WarmUp {
    List<FieldError> errors = new ArrayList<>();
    if (startPerDay < 1) {
      errors.add(new FieldError("startPerDay", startPerDay + " is less than 1"));
    }
    if (targetPerDay < startPerDay) {
      errors.add(
          new FieldError(
              "targetPerDay", targetPerDay + " is less than startPerDay " + startPerDay));
    }
    if (rampBusinessDays < 1) {
      errors.add(new FieldError("rampBusinessDays", rampBusinessDays + " is less than 1"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("WarmUp", errors);
    }
  }

  /** 10 a day rising to 50 over 30 business days. */
  public static WarmUp defaults() {
    return new WarmUp(10, 50, 30);
  }

  /**
   * The cap on business day {@code day} of the mailbox (1 is its first): rising in equal steps,
   * rounded down, from {@code startPerDay} on day 1 to {@code targetPerDay} on day {@code
   * rampBusinessDays}.
   */
  public int capOnDay(int day) {
    if (day >= rampBusinessDays || rampBusinessDays == 1) {
      return targetPerDay;
    }
    int d = Math.max(1, day);
    return startPerDay
        + (int) ((long) (targetPerDay - startPerDay) * (d - 1) / (rampBusinessDays - 1));
  }
}
