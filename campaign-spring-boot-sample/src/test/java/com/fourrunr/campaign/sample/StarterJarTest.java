package com.fourrunr.campaign.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.spring.CampaignAutoConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The starter as the application gets it carries the auto-configuration list and the generated
 * properties metadata. Under {@code verify} the starter is its packaged jar; under {@code test}
 * alone, its classes folder.
 */
class StarterJarTest {
  static final String IMPORTS =
      "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports";
  static final String METADATA = "META-INF/spring-configuration-metadata.json";

  @Test
  void theStarterContainsTheAutoConfigurationImportsAndTheMetadata() throws Exception {
    Path starter =
        Path.of(
            CampaignAutoConfiguration.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    if (Files.isDirectory(starter)) {
      assertThat(starter.resolve(IMPORTS)).exists();
      assertThat(starter.resolve(METADATA)).exists();
      assertThat(Files.readString(starter.resolve(IMPORTS)))
          .contains(CampaignAutoConfiguration.class.getName());
    } else {
      assertThat(starter.getFileName().toString()).startsWith("campaign-spring-boot-starter-");
      try (JarFile jar = new JarFile(starter.toFile())) {
        assertThat(jar.getEntry(IMPORTS)).isNotNull();
        assertThat(jar.getEntry(METADATA)).isNotNull();
        assertThat(new String(jar.getInputStream(jar.getEntry(IMPORTS)).readAllBytes()))
            .contains(CampaignAutoConfiguration.class.getName());
      }
    }
  }
}
