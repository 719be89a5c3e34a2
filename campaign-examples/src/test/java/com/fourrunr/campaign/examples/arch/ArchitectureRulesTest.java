package com.fourrunr.campaign.examples.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.channel.internal.LinkedInFallback;
import com.fourrunr.campaign.examples.arch.fixture.core.UsesAnAdapter;
import com.fourrunr.campaign.examples.arch.fixture.cycle.a.A;
import com.fourrunr.campaign.examples.arch.fixture.cycle.b.B;
import com.fourrunr.campaign.examples.arch.fixture.engineuser.UsesTheEngine;
import com.fourrunr.campaign.examples.arch.fixture.internaluser.UsesInternal;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each architecture rule fails when it is broken: the rules of {@link ArchitectureRules} applied to
 * purposely bad fixture classes (in {@code fixture}, test code only, never in the classes {@link
 * ArchitectureTest} checks) report the violation, naming the classes.
 */
class ArchitectureRulesTest {
  private static final String FIXTURE = "com.fourrunr.campaign.examples.arch.fixture";

  private static String violations(ArchRule rule, JavaClasses classes) {
    EvaluationResult result = rule.evaluate(classes);
    assertThat(result.hasViolation()).as("the rule reports a violation").isTrue();
    return result.getFailureReport().getDetails().stream().collect(Collectors.joining("\n"));
  }

  @Test
  void aCoreClassThatImportsAnAdapterFails() {
    JavaClasses bad = new ClassFileImporter().importClasses(UsesAnAdapter.class);

    assertThat(violations(ArchitectureRules.coreImportsNoAdapter(), bad))
        .contains(UsesAnAdapter.class.getName())
        .contains("com.fourrunr.campaign.smtp.SmtpSender");
  }

  @Test
  void twoPackagesThatUseEachOtherFail() {
    JavaClasses bad = new ClassFileImporter().importClasses(A.class, B.class);

    assertThat(violations(ArchitectureRules.noPackageCycles(), bad))
        .contains("Cycle detected")
        .contains(FIXTURE + ".cycle.a")
        .contains(FIXTURE + ".cycle.b");
  }

  @Test
  void aSubPackageClassThatUsesTheEngineFails() {
    JavaClasses bad = new ClassFileImporter().importClasses(UsesTheEngine.class);

    assertThat(violations(ArchitectureRules.subPackagesDoNotUseTheEngine(), bad))
        .contains(UsesTheEngine.class.getName())
        .contains("com.fourrunr.campaign.CampaignEngine");
  }

  @Test
  void anInternalClassUsedFromAnotherModuleFails() {
    // UsesInternal is loaded from this module's test classes, LinkedInFallback from campaign-core.
    JavaClasses bad =
        new ClassFileImporter().importClasses(UsesInternal.class, LinkedInFallback.class);

    assertThat(violations(ArchitectureRules.internalOnlyInsideItsModule(), bad))
        .contains(UsesInternal.class.getName())
        .contains(LinkedInFallback.class.getName())
        .contains("internal to");
  }

  @Test
  void anAdapterThatUsesAnInternalClassFails() {
    JavaClasses bad =
        new ClassFileImporter().importClasses(UsesInternal.class, LinkedInFallback.class);

    assertThat(
            violations(
                ArchitectureRules.adaptersUseOnlyApiAndSpi(FIXTURE + ".internaluser.."), bad))
        .contains(UsesInternal.class.getName())
        .contains(LinkedInFallback.class.getName());
  }
}
