package com.fourrunr.campaign.service.boot;

import com.fourrunr.campaign.service.CampaignSettings;
import com.fourrunr.campaign.smtp.MailboxSettings;
import com.fourrunr.campaign.spring.SettingProperties;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The standalone settings of {@code campaign serve} ({@code CAMPAIGN_*} environment variables over
 * a {@code .properties} file of the same keys in lower case) as the Spring properties of the
 * starter and this application, through the starter's {@link SettingProperties} (the one map of
 * setting to property; a mailbox's suffix and the API token are handled here). A key of the file
 * that is no standalone setting ({@code campaign.operators[0].username}, {@code server.*}) is
 * passed on as a Spring property as it is.
 */
final class ServeSettings {
  private static final Pattern MAILBOX_SUFFIX = Pattern.compile("^(.*)_([2-9])$");

  /** The name the API token of {@code CAMPAIGN_API_TOKEN_SHA256} is known by. */
  static final String API_TOKEN_NAME = "serve";

  private ServeSettings() {}

  /**
   * The Spring properties of the settings: the file's, then the environment's over them.
   *
   * @param env the environment; only {@code CAMPAIGN_*} (and {@code OPENAI_API_KEY}, {@code
   *     _MODEL}, {@code _BASE_URL}) names are read
   * @param file the {@code --config} file, or null; one that cannot be read is reported by {@link
   *     CampaignSettings#load} before this is called
   */
  static Map<String, Object> properties(Map<String, String> env, @Nullable Path file) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, Object> out = new LinkedHashMap<>();
    if (file != null && Files.isReadable(file)) {
      Properties props = new Properties();
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        props.load(in);
      } catch (IOException | IllegalArgumentException e) {
        props.clear();
      }
      for (String key : props.stringPropertyNames()) {
        String name = CampaignSettings.envName(key);
        if (isSetting(name)) {
          values.put(name, props.getProperty(key));
        } else {
          out.put(key.strip(), props.getProperty(key));
        }
      }
    }
    for (String plain : new String[] {"API_KEY", "MODEL", "BASE_URL"}) {
      String value = env.get("OPENAI_" + plain);
      if (value != null && !value.isBlank() && !env.containsKey("CAMPAIGN_OPENAI_" + plain)) {
        values.put("CAMPAIGN_OPENAI_" + plain, value);
      }
    }
    env.forEach(
        (name, value) -> {
          if (name.startsWith("CAMPAIGN_") && isSetting(name)) {
            values.put(name, value);
          }
        });
    values.forEach(
        (name, value) -> {
          if (value == null || value.isBlank()) {
            return;
          }
          String v = value.strip();
          if (name.equals("CAMPAIGN_API_TOKEN_SHA256")) {
            // The operator's API token: the bearer token of the API and of the inbound webhook.
            out.put("campaign.api-tokens[0].name", API_TOKEN_NAME);
            out.put("campaign.api-tokens[0].sha256", v);
            out.put("campaign.inbound.token-sha256", v);
            return;
          }
          if (name.equals("CAMPAIGN_SERVER_PORT")) {
            out.put("server.port", v);
            return;
          }
          String property = property(name);
          if (property != null) {
            out.put("campaign." + property, v);
          }
        });
    return out;
  }

  /** Whether a name is one of the standalone settings this class maps (or reads elsewhere). */
  private static boolean isSetting(String name) {
    return CampaignSettings.KEYS.contains(name) || MailboxSettings.isKey(name);
  }

  /** The property under {@code campaign.} of a standalone name, or null for none. */
  static @Nullable String property(String name) {
    String base = name;
    int index = 0;
    Matcher m = MAILBOX_SUFFIX.matcher(name);
    if (m.matches() && MailboxSettings.KEYS.contains(m.group(1))) {
      base = m.group(1);
      index = Integer.parseInt(m.group(2)) - 1;
    }
    String property = SettingProperties.propertyOf(base.toUpperCase(Locale.ROOT));
    return property == null ? null : property.replace("[]", "[" + index + "]");
  }
}
