package com.fourrunr.campaign.channel;

/**
 * What a person reports of a task through {@link com.fourrunr.campaign.CampaignEngine#reportTask}.
 */
public enum TaskOutcome {
  /**
   * The request or message was sent. For a connection note the task stays {@link TaskStatus#OPEN}
   * awaiting ACCEPTED or DECLINED, and the campaign completes; for a follow-up the task is done.
   */
  SENT,
  /** The connection request was accepted: a follow-up task is prepared. */
  ACCEPTED,
  /** The lead answered on LinkedIn: the campaign is RESPONDED, as after an email reply. */
  REPLIED,
  /** The connection request was declined (or withdrawn): nothing more is done on LinkedIn. */
  DECLINED
}
