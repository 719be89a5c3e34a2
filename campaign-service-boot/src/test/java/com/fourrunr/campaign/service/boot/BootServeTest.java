package com.fourrunr.campaign.service.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.service.LocalMailServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code campaign serve}'s start on the Spring Boot service: what stops it is one line on stderr
 * with its exit status, without a stack trace (these were FirstHourServiceTest's checks of the
 * standalone service's start).
 */
class BootServeTest {
  @TempDir Path dir;

  private static final Map<String, String> OWN_SMTP =
      Map.of(
          "CAMPAIGN_MAILBOX_ADDRESS", "hello@4runr.test",
          "CAMPAIGN_SMTP_HOST", "127.0.0.1",
          "CAMPAIGN_SMTP_PORT", "2525",
          "CAMPAIGN_SMTP_SECURITY", "NONE");

  private record Result(int exit, String out, String err) {}

  /** The start leaves Spring's logging to the command line's: the other tests keep theirs. */
  @AfterEach
  void restoreLogging() {
    System.clearProperty("org.springframework.boot.logging.LoggingSystem");
    System.clearProperty("org.slf4j.simpleLogger.log.org.springframework.boot.SpringApplication");
  }

  private Result serve(Map<String, String> env, @Nullable Integer port)
      throws InterruptedException {
    return serve(env, port, "127.0.0.1", null);
  }

  private Result serve(
      Map<String, String> env,
      @Nullable Integer port,
      String bind,
      LocalMailServer.@Nullable Starter local)
      throws InterruptedException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        BootServe.run(
            new BootServe.Options(
                port, null, bind, dir.resolve("data"), null, Duration.ofSeconds(60), local),
            env,
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    return new Result(exit, out.toString(), err.toString());
  }

  @Test
  void aMailboxWithoutSmtpServerStopsTheStartUnlessDemoMailIsAskedFor() throws Exception {
    Result r = serve(Map.of("CAMPAIGN_MAILBOX_ADDRESS", "sales@mycompany.example"), 0);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains("CAMPAIGN_SMTP_HOST", "sales@mycompany.example", "--demo-mail")
        .doesNotContain("\tat ");
    assertThat(r.out()).isEmpty();

    Result none = serve(Map.of(), 0);
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("no mailbox is configured", "--demo-mail");
  }

  @Test
  void badSettingsAreReportedAtOnceByTheirVariables() throws Exception {
    Result r =
        serve(
            Map.of(
                "CAMPAIGN_SMTP_PORT", "abc",
                "CAMPAIGN_TRACKING_HMAC_KEY", "short-secret-value"),
            0);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains("CAMPAIGN_SMTP_PORT", "CAMPAIGN_TRACKING_HMAC_KEY")
        .doesNotContain("short-secret-value", "\tat ");
  }

  @Test
  void aPortInUseIsOneLineNamingThePortWithoutStackTrace() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Result r = serve(OWN_SMTP, taken.getLocalPort());
      assertThat(r.exit()).isEqualTo(1);
      assertThat(r.err())
          .contains("port " + taken.getLocalPort(), "already in use")
          .doesNotContain("\tat ", "Exception");
      assertThat(r.err().strip().lines()).hasSize(1);
    }
  }

  @Test
  void everyInterfaceWithoutAnOperatorIsRefusedInOneLine() throws Exception {
    Result r =
        serve(
            Map.of(
                "CAMPAIGN_MAILBOX_ADDRESS", "hello@4runr.test",
                "CAMPAIGN_SMTP_HOST", "127.0.0.1",
                "CAMPAIGN_API_TOKEN_SHA256", "ab".repeat(32),
                "CAMPAIGN_INBOUND_SECRET", "inbound-secret-0123456789abcdef0123456789"),
            0,
            "0.0.0.0",
            null);
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .contains("0.0.0.0", "no operator configured", "campaign.operators[0].username")
        .doesNotContain("\tat ", "inbound-secret-0123456789");
    assertThat(r.err().strip().lines()).hasSize(1);
  }

  @Test
  void theDemoMailServerIsClosedWhenTheServiceCannotStart() throws Exception {
    List<Boolean> closed = new ArrayList<>();
    LocalMailServer.Starter starter =
        () ->
            new LocalMailServer() {
              @Override
              public String host() {
                return "127.0.0.1";
              }

              @Override
              public int port() {
                return 2525;
              }

              @Override
              public void close() {
                closed.add(true);
              }
            };
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Result r = serve(Map.of(), taken.getLocalPort(), "127.0.0.1", starter);
      assertThat(r.exit()).isEqualTo(1);
      assertThat(r.err()).contains("already in use");
    }
    assertThat(closed).as("the in-process server is closed with the service").containsExactly(true);
  }

  @Test
  void theStandaloneNamesBecomeTheStartersProperties() {
    Map<String, Object> p =
        ServeSettings.properties(
            Map.of(
                "CAMPAIGN_MAILBOX_ADDRESS", "a@4runr.test",
                "CAMPAIGN_SMTP_HOST_2", "smtp2.4runr.test",
                "CAMPAIGN_LIMIT_MAILBOX_PER_DAY", "80",
                "CAMPAIGN_API_TOKEN_SHA256", "ab".repeat(32),
                "OPENAI_API_KEY", "sk-plain",
                "PATH", "/bin"),
            null);
    assertThat(p)
        .containsEntry("campaign.mailboxes[0].address", "a@4runr.test")
        .containsEntry("campaign.mailboxes[1].smtp.host", "smtp2.4runr.test")
        .containsEntry("campaign.limits.mailbox-per-day", "80")
        .containsEntry("campaign.api-tokens[0].sha256", "ab".repeat(32))
        .containsEntry("campaign.inbound.token-sha256", "ab".repeat(32))
        .containsEntry("campaign.openai.api-key", "sk-plain")
        .doesNotContainKey("PATH");
  }
}
