package com.fourrunr.campaign.spi;

import com.fourrunr.campaign.CampaignMessage;
import java.util.Objects;

/**
 * A condition on a {@link StoreChanges commit}: the message must still be claimed by {@code owner}
 * (see {@link CampaignStore#claimDueMessages}). If another instance took the claim over, or any
 * other write released it, the whole commit is refused with a {@link ConcurrentUpdateException}.
 *
 * @param messageId the {@link CampaignMessage#id()}
 * @param owner the claiming instance
 */
public record MessageClaim(String messageId, String owner) {
  /** Checks both parts. */
  public MessageClaim {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(owner, "owner");
  }
}
