package com.fourrunr.campaign;

import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.OpenCampaigns;
import com.fourrunr.campaign.spi.StoreChanges;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The enrolment side of "one person, one open campaign": a person is their normalised address
 * ({@link EmailAddresses#normalise}, which {@link Lead#email()} already is). Checked before a
 * lead's copy is written (in the batch and in the store), and enforced by the store at commit,
 * where {@link AlreadyInCampaignException} tells which campaign lost a race.
 */
final class OnePersonOneCampaign {
  /** Lead ids and addresses enrolled in the open batch, cleared when it is committed. */
  private Set<String> leadIds = new HashSet<>();

  /** The addresses enrolled in the open batch, with their new campaigns. */
  private Map<String, String> emails = new HashMap<>();

  private Map<String, String> locations = new HashMap<>();

  /**
   * The same of the batch handed to the store and not yet committed ({@link #handedOver}): the
   * store's answer for the open batch was read before that commit, so these leads are checked here,
   * with the details the store's answer would give.
   */
  private Set<String> committingLeadIds = Set.of();

  private Map<String, String> committingEmails = Map.of();
  private Map<String, String> committingLocations = Map.of();

  /**
   * Why {@code lead} may not have a new campaign (the skip detail), or null when it may. {@code
   * open} is the store's answer for the batch ({@link CampaignStore#findOpenCampaigns}), read
   * before any of the batch is committed; the batch's own leads are checked here.
   */
  @Nullable String reasonToSkip(OpenCampaigns open, Lead lead) {
    if (leadIds.contains(lead.id())) {
      return "id: lead " + lead.id() + " already has an open campaign";
    }
    if (emails.containsKey(lead.email())) {
      return "email: "
          + lead.email()
          + " is enrolled earlier in this batch (one person, one open campaign)";
    }
    if (open.byLead().containsKey(lead.id()) || committingLeadIds.contains(lead.id())) {
      return "id: lead " + lead.id() + " already has an open campaign";
    }
    Campaign c = open.byEmail().get(lead.email());
    if (c != null) {
      return alreadyOpen(lead.email(), c.id());
    }
    String committing = committingEmails.get(lead.email());
    if (committing != null) {
      return alreadyOpen(lead.email(), committing);
    }
    return null;
  }

  /** The skip detail of an address whose open campaign is {@code campaignId}. */
  static String alreadyOpen(String email, String campaignId) {
    return "email: " + email + " already has an open campaign (" + campaignId + ")";
  }

  /**
   * Notes a lead enrolled in the open batch, with its new campaign and where its record came from.
   */
  void enrolled(Lead lead, String campaignId, String location) {
    leadIds.add(lead.id());
    emails.put(lead.email(), campaignId);
    locations.put(campaignId, location);
  }

  /** Where the record of a campaign of the open (or the committing) batch came from. */
  String location(String campaignId) {
    String location = locations.get(campaignId);
    if (location == null) {
      location = committingLocations.get(campaignId);
    }
    return location != null ? location : "campaign " + campaignId;
  }

  /** Forgets the batch once it is committed. */
  void batchCommitted() {
    leadIds.clear();
    emails.clear();
    locations.clear();
  }

  /**
   * The open batch is handed to the store, to be committed while the next one is read: its leads
   * are kept as committing until {@link #handedOverCommitted}, and the next batch starts empty.
   */
  void handedOver() {
    committingLeadIds = leadIds;
    committingEmails = emails;
    committingLocations = locations;
    leadIds = new HashSet<>();
    emails = new HashMap<>();
    locations = new HashMap<>();
  }

  /** Forgets the batch handed over once it is committed. */
  void handedOverCommitted() {
    committingLeadIds = Set.of();
    committingEmails = Map.of();
    committingLocations = Map.of();
  }

  /** The lead of {@code campaign} in {@code batch}, or null. */
  static @Nullable Lead leadOf(StoreChanges batch, Campaign campaign) {
    return batch.leads().stream()
        .filter(l -> l.id().equals(campaign.leadId()))
        .findFirst()
        .orElse(null);
  }

  /**
   * {@code batch} without the campaign {@code refused} and its lead, messages and events, with
   * {@code extraEvents} added: what is left to commit when the store refused that campaign.
   */
  static StoreChanges without(
      StoreChanges batch, Campaign refused, List<CampaignEvent> extraEvents) {
    StoreChanges.Builder b = StoreChanges.builder();
    boolean leadStillUsed =
        batch.campaigns().stream()
            .anyMatch(c -> !c.id().equals(refused.id()) && c.leadId().equals(refused.leadId()));
    batch.leads().stream()
        .filter(l -> leadStillUsed || !l.id().equals(refused.leadId()))
        .forEach(b::lead);
    batch.campaigns().stream().filter(c -> !c.id().equals(refused.id())).forEach(b::campaign);
    batch.messages().stream().filter(m -> !m.campaignId().equals(refused.id())).forEach(b::message);
    batch.events().stream().filter(e -> !refused.id().equals(e.campaignId())).forEach(b::event);
    extraEvents.forEach(b::event);
    batch.suppressions().forEach(b::suppression);
    batch.replies().forEach(b::reply);
    batch.claims().forEach(c -> b.expectClaim(c.messageId(), c.owner()));
    return b.build();
  }
}
