package com.fourrunr.campaign.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Issue 21, the service: what a new user trips over in the first hour. */
class FirstHourServiceTest {
  @TempDir Path dir;

  private static final Map<String, String> OWN_SMTP =
      Map.of(
          "CAMPAIGN_MAILBOX_ADDRESS", "hello@4runr.test",
          "CAMPAIGN_SMTP_HOST", "127.0.0.1",
          "CAMPAIGN_SMTP_PORT", "2525",
          "CAMPAIGN_SMTP_SECURITY", "NONE");

  /** A stand-in in-process server: nothing is sent in these tests. */
  private static final LocalMailServer.Starter FAKE_LOCAL =
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
            public void close() {}
          };

  private record Result(int exit, String out, String err) {}

  private Result serve(
      Map<String, String> env, @Nullable Integer port, LocalMailServer.@Nullable Starter local)
      throws InterruptedException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Serve.run(
            new Serve.Options(
                port, null, "127.0.0.1", dir.resolve("data"), null, Duration.ofMinutes(1), local),
            env,
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    return new Result(exit, out.toString(), err.toString());
  }

  @Test
  void badPortMissingAddressAndMissingHostAreReportedInOneRun() {
    assertThatThrownBy(() -> CampaignSettings.load(Map.of("CAMPAIGN_SMTP_PORT", "abc"), null))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.errors())
                  .extracting(FieldError::field)
                  .contains("CAMPAIGN_MAILBOX_ADDRESS", "CAMPAIGN_SMTP_HOST", "CAMPAIGN_SMTP_PORT");
              assertThat(e.getMessage()).contains("'abc' is not a whole number");
            });
  }

  @Test
  void sequenceDaysCountFromTheStartAndADecreasingListIsRefused() {
    assertThat(
            CampaignSettings.load(Map.of(), null).timing().sequence().steps().stream()
                .map(s -> s.daysAfterPrevious())
                .toList())
        .as("the default 0,3,7: day 0, 3 and 7")
        .containsExactly(0, 3, 4);
    assertThat(
            CampaignSettings.load(Map.of("CAMPAIGN_SEQUENCE_DAYS", "0,2,9"), null)
                .timing()
                .sequence()
                .steps()
                .stream()
                .map(s -> s.daysAfterPrevious())
                .toList())
        .containsExactly(0, 2, 7);
    assertThatThrownBy(() -> CampaignSettings.load(Map.of("CAMPAIGN_SEQUENCE_DAYS", "0,7,3"), null))
        .hasMessageContaining("CAMPAIGN_SEQUENCE_DAYS")
        .hasMessageContaining("counted from the start");
  }

  @Test
  void openAiKeyIsReadUnderBothNamesAndTheCampaignNameWins() {
    CampaignSettings plain = CampaignSettings.load(Map.of("OPENAI_API_KEY", "sk-plain"), null);
    assertThat(plain.model().enabled()).isTrue();
    assertThat(plain.model().apiKey().reveal()).isEqualTo("sk-plain");
    CampaignSettings both =
        CampaignSettings.load(
            Map.of("OPENAI_API_KEY", "sk-plain", "CAMPAIGN_OPENAI_API_KEY", "sk-campaign"), null);
    assertThat(both.model().apiKey().reveal()).isEqualTo("sk-campaign");
  }

  @Test
  void aMailboxWithoutSmtpServerStopsTheStartUnlessDemoMailIsAskedFor() throws Exception {
    Result r = serve(Map.of("CAMPAIGN_MAILBOX_ADDRESS", "sales@mycompany.example"), 0, null);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains("CAMPAIGN_SMTP_HOST", "sales@mycompany.example", "--demo-mail")
        .doesNotContain("\tat ");
    assertThat(r.out()).isEmpty();

    Result none = serve(Map.of(), 0, null);
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("no mailbox is configured", "--demo-mail");
  }

  @Test
  void theConfigurationPageSaysAMailboxNeedsItsServerAndOnlyDemoMailUsesTheTestServer()
      throws Exception {
    String page =
        java.nio.file.Files.readString(Path.of("..", "docs", "configuration.md"))
            .replaceAll("\\s+", " ");
    assertThat(page)
        .contains("stops the start with an error naming the variable")
        .contains("Only `./campaign serve --demo-mail` sends to an in-process test SMTP server");
  }

  @Test
  void aPortInUseIsOneLineNamingThePortWithoutStackTrace() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Result r = serve(OWN_SMTP, taken.getLocalPort(), null);
      assertThat(r.exit()).isEqualTo(1);
      assertThat(r.err())
          .contains("port " + taken.getLocalPort(), "already in use")
          .doesNotContain("\tat ", "Exception");
      assertThat(r.err().strip().lines()).hasSize(1);
    }
  }

  @Test
  void demoMailIsSaidOnEveryPageAndInTheLogAndLivenessIsSeparate() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(CampaignService.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try (CampaignService service =
        CampaignService.builder()
            .port(0)
            .dataDirectory(dir.resolve("demo"))
            .localMailServer(FAKE_LOCAL)
            .build()
            .start()) {
      HttpClient http = HttpClient.newHttpClient();
      for (String page : new String[] {"", "report"}) {
        HttpResponse<String> r = get(http, service.uri().resolve(page));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).as(page).contains("id=\"demo-mail\"", "never delivered");
      }
      HttpResponse<String> live = get(http, service.uri().resolve("health/live"));
      assertThat(live.statusCode()).isEqualTo(200);
      assertThat(live.body().replaceAll("\\s", ""))
          .contains("\"status\":\"UP\"", "\"store\":\"UP\"");
      assertThat(get(http, service.uri().resolve("health/ready")).body()).contains("components");
    } finally {
      logger.detachAppender(appender);
    }
    assertThat(appender.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(m -> assertThat(m).contains("DEMO MAIL", "never delivered"));

    try (CampaignService own =
        CampaignService.builder()
            .settings(CampaignSettings.load(OWN_SMTP, null))
            .port(0)
            .dataDirectory(dir.resolve("own"))
            .build()
            .start()) {
      assertThat(get(HttpClient.newHttpClient(), own.uri()).body()).doesNotContain("demo-mail");
    }
  }

  @Test
  void aPausedMailboxTurnsReadinessDownButLivenessStaysUp() throws Exception {
    try (CampaignService service =
        CampaignService.builder()
            .settings(CampaignSettings.load(OWN_SMTP, null))
            .port(0)
            .dataDirectory(dir.resolve("paused"))
            .build()
            .start()) {
      HttpClient http = HttpClient.newHttpClient();
      // A business state: the mailbox paused (as the bounce alert does).
      assertThat(service.engine().pauseMailbox("hello@4runr.test", "bounce rate over 5%")).isTrue();

      for (String ready : new String[] {"health", "health/ready"}) {
        HttpResponse<String> r = get(http, service.uri().resolve(ready));
        assertThat(r.statusCode()).as(ready + ": " + r.body()).isEqualTo(503);
        assertThat(r.body()).contains("paused: bounce rate over 5%");
      }
      // The container's health check asks liveness: the process and the store answer, so a
      // healthy service with a paused mailbox is not restarted.
      HttpResponse<String> live = get(http, service.uri().resolve("health/live"));
      assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
      assertThat(live.body().replaceAll("\\s", ""))
          .contains("\"status\":\"UP\"", "\"store\":\"UP\"")
          .doesNotContain("paused");
    }
  }

  private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
