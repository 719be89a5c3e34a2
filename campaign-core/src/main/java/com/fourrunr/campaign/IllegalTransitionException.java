package com.fourrunr.campaign;

/** Thrown when a campaign is asked to move to a status its current status does not allow. */
public final class IllegalTransitionException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String campaignId;
  private final CampaignStatus from;
  private final CampaignStatus to;

  /** Creates the exception for a rejected move. */
  public IllegalTransitionException(String campaignId, CampaignStatus from, CampaignStatus to) {
    super(
        "campaign '"
            + campaignId
            + "' cannot go from "
            + from
            + " to "
            + to
            + (from.isFinal()
                ? " (" + from + " is final)"
                : "; allowed: " + from.allowedTargets()));
    this.campaignId = campaignId;
    this.from = from;
    this.to = to;
  }

  /** The campaign. */
  public String campaignId() {
    return campaignId;
  }

  /** Its status. */
  public CampaignStatus from() {
    return from;
  }

  /** The refused target. */
  public CampaignStatus to() {
    return to;
  }
}
