package com.fourrunr.campaign.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.AddressCheck;
import com.fourrunr.campaign.AddressVerifier;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.dns.DnsAddressVerifier;
import com.fourrunr.campaign.dns.DnsResolver;
import com.fourrunr.campaign.dns.StaticDnsResolver;
import com.fourrunr.campaign.smtp.WebhookSignature;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * The conditions of address verification ({@code campaign.verify.*}), the ESP webhooks ({@code
 * campaign.esp.*}) and the signed inbound webhook ({@code campaign.inbound.*}).
 */
class WebhooksAndVerificationTest {
  @TempDir Path dir;

  private static final AutoConfigurations ALL =
      AutoConfigurations.of(
          CampaignAutoConfiguration.class,
          CampaignHealthAutoConfiguration.class,
          CampaignMetricsAutoConfiguration.class,
          CampaignWebAutoConfiguration.class);

  /** Knows 4runr.example (MX); any other domain does not exist. */
  private static final DnsResolver DNS =
      StaticDnsResolver.builder().mx("4runr.example", 10, "mx.4runr.example").build();

  private ApplicationContextRunner runner(String smtpHost) {
    return new ApplicationContextRunner()
        .withConfiguration(ALL)
        .withPropertyValues(
            "campaign.store.embedded-path=" + dir.resolve("db/campaign"),
            "campaign.runner.enabled=false",
            "campaign.alerts.enabled=false",
            "campaign.mailboxes[0].address=hello@4runr.example",
            "campaign.mailboxes[0].smtp.host=" + smtpHost,
            "campaign.mailboxes[0].smtp.port=2525",
            "campaign.mailboxes[0].smtp.security=NONE");
  }

  private WebApplicationContextRunner web() {
    return new WebApplicationContextRunner()
        .withConfiguration(ALL)
        .withPropertyValues(
            "campaign.store.embedded-path=" + dir.resolve("web/campaign"),
            "campaign.runner.enabled=false",
            "campaign.alerts.enabled=false",
            "campaign.mailboxes[0].address=hello@4runr.example",
            "campaign.mailboxes[0].smtp.host=localhost",
            "campaign.web.enabled=true");
  }

