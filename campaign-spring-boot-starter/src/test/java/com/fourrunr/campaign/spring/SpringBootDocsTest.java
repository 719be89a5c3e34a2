package com.fourrunr.campaign.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/spring-boot.md's properties table names exactly the properties of the generated metadata
 * (META-INF/spring-configuration-metadata.json, written by spring-boot-configuration-processor).
 */
class SpringBootDocsTest {
  private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"(campaign[^\"]*)\"");
  private static final Pattern ROW = Pattern.compile("(?m)^\\| `(campaign[^`]*)` \\|");

  @Test
  void thePropertiesTableMatchesTheGeneratedMetadata() throws Exception {
    String json =
        Files.readString(
            Path.of("target/classes/META-INF/spring-configuration-metadata.json"),
            StandardCharsets.UTF_8);
    int start = json.indexOf("\"properties\"");
    int end = json.indexOf("\"hints\"", start);
    String properties = json.substring(start, end < 0 ? json.length() : end);
    Set<String> metadata = new TreeSet<>();
    Matcher m = NAME.matcher(properties);
    while (m.find()) {
      metadata.add(m.group(1));
    }
    String page = Files.readString(Path.of("../docs/spring-boot.md"), StandardCharsets.UTF_8);
    Set<String> documented = new TreeSet<>();
    Matcher r = ROW.matcher(page.substring(page.indexOf("<!-- properties-table")));
    while (r.find()) {
      documented.add(r.group(1));
    }
    assertThat(metadata).hasSizeGreaterThan(30);
    assertThat(documented).isEqualTo(metadata);
  }
}
