package com.fourrunr.campaign.testing;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.spi.StoredReply;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The moments, configuration and values the store contract cases share. */
final class StoreContractFixtures {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  static final CampaignConfig CONFIG =
      CampaignConfig.defaults(new Mailbox("hello@4runr.test", "4Runr"));
  static final Duration LEASE = Duration.ofMinutes(5);

  private StoreContractFixtures() {}

  static Lead lead(String id, String email) {
    return Lead.builder(id, email).build();
  }

  static CampaignMessage message(String id, String campaignId, int step) {
    return CampaignMessage.pending(
        id, campaignId, "L-1", step, MessageType.HOOK, "Subject " + id, "Body", null);
  }

  static CampaignEvent event(String id, EventType type, String campaignId) {
    return CampaignEvent.fromStored(id, type, T0, campaignId, "L-1", null, Map.of());
  }

  static StoredReply reply(String id) {
    return new StoredReply(
        id, InboundReply.builder("ada@example.com", T0).messageId(id).build(), null, null, "");
  }

  static Campaign storeNewCampaign(CampaignStore store, String id) {
    Campaign c = Campaign.start(id, "L-1", CONFIG, T0);
    store.commit(StoreChanges.builder().lead(lead("L-1", "ada@example.com")).campaign(c).build());
    return c;
  }
}
