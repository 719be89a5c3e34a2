package com.fourrunr.campaign.analytics;

/**
 * One stage of a sequence's funnel: Hook, Proof, FOMO, ... then {@link #RESPONSE}.
 *
 * @param sequence the sequence's name
 * @param stage a step's name, or {@link #RESPONSE} for the last stage
 * @param count for a step, the leads it was sent to (all channels); for {@code RESPONSE}, the leads
 *     who answered (a person's reply to any step, counted once per lead and campaign)
 * @param repliesAttributed for a step, the person replies that answered that step (each reply is
 *     attributed to the message it answered); for {@code RESPONSE}, the positive replies
 * @param ofFirst {@code count} over the first stage's count
 */
public record FunnelStage(
    String sequence, String stage, long count, long repliesAttributed, double ofFirst) {
  /** The name of the last stage. */
  public static final String RESPONSE = "RESPONSE";
}
