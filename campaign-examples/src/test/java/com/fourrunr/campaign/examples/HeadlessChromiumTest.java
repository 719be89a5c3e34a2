package com.fourrunr.campaign.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Browser tests fail without Chromium, unless they are explicitly opted out of. */
class HeadlessChromiumTest {
  @Test
  void missingChromiumFailsTheTestAndSaysHowToInstallOrOptOut() {
    assertThatThrownBy(() -> HeadlessChromium.requireChromium(false, false))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("chromium")
        .hasMessageContaining("-Dcampaign.skipBrowserTests=true");
  }

  @Test
  void missingChromiumSkipsOnlyWithTheOptOut() {
    // JUnit's TestAbortedException: the test is reported as skipped, not failed.
    assertThatThrownBy(() -> HeadlessChromium.requireChromium(false, true))
        .satisfies(e -> assertThat(e.getClass().getSimpleName()).isEqualTo("TestAbortedException"))
        .hasMessageContaining("skipped");
  }

  @Test
  void installedChromiumRunsWhateverTheOptOut() {
    assertThatCode(() -> HeadlessChromium.requireChromium(true, false)).doesNotThrowAnyException();
    assertThatCode(() -> HeadlessChromium.requireChromium(true, true)).doesNotThrowAnyException();
  }
}
