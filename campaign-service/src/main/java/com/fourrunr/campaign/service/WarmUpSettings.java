package com.fourrunr.campaign.service;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.WarmUp;
import com.fourrunr.campaign.config.SettingsReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Mailbox warm-up ({@code CAMPAIGN_WARMUP_*}): when on, each sending mailbox's daily cap follows
 * the {@link WarmUp} ramp from the day it first sends (kept in the database, so a restart keeps its
 * place), and a mailbox whose soft bounces, blocks or complaints rise is slowed by the default
 * {@link com.fourrunr.campaign.HealthThrottle} before the bounce-rate alert rule pauses it. See
 * docs/deliverability.md.
 *
 * @param enabled whether mailboxes are warmed up ({@code CAMPAIGN_WARMUP_ENABLED}, default false)
 * @param startPerDay the cap on a mailbox's first business day ({@code
 *     CAMPAIGN_WARMUP_START_PER_DAY}, default 10)
 * @param targetPerDay the cap at the end of the ramp ({@code CAMPAIGN_WARMUP_TARGET_PER_DAY},
 *     default 50), at least {@code startPerDay}
 * @param rampBusinessDays the business day the target is reached on ({@code
 *     CAMPAIGN_WARMUP_RAMP_BUSINESS_DAYS}, default 30)
 */
public record WarmUpSettings(
    boolean enabled, int startPerDay, int targetPerDay, int rampBusinessDays) {
  /** The environment variables read. */
  public static final List<String> KEYS =
      List.of(
          "CAMPAIGN_WARMUP_ENABLED",
          "CAMPAIGN_WARMUP_START_PER_DAY",
          "CAMPAIGN_WARMUP_TARGET_PER_DAY",
          "CAMPAIGN_WARMUP_RAMP_BUSINESS_DAYS");

  /** The most a ramp's caps or length may be. */
  static final int MAX = 100_000;

  /** Checks the ramp, each problem named by its environment variable. */
  public WarmUpSettings {
    List<FieldError> errors = new ArrayList<>();
    if (startPerDay < 1 || startPerDay > MAX) {
      errors.add(new FieldError(KEYS.get(1), startPerDay + " is not between 1 and " + MAX));
    }
    if (targetPerDay < startPerDay || targetPerDay > MAX) {
      errors.add(
          new FieldError(
              KEYS.get(2),
              targetPerDay + " is not between the start per day " + startPerDay + " and " + MAX));
    }
    if (rampBusinessDays < 1 || rampBusinessDays > MAX) {
      errors.add(new FieldError(KEYS.get(3), rampBusinessDays + " is not between 1 and " + MAX));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("WarmUpSettings", errors);
    }
  }

  /** Off, with the default ramp (10 a day rising to 50 over 30 business days) when turned on. */
  public static WarmUpSettings off() {
    WarmUp d = WarmUp.defaults();
    return new WarmUpSettings(false, d.startPerDay(), d.targetPerDay(), d.rampBusinessDays());
  }

  /** The ramp. */
  public WarmUp ramp() {
    return new WarmUp(startPerDay, targetPerDay, rampBusinessDays);
  }

  static WarmUpSettings read(SettingsReader in) {
    WarmUpSettings d = off();
    boolean enabled = in.bool(KEYS.get(0), false);
    int start = in.integer(KEYS.get(1), d.startPerDay(), 1, MAX);
    int target = in.integer(KEYS.get(2), d.targetPerDay(), 1, MAX);
    int days = in.integer(KEYS.get(3), d.rampBusinessDays(), 1, MAX);
    if (target < start) {
      in.error(KEYS.get(2), target + " is less than " + KEYS.get(1) + " " + start);
      target = start;
    }
    return new WarmUpSettings(enabled, start, target, days);
  }
}
