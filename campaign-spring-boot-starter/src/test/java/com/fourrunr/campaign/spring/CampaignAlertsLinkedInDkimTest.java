package com.fourrunr.campaign.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.channel.LinkedInAccount;
import com.fourrunr.campaign.channel.LinkedInSettings;
import com.fourrunr.campaign.ops.Alert;
import com.fourrunr.campaign.ops.AlertMonitor;
import com.fourrunr.campaign.ops.AlertRule;
import com.fourrunr.campaign.ops.AlertSink;
import com.fourrunr.campaign.ops.CampaignActivity;
import com.fourrunr.campaign.testing.SettableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * LinkedIn accounts, the alert monitor and DKIM per mailbox, from {@code campaign.*} properties.
 */
class CampaignAlertsLinkedInDkimTest {
  @TempDir Path dir;

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CampaignAutoConfiguration.class))
        .withPropertyValues(
            "campaign.store.embedded-path=" + dir.resolve("db/campaign"),
            "campaign.runner.enabled=false",
            "campaign.mailboxes[0].address=hello@4runr.example",
            "campaign.mailboxes[0].smtp.host=localhost",
            "campaign.mailboxes[0].smtp.port=2525",
            "campaign.mailboxes[0].smtp.security=NONE");
  }

  private static InvalidInputException invalid(Throwable failure) {
    Throwable root = failure;
    while (!(root instanceof InvalidInputException) && root.getCause() != null) {
      root = root.getCause();
    }
    assertThat(root).isInstanceOf(InvalidInputException.class);
    return (InvalidInputException) root;
  }

  @Test
  void withoutPropertiesOneDefaultLinkedInAccountAndTheAlertMonitorRun() {
    runner()
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx.getBean(LinkedInSettings.class))
                  .isEqualTo(LinkedInSettings.defaults());
              assertThat(ctx).hasSingleBean(AlertMonitor.class);
              assertThat(ctx).hasSingleBean(CampaignAlertsLifecycle.class);
              assertThat(ctx.getBean(CampaignAlertsLifecycle.class).isRunning()).isTrue();
            });
  }

  @Test
  void linkedInAccountsComeFromTheProperties() {
    runner()
        .withPropertyValues(
            "campaign.linkedin.accounts[0].id=sales-1",
            "campaign.linkedin.accounts[1].id=sales-2",
            "campaign.linkedin.accounts[1].weekly-invitations=60",
            "campaign.linkedin.accounts[1].daily-tasks=12",
            "campaign.linkedin.accounts[1].spacing=20m",
            "campaign.linkedin.accounts[1].note-limit=200",
            "campaign.linkedin.accounts[1].follow-up-limit=400")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx.getBean(LinkedInSettings.class))
                  .isEqualTo(
                      LinkedInSettings.of(
                          LinkedInAccount.premium("sales-1"),
                          new LinkedInAccount(
                              "sales-2", 60, 12, Duration.ofMinutes(20), 200, 400)));
            });
  }

  @Test
  void hostBeansReplaceTheLinkedInSettingsAndTheAlertMonitor() {
    LinkedInSettings own = LinkedInSettings.of(LinkedInAccount.free("own"));
    runner()
        .withBean(LinkedInSettings.class, () -> own)
        .withUserConfiguration(HostAlerts.class)
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx.getBean(LinkedInSettings.class)).isSameAs(own);
              assertThat(ctx.getBeanNamesForType(AlertMonitor.class))
                  .containsExactly("hostAlertMonitor");
              assertThat(ctx).hasSingleBean(CampaignAlertsLifecycle.class);
            });
  }

  /** A host's own alert monitor. */
  @Configuration(proxyBeanMethods = false)
  static class HostAlerts {
    @Bean
    AlertMonitor hostAlertMonitor(CampaignEngine engine, CampaignActivity activity) {
      return AlertMonitor.builder(engine, activity).build();
    }
  }

  @Test
  void alertsOffGiveNoMonitor() {
    runner()
        .withPropertyValues("campaign.alerts.enabled=false")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx).doesNotHaveBean(AlertMonitor.class);
              assertThat(ctx).doesNotHaveBean(CampaignAlertsLifecycle.class);
            });
  }

  @Test
  void theThresholdsHostRulesAndHostSinksMakeTheMonitor() {
    SettableClock clock = new SettableClock(Instant.parse("2026-03-02T08:00:00Z"));
    List<Alert> delivered = new CopyOnWriteArrayList<>();
    AlertRule hostRule =
        c -> List.of(new Alert("host-rule", "all", "always", c.now(), false, java.util.Map.of()));
    runner()
        .withPropertyValues("campaign.alerts.max-oldest-due-age=4h")
        .withBean(Clock.class, () -> clock)
        .withBean(AlertRule.class, () -> hostRule)
        .withBean(AlertSink.class, () -> delivered::add)
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              CampaignEngine engine = ctx.getBean(CampaignEngine.class);
              assertThat(engine.enrol(List.of(lead())).enrolled()).isEqualTo(1);
              AlertMonitor monitor = ctx.getBean(AlertMonitor.class);
              clock.advance(Duration.ofHours(4)); // 12:00: due in 09:00-11:30, under 4h late
              assertThat(monitor.evaluate()).extracting(Alert::rule).containsExactly("host-rule");
              clock.advance(Duration.ofHours(6)); // 18:00: more than 4h late
              assertThat(monitor.evaluate()).extracting(Alert::rule).containsExactly("stuck-queue");
              assertThat(delivered)
                  .extracting(Alert::rule)
                  .containsExactly("host-rule", "stuck-queue");
            });
  }

  @Test
  void aMailboxDkimKeyFromAFileOrTextStartsTheSender() throws Exception {
    String pem = pem();
    Path file = dir.resolve("dkim.pem");
    Files.writeString(file, pem, StandardCharsets.US_ASCII);
    runner()
        .withPropertyValues(
            "campaign.mailboxes[0].dkim.selector=s1",
            "campaign.mailboxes[0].dkim.private-key-file=" + file,
            "campaign.mailboxes[1].address=sales@other.example",
            "campaign.mailboxes[1].smtp.host=localhost",
            "campaign.mailboxes[1].dkim.selector=s2",
            "campaign.mailboxes[1].dkim.domain=mail.other.example",
            "campaign.mailboxes[1].dkim.private-key=" + pem.replace("\n", "\\n"))
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              ResolvedSettings settings = ctx.getBean(ResolvedSettings.class);
              assertThat(settings.mailboxes().get(0).dkim()).isNotNull();
              assertThat(settings.mailboxes().get(0).dkim().domain()).isEqualTo("4runr.example");
              assertThat(settings.mailboxes().get(0).dkim().selector()).isEqualTo("s1");
              assertThat(settings.mailboxes().get(1).dkim().domain())
                  .isEqualTo("mail.other.example");
              assertThat(ctx.getBean(CampaignProperties.class).toString())
                  .doesNotContain("PRIVATE KEY");
            });
  }

  @Test
  void invalidLinkedInAlertAndDkimPropertiesAreAllListedWithSecretsMasked() {
    String webhookToken = "hook-token-DO-NOT-PRINT";
    String webhookKey = "hook-key-DO-NOT-PRINT";
    String badPem = "-----BEGIN PRIVATE KEY-----\\nDO-NOT-PRINT\\n-----END PRIVATE KEY-----";
    runner()
        .withPropertyValues(
            "campaign.linkedin.accounts[0].id=sales 1",
            "campaign.linkedin.accounts[1].id=sales-2",
            "campaign.linkedin.accounts[1].weekly-invitations=5000",
            "campaign.linkedin.accounts[2].id=sales-2",
            "campaign.alerts.bounce-rate.max-rate=1.5",
            "campaign.alerts.reply-rate-collapse.baseline=12h",
            "campaign.alerts.interval=0s",
            "campaign.alerts.webhook.url=ftp://ops.example.com/" + webhookToken,
            "campaign.mailboxes[0].dkim.domain=4runr.example",
            "campaign.mailboxes[0].dkim.private-key=" + badPem,
            "campaign.alerts.webhook.key=" + webhookKey)
        .run(
            ctx -> {
              assertThat(ctx).hasFailed();
              InvalidInputException e = invalid(ctx.getStartupFailure());
              assertThat(e.errors().stream().map(f -> f.field()))
                  .contains(
                      "campaign.linkedin.accounts[0].id",
                      "campaign.linkedin.accounts[1].weekly-invitations",
                      "campaign.linkedin.accounts[2].id",
                      "campaign.alerts.bounce-rate.max-rate",
                      "campaign.alerts.reply-rate-collapse.baseline",
                      "campaign.alerts.interval",
                      "campaign.alerts.webhook.url",
                      "campaign.mailboxes[0].dkim.selector");
              assertThat(String.valueOf(ctx.getStartupFailure()))
                  .doesNotContain("DO-NOT-PRINT")
                  .doesNotContain("CAMPAIGN_");
            });
  }

  private static Lead lead() {
    return Lead.builder("L-1", "ada@example.com")
        .firstName("Ada")
        .company("Analytical Engines")
        .companyDescription("builds engines")
        .topServices("computing")
        .industry("machinery")
        .emailConfidence(EmailConfidence.REAL)
        .build();
  }

  private static String pem() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    String body =
        Base64.getMimeEncoder(64, new byte[] {'\n'})
            .encodeToString(g.generateKeyPair().getPrivate().getEncoded());
    return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
  }
}
