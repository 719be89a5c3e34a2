package com.fourrunr.campaign.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every {@code CAMPAIGN_*} setting of docs/configuration.md has a {@code campaign.*} property (a
 * path through {@link CampaignProperties}' records; {@code []} is an element of a list), except the
 * few that belong to the standalone service and that a Spring Boot application sets through
 * Spring's own properties.
 */
class ConfigurationSettingsCoverageTest {
  private static final Pattern ROW = Pattern.compile("(?m)^\\| `(CAMPAIGN_[A-Z0-9_]+)` \\|");

  /** The property of each setting (the main map). Mailbox settings take {@code _2}..{@code _n}. */
  private static final Map<String, String> PROPERTY = SettingProperties.bySetting();

  /**
   * Settings of the standalone service only. The database: the starter stores in the application's
   * own {@code DataSource} ({@code spring.datasource.url}, {@code .username}, {@code .password}),
   * or the embedded file {@code campaign.store.embedded-path}. The port: the application's web
   * server is Spring Boot's ({@code server.port}); the library opens none.
   */
  private static final Map<String, String> SERVICE_ONLY =
      Map.ofEntries(
          Map.entry("CAMPAIGN_JDBC_URL", "spring.datasource.url"),
          Map.entry("CAMPAIGN_JDBC_USER", "spring.datasource.username"),
          Map.entry("CAMPAIGN_JDBC_PASSWORD", "spring.datasource.password"),
          Map.entry("CAMPAIGN_SERVER_PORT", "server.port"));

  @Test
  void everyDocumentedSettingHasAProperty() throws Exception {
    String page = Files.readString(Path.of("../docs/configuration.md"), StandardCharsets.UTF_8);
    Set<String> documented = new TreeSet<>();
    Matcher m = ROW.matcher(page);
    while (m.find()) {
      documented.add(m.group(1));
    }
    assertThat(documented).hasSizeGreaterThan(40);
    List<String> unmapped = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String setting : documented) {
      if (SERVICE_ONLY.containsKey(setting)) {
        continue;
      }
      String property = PROPERTY.get(setting);
      if (property == null) {
        unmapped.add(setting);
      } else if (!exists(CampaignProperties.class, property)) {
        missing.add(setting + " -> campaign." + property);
      }
    }
    assertThat(unmapped).as("settings with neither a property nor a reason").isEmpty();
    assertThat(missing).as("properties that do not exist").isEmpty();
    // The mapping names nothing the page no longer documents.
    assertThat(documented).containsAll(PROPERTY.keySet()).containsAll(SERVICE_ONLY.keySet());
  }

  @Test
  void thePathWalkRejectsAPropertyThatDoesNotExist() {
    assertThat(exists(CampaignProperties.class, "mailboxes[].dkim.selector")).isTrue();
    assertThat(exists(CampaignProperties.class, "mailboxes[].dkim.no-such")).isFalse();
    assertThat(exists(CampaignProperties.class, "mailboxes.dkim.selector")).isFalse();
    assertThat(exists(CampaignProperties.class, "linkedin.accounts[].weekly-invitations")).isTrue();
  }

  /** Whether {@code path} (kebab-case names, {@code []} after a list) leads through the records. */
  private static boolean exists(Class<?> type, String path) {
    Type at = type;
    String[] parts = path.split("\\.");
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      boolean element = part.endsWith("[]");
      String name = camel(element ? part.substring(0, part.length() - 2) : part);
      if (!(at instanceof Class<?> c) || !c.isRecord()) {
        return false;
      }
      RecordComponent found = null;
      for (RecordComponent rc : c.getRecordComponents()) {
        if (rc.getName().equals(name)) {
          found = rc;
        }
      }
      if (found == null) {
        return false;
      }
      at = found.getGenericType();
      if (element) {
        if (!(at instanceof ParameterizedType p) || p.getRawType() != List.class) {
          return false;
        }
        at = p.getActualTypeArguments()[0];
      } else if (at instanceof ParameterizedType && i < parts.length - 1) {
        return false; // a list named without [] is only a whole value, at the end
      }
    }
    return true;
  }

  private static String camel(String kebab) {
    StringBuilder b = new StringBuilder();
    boolean up = false;
    for (char ch : kebab.toCharArray()) {
      if (ch == '-') {
        up = true;
      } else {
        b.append(up ? Character.toUpperCase(ch) : ch);
        up = false;
      }
    }
    return b.toString();
  }
}
