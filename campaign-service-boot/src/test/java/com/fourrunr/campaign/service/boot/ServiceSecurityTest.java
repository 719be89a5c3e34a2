package com.fourrunr.campaign.service.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.smtp.WebhookSignature;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.testing.SettableClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * The service's security over real HTTP against the running application: sign-in, CSRF, Origin,
 * bearer tokens, the signed webhook, headers, body limit and slow clients.
 */
@SpringBootTest(
    classes = {CampaignServiceApplication.class, ServiceSecurityTest.TestClock.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServiceSecurityTest {
  static final String PASSWORD = "correct horse battery staple";
  static final String API_TOKEN = "test-api-token-" + UUID.randomUUID();
  static final String SECRET = "inbound-secret-0123456789abcdef0123456789";
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
    registry.add("campaign.api-tokens[0].name", () -> "ci");
    registry.add("campaign.api-tokens[0].sha256", () -> WebhookSignature.sha256Hex(API_TOKEN));
    registry.add("campaign.inbound.secret", () -> SECRET);
    registry.add("campaign.login.max-failures", () -> "3");
  }

  @LocalServerPort int port;
  @Autowired CampaignStore store;

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

  HttpRequest.Builder post(String path, String contentType, String body) {
    return HttpRequest.newBuilder(uri(path))
        .header("Content-Type", contentType)
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

  /** A signed-in session: the cookie and the CSRF token of the home page's form. */
  record Session(String cookie, String csrf) {}

  Session signIn(String user) throws Exception {
    HttpResponse<String> loginPage = send(HttpRequest.newBuilder(uri("/login")).GET());
    String cookie = cookie(loginPage);
    HttpResponse<String> login =
        send(
            post(
                    "/login",
                    "application/x-www-form-urlencoded",
                    "username="
                        + user
                        + "&password="
                        + PASSWORD.replace(' ', '+')
                        + "&_csrf="
                        + csrf(loginPage.body()))
                .header("Cookie", cookie)
                .header("Origin", origin()));
    assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/");
    String session = cookie(login);
    HttpResponse<String> home =
        send(HttpRequest.newBuilder(uri("/")).header("Cookie", session).GET());
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body()).contains("Signed in as " + user);
    return new Session(session, csrf(home.body()));
  }

  static final String CSV =
      "id,email,first_name,last_name,title,company,domain,industry,company_size,country,timezone,"
          + "email_confidence,company_description,top_services\n"
          + "S-1,nadia@orbitfresh.example,Nadia,Haddad,COO,Orbit Fresh,orbitfresh.example,Retail,"
          + "11-50,FR,Europe/Paris,Real,Orbit Fresh delivers organic groceries.,Grocery delivery\n";

  /** Each state-changing route with the body it takes. */
  static final List<String[]> ROUTES =
      List.of(
          new String[] {"/api/leads", "text/csv", CSV},
          new String[] {
            "/api/dead-letters/replay", "application/x-www-form-urlencoded", "messageId=m-1"
          },
          new String[] {"/logout", "application/x-www-form-urlencoded", ""});

  @Test
  void everyStateChangingRouteRefusesARequestWithoutSessionOrToken() throws Exception {
    for (String[] route : ROUTES) {
      HttpResponse<String> response =
          send(post(route[0], route[1], route[2]).header("Origin", origin()));
      assertThat(response.statusCode()).as(route[0]).isIn(401, 403);
    }
    HttpResponse<String> badToken =
        send(post("/api/leads", "text/csv", CSV).header("Authorization", "Bearer wrong"));
    assertThat(badToken.statusCode()).isEqualTo(401);
  }

  @Test
  void withASessionEveryStateChangingRouteNeedsTheCsrfTokenAndThisOrigin() throws Exception {
    Session s = signIn("ana");
    for (String[] route : ROUTES) {
      String separator = route[1].startsWith("application/x-www") && !route[2].isEmpty() ? "&" : "";
      String withToken =
          route[1].startsWith("application/x-www")
              ? route[2] + separator + "_csrf=" + s.csrf()
              : route[2];
      HttpRequest.Builder noCsrf =
          post(route[0], route[1], route[2])
              .header("Cookie", s.cookie())
              .header("Origin", origin());
      assertThat(send(noCsrf).statusCode()).as("%s without a CSRF token", route[0]).isEqualTo(403);
      HttpRequest.Builder foreign =
          post(route[0], route[1], withToken)
              .header("Cookie", s.cookie())
              .header("X-CSRF-TOKEN", s.csrf())
              .header("Origin", "https://evil.example");
      assertThat(send(foreign).statusCode())
          .as("%s from a foreign origin", route[0])
          .isEqualTo(403);
      HttpRequest.Builder noOrigin =
          post(route[0], route[1], withToken)
              .header("Cookie", s.cookie())
              .header("X-CSRF-TOKEN", s.csrf());
      assertThat(send(noOrigin).statusCode()).as("%s with no Origin", route[0]).isEqualTo(403);
    }
    // and the same request with the token and this origin is done
    HttpResponse<String> enrolled =
        send(
            post("/api/leads", "text/csv", CSV)
                .header("Cookie", s.cookie())
                .header("X-CSRF-TOKEN", s.csrf())
                .header("Origin", origin()));
    assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(200);
    assertThat(enrolled.body()).contains("\"read\":1");
  }

  @Test
  void aBearerTokenNeedsNeitherSessionNorCsrfNorOrigin() throws Exception {
    HttpResponse<String> response =
        send(post("/api/leads", "text/csv", CSV).header("Authorization", "Bearer " + API_TOKEN));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    HttpResponse<String> queue =
        send(
            HttpRequest.newBuilder(uri("/api/queue"))
                .header("Authorization", "Bearer " + API_TOKEN)
                .GET());
    assertThat(queue.statusCode()).isEqualTo(200);
    assertThat(send(HttpRequest.newBuilder(uri("/api/queue")).GET()).statusCode()).isEqualTo(401);
  }

  @Test
  void theSessionCookieIsHttpOnlySameSiteAndSecureBehindAnHttpsProxy() throws Exception {
    HttpResponse<String> loginPage =
        send(HttpRequest.newBuilder(uri("/login")).header("X-Forwarded-Proto", "https").GET());
    String setCookie =
        loginPage.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("CAMPAIGN_SESSION="))
            .findFirst()
            .orElseThrow();
    assertThat(setCookie).contains("HttpOnly").contains("SameSite=Lax").contains("Secure");
    HttpResponse<String> plain = send(HttpRequest.newBuilder(uri("/login")).GET());
    assertThat(plain.headers().allValues("Set-Cookie").get(0))
        .contains("HttpOnly")
        .contains("SameSite=Lax")
        .doesNotContain("Secure");
  }

  @Test
  void signInAttemptsAreLimitedPerUserAndAddress() throws Exception {
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/login")).GET());
      HttpResponse<String> failed =
          send(
              post(
                      "/login",
                      "application/x-www-form-urlencoded",
                      "username=bob&password=wrong&_csrf=" + csrf(page.body()))
                  .header("Cookie", cookie(page))
                  .header("Origin", origin()));
      assertThat(failed.statusCode()).isEqualTo(302);
      assertThat(failed.headers().firstValue("Location").orElseThrow()).contains("/login?error");
    }
    HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/login")).GET());
    HttpResponse<String> blocked =
        send(
            post(
                    "/login",
                    "application/x-www-form-urlencoded",
                    "username=bob&password=wrong&_csrf=" + csrf(page.body()))
                .header("Cookie", cookie(page))
                .header("Origin", origin()));
    assertThat(blocked.statusCode()).isEqualTo(429);
    // another user from the same address is not blocked
    assertThat(signIn("ana").cookie()).isNotBlank();
  }

  @Test
  void securityHeadersArePresent() throws Exception {
    for (String path : List.of("/health", "/login")) {
      HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).GET());
      String csp = response.headers().firstValue("Content-Security-Policy").orElseThrow();
      assertThat(csp)
          .contains("frame-ancestors 'none'")
          .contains("script-src 'self'")
          .doesNotContain("unsafe-inline");
      assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
      assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }
  }

  static final String MAIL =
      "From: Mallory <mallory@evil.example>\r\nTo: hello@4runr.example\r\n"
          + "Subject: Re: hello\r\nMessage-ID: <m1@evil.example>\r\n\r\nPlease unsubscribe me\r\n";

  HttpRequest.Builder inbound(String body, String timestamp, String signature) {
    HttpRequest.Builder b = post("/campaign/inbound", "text/plain", body);
    if (timestamp != null) {
      b.header(WebhookSignature.TIMESTAMP_HEADER, timestamp);
    }
    if (signature != null) {
      b.header(WebhookSignature.SIGNATURE_HEADER, signature);
    }
    return b;
  }

  int storedReplies() {
    return store.findEventsByType(EventType.REPLY_RECEIVED, null, 100).size();
  }

  @Test
  void theWebhookRefusesUnsignedTamperedStaleAndReplayedPostsAndStoresNothing() throws Exception {
    byte[] key = SECRET.getBytes(StandardCharsets.UTF_8);
    String now = String.valueOf(NOW.getEpochSecond());
    String stale = String.valueOf(NOW.minus(Duration.ofMinutes(6)).getEpochSecond());
    String signature = WebhookSignature.sign(key, now, MAIL.getBytes(StandardCharsets.UTF_8));
    int before = storedReplies();

    assertThat(send(inbound(MAIL, null, null)).statusCode()).as("unsigned").isEqualTo(401);
    assertThat(send(inbound(MAIL.replace("Re: hello", "Re: hi"), now, signature)).statusCode())
        .as("tampered body")
        .isEqualTo(401);
    assertThat(
            send(inbound(MAIL, String.valueOf(NOW.getEpochSecond() + 1), signature)).statusCode())
        .as("tampered timestamp")
        .isEqualTo(401);
    String staleSignature =
        WebhookSignature.sign(key, stale, MAIL.getBytes(StandardCharsets.UTF_8));
    assertThat(send(inbound(MAIL, stale, staleSignature)).statusCode()).as("stale").isEqualTo(401);
    assertThat(send(inbound(MAIL, now, "sha256=" + "0".repeat(64))).statusCode())
        .as("wrong")
        .isEqualTo(401);
    assertThat(storedReplies()).as("nothing stored by a refused post").isEqualTo(before);
    assertThat(store.isSuppressed("mallory@evil.example")).isFalse();

    HttpResponse<String> first = send(inbound(MAIL, now, signature));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    int afterFirst = storedReplies();
    assertThat(afterFirst).as("the signed post was stored").isEqualTo(before + 1);
    HttpResponse<String> replay = send(inbound(MAIL, now, signature));
    assertThat(replay.statusCode()).as("replayed").isEqualTo(401);
    assertThat(replay.body()).contains("replay");
    assertThat(storedReplies()).isEqualTo(afterFirst);
  }

  /**
   * The routes of {@code campaign serve} (what ServeSecurityTest checked on the standalone
   * service): none answers without a session or token, each does with the API token, and the public
   * health status hides the components.
   */
  @Test
  void serveRoutesNeedASessionOrATokenAndHealthShowsComponentsOnlyWithOne() throws Exception {
    for (String path : List.of("/", "/metrics", "/report", "/api/campaigns", "/api/queue")) {
      assertThat(send(HttpRequest.newBuilder(uri(path)).GET()).statusCode())
          .as("%s without session or token", path)
          .isIn(302, 401);
      HttpResponse<String> withToken =
          send(
              HttpRequest.newBuilder(uri(path))
                  .header("Authorization", "Bearer " + API_TOKEN)
                  .GET());
      assertThat(withToken.statusCode()).as("%s with the token", path).isEqualTo(200);
    }
    assertThat(send(HttpRequest.newBuilder(uri("/health")).GET()).body())
        .contains("\"status\"")
        .doesNotContain("components");
    assertThat(
            send(HttpRequest.newBuilder(uri("/health/ready"))
                    .header("Authorization", "Bearer " + API_TOKEN)
                    .GET())
                .body())
        .contains("\"components\"", "\"store\"");
    HttpResponse<String> live = send(HttpRequest.newBuilder(uri("/health/live")).GET());
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.body()).contains("\"store\"");

    String form = "application/x-www-form-urlencoded";
    assertThat(send(post("/dead-letters/replay", form, "messageId=m-1")).statusCode())
        .as("a replay without session or token")
        .isEqualTo(403);
    assertThat(
            send(post("/dead-letters/replay", form, "messageId=m-1").header("Origin", origin()))
                .statusCode())
        .isIn(401, 403);
    HttpResponse<String> replay =
        send(
            post("/dead-letters/replay", form, "messageId=m-1")
                .header("Authorization", "Bearer " + API_TOKEN));
    assertThat(replay.statusCode()).isEqualTo(303);
    assertThat(replay.headers().firstValue("Location").orElse(""))
        .startsWith("/?notice=cannot+replay");
    HttpResponse<String> airtable =
        send(
            post("/api/airtable/enrol", "application/json", "")
                .header("Authorization", "Bearer " + API_TOKEN));
    assertThat(airtable.statusCode()).isEqualTo(409);
    assertThat(airtable.body()).contains("CAMPAIGN_AIRTABLE_TOKEN");
    assertThat(
            send(HttpRequest.newBuilder(uri("/api/campaigns?limit=0"))
                    .header("Authorization", "Bearer " + API_TOKEN)
                    .GET())
                .body())
        .contains("limit");
  }

  @Test
  void trackingAndUnsubscribeStayPublic() throws Exception {
    // no tracking configured here: the route is reached (404 from the handler), not 401 or 403
    assertThat(send(HttpRequest.newBuilder(uri("/campaign/o/abc")).GET()).statusCode())
        .isEqualTo(404);
    assertThat(
            send(post(
                    "/campaign/u?t=x",
                    "application/x-www-form-urlencoded",
                    "List-Unsubscribe=One-Click"))
                .statusCode())
        .isEqualTo(404);
    assertThat(send(HttpRequest.newBuilder(uri("/health")).GET()).statusCode()).isIn(200, 503);
  }

  @Test
  void aFiftyMegabyteBodyGets413() throws Exception {
    long length = 50L * 1024 * 1024;
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /campaign/inbound HTTP/1.1\r\nHost: localhost:"
                  + port
                  + "\r\nContent-Type: text/plain\r\nContent-Length: "
                  + length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      Thread writer =
          new Thread(
              () -> {
                byte[] chunk = new byte[64 * 1024];
                try {
                  for (long sent = 0; sent < length; sent += chunk.length) {
                    out.write(chunk);
                  }
                } catch (IOException expected) {
                  // the server answered and closed the connection
                }
              });
      writer.setDaemon(true);
      writer.start();
      String status = readLine(socket.getInputStream());
      assertThat(status).startsWith("HTTP/1.1 413");
    }
  }

  @Test
  void tenHalfOpenConnectionsDoNotStopHealth() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) {
        Socket s = new Socket("127.0.0.1", port);
        s.getOutputStream().write("GET /health HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        slow.add(s);
      }
      for (int i = 0; i < 3; i++) {
        long start = System.nanoTime();
        HttpResponse<String> health =
            http.send(
                HttpRequest.newBuilder(uri("/health")).timeout(Duration.ofSeconds(1)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertThat(health.statusCode()).isIn(200, 503);
        assertThat(millis).as("health answered in %d ms", millis).isLessThan(1000);
      }
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
  }

  static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      line.append((char) c);
    }
    return line.toString().trim();
  }
}
