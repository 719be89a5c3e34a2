package com.fourrunr.campaign.spring;

import com.fourrunr.campaign.FieldError;
import java.util.List;

/** {@code campaign.warm-up.*}: checked, each problem named by its property, then as the ramp. */
final class WarmUps {
  private static final String AT = "campaign.warm-up.";
  private static final int MAX = 100_000;

  private WarmUps() {}

  static void check(CampaignProperties.WarmUp w, List<FieldError> errors) {
    if (w.startPerDay() < 1 || w.startPerDay() > MAX) {
      errors.add(
          new FieldError(AT + "start-per-day", w.startPerDay() + " is not between 1 and " + MAX));
    }
    if (w.targetPerDay() < w.startPerDay() || w.targetPerDay() > MAX) {
      errors.add(
          new FieldError(
              AT + "target-per-day",
              w.targetPerDay()
                  + " is not between "
                  + AT
                  + "start-per-day "
                  + w.startPerDay()
                  + " and "
                  + MAX));
    }
    if (w.rampBusinessDays() < 1 || w.rampBusinessDays() > MAX) {
      errors.add(
          new FieldError(
              AT + "ramp-business-days", w.rampBusinessDays() + " is not between 1 and " + MAX));
    }
  }

  /** The ramp of checked properties. */
  static com.fourrunr.campaign.WarmUp ramp(CampaignProperties.WarmUp w) {
    return new com.fourrunr.campaign.WarmUp(
        w.startPerDay(), w.targetPerDay(), w.rampBusinessDays());
  }
}
