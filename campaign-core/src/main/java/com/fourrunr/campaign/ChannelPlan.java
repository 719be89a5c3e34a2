package com.fourrunr.campaign;

/**
 * One channel in the order a campaign uses them, with the wait before it: given to {@link
 * CampaignEngineBuilder#channels(ChannelPlan...)}.
 *
 * <pre>{@code
 * CampaignEngine.builder()
 *     .channels(ChannelPlan.email(), ChannelPlan.linkedIn(3))   // LinkedIn 3 business days after the last email
 * }</pre>
 *
 * @param channel the channel
 * @param businessDaysAfterPrevious for a channel after the first: business days (by the engine's
 *     {@link SendSchedule}) after the previous channel's last step went out without an answer; 0 to
 *     60. The email channel's own steps keep the delays of its {@link Sequence}.
 */
public record ChannelPlan(Channel channel, int businessDaysAfterPrevious) {
  /** The business days LinkedIn waits after the last email step by default. */
  public static final int DEFAULT_LINKEDIN_BUSINESS_DAYS = 3;

  /** Checks the fields. */
  public ChannelPlan {
    if (channel == null) {
      throw InvalidInputException.of("ChannelPlan", "channel", "is required");
    }
    if (businessDaysAfterPrevious < 0 || businessDaysAfterPrevious > 60) {
      throw InvalidInputException.of(
          "ChannelPlan",
          "businessDaysAfterPrevious",
          businessDaysAfterPrevious + " is not between 0 and 60");
    }
  }

  /** The email sequence. */
  public static ChannelPlan email() {
    return new ChannelPlan(Channel.EMAIL, 0);
  }

  /**
   * A LinkedIn step {@code businessDays} business days after the previous channel ended unanswered.
   */
  public static ChannelPlan linkedIn(int businessDays) {
    return new ChannelPlan(Channel.LINKEDIN, businessDays);
  }

  /** A LinkedIn step {@link #DEFAULT_LINKEDIN_BUSINESS_DAYS} business days after the last email. */
  public static ChannelPlan linkedIn() {
    return linkedIn(DEFAULT_LINKEDIN_BUSINESS_DAYS);
  }
}
