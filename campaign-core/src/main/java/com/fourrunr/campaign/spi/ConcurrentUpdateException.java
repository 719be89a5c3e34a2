package com.fourrunr.campaign.spi;

/**
 * Thrown by a {@link CampaignStore} when a campaign changed since it was read (optimistic locking),
 * or a message is no longer claimed by the instance that expects to hold it: the whole commit is
 * refused and nothing of it is written.
 */
public final class ConcurrentUpdateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for a campaign whose stored version is not the expected one. */
  public ConcurrentUpdateException(String campaignId, long expectedVersion, long actualVersion) {
    super(
        "campaign '"
            + campaignId
            + "' is at version "
            + actualVersion
            + ", expected "
            + expectedVersion
            + ": it was changed concurrently");
  }

  private ConcurrentUpdateException(String message) {
    super(message);
  }

  /** Creates the exception for a message whose claim {@code owner} no longer holds. */
  public static ConcurrentUpdateException lostClaim(String messageId, String owner) {
    return new ConcurrentUpdateException(
        "message '"
            + messageId
            + "' is no longer claimed by '"
            + owner
            + "': another instance took it over or it was changed");
  }
}
