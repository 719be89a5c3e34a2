package com.fourrunr.campaign.service.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.testing.SettableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console's campaign actions over real HTTP: each POST route refuses a request without a
 * session, without the CSRF token, from a foreign origin and with no origin, and changes nothing
 * then; with all three it acts. The confirmation pages render with a CSRF token in their form.
 */
@SpringBootTest(
    classes = {CampaignServiceApplication.class, ConsoleCampaignsSecurityTest.TestClock.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleCampaignsSecurityTest {
  static final String PASSWORD = "correct horse battery staple";
  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  @TestConfiguration
  static class TestClock {
    @Bean
    @Primary
    Clock clock() {
      return new SettableClock(NOW);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add(
        "campaign.store.embedded-path", () -> "target/test-data/" + UUID.randomUUID() + "/c");
    registry.add("campaign.runner.enabled", () -> "false");
    registry.add("campaign.mailboxes[0].address", () -> "hello@4runr.example");
    registry.add("campaign.mailboxes[0].smtp.host", () -> "127.0.0.1");
    registry.add("campaign.mailboxes[0].smtp.port", () -> "2525");
    registry.add("campaign.operators[0].username", () -> "ana");
    registry.add(
        "campaign.operators[0].password-hash",
        () -> PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(PASSWORD));
  }

  @LocalServerPort int port;
  @Autowired CampaignStore store;
  @Autowired CampaignEngine engine;

  final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  String origin() {
    return "http://localhost:" + port;
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(
        request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpRequest.Builder post(String path, String body) {
    return HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  static String cookie(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("CAMPAIGN_SESSION="))
        .map(c -> c.substring(0, c.indexOf(';')))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no session cookie in " + response.headers()));
  }

  static String csrf(String html) {
    Matcher m = CSRF.matcher(html);
    assertThat(m.find()).as("a CSRF token in the form: %s", html).isTrue();
    return m.group(1);
  }

  record Session(String cookie, String csrf) {}

  Session signIn() throws Exception {
    HttpResponse<String> loginPage = send(HttpRequest.newBuilder(uri("/login")).GET());
    HttpResponse<String> login =
        send(
            post(
                    "/login",
                    "username=ana&password="
                        + PASSWORD.replace(' ', '+')
                        + "&_csrf="
                        + csrf(loginPage.body()))
                .header("Cookie", cookie(loginPage))
                .header("Origin", origin()));
    assertThat(login.statusCode()).isEqualTo(302);
    String session = cookie(login);
    HttpResponse<String> confirm =
        send(HttpRequest.newBuilder(uri("/campaigns/C-1/pause")).header("Cookie", session).GET());
    assertThat(confirm.statusCode()).isEqualTo(200);
    return new Session(session, csrf(confirm.body()));
  }

  void seed() {
    if (store.findCampaign("C-1").isPresent()) {
      return;
    }
    store.commit(
        StoreChanges.builder()
            .lead(Lead.builder("L-1", "ada@example.com").firstName("Ada").build())
            .campaign(Campaign.start("C-1", "L-1", engine.config(), NOW))
            .build());
  }

  /** The POST routes of the campaign pages, with a form body (no CSRF token). */
  static final List<String[]> ROUTES =
      List.of(
          new String[] {"/campaigns/C-1/pause", "back=%2Fcampaigns"},
          new String[] {"/campaigns/C-1/stop", ""},
          new String[] {"/campaigns/bulk/pause", "status=ACTIVE&q=ada"},
          new String[] {"/campaigns/bulk/stop", "q=ada"});

  @Test
  void withoutASessionEveryActionIsRefused() throws Exception {
    seed();
    for (String[] route : ROUTES) {
      HttpResponse<String> response = send(post(route[0], route[1]).header("Origin", origin()));
      assertThat(response.statusCode()).as(route[0]).isIn(401, 403);
    }
    HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/campaigns")).GET());
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    assertThat(store.findCampaign("C-1").orElseThrow().status()).isEqualTo(CampaignStatus.ACTIVE);
  }

  @Test
  void withASessionEveryActionNeedsTheCsrfTokenAndThisOrigin() throws Exception {
    seed();
    Session s = signIn();
    for (String[] route : ROUTES) {
      String withToken = route[1] + (route[1].isEmpty() ? "" : "&") + "_csrf=" + s.csrf();
      assertThat(
              send(post(route[0], route[1]).header("Cookie", s.cookie()).header("Origin", origin()))
                  .statusCode())
          .as("%s without a CSRF token", route[0])
          .isEqualTo(403);
      assertThat(
              send(post(route[0], withToken)
                      .header("Cookie", s.cookie())
                      .header("Origin", "https://evil.example"))
                  .statusCode())
          .as("%s from a foreign origin", route[0])
          .isEqualTo(403);
      assertThat(send(post(route[0], withToken).header("Cookie", s.cookie())).statusCode())
          .as("%s with no Origin", route[0])
          .isEqualTo(403);
    }
    assertThat(store.findCampaign("C-1").orElseThrow().status()).isEqualTo(CampaignStatus.ACTIVE);

    // with the session, the token and this origin the action is done; "back" stays on this site
    HttpResponse<String> paused =
        send(
            post("/campaigns/C-1/pause", "back=https%3A%2F%2Fevil.example%2F&_csrf=" + s.csrf())
                .header("Cookie", s.cookie())
                .header("Origin", origin()));
    assertThat(paused.statusCode()).isEqualTo(302);
    assertThat(paused.headers().firstValue("Location").orElseThrow())
        .isEqualTo(origin() + "/campaigns/C-1");
    assertThat(store.findCampaign("C-1").orElseThrow().status()).isEqualTo(CampaignStatus.PAUSED);
  }
}
