package com.fourrunr.campaign.airtable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A durable {@link SyncOutbox} in the campaign database: table {@code campaign_sync_outbox}, which
 * {@code JdbcCampaignStore.create} or {@code JdbcCampaignStore.migrate} (campaign-adapters-jdbc)
 * creates on PostgreSQL and on the embedded H2 database. One row per record with pending changes,
 * holding each field's latest value as JSON, so an Airtable outage of any length queues at most one
 * row per record and nothing is lost across a restart. Each operation is one transaction with the
 * record's row locked; thread-safe and safe for several instances.
 */
public final class JdbcSyncOutbox implements SyncOutbox {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, Object>> FIELDS =
      new TypeReference<>() {};
  private static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;

  private JdbcSyncOutbox(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * An outbox in {@code dataSource}, whose schema the campaign store's migrations created.
   *
   * @throws IllegalStateException when the table is missing (run {@code JdbcCampaignStore.migrate}
   *     first)
   */
  public static JdbcSyncOutbox create(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT COUNT(*) FROM campaign_sync_outbox WHERE 1 = 0")) {
      ps.executeQuery().close();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "campaign_sync_outbox is missing: run JdbcCampaignStore.migrate("
              + "dataSource) first ("
              + e.getMessage()
              + ")",
          e);
    }
    return new JdbcSyncOutbox(dataSource);
  }

  @Override
  public void put(String recordKey, Map<String, Object> fields) {
    Objects.requireNonNull(recordKey, "recordKey");
    for (Map.Entry<String, Object> f : fields.entrySet()) {
      Object v = f.getValue();
      if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
        throw new IllegalArgumentException(
            "field " + f.getKey() + ": value must be a String, Number or Boolean, not " + v);
      }
    }
    if (fields.isEmpty()) {
      return;
    }
    try {
      putOnce(recordKey, fields);
    } catch (DuplicateKey e) {
      // another writer queued the same new record at the same moment: its row exists now, merge
      // into it
      putOnce(recordKey, fields);
    }
  }

  private void putOnce(String recordKey, Map<String, Object> fields) {
    this.<@Nullable Void>inTransaction(
        c -> {
          Map<String, Object> current = lockedFields(c, recordKey);
          if (current == null) {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO campaign_sync_outbox (record_key, fields) VALUES (?, ?)")) {
              ps.setString(1, recordKey);
              ps.setString(2, write(fields));
              ps.executeUpdate();
            } catch (SQLException e) {
              if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new DuplicateKey();
              }
              throw e;
            }
          } else {
            current.putAll(fields);
            update(c, recordKey, current);
          }
          return null;
        });
  }

  @Override
  public List<PendingUpdate> peek(int max) {
    if (max < 1) {
      return List.of();
    }
    return inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT record_key, fields FROM campaign_sync_outbox ORDER BY seq LIMIT ?")) {
            ps.setInt(1, max);
            List<PendingUpdate> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(new PendingUpdate(rs.getString(1), read(rs.getString(2))));
              }
            }
            return out;
          }
        });
  }

  @Override
  public void acknowledge(PendingUpdate written) {
    Objects.requireNonNull(written, "written");
    this.<@Nullable Void>inTransaction(
        c -> {
          Map<String, Object> current = lockedFields(c, written.recordKey());
          if (current == null) {
            return null;
          }
          // a field changed since it was read for writing stays queued
          written
              .fields()
              .forEach(
                  (name, value) -> {
                    if (current.containsKey(name)
                        && write(current.get(name)).equals(write(value))) {
                      current.remove(name);
                    }
                  });
          if (current.isEmpty()) {
            try (PreparedStatement ps =
                c.prepareStatement("DELETE FROM campaign_sync_outbox WHERE record_key = ?")) {
              ps.setString(1, written.recordKey());
              ps.executeUpdate();
            }
          } else {
            update(c, written.recordKey(), current);
          }
          return null;
        });
  }

  @Override
  public Optional<PendingUpdate> pending(String recordKey) {
    return inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT fields FROM campaign_sync_outbox WHERE record_key = ?")) {
            ps.setString(1, recordKey);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(new PendingUpdate(recordKey, read(rs.getString(1))))
                  : Optional.empty();
            }
          }
        });
  }

  @Override
  public int size() {
    return inTransaction(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT COUNT(*) FROM campaign_sync_outbox");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
          }
        });
  }

  private static @Nullable Map<String, Object> lockedFields(Connection c, String recordKey)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT fields FROM campaign_sync_outbox WHERE record_key = ? FOR UPDATE")) {
      ps.setString(1, recordKey);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? read(rs.getString(1)) : null;
      }
    }
  }

  private static void update(Connection c, String recordKey, Map<String, Object> fields)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE campaign_sync_outbox SET fields = ? WHERE record_key = ?")) {
      ps.setString(1, write(fields));
      ps.setString(2, recordKey);
      ps.executeUpdate();
    }
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write outbox fields as JSON", e);
    }
  }

  private static Map<String, Object> read(String json) {
    try {
      return JSON.readValue(json, FIELDS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "stored outbox fields are not readable: " + e.getOriginalMessage(), e);
    }
  }

  @FunctionalInterface
  private interface Work<T extends @Nullable Object> {
    T run(Connection c) throws SQLException;
  }

  private <T extends @Nullable Object> T inTransaction(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("campaign database: " + e.getMessage(), e);
    }
  }

  /** A concurrent insert of the same new record; the put is tried once more. */
  private static final class DuplicateKey extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DuplicateKey() {
      super(null, null, false, false);
    }
  }
}
