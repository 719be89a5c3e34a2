package com.fourrunr.campaign.jdbc;

import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.spi.CampaignSearch;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The operator's campaign list in SQL ({@link JdbcCampaignStore#searchCampaignIds}): a keyset page
 * of campaign ids ordered by id, served by indexes at any size (migration V13). Filters use {@code
 * campaign_campaigns (status, id)}, {@code (mailbox, id)} and {@code (sequence_name, id)}; the
 * unfiltered list walks the primary key; the text search is a prefix {@code LIKE} on the lead's
 * folded full name, last name, email and company, each with its own index ({@code text_pattern_ops}
 * on PostgreSQL), so it reads only the leads that match. The folded columns are written by {@link
 * JdbcWrites} with {@link CampaignSearch#fold}, the same folding the search text gets, and filled
 * for rows stored before V13 by {@link FillSearchColumns}.
 */
final class JdbcCampaignSearch {
  private final DataSource dataSource;

  JdbcCampaignSearch(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The value of column {@code campaign_campaigns.mailbox}. */
  static String mailboxKey(CampaignConfig config) {
    return CampaignSearch.fold(config.from().address());
  }

  /** The value of column {@code campaign_campaigns.sequence_name}. */
  static String sequenceKey(CampaignConfig config) {
    return config.sequence().name();
  }

  List<String> ids(CampaignSearch search, @Nullable String after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    List<Object> params = new ArrayList<>();
    String sql = sql(search, after, params);
    params.add(limit);
    return Jdbc.query(dataSource, sql, params, rs -> rs.getString(1));
  }

  /** The query for {@link #ids}, its parameters added to {@code params} (the limit last, not). */
  static String sql(CampaignSearch search, @Nullable String after, List<Object> params) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT c.id FROM campaign_campaigns c JOIN campaign_leads l ON l.id = c.lead_id"
                + " WHERE 1 = 1");
    if (search.status() != null) {
      sql.append(" AND c.status = ?");
      params.add(search.status().name());
    }
    if (search.mailbox() != null) {
      sql.append(" AND c.mailbox = ?");
      params.add(search.mailbox());
    }
    if (search.sequence() != null) {
      sql.append(" AND c.sequence_name = ?");
      params.add(search.sequence());
    }
    if (after != null) {
      sql.append(" AND c.id > ?");
      params.add(after);
    }
    if (!search.text().isEmpty()) {
      String prefix = escapeLike(search.text()) + "%";
      sql.append(
          " AND (l.name_lc LIKE ? ESCAPE '!' OR l.last_name_lc LIKE ? ESCAPE '!'"
              + " OR l.email LIKE ? ESCAPE '!' OR l.company_lc LIKE ? ESCAPE '!')");
      for (int i = 0; i < 4; i++) {
        params.add(prefix);
      }
    }
    return sql.append(" ORDER BY c.id LIMIT ?").toString();
  }

  /** The text as a LIKE pattern that matches it literally ({@code !} escapes). */
  static String escapeLike(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }
}