  @Test
  void verificationOnChecksLeadsDomainsWithTheDnsResolverBean() {
    runner("localhost")
        .withBean(DnsResolver.class, () -> DNS)
        .withPropertyValues(
            "campaign.verify.domains=on",
            "campaign.verify.disposable=allow",
            "campaign.verify.roles=skip")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              AddressVerifier verifier = ctx.getBean(AddressVerifier.class);
              assertThat(verifier).isInstanceOf(DnsAddressVerifier.class);
              assertThat(verifier.check("ada@nowhere.example").outcome())
                  .isEqualTo(AddressCheck.Outcome.SKIP);
              assertThat(verifier.check("ada@4runr.example").outcome())
                  .isEqualTo(AddressCheck.Outcome.PASS);
              // campaign.verify.roles=skip
              assertThat(verifier.check("info@4runr.example").outcome())
                  .isEqualTo(AddressCheck.Outcome.SKIP);
            });
  }

  @Test
  void verificationAutoChecksOnlyWhenAMailboxSendsThroughARemoteServer() {
    // The default (auto) with a loopback SMTP host: a test server, nothing checked.
    runner("localhost")
        .withBean(DnsResolver.class, () -> DNS)
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx.getBean(AddressVerifier.class)).isSameAs(AddressVerifier.NONE);
            });
    runner("smtp.4runr.example")
        .withBean(DnsResolver.class, () -> DNS)
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              AddressVerifier verifier = ctx.getBean(AddressVerifier.class);
              assertThat(verifier).isInstanceOf(DnsAddressVerifier.class);
              assertThat(verifier.check("ada@nowhere.example").outcome())
                  .isEqualTo(AddressCheck.Outcome.SKIP);
              // the default role policy flags: enrolled with a warning
              assertThat(verifier.check("info@4runr.example").outcome())
                  .isNotEqualTo(AddressCheck.Outcome.SKIP);
            });
  }

  @Test
  void verificationOffChecksNothingAndAHostVerifierReplacesIt() {
    runner("smtp.4runr.example")
        .withBean(DnsResolver.class, () -> DNS)
        .withPropertyValues("campaign.verify.domains=off")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx.getBean(AddressVerifier.class)).isSameAs(AddressVerifier.NONE);
            });
    AddressVerifier own = email -> AddressCheck.pass();
    runner("smtp.4runr.example")
        .withBean(AddressVerifier.class, () -> own)
        .withPropertyValues("campaign.verify.domains=on")
        .run(ctx -> assertThat(ctx.getBean(AddressVerifier.class)).isSameAs(own));
  }

  @Test
  void espEndpointsAreOffUntilAProviderIsConfigured() {
    web()
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx).doesNotHaveBean(CampaignEspEndpoints.class);
            });
    web()
        .withPropertyValues(
            "campaign.esp.mailgun-signing-key=mailgun-key-DO-NOT-PRINT",
            "campaign.esp.postmark-user=postmark",
            "campaign.esp.postmark-password=postmark-pass-DO-NOT-PRINT",
            "campaign.esp.ses-topic-arns=arn:aws:sns:eu-west-1:123456789012:ses-events")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx.getBean(CampaignEspEndpoints.class).providers())
                  .containsExactlyInAnyOrder("ses", "mailgun", "postmark");
              assertThat(ctx.getBean(CampaignProperties.class).toString())
                  .doesNotContain("DO-NOT-PRINT");
            });
  }

  @Test
  void theInboundEndpointIsOffByDefaultAndServedWithASecret() {
    web()
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx).doesNotHaveBean(CampaignInboundEndpoint.class);
            });
    web()
        .withPropertyValues("campaign.inbound.secret=" + "s".repeat(40))
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx).hasSingleBean(CampaignInboundEndpoint.class);
            });
    web()
        .withPropertyValues(
            "campaign.inbound.enabled=true",
            "campaign.inbound.token-sha256=" + WebhookSignature.sha256Hex("a-token"))
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx).hasSingleBean(CampaignInboundEndpoint.class);
            });
    web()
        .withPropertyValues(
            "campaign.inbound.enabled=false", "campaign.inbound.secret=" + "s".repeat(40))
        .run(ctx -> assertThat(ctx).doesNotHaveBean(CampaignInboundEndpoint.class));
  }

  @Test
  void enablingTheInboundEndpointWithoutASecretFailsAtStartNamingTheProperty() {
    web()
        .withPropertyValues("campaign.inbound.enabled=true")
        .run(
            ctx -> {
              assertThat(ctx).hasFailed();
              InvalidInputException e = invalid(ctx);
              assertThat(e.errors())
                  .anySatisfy(
                      f -> {
                        assertThat(f.field()).isEqualTo("campaign.inbound.secret");
                        assertThat(f.problem())
                            .contains("campaign.inbound.enabled=true")
                            .contains("campaign.inbound.token-sha256");
                      });
            });
  }

  @Test
  void invalidValuesAreAllListedWithSecretsMasked() {
    String shortSecret = "short-DO-NOT-PRINT";
    String badKey = "not-a-key-DO-NOT-PRINT";
    String password = "postmark-pass-DO-NOT-PRINT";
    web()
        .withPropertyValues(
            "campaign.inbound.secret=" + shortSecret,
            "campaign.inbound.token-sha256=abc",
            "campaign.esp.sendgrid-verification-key=" + badKey,
            "campaign.esp.ses-topic-arns=not-an-arn",
            "campaign.esp.postmark-password=" + password,
            "campaign.esp.max-age=0s",
            "campaign.send.window=25:00-11:00")
        .run(
            ctx -> {
              assertThat(ctx).hasFailed();
              InvalidInputException e = invalid(ctx);
              assertThat(e.errors().stream().map(f -> f.field()))
                  .contains(
                      "campaign.inbound.secret",
                      "campaign.inbound.token-sha256",
                      "campaign.esp.sendgrid-verification-key",
                      "campaign.esp.ses-topic-arns",
                      "campaign.esp.postmark-user",
                      "campaign.esp.max-age",
                      "campaign.send.window");
              assertThat(e.getMessage())
                  .doesNotContain(shortSecret)
                  .doesNotContain(badKey)
                  .doesNotContain(password)
                  .doesNotContain("CAMPAIGN_");
              assertThat(String.valueOf(ctx.getStartupFailure()))
                  .doesNotContain(shortSecret)
                  .doesNotContain(badKey)
                  .doesNotContain(password);
            });
  }

  private static InvalidInputException invalid(AssertableApplicationContext ctx) {
    return unwrap(ctx.getStartupFailure());
  }

  private static InvalidInputException invalid(
      org.springframework.boot.test.context.assertj.AssertableWebApplicationContext ctx) {
    return unwrap(ctx.getStartupFailure());
  }

  private static InvalidInputException unwrap(Throwable failure) {
    Throwable root = failure;
    while (!(root instanceof InvalidInputException) && root.getCause() != null) {
      root = root.getCause();
    }
    assertThat(root).isInstanceOf(InvalidInputException.class);
    return (InvalidInputException) root;
  }
}
