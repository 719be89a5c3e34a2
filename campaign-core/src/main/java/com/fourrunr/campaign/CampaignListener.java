package com.fourrunr.campaign;

/**
 * Told of every {@link CampaignEvent} after it is stored. Analytics, audit and the Airtable sync
 * listen here. Called on the thread that made the change; a listener that throws is logged and does
 * not stop the engine or the other listeners. Listeners must be quick: hand slow work to an
 * executor of your own.
 */
@FunctionalInterface
public interface CampaignListener {
  /** Called once for each stored event, in the order they were stored. */
  void onEvent(CampaignEvent event);
}
