package com.fourrunr.campaign.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.MessageGenerator;
import com.fourrunr.campaign.ReplySource;
import com.fourrunr.campaign.Sender;
import com.fourrunr.campaign.jdbc.EmbeddedDatabase;
import com.fourrunr.campaign.jdbc.JdbcCampaignStore;
import com.fourrunr.campaign.openai.OpenAiMessageGenerator;
import com.fourrunr.campaign.ops.CampaignMetrics;
import com.fourrunr.campaign.ops.HealthMonitor;
import com.fourrunr.campaign.smtp.ImapReplySource;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import com.fourrunr.campaign.testing.InMemoryCampaignStore;
import com.fourrunr.campaign.testing.RecordingSender;
import com.fourrunr.campaign.testing.ScriptedReplySource;
import com.fourrunr.campaign.testing.SettableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** Every condition of the auto-configuration, each in its own context. */
class CampaignAutoConfigurationTest {
  @TempDir Path dir;

  private static final AutoConfigurations ALL =
      AutoConfigurations.of(
          CampaignAutoConfiguration.class,
          CampaignHealthAutoConfiguration.class,
          CampaignMetricsAutoConfiguration.class,
          CampaignWebAutoConfiguration.class);

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(ALL)
        .withPropertyValues(
            "campaign.store.embedded-path=" + dir.resolve("db/campaign"),
            "campaign.runner.enabled=false",
            "campaign.mailboxes[0].address=hello@4runr.example",
            "campaign.mailboxes[0].smtp.host=localhost",
            "campaign.mailboxes[0].smtp.port=2525",
            "campaign.mailboxes[0].smtp.security=NONE");
  }

  @Test
  void withoutADataSourceTheStoreIsTheEmbeddedFileDatabase() {
    runner()
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx).hasSingleBean(CampaignEngine.class);
              assertThat(ctx.getBean(CampaignStore.class)).isInstanceOf(JdbcCampaignStore.class);
              assertThat(ctx.getBean(CampaignDatabase.class).description())
                  .startsWith("embedded database");
              assertThat(ctx.getBean(MessageGenerator.class))
                  .isInstanceOf(TemplateMessageGenerator.class);
              assertThat(ctx).doesNotHaveBean(ReplySource.class);
              assertThat(ctx.getBean(Clock.class)).isEqualTo(Clock.systemUTC());
            });
  }

  @Test
  void withAHostDataSourceTheStoreUsesIt() {
    DataSource host = EmbeddedDatabase.file(dir.resolve("host/app"));
    runner()
        .withBean(DataSource.class, () -> host)
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx.getBean(CampaignDatabase.class).dataSource()).isSameAs(host);
              assertThat(ctx.getBean(CampaignDatabase.class).description())
                  .isEqualTo("the application's DataSource");
              // The library's own Flyway history table, in the host's database.
              try (var c = host.getConnection();
                  var rs =
                      c.createStatement()
                          .executeQuery("select count(*) from \"campaign_schema_history\"")) {
                rs.next();
                assertThat(rs.getInt(1)).isPositive();
              }
            });
  }

  @Test
  void hostBeansReplaceEachPort() {
    InMemoryCampaignStore store = new InMemoryCampaignStore();
    RecordingSender sender = new RecordingSender();
    MessageGenerator generator = new TemplateMessageGenerator();
    SettableClock clock = new SettableClock(Instant.parse("2026-03-02T09:30:00Z"));
    ScriptedReplySource replies = new ScriptedReplySource(clock);
    runner()
        .withBean(CampaignStore.class, () -> store)
        .withBean(Sender.class, () -> sender)
        .withBean(MessageGenerator.class, () -> generator)
        .withBean(ReplySource.class, () -> replies)
        .withBean(Clock.class, () -> clock)
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx.getBean(CampaignStore.class)).isSameAs(store);
              assertThat(ctx.getBean(Sender.class)).isSameAs(sender);
              assertThat(ctx.getBean(MessageGenerator.class)).isSameAs(generator);
              assertThat(ctx.getBean(ReplySource.class)).isSameAs(replies);
              assertThat(ctx.getBean(Clock.class)).isSameAs(clock);
              CampaignEngine engine = ctx.getBean(CampaignEngine.class);
              assertThat(engine.hasReplySource()).isTrue();
              assertThat(engine.clock()).isSameAs(clock);
            });
  }

  @Test
  void aHostEngineReplacesTheEngine() {
    CampaignEngine own =
        CampaignEngine.builder()
            .store(new InMemoryCampaignStore())
            .sender(new RecordingSender())
            .from(new com.fourrunr.campaign.Mailbox("own@4runr.example", "Own"))
            .build();
    runner()
        .withBean(CampaignEngine.class, () -> own)
        .run(ctx -> assertThat(ctx.getBean(CampaignEngine.class)).isSameAs(own));
  }

  @Test
  void anApiKeyGivesTheOpenAiGeneratorAndAnImapHostTheReplySource() {
    runner()
        .withPropertyValues(
            "campaign.openai.api-key=sk-test-key-1234567890",
            "campaign.mailboxes[0].imap.host=localhost",
            "campaign.mailboxes[0].imap.port=3143",
            "campaign.mailboxes[0].imap.security=NONE",
            "campaign.mailboxes[0].imap.password=imap-secret")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx.getBean(MessageGenerator.class))
                  .isInstanceOf(OpenAiMessageGenerator.class);
              assertThat(ctx).hasSingleBean(ImapReplySource.Multi.class);
              assertThat(ctx.getBean(CampaignEngine.class).hasReplySource()).isTrue();
            });
  }

  @Test
  void actuatorPresentGivesTheHealthContributorWithEachComponent() {
    runner()
        .run(
            ctx -> {
              assertThat(ctx).hasBean("campaignHealthContributor");
              CompositeHealthContributor c =
                  ctx.getBean("campaignHealthContributor", CompositeHealthContributor.class);
              java.util.List<String> names = new java.util.ArrayList<>();
              c.forEach(n -> names.add(n.getName()));
              assertThat(names)
                  .contains("store", "mailbox:hello@4runr.example", "queue", "deadLetters");
            });
  }

  @Test
  void actuatorAbsentGivesNoHealthContributorButTheMonitor() {
    runner()
        .withClassLoader(new FilteredClassLoader(HealthContributor.class))
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx).doesNotHaveBean("campaignHealthContributor");
              assertThat(ctx).hasSingleBean(HealthMonitor.class);
            });
  }

  @Test
  void micrometerPresentBindsTheLibraryMeters() {
    runner()
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(
            ctx -> {
              assertThat(ctx).hasSingleBean(CampaignMetrics.class);
              MeterRegistry registry = ctx.getBean(MeterRegistry.class);
              assertThat(registry.getMeters().stream().map(m -> m.getId().getName()))
                  .anyMatch(n -> n.startsWith("campaign."));
            });
  }

  @Test
  void micrometerAbsentGivesNoMeters() {
    runner()
        .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx).doesNotHaveBean(CampaignMetrics.class);
            });
  }

  @Test
  void webEndpointsAreOffByDefaultAndOnWhenAskedFor() {
    WebApplicationContextRunner web =
        new WebApplicationContextRunner()
            .withConfiguration(ALL)
            .withPropertyValues(
                "campaign.store.embedded-path=" + dir.resolve("web/campaign"),
                "campaign.runner.enabled=false",
                "campaign.mailboxes[0].address=hello@4runr.example",
                "campaign.mailboxes[0].smtp.host=localhost");
    web.run(ctx -> assertThat(ctx).doesNotHaveBean(CampaignWebEndpoints.class));
    web.withPropertyValues(
            "campaign.web.enabled=true",
            "campaign.tracking.base-url=https://t.4runr.example/campaign",
            "campaign.tracking.hmac-key=0123456789abcdef0123456789abcdef")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx).hasSingleBean(CampaignWebEndpoints.class);
              assertThat(ctx).hasSingleBean(com.fourrunr.campaign.tracking.TrackingHandler.class);
              assertThat(ctx).hasSingleBean(com.fourrunr.campaign.smtp.InboundWebhook.class);
            });
  }

  @Test
  void invalidPropertiesAreAllListedWithSecretsMasked() {
    String smtpSecret = "smtp-pass-DO-NOT-PRINT";
    String shortKey = "short-key-DO-NOT-PRINT";
    runner()
        .withPropertyValues(
            "campaign.sequence.days=0,3,999",
            "campaign.send.window=25:00-11:00",
            "campaign.send.default-zone=Mars/Olympus",
            "campaign.mailboxes[0].smtp.port=70000",
            "campaign.mailboxes[0].smtp.username=someone",
            "campaign.mailboxes[1].address=not-an-address",
            "campaign.mailboxes[1].smtp.host=smtp.example.com",
            "campaign.mailboxes[1].smtp.password=" + smtpSecret,
            "campaign.airtable.base=appXXXXXXXXXXXXXX",
            "campaign.tracking.base-url=https://t.4runr.example",
            "campaign.tracking.hmac-key=" + shortKey,
            "campaign.runner.interval=0s")
        .run(
            ctx -> {
              assertThat(ctx).hasFailed();
              Throwable root = ctx.getStartupFailure();
              while (!(root instanceof InvalidInputException) && root.getCause() != null) {
                root = root.getCause();
              }
              assertThat(root).isInstanceOf(InvalidInputException.class);
              InvalidInputException e = (InvalidInputException) root;
              assertThat(e.errors().stream().map(f -> f.field()))
                  .contains(
                      "campaign.sequence.days",
                      "campaign.send.window",
                      "campaign.send.default-zone",
                      "campaign.mailboxes[0].smtp.port",
                      "campaign.mailboxes[0].smtp.password",
                      "campaign.mailboxes[1].address",
                      "campaign.airtable.token",
                      "campaign.airtable.table",
                      "campaign.tracking.hmac-key",
                      "campaign.runner.interval");
              assertThat(e.getMessage())
                  .doesNotContain(smtpSecret)
                  .doesNotContain(shortKey)
                  .doesNotContain("CAMPAIGN_");
              assertThat(String.valueOf(ctx.getStartupFailure()))
                  .doesNotContain(smtpSecret)
                  .doesNotContain(shortKey);
            });
  }

  @Test
  void propertiesPrintSecretsMasked() {
    runner()
        .withPropertyValues(
            "campaign.mailboxes[0].smtp.password=smtp-pass-DO-NOT-PRINT",
            "campaign.openai.api-key=sk-DO-NOT-PRINT",
            "campaign.tracking.hmac-key=0123456789abcdef0123456789abcdef-DO-NOT-PRINT")
        .run(
            ctx ->
                assertThat(ctx.getBean(CampaignProperties.class).toString())
                    .doesNotContain("DO-NOT-PRINT")
                    .contains("****"));
  }
}
