package com.fourrunr.campaign;

import com.fourrunr.campaign.spi.CampaignStore;
import java.util.Objects;

/**
 * Thrown by a {@link CampaignStore} when a commit would give one person a second open campaign: a
 * campaign opened (or a lead's address changed) while another open campaign (active, paused or
 * held) has a lead with the same normalised address ({@link EmailAddresses#normalise}). The whole
 * commit is refused and nothing of it is written; {@link CampaignEngine#enrol} turns it into an
 * {@link SkipReason#ALREADY_IN_CAMPAIGN} skip of that lead.
 */
public final class AlreadyInCampaignException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String campaignId;
  private final String email;

  /**
   * Creates the exception.
   *
   * @param campaignId the campaign of the commit that was refused
   * @param email the normalised address that already has an open campaign
   */
  public AlreadyInCampaignException(String campaignId, String email) {
    super(
        "campaign '"
            + Objects.requireNonNull(campaignId, "campaignId")
            + "': "
            + Objects.requireNonNull(email, "email")
            + " already has an open campaign");
    this.campaignId = campaignId;
    this.email = email;
  }

  /** The campaign of the refused commit. */
  public String campaignId() {
    return campaignId;
  }

  /** The normalised address that already has an open campaign. */
  public String email() {
    return email;
  }
}
