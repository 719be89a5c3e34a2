package com.fourrunr.campaign;

import com.fourrunr.campaign.spi.CampaignStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the checks of a send batch read, in one query per kind for the whole batch: its campaigns
 * (read once when the batch is claimed), leads, suppressed addresses and the messages of its active
 * campaigns. A batch is read in segments in which no campaign appears twice, so that a campaign's
 * later step is checked against its earlier step as recorded, never against a read from before it
 * was sent.
 */
final class BatchReads {
  private final Map<String, Campaign> campaigns;
  private final Map<String, Lead> leads;
  private final Set<String> suppressed;
  private final Map<String, List<CampaignMessage>> messages;

  private BatchReads(
      Map<String, Campaign> campaigns,
      Map<String, Lead> leads,
      Set<String> suppressed,
      Map<String, List<CampaignMessage>> messages) {
    this.campaigns = campaigns;
    this.leads = leads;
    this.suppressed = suppressed;
    this.messages = messages;
  }

  /**
   * The claimed messages in consecutive segments, each in claim order, in which no campaign appears
   * twice.
   */
  static List<List<CampaignMessage>> segments(List<CampaignMessage> due) {
    List<List<CampaignMessage>> segments = new ArrayList<>();
    List<CampaignMessage> current = new ArrayList<>();
    Set<String> campaignIds = new HashSet<>();
    for (CampaignMessage m : due) {
      if (!campaignIds.add(m.campaignId())) {
        segments.add(current);
        current = new ArrayList<>();
        campaignIds.clear();
        campaignIds.add(m.campaignId());
      }
      current.add(m);
    }
    if (!current.isEmpty()) {
      segments.add(current);
    }
    return segments;
  }

  /**
   * Reads what the checks of {@code segment} need. The campaigns are those of {@code
   * claimedCampaigns} (read when the batch was claimed) when {@code fresh}; otherwise they are read
   * again.
   */
  static BatchReads read(
      CampaignStore store,
      List<CampaignMessage> segment,
      Map<String, Campaign> claimedCampaigns,
      boolean fresh) {
    Set<String> campaignIds = new LinkedHashSet<>();
    Set<String> leadIds = new LinkedHashSet<>();
    for (CampaignMessage m : segment) {
      campaignIds.add(m.campaignId());
      leadIds.add(m.leadId());
    }
    Map<String, Campaign> campaigns = fresh ? claimedCampaigns : store.findCampaigns(campaignIds);
    Map<String, Lead> leads = store.findLeads(leadIds);
    Set<String> suppressed =
        leads.isEmpty()
            ? Set.of()
            : store.findSuppressed(leads.values().stream().map(Lead::email).toList());
    List<String> active = new ArrayList<>();
    for (String id : campaignIds) {
      Campaign c = campaigns.get(id);
      if (c != null && c.status() == CampaignStatus.ACTIVE) {
        active.add(id);
      }
    }
    Map<String, List<CampaignMessage>> messages =
        active.isEmpty() ? Map.of() : store.findMessages(active);
    return new BatchReads(campaigns, leads, suppressed, messages);
  }

  @Nullable Campaign campaign(String id) {
    return campaigns.get(id);
  }

  @Nullable Lead lead(String id) {
    return leads.get(id);
  }

  boolean suppressed(Lead lead) {
    return suppressed.contains(lead.email());
  }

  /** The campaign's messages, by step; empty when the campaign is not active. */
  List<CampaignMessage> messages(String campaignId) {
    return messages.getOrDefault(campaignId, List.of());
  }
}
