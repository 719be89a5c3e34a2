package com.fourrunr.campaign.jdbc;

import com.fourrunr.campaign.CampaignEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The last stored event of each campaign of a page ({@link JdbcCampaignStore#findLastEvents}): one
 * query per {@value #CHUNK} campaigns, served by the index {@code campaign_events (campaign_id,
 * seq)}. On PostgreSQL a lateral join reads, for each campaign, the one index entry at the end of
 * its range; on H2 (no lateral joins) the grouped {@code MAX(seq)} of the campaigns is read from
 * the same index and joined back by primary key.
 */
final class JdbcLastEvents {
  static final int CHUNK = JdbcSetReads.CHUNK;

  private final DataSource dataSource;
  private final Dialect dialect;

  JdbcLastEvents(DataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
  }

  Map<String, CampaignEvent> find(Collection<String> campaignIds) {
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(campaignIds));
    Map<String, CampaignEvent> byCampaign = new LinkedHashMap<>();
    for (int i = 0; i < distinct.size(); i += CHUNK) {
      List<String> chunk = distinct.subList(i, Math.min(distinct.size(), i + CHUNK));
      for (CampaignEvent e :
          Jdbc.query(dataSource, sql(dialect, chunk.size()), chunk, Rows::event)) {
        String campaignId = e.campaignId();
        if (campaignId != null) {
          byCampaign.put(campaignId, e);
        }
      }
    }
    // in the order asked, as the other set reads answer
    Map<String, CampaignEvent> found = new LinkedHashMap<>();
    for (String id : distinct) {
      CampaignEvent e = byCampaign.get(id);
      if (e != null) {
        found.put(id, e);
      }
    }
    return found;
  }

  /** The query for {@code n} campaign ids, its parameters the ids. */
  static String sql(Dialect dialect, int n) {
    if (dialect == Dialect.POSTGRESQL) {
      List<String> columns = new ArrayList<>();
      for (String column : Rows.EVENT_COLUMNS.split(",\\s*")) {
        columns.add("e." + column);
      }
      return "SELECT "
          + String.join(", ", columns)
          + " FROM (VALUES "
          + String.join(", ", Collections.nCopies(n, "(?)"))
          + ") AS page(campaign_id) CROSS JOIN LATERAL (SELECT "
          + Rows.EVENT_COLUMNS
          + " FROM campaign_events x WHERE x.campaign_id = page.campaign_id"
          + " ORDER BY x.seq DESC LIMIT 1) e";
    }
    return "SELECT "
        + Rows.EVENT_COLUMNS
        + " FROM campaign_events WHERE seq IN (SELECT MAX(seq) FROM campaign_events"
        + " WHERE campaign_id IN ("
        + String.join(", ", Collections.nCopies(n, "?"))
        + ") GROUP BY campaign_id)";
  }
}
