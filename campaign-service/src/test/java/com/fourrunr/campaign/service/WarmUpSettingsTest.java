package com.fourrunr.campaign.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.WarmUp;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code CAMPAIGN_WARMUP_*}: read, checked with the setting named, off by default. */
class WarmUpSettingsTest {
  @Test
  void offByDefaultWithTheDefaultRamp() {
    CampaignSettings s = CampaignSettings.load(Map.of(), null);
    assertThat(s.warmUp()).isEqualTo(WarmUpSettings.off());
    assertThat(s.warmUp().enabled()).isFalse();
    assertThat(s.warmUp().ramp()).isEqualTo(WarmUp.defaults());
  }

  @Test
  void theRampIsRead() {
    CampaignSettings s =
        CampaignSettings.load(
            Map.of(
                "CAMPAIGN_WARMUP_ENABLED", "true",
                "CAMPAIGN_WARMUP_START_PER_DAY", "5",
                "CAMPAIGN_WARMUP_TARGET_PER_DAY", "80",
                "CAMPAIGN_WARMUP_RAMP_BUSINESS_DAYS", "20"),
            null);
    assertThat(s.warmUp()).isEqualTo(new WarmUpSettings(true, 5, 80, 20));
    assertThat(s.warmUp().ramp().capOnDay(1)).isEqualTo(5);
    assertThat(s.warmUp().ramp().capOnDay(20)).isEqualTo(80);
  }

  @Test
  void eachBadValueIsNamed() {
    assertThatThrownBy(
            () ->
                CampaignSettings.load(
                    Map.of(
                        "CAMPAIGN_WARMUP_ENABLED", "sometimes",
                        "CAMPAIGN_WARMUP_START_PER_DAY", "0",
                        "CAMPAIGN_WARMUP_RAMP_BUSINESS_DAYS", "many"),
                    null))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactlyInAnyOrder(
                        "CAMPAIGN_WARMUP_ENABLED",
                        "CAMPAIGN_WARMUP_START_PER_DAY",
                        "CAMPAIGN_WARMUP_RAMP_BUSINESS_DAYS"));
    assertThatThrownBy(
            () ->
                CampaignSettings.load(
                    Map.of(
                        "CAMPAIGN_WARMUP_START_PER_DAY", "60",
                        "CAMPAIGN_WARMUP_TARGET_PER_DAY", "50"),
                    null))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .singleElement()
                    .satisfies(
                        f -> {
                          assertThat(f.field()).isEqualTo("CAMPAIGN_WARMUP_TARGET_PER_DAY");
                          assertThat(f.problem()).contains("CAMPAIGN_WARMUP_START_PER_DAY 60");
                        }));
  }
}
