package com.fourrunr.campaign.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 21, the settings of {@code ./campaign serve}: what a new user trips over in the first hour
 * (the start itself is checked on the Spring Boot service by BootServeTest in
 * campaign-service-boot).
 */
class FirstHourSettingsTest {
  @Test
  void badPortMissingAddressAndMissingHostAreReportedInOneRun() {
    assertThatThrownBy(() -> CampaignSettings.load(Map.of("CAMPAIGN_SMTP_PORT", "abc"), null))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.errors())
                  .extracting(FieldError::field)
                  .contains("CAMPAIGN_MAILBOX_ADDRESS", "CAMPAIGN_SMTP_HOST", "CAMPAIGN_SMTP_PORT");
              assertThat(e.getMessage()).contains("'abc' is not a whole number");
            });
  }

  @Test
  void sequenceDaysCountFromTheStartAndADecreasingListIsRefused() {
    assertThat(
            CampaignSettings.load(Map.of(), null).timing().sequence().steps().stream()
                .map(s -> s.daysAfterPrevious())
                .toList())
        .as("the default 0,3,7: day 0, 3 and 7")
        .containsExactly(0, 3, 4);
    assertThat(
            CampaignSettings.load(Map.of("CAMPAIGN_SEQUENCE_DAYS", "0,2,9"), null)
                .timing()
                .sequence()
                .steps()
                .stream()
                .map(s -> s.daysAfterPrevious())
                .toList())
        .containsExactly(0, 2, 7);
    assertThatThrownBy(() -> CampaignSettings.load(Map.of("CAMPAIGN_SEQUENCE_DAYS", "0,7,3"), null))
        .hasMessageContaining("CAMPAIGN_SEQUENCE_DAYS")
        .hasMessageContaining("counted from the start");
  }

  @Test
  void openAiKeyIsReadUnderBothNamesAndTheCampaignNameWins() {
    CampaignSettings plain = CampaignSettings.load(Map.of("OPENAI_API_KEY", "sk-plain"), null);
    assertThat(plain.model().enabled()).isTrue();
    assertThat(plain.model().apiKey().reveal()).isEqualTo("sk-plain");
    CampaignSettings both =
        CampaignSettings.load(
            Map.of("OPENAI_API_KEY", "sk-plain", "CAMPAIGN_OPENAI_API_KEY", "sk-campaign"), null);
    assertThat(both.model().apiKey().reveal()).isEqualTo("sk-campaign");
  }

  @Test
  void theConfigurationPageSaysAMailboxNeedsItsServerAndOnlyDemoMailUsesTheTestServer()
      throws Exception {
    String page =
        java.nio.file.Files.readString(Path.of("..", "docs", "configuration.md"))
            .replaceAll("\\s+", " ");
    assertThat(page)
        .contains("stops the start with an error naming the variable")
        .contains("Only `./campaign serve --demo-mail` sends to an in-process test SMTP server");
  }
}
