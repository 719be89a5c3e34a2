package com.fourrunr.campaign.examples.arch;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.dns.DomainPreflight;
import com.fourrunr.campaign.examples.Demo;
import com.fourrunr.campaign.jdbc.JdbcCampaignStore;
import com.fourrunr.campaign.openai.OpenAiMessageGenerator;
import com.fourrunr.campaign.service.CampaignSettings;
import com.fourrunr.campaign.smtp.SmtpSender;
import com.fourrunr.campaign.testing.InMemoryCampaignStore;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.URL;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds the architecture rules ({@link ArchitectureRules}) on the main classes of every module,
 * each module imported from its own classes directory or jar so that the rules can tell the modules
 * apart.
 */
class ArchitectureTest {
  private static JavaClasses core;
  private static JavaClasses all;

  @BeforeAll
  static void importModules() {
    ClassFileImporter importer =
        new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS);
    core = importer.importUrl(location(CampaignEngine.class));
    List<URL> modules =
        Arrays.asList(
            location(CampaignEngine.class),
            location(SmtpSender.class),
            location(DomainPreflight.class),
            location(JdbcCampaignStore.class),
            location(OpenAiMessageGenerator.class),
            location(airtable()),
            location(byName("com.fourrunr.campaign.esp.EspWebhook")),
            location(InMemoryCampaignStore.class),
            location(CampaignSettings.class),
            location(Demo.class));
    all = importer.importUrls(modules);
  }

  /**
   * The Airtable adapter comes to this module through the service: found by name, not compiled
   * against.
   */
  private static Class<?> airtable() {
    try {
      return Class.forName("com.fourrunr.campaign.airtable.AirtableClient");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "campaign-adapters-airtable is not on the test class path", e);
    }
  }

  /** An adapter that comes to this module through the service, found by name. */
  private static Class<?> byName(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(name + " is not on the test class path", e);
    }
  }

  private static URL location(Class<?> c) {
    return Objects.requireNonNull(c.getProtectionDomain().getCodeSource()).getLocation();
  }

  @Test
  void coreImportsNoAdapter() {
    ArchitectureRules.coreImportsNoAdapter().check(core);
  }

  @Test
  void coreHasNoPackageCycles() {
    ArchitectureRules.noPackageCycles().check(core);
  }

  @Test
  void subPackagesOfCoreDoNotUseTheEngine() {
    ArchitectureRules.subPackagesDoNotUseTheEngine().check(core);
  }

  @Test
  void internalPackagesAreUsedOnlyInsideTheirModule() {
    ArchitectureRules.internalOnlyInsideItsModule().check(all);
  }

  @Test
  void adaptersUseOnlyTheApiAndTheSpi() {
    ArchitectureRules.adaptersUseOnlyApiAndSpi(
            ArchitectureRules.BASE + ".smtp..",
            ArchitectureRules.BASE + ".dns..",
            ArchitectureRules.BASE + ".jdbc..",
            ArchitectureRules.BASE + ".openai..",
            ArchitectureRules.BASE + ".airtable..",
            ArchitectureRules.BASE + ".esp..")
        .check(all);
  }
}
