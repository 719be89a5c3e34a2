package com.fourrunr.campaign.jdbc;

import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.config.Redaction;
import com.fourrunr.campaign.config.Secret;
import com.fourrunr.campaign.config.SettingsReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The database, from {@code CAMPAIGN_JDBC_*} settings: PostgreSQL at a JDBC URL, or the embedded
 * database when no URL is given.
 *
 * @param jdbcUrl the JDBC URL (PostgreSQL), or null for the embedded database
 * @param user the user, or null
 * @param password the password, or null
 */
public record DatabaseSettings(
    @Nullable String jdbcUrl, @Nullable String user, @Nullable Secret password) {
  /** Every environment variable read. */
  public static final List<String> KEYS =
      List.of("CAMPAIGN_JDBC_URL", "CAMPAIGN_JDBC_USER", "CAMPAIGN_JDBC_PASSWORD");

  /**
   * Reads the database settings alone.
   *
   * @param env the environment, usually {@code System.getenv()}
   * @param file a {@code .properties} file with the dotted lower-case keys, or null for none
   * @throws InvalidInputException listing every missing or invalid value, each named by its
   *     variable
   */
  public static DatabaseSettings load(Map<String, String> env, @Nullable Path file) {
    SettingsReader in = SettingsReader.load(env, file);
    DatabaseSettings settings = read(in);
    in.throwIfInvalid("DatabaseSettings");
    return settings;
  }

  /** Reads the database settings from a shared reader; a problem is recorded in the reader. */
  public static DatabaseSettings read(SettingsReader in) {
    String url = in.text("CAMPAIGN_JDBC_URL");
    if (url != null && !url.startsWith("jdbc:")) {
      // The URL may carry a password: not quoted.
      in.error("CAMPAIGN_JDBC_URL", "is not a JDBC URL (jdbc:postgresql://host:5432/db)");
    }
    if (url == null && (in.has("CAMPAIGN_JDBC_USER") || in.has("CAMPAIGN_JDBC_PASSWORD"))) {
      in.error(
          "CAMPAIGN_JDBC_URL",
          "is required when CAMPAIGN_JDBC_USER or CAMPAIGN_JDBC_PASSWORD is given");
    }
    return new DatabaseSettings(
        url, in.text("CAMPAIGN_JDBC_USER"), in.secret("CAMPAIGN_JDBC_PASSWORD"));
  }

  /** Whether the embedded database is used (no JDBC URL given). */
  public boolean embedded() {
    return jdbcUrl == null;
  }

  /** The password, and one written inside the JDBC URL, for a redaction. */
  public List<Secret> secrets() {
    List<Secret> secrets = new ArrayList<>();
    if (password != null) {
      secrets.add(password);
    }
    Secret inUrl = Redaction.passwordIn(jdbcUrl);
    if (inUrl != null) {
      secrets.add(inUrl);
    }
    return secrets;
  }

  /** The URL with any password in it (user:password@, password=...) shown as {@code ****}. */
  @Override
  public String toString() {
    return "DatabaseSettings[jdbcUrl="
        + Redaction.jdbcUrl(jdbcUrl)
        + ", user="
        + user
        + ", password="
        + (password == null ? null : Secret.REDACTED)
        + "]";
  }
}
