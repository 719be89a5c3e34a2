package com.fourrunr.campaign.jdbc;

import com.fourrunr.campaign.EmailAddresses;
import com.fourrunr.campaign.spi.Suppression;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The suppression list in {@code campaign_suppressions}: addresses and domain entries (keyed
 * {@code @domain}) in one table; an address is suppressed when its own key or its domain's is
 * there. Lists and searches entries, and removes them inside a commit.
 */
final class JdbcSuppressions {
  private static final int CHUNK = 500;

  private final DataSource dataSource;

  JdbcSuppressions(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Whether the address or its domain is suppressed. */
  boolean isSuppressed(String email) {
    List<String> keys = keysOf(email);
    return !Jdbc.query(
            dataSource,
            "SELECT 1 FROM campaign_suppressions WHERE email IN " + in(keys),
            keys,
            rs -> Boolean.TRUE)
        .isEmpty();
  }

  /** Which of the addresses are suppressed, themselves or by their domain: as given. */
  Set<String> suppressed(Collection<String> emails) {
    Map<String, List<String>> byKey = new LinkedHashMap<>();
    for (String email : emails) {
      for (String key : keysOf(email)) {
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(email);
      }
    }
    Set<String> found = new LinkedHashSet<>();
    List<String> distinct = new ArrayList<>(byKey.keySet());
    for (int i = 0; i < distinct.size(); i += CHUNK) {
      List<String> chunk = distinct.subList(i, Math.min(distinct.size(), i + CHUNK));
      for (String key :
          Jdbc.query(
              dataSource,
              "SELECT email FROM campaign_suppressions WHERE email IN " + in(chunk),
              chunk,
              rs -> rs.getString(1))) {
        found.addAll(byKey.getOrDefault(key, List.of()));
      }
    }
    Set<String> ordered = new LinkedHashSet<>();
    for (String email : emails) {
      if (found.contains(email)) {
        ordered.add(email);
      }
    }
    return ordered;
  }

  /** Entries whose key contains {@code query}, ordered by key, after {@code afterKey}. */
  List<Suppression> find(String query, @Nullable String afterKey, int limit) {
    String pattern =
        "%"
            + (query == null ? "" : query.strip().toLowerCase(java.util.Locale.ROOT))
                .replace("!", "!!")
                .replace("%", "!%")
                .replace("_", "!_")
            + "%";
    List<Object> params = new ArrayList<>();
    params.add(pattern);
    String after = "";
    if (afterKey != null) {
      after = " AND email > ?";
      params.add(afterKey);
    }
    params.add(limit);
    return Jdbc.query(
        dataSource,
        "SELECT email, reason, suppressed_at FROM campaign_suppressions WHERE email LIKE ?"
            + " ESCAPE '!'"
            + after
            + " ORDER BY email LIMIT ?",
        params,
        rs -> new Suppression(rs.getString(1), rs.getString(2), Jdbc.requiredInstant(rs, 3)));
  }

  /** Deletes the entries, inside the commit's transaction. */
  static void remove(Connection c, List<String> keys) throws SQLException {
    if (keys.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM campaign_suppressions WHERE email = ?")) {
      for (String key : keys) {
        ps.setString(1, key);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static List<String> keysOf(String email) {
    String normal = EmailAddresses.normalise(email);
    String domain = Suppression.domainKeyOf(email);
    return domain == null || domain.equals(normal) ? List.of(normal) : List.of(normal, domain);
  }

  private static String in(List<String> keys) {
    return "(" + String.join(", ", Collections.nCopies(keys.size(), "?")) + ")";
  }
}
