package com.fourrunr.campaign.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.InvalidInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code campaign.warm-up.*}: off by default, the ramp's cap in force when on, checked. */
class WarmUpPropertiesTest {
  @TempDir Path dir;

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CampaignAutoConfiguration.class))
        .withPropertyValues(
            "campaign.store.embedded-path=" + dir.resolve("db/campaign"),
            "campaign.runner.enabled=false",
            "campaign.alerts.enabled=false",
            "campaign.mailboxes[0].address=hello@4runr.example",
            "campaign.mailboxes[0].smtp.host=localhost",
            "campaign.mailboxes[0].smtp.port=2525",
            "campaign.mailboxes[0].smtp.security=NONE");
  }

  @Test
  void offByDefaultAndTheRampsFirstDayCapWhenOn() {
    runner()
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx.getBean(CampaignProperties.class).warmUp().enabled()).isFalse();
              assertThat(ctx.getBean(CampaignEngine.class).queueStatus().mailboxes())
                  .allSatisfy(u -> assertThat(u.perDayCap()).isZero());
            });
    runner()
        .withPropertyValues("campaign.warm-up.enabled=true", "campaign.warm-up.start-per-day=7")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx.getBean(CampaignEngine.class).queueStatus().mailboxes())
                  .singleElement()
                  .satisfies(u -> assertThat(u.perDayCap()).isEqualTo(7));
            });
  }

  @Test
  void badValuesAreNamedByTheirProperty() {
    runner()
        .withPropertyValues(
            "campaign.warm-up.start-per-day=60",
            "campaign.warm-up.target-per-day=50",
            "campaign.warm-up.ramp-business-days=0")
        .run(
            ctx -> {
              assertThat(ctx).hasFailed();
              Throwable root = ctx.getStartupFailure();
              while (!(root instanceof InvalidInputException) && root.getCause() != null) {
                root = root.getCause();
              }
              assertThat(root).isInstanceOf(InvalidInputException.class);
              assertThat(((InvalidInputException) root).errors().stream().map(f -> f.field()))
                  .containsExactlyInAnyOrder(
                      "campaign.warm-up.target-per-day", "campaign.warm-up.ramp-business-days");
            });
  }
}
