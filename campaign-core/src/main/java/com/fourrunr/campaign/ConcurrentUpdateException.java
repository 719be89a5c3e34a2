package com.fourrunr.campaign;

/**
 * Thrown by a {@link CampaignStore} when a campaign changed since it was read (optimistic locking): the
 * whole commit is refused and nothing of it is written.
 */
public final class ConcurrentUpdateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public ConcurrentUpdateException(String campaignId, long expectedVersion, long actualVersion) {
    super("campaign '" + campaignId + "' is at version " + actualVersion + ", expected "
        + expectedVersion + ": it was changed concurrently");
  }
}
