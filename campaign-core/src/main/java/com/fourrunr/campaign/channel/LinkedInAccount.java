package com.fourrunr.campaign.channel;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A LinkedIn account tasks are sent from, with its limits. Tasks beyond a limit wait (their due
 * time moves to the first moment every limit allows); they are never dropped. Counts are rolling
 * windows of handed-out tasks, read from the {@link ChannelTaskStore}, so they hold across restarts
 * and engine instances.
 *
 * @param id a short name for the account, for example {@code sales-1}; a campaign keeps its account
 * @param weeklyInvitations connection requests handed out in any 7 days (LinkedIn: about 100 a week
 *     is the commonly cited safe cap); 1 to 1,000
 * @param dailyTasks tasks of any kind handed out in any 24 hours; 1 to 1,000
 * @param spacing the least time between two tasks handed out; 0 to 1 day
 * @param noteLimit characters of a connection note (300; 200 on free accounts); 20 to 300
 * @param followUpLimit characters of a follow-up message (kept short on purpose); 50 to 8,000
 */
public record LinkedInAccount(
    String id,
    int weeklyInvitations,
    int dailyTasks,
    Duration spacing,
    int noteLimit,
    int followUpLimit) {
  /** Connection requests per 7 days by default. */
  public static final int DEFAULT_WEEKLY_INVITATIONS = 100;

  /** Tasks per 24 hours by default. */
  public static final int DEFAULT_DAILY_TASKS = 25;

  /** Least time between two tasks by default. */
  public static final Duration DEFAULT_SPACING = Duration.ofMinutes(10);

  /** Connection-note characters on a paid account. */
  public static final int PREMIUM_NOTE_LIMIT = 300;

  /** Connection-note characters on a free account. */
  public static final int FREE_NOTE_LIMIT = 200;

  /** Follow-up characters by default: LinkedIn allows far more; short messages get answers. */
  public static final int DEFAULT_FOLLOW_UP_LIMIT = 600;

  /** Checks every field, listing each problem. */
  public LinkedInAccount {
    List<FieldError> errors = new ArrayList<>();
    if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}")) {
      errors.add(
          new FieldError(
              "id", "'" + id + "' must be 1 to 100 letters, digits, '.', '_', '@' or '-'"));
    }
    if (weeklyInvitations < 1 || weeklyInvitations > 1_000) {
      errors.add(
          new FieldError("weeklyInvitations", weeklyInvitations + " is not between 1 and 1000"));
    }
    if (dailyTasks < 1 || dailyTasks > 1_000) {
      errors.add(new FieldError("dailyTasks", dailyTasks + " is not between 1 and 1000"));
    }
    if (spacing == null || spacing.isNegative() || spacing.compareTo(Duration.ofDays(1)) > 0) {
      errors.add(new FieldError("spacing", spacing + " is not between 0 and 1 day"));
    }
    if (noteLimit < 20 || noteLimit > PREMIUM_NOTE_LIMIT) {
      errors.add(
          new FieldError("noteLimit", noteLimit + " is not between 20 and " + PREMIUM_NOTE_LIMIT));
    }
    if (followUpLimit < 50 || followUpLimit > 8_000) {
      errors.add(new FieldError("followUpLimit", followUpLimit + " is not between 50 and 8000"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("LinkedInAccount", errors);
    }
  }

  /** A paid account with the default limits (300-character notes). */
  public static LinkedInAccount premium(String id) {
    return new LinkedInAccount(
        id,
        DEFAULT_WEEKLY_INVITATIONS,
        DEFAULT_DAILY_TASKS,
        DEFAULT_SPACING,
        PREMIUM_NOTE_LIMIT,
        DEFAULT_FOLLOW_UP_LIMIT);
  }

  /** A free account with the default limits (200-character notes). */
  public static LinkedInAccount free(String id) {
    return new LinkedInAccount(
        id,
        DEFAULT_WEEKLY_INVITATIONS,
        DEFAULT_DAILY_TASKS,
        DEFAULT_SPACING,
        FREE_NOTE_LIMIT,
        DEFAULT_FOLLOW_UP_LIMIT);
  }

  /** This account with another weekly invitation cap. */
  public LinkedInAccount withWeeklyInvitations(int weekly) {
    return new LinkedInAccount(id, weekly, dailyTasks, spacing, noteLimit, followUpLimit);
  }

  /** This account with another daily task cap. */
  public LinkedInAccount withDailyTasks(int daily) {
    return new LinkedInAccount(id, weeklyInvitations, daily, spacing, noteLimit, followUpLimit);
  }

  /** This account with another spacing between tasks. */
  public LinkedInAccount withSpacing(Duration gap) {
    return new LinkedInAccount(id, weeklyInvitations, dailyTasks, gap, noteLimit, followUpLimit);
  }

  /** This account with other text limits. */
  public LinkedInAccount withLimits(int note, int followUp) {
    return new LinkedInAccount(id, weeklyInvitations, dailyTasks, spacing, note, followUp);
  }

  /** The character limit for a task of this kind. */
  public int limit(TaskKind kind) {
    return kind == TaskKind.CONNECTION_NOTE ? noteLimit : followUpLimit;
  }
}
