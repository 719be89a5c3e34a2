package com.fourrunr.campaign;

import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.OpenCampaigns;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What enrolment asks the store about a batch of records, in one suppression query and one
 * open-campaign query: the suppressed addresses and the open campaigns of the batch's leads that
 * pass {@link EnrolmentRules} (the others are skipped before any store lookup).
 *
 * @param suppressed the suppressed addresses among the leads' ({@link Lead#email()}, normalised)
 * @param open the open campaigns of the leads and of their addresses
 */
record BatchLookups(Set<String> suppressed, OpenCampaigns open) {
  private static final BatchLookups NONE =
      new BatchLookups(Set.of(), new OpenCampaigns(Map.of(), Map.of()));

  static BatchLookups read(CampaignStore store, List<LeadRecord> records) {
    Set<String> ids = new LinkedHashSet<>();
    Set<String> emails = new LinkedHashSet<>();
    for (LeadRecord record : records) {
      if (record instanceof LeadRecord.Valid valid && EnrolmentRules.check(valid.lead()) == null) {
        ids.add(valid.lead().id());
        emails.add(valid.lead().email());
      }
    }
    if (ids.isEmpty()) {
      return NONE;
    }
    Set<String> suppressed = store.findSuppressed(emails);
    Set<String> notSuppressed = new LinkedHashSet<>(emails);
    notSuppressed.removeAll(suppressed);
    return new BatchLookups(Set.copyOf(suppressed), store.findOpenCampaigns(ids, notSuppressed));
  }
}
