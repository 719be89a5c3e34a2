package com.fourrunr.campaign.airtable;

import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.config.Secret;
import com.fourrunr.campaign.config.SettingsReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The Airtable table of leads, from {@code CAMPAIGN_AIRTABLE_*} settings; {@link #config()} gives
 * the adapter's own configuration.
 *
 * <pre>{@code
 * AirtableSettings airtable = AirtableSettings.load(System.getenv(), null); // null: not configured
 * AirtableClient client = AirtableClient.builder(airtable.config()).build();
 * }</pre>
 *
 * @param token a personal access token
 * @param baseId the base ({@code app...})
 * @param table the table name or id
 */
public record AirtableSettings(Secret token, String baseId, String table) {
  /** Every environment variable read. */
  public static final List<String> KEYS =
      List.of("CAMPAIGN_AIRTABLE_TOKEN", "CAMPAIGN_AIRTABLE_BASE", "CAMPAIGN_AIRTABLE_TABLE");

  /** Checks the parts are present. */
  public AirtableSettings {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(baseId, "baseId");
    Objects.requireNonNull(table, "table");
  }

  /**
   * Reads the Airtable settings alone.
   *
   * @param env the environment, usually {@code System.getenv()}
   * @param file a {@code .properties} file with the dotted lower-case keys, or null for none
   * @return the settings, or null when none of them is given
   * @throws InvalidInputException listing every missing or invalid value, each named by its
   *     variable
   */
  public static @Nullable AirtableSettings load(Map<String, String> env, @Nullable Path file) {
    SettingsReader in = SettingsReader.load(env, file);
    AirtableSettings settings = read(in);
    in.throwIfInvalid("AirtableSettings");
    return settings;
  }

  /**
   * Reads the Airtable settings from a shared reader; a problem is recorded in the reader.
   *
   * @return the settings, or null when none is given or one is missing or invalid
   */
  public static @Nullable AirtableSettings read(SettingsReader in) {
    Secret token = in.secret("CAMPAIGN_AIRTABLE_TOKEN");
    String base = in.text("CAMPAIGN_AIRTABLE_BASE");
    String table = in.text("CAMPAIGN_AIRTABLE_TABLE");
    if (token == null && base == null && table == null) {
      return null;
    }
    if (token == null) {
      in.error("CAMPAIGN_AIRTABLE_TOKEN", "is required when Airtable is configured");
    }
    if (base == null) {
      in.error("CAMPAIGN_AIRTABLE_BASE", "is required when Airtable is configured");
    } else if (!base.startsWith("app")) {
      in.error("CAMPAIGN_AIRTABLE_BASE", "'" + base + "' is not a base id (app...)");
    }
    if (table == null) {
      in.error("CAMPAIGN_AIRTABLE_TABLE", "is required when Airtable is configured");
    }
    return token == null || base == null || table == null
        ? null
        : new AirtableSettings(token, base, table);
  }

  /** The adapter's configuration: the token, base and table, every other value at its default. */
  public AirtableConfig config() {
    return AirtableConfig.builder(token.reveal(), baseId, table).build();
  }
}
