package com.fourrunr.campaign.airtable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AirtableSettingsTest {
  private static final String TOKEN = "patSecretAirtableToken.never";

  @Test
  void absentWhenNothingIsGivenAndTheAdapterConfigWhenAllIs() {
    assertThat(AirtableSettings.load(Map.of(), null)).isNull();

    AirtableSettings s =
        AirtableSettings.load(
            Map.of(
                "CAMPAIGN_AIRTABLE_TOKEN",
                TOKEN,
                "CAMPAIGN_AIRTABLE_BASE",
                "appABCDEFGHIJ1234",
                "CAMPAIGN_AIRTABLE_TABLE",
                "Leads"),
            null);
    AirtableConfig config = s.config();
    assertThat(config.token()).isEqualTo(TOKEN);
    assertThat(config.baseId()).isEqualTo("appABCDEFGHIJ1234");
    assertThat(config.table()).isEqualTo("Leads");
    assertThat(s.toString()).doesNotContain(TOKEN);
  }

  @Test
  void aPartialConfigurationNamesEveryMissingOrBadVariable() {
    assertThatThrownBy(
            () -> AirtableSettings.load(Map.of("CAMPAIGN_AIRTABLE_BASE", "ABC123"), null))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactly(
                        "CAMPAIGN_AIRTABLE_TOKEN",
                        "CAMPAIGN_AIRTABLE_BASE",
                        "CAMPAIGN_AIRTABLE_TABLE"));
  }
}
