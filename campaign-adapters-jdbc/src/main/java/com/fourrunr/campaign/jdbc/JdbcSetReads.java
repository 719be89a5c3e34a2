package com.fourrunr.campaign.jdbc;

import static com.fourrunr.campaign.jdbc.Rows.CAMPAIGN_COLUMNS;
import static com.fourrunr.campaign.jdbc.Rows.MESSAGE_COLUMNS;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.Lead;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The set reads of {@link JdbcCampaignStore}: what a send batch needs (campaigns, leads, messages
 * of its campaigns, suppressions) in one query each, with {@code IN} lists of at most {@value
 * #CHUNK} keys.
 */
final class JdbcSetReads {
  static final int CHUNK = 500;

  private final DataSource dataSource;

  JdbcSetReads(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  Map<String, Campaign> campaigns(Collection<String> ids) {
    Map<String, Campaign> found = new LinkedHashMap<>();
    for (List<String> chunk : chunks(ids)) {
      for (Campaign c :
          Jdbc.query(
              dataSource,
              "SELECT " + CAMPAIGN_COLUMNS + " FROM campaign_campaigns WHERE id IN " + in(chunk),
              chunk,
              Rows::campaign)) {
        found.put(c.id(), c);
      }
    }
    return found;
  }

  Map<String, Lead> leads(Collection<String> ids) {
    Map<String, Lead> found = new LinkedHashMap<>();
    for (List<String> chunk : chunks(ids)) {
      for (Lead l :
          Jdbc.query(
              dataSource,
              "SELECT data FROM campaign_leads WHERE id IN " + in(chunk),
              chunk,
              rs -> Json.read(rs.getString(1), Lead.class))) {
        found.put(l.id(), l);
      }
    }
    return found;
  }

  Map<String, List<CampaignMessage>> messages(Collection<String> campaignIds) {
    Map<String, List<CampaignMessage>> found = new LinkedHashMap<>();
    for (String id : campaignIds) {
      found.put(id, new ArrayList<>());
    }
    for (List<String> chunk : chunks(campaignIds)) {
      for (CampaignMessage m :
          Jdbc.query(
              dataSource,
              "SELECT "
                  + MESSAGE_COLUMNS
                  + " FROM campaign_messages WHERE campaign_id IN "
                  + in(chunk)
                  + " ORDER BY campaign_id, step_index, id",
              chunk,
              Rows::message)) {
        found.computeIfAbsent(m.campaignId(), k -> new ArrayList<>()).add(m);
      }
    }
    return found;
  }

  private static List<List<String>> chunks(Collection<String> keys) {
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
    List<List<String>> chunks = new ArrayList<>();
    for (int i = 0; i < distinct.size(); i += CHUNK) {
      chunks.add(distinct.subList(i, Math.min(distinct.size(), i + CHUNK)));
    }
    return chunks;
  }

  private static String in(List<String> chunk) {
    return "(" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")";
  }
}
