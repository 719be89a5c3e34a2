package com.fourrunr.campaign.jdbc;

import static com.fourrunr.campaign.jdbc.Rows.CAMPAIGN_COLUMNS;
import static com.fourrunr.campaign.jdbc.Rows.MESSAGE_COLUMNS;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.EmailAddresses;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.spi.OpenCampaigns;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
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
  private final Dialect dialect;

  JdbcSetReads(DataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
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
          Jdbc.query(dataSource, messagesQuery(chunk.size()), chunk, Rows::message)) {
        found.computeIfAbsent(m.campaignId(), k -> new ArrayList<>()).add(m);
      }
    }
    return found;
  }

  /** The messages of {@code n} campaigns, in the order of their index. */
  static String messagesQuery(int n) {
    return "SELECT "
        + MESSAGE_COLUMNS
        + " FROM campaign_messages WHERE campaign_id IN "
        + in(n)
        + " ORDER BY campaign_id, step_index, id";
  }

  /**
   * The open campaigns of {@code leadIds} and of the leads with {@code emails}: per chunk one
   * query, a {@code UNION ALL} of a look-up by lead id and one by address (each served by its
   * index, on PostgreSQL whatever the planner's statistics).
   */
  OpenCampaigns openCampaigns(Collection<String> leadIds, Collection<String> emails) {
    Map<String, List<String>> byNormalised = new LinkedHashMap<>();
    for (String email : emails) {
      byNormalised
          .computeIfAbsent(EmailAddresses.normalise(email), k -> new ArrayList<>())
          .add(email);
    }
    List<List<String>> idChunks = chunks(leadIds);
    List<List<String>> emailChunks = chunks(byNormalised.keySet());
    Map<String, OpenRow> byLead = new LinkedHashMap<>();
    Map<String, OpenRow> byEmail = new LinkedHashMap<>();
    for (int i = 0; i < Math.max(idChunks.size(), emailChunks.size()); i++) {
      List<String> ids = i < idChunks.size() ? idChunks.get(i) : List.of();
      List<String> addresses = i < emailChunks.size() ? emailChunks.get(i) : List.of();
      List<String> params = new ArrayList<>(ids);
      params.addAll(addresses);
      for (OpenRow row :
          Jdbc.query(
              dataSource,
              openCampaignsQuery(dialect, ids.size(), addresses.size()),
              params,
              rs ->
                  new OpenRow(
                      Rows.campaign(rs), rs.getString(10), rs.getString(11), rs.getString(12)))) {
        if (!row.campaign().status().isOpen()) {
          // PostgreSQL: the open statuses are checked here, not by the query (see byLeadId)
          continue;
        }
        // the first lead by id, then the first campaign by creation, as the single reads order them
        (row.kind().equals("L") ? byLead : byEmail).merge(row.key(), row, OpenRow::first);
      }
    }
    Map<String, Campaign> leads = new LinkedHashMap<>();
    byLead.forEach((id, row) -> leads.put(id, row.campaign()));
    Map<String, Campaign> addresses = new LinkedHashMap<>();
    byEmail.forEach(
        (normalised, row) -> {
          for (String asked : byNormalised.getOrDefault(normalised, List.of())) {
            addresses.put(asked, row.campaign());
          }
        });
    return new OpenCampaigns(leads, addresses);
  }

  /**
   * The query of {@link #openCampaigns} for {@code ids} lead ids then {@code addresses} normalised
   * addresses (not both 0): the look-ups by lead id and by address in one {@code UNION ALL}.
   */
  static String openCampaignsQuery(Dialect dialect, int ids, int addresses) {
    List<String> parts = new ArrayList<>();
    if (ids > 0) {
      parts.add(byLeadId(dialect, ids));
    }
    if (addresses > 0) {
      parts.add(byAddress(dialect, addresses));
    }
    return String.join(" UNION ALL ", parts);
  }

  private static final String OPEN_STATUSES = "('ACTIVE', 'PAUSED', 'HELD', 'PENDING_COPY')";

  /**
   * The campaigns of {@code n} lead ids: on PostgreSQL each lead's campaigns looked up by the index
   * {@code campaign_campaigns_lead} in a nested loop ({@code LATERAL}, the {@code OFFSET 0} keeps
   * the planner from flattening it), whatever the statistics, with no status condition the planner
   * could serve by walking every open campaign through {@code campaign_campaigns_by_status}: the
   * caller keeps the open ones. Columns: the campaign, 'L', the lead id, the lead id.
   */
  private static String byLeadId(Dialect dialect, int n) {
    if (dialect == Dialect.POSTGRESQL) {
      return "SELECT "
          + qualified("c")
          + ", 'L', c.lead_id, c.lead_id FROM "
          + keys(n)
          + " CROSS JOIN LATERAL (SELECT "
          + CAMPAIGN_COLUMNS
          + " FROM campaign_campaigns WHERE lead_id = k.key OFFSET 0) c";
    }
    return "SELECT "
        + qualified("c")
        + ", 'L', c.lead_id, c.lead_id FROM campaign_campaigns c WHERE c.lead_id IN "
        + in(n)
        + " AND c.status IN "
        + OPEN_STATUSES;
  }

  /**
   * The campaigns of the leads with {@code n} normalised addresses: on PostgreSQL driven from the
   * addresses, each looked up in {@code campaign_leads} by its address index, then each lead's
   * campaigns by {@code campaign_campaigns_lead} (see {@link #byLeadId}). Columns: the campaign,
   * 'E', the lead's address, the lead id.
   */
  private static String byAddress(Dialect dialect, int n) {
    if (dialect == Dialect.POSTGRESQL) {
      return "SELECT "
          + qualified("c")
          + ", 'E', l.email, l.id FROM "
          + keys(n)
          + " CROSS JOIN LATERAL (SELECT id, email FROM campaign_leads WHERE email = k.key"
          + " OFFSET 0) l CROSS JOIN LATERAL (SELECT "
          + CAMPAIGN_COLUMNS
          + " FROM campaign_campaigns WHERE lead_id = l.id OFFSET 0) c";
    }
    return "SELECT "
        + qualified("c")
        + ", 'E', l.email, l.id FROM campaign_leads l"
        + " JOIN campaign_campaigns c ON c.lead_id = l.id WHERE l.email IN "
        + in(n)
        + " AND c.status IN "
        + OPEN_STATUSES;
  }

  /** {@code n} parameters as a table {@code k(key)}. */
  private static String keys(int n) {
    return "(VALUES " + String.join(", ", Collections.nCopies(n, "(?)")) + ") k(key)";
  }

  private static String qualified(String alias) {
    List<String> columns = new ArrayList<>();
    for (String column : CAMPAIGN_COLUMNS.split(",\\s*")) {
      columns.add(alias + "." + column);
    }
    return String.join(", ", columns);
  }

  /** A row of {@link #openCampaigns}: the campaign, by lead id (L) or by address (E). */
  private record OpenRow(Campaign campaign, String kind, String key, String leadId) {
    static OpenRow first(OpenRow a, OpenRow b) {
      Comparator<OpenRow> order =
          Comparator.comparing(OpenRow::leadId)
              .thenComparing(r -> r.campaign().createdAt())
              .thenComparing(r -> r.campaign().id());
      return order.compare(a, b) <= 0 ? a : b;
    }
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
    return in(chunk.size());
  }

  private static String in(int n) {
    return "(" + String.join(", ", Collections.nCopies(n, "?")) + ")";
  }
}
