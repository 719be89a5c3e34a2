package com.fourrunr.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.config.Secret;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {
  @Test
  void embeddedByDefaultAndPostgresqlWithAUrl() {
    assertThat(DatabaseSettings.load(Map.of(), null).embedded()).isTrue();

    DatabaseSettings pg =
        DatabaseSettings.load(
            Map.of(
                "CAMPAIGN_JDBC_URL",
                "jdbc:postgresql://app:s3cretpw@db:5432/c",
                "CAMPAIGN_JDBC_PASSWORD",
                "other-pa55word"),
            null);
    assertThat(pg.embedded()).isFalse();
    assertThat(pg.toString()).doesNotContain("s3cretpw", "other-pa55word");
    assertThat(pg.secrets()).containsExactly(Secret.of("other-pa55word"), Secret.of("s3cretpw"));
  }

  @Test
  void aBadUrlIsNamedWithoutQuotingIt() {
    assertThatThrownBy(
            () ->
                DatabaseSettings.load(
                    Map.of("CAMPAIGN_JDBC_URL", "postgresql://app:s3cretpw@db/c"), null))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactly("CAMPAIGN_JDBC_URL"))
        .hasMessageNotContaining("s3cretpw");
  }
}
