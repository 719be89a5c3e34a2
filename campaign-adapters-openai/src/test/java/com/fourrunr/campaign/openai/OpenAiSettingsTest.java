package com.fourrunr.campaign.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiSettingsTest {
  private static final String KEY = "sk-test-openai-key-never-shown";

  @Test
  void withoutAKeyTheModelIsOffAndHasTheDefaults() {
    OpenAiSettings s = OpenAiSettings.load(Map.of(), null);

    assertThat(s.enabled()).isFalse();
    assertThat(s.model()).isEqualTo("gpt-4o-mini");
    assertThat(s.baseUrl()).isEqualTo(OpenAiSettings.DEFAULT_BASE_URL);
    assertThatThrownBy(s::config)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CAMPAIGN_OPENAI_API_KEY");
  }

  @Test
  void theAdapterConfigCarriesTheKeyModelAndBaseUrlAndNoStringShowsTheKey() {
    OpenAiSettings s =
        OpenAiSettings.load(
            Map.of(
                "CAMPAIGN_OPENAI_API_KEY",
                KEY,
                "CAMPAIGN_OPENAI_MODEL",
                "gpt-test",
                "CAMPAIGN_OPENAI_BASE_URL",
                "https://models.4runr.test/v1"),
            null);

    OpenAiConfig config = s.config();
    assertThat(config.apiKey()).isEqualTo(KEY);
    assertThat(config.model()).isEqualTo("gpt-test");
    assertThat(config.baseUrl()).hasToString("https://models.4runr.test/v1");
    assertThat(s.toString() + config).doesNotContain(KEY);
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertThatThrownBy(
            () ->
                OpenAiSettings.load(
                    Map.of(
                        "CAMPAIGN_OPENAI_BASE_URL",
                        "ftp://models",
                        "CAMPAIGN_PROMPTS_DIR",
                        "/no/such/prompts/folder"),
                    null))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactly("CAMPAIGN_OPENAI_BASE_URL", "CAMPAIGN_PROMPTS_DIR"));
  }

  @Test
  void maxConcurrencyIsReadIntoTheAdapterConfigAndCheckedForRange() {
    OpenAiSettings s =
        OpenAiSettings.load(
            Map.of("CAMPAIGN_OPENAI_API_KEY", "sk-x", "CAMPAIGN_OPENAI_MAX_CONCURRENCY", "8"),
            null);
    assertThat(s.maxConcurrency()).isEqualTo(8);
    assertThat(s.config().maxConcurrency()).isEqualTo(8);
    assertThat(OpenAiSettings.load(Map.of(), null).maxConcurrency())
        .isEqualTo(OpenAiConfig.DEFAULT_MAX_CONCURRENCY);
    assertThatThrownBy(
            () -> OpenAiSettings.load(Map.of("CAMPAIGN_OPENAI_MAX_CONCURRENCY", "0"), null))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactly("CAMPAIGN_OPENAI_MAX_CONCURRENCY"));
  }

  @Test
  void batchCopyIsOffByDefaultAndOnWithCampaignOpenAiBatch() {
    assertThat(OpenAiSettings.load(Map.of(), null).batch()).isFalse();
    assertThat(
            OpenAiSettings.load(
                    Map.of("CAMPAIGN_OPENAI_API_KEY", "sk-x", "CAMPAIGN_OPENAI_BATCH", "true"),
                    null)
                .batch())
        .isTrue();
    assertThat(OpenAiSettings.KEYS).contains("CAMPAIGN_OPENAI_BATCH");
  }
}
