package com.fourrunr.campaign.service.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.smtp.WebhookSignature;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/** The refusal to listen on another address with no operator, and the first-run commands. */
class StartupAndFirstRunTest {
  @Test
  void bindingToEveryInterfaceWithNoOperatorIsRefusedWithAClearMessage() {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(CampaignServiceApplication.class)
                    .run(
                        "--server.address=0.0.0.0",
                        "--server.port=0",
                        "--campaign.store.embedded-path=target/test-data/"
                            + UUID.randomUUID()
                            + "/c",
                        "--campaign.mailboxes[0].address=hello@4runr.example",
                        "--campaign.mailboxes[0].smtp.host=127.0.0.1"))
        .isInstanceOf(BindAddressGuard.BindRefusedException.class)
        .hasMessageContaining("refusing to listen on 0.0.0.0 with no operator configured")
        .hasMessageContaining("campaign.operators[0].username");
  }

  @Test
  void loopbackNeedsNoOperatorAndAnythingElseDoes() {
    assertThat(BindAddressGuard.isLoopback("127.0.0.1")).isTrue();
    assertThat(BindAddressGuard.isLoopback("::1")).isTrue();
    assertThat(BindAddressGuard.isLoopback("0.0.0.0")).isFalse();
    assertThat(BindAddressGuard.isLoopback(null)).isFalse();
  }

  @Test
  void newOperatorPrintsAPasswordOnceAndAHashThatMatchesIt() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    assertThat(
            FirstRun.run(
                new String[] {"--new-operator=ana"},
                new PrintStream(bytes, true, StandardCharsets.UTF_8)))
        .isTrue();
    String out = bytes.toString(StandardCharsets.UTF_8);
    Matcher password = Pattern.compile("keep it safe\\): (\\S+)").matcher(out);
    Matcher hash = Pattern.compile("password-hash=(\\{bcrypt\\}\\S+)").matcher(out);
    assertThat(password.find()).as(out).isTrue();
    assertThat(hash.find()).as(out).isTrue();
    assertThat(out).contains("campaign.operators[0].username=ana");
    assertThat(
            PasswordEncoderFactories.createDelegatingPasswordEncoder()
                .matches(password.group(1), hash.group(1)))
        .isTrue();
  }

  @Test
  void newApiTokenPrintsATokenOnceAndItsSha256() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    assertThat(
            FirstRun.run(
                new String[] {"--new-api-token=ci"},
                new PrintStream(bytes, true, StandardCharsets.UTF_8)))
        .isTrue();
    String out = bytes.toString(StandardCharsets.UTF_8);
    Matcher token = Pattern.compile("keep it safe\\): (\\S+)").matcher(out);
    assertThat(token.find()).isTrue();
    assertThat(out)
        .contains("campaign.api-tokens[0].sha256=" + WebhookSignature.sha256Hex(token.group(1)));
    assertThat(out.split(Pattern.quote(token.group(1)), -1)).hasSize(2);
    assertThat(
            FirstRun.run(
                new String[] {"--server.port=0"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
        .isFalse();
  }
}
