package com.fourrunr.campaign.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code campaign serve} as a user starts it: the command line in its own JVM on the embedded
 * defaults (a new data folder, the in-process mail server, the template generator), driven over
 * HTTP.
 */
class ServeEndpointsTest {
  private static final Pattern LISTENING = Pattern.compile("service on (http://\\S+/)");

  /** How long serve may take to print its address before it is killed and the test fails. */
  private static final long STARTUP_SECONDS = 60;

  /** Put in the output queue when the child's output ends (compared by identity). */
  private static final String END_OF_OUTPUT = new String("end of output");

  static final String TRACKING_KEY = "serve-test-tracking-key-0123456789abcdef";

  /**
   * The operator's API token (its SHA-256 in CAMPAIGN_API_TOKEN_SHA256): every route but liveness,
   * the health status, tracking and the signed webhooks needs a signed-in operator or this token.
   */
  static final String API_TOKEN = "serve-test-api-token-0123456789abcdef";

  /** The header that carries {@link #API_TOKEN}. */
  static final String[] WITH_TOKEN = {"Authorization", "Bearer " + API_TOKEN};

  @TempDir static Path dir;
  static Process process;
  static URI base;
  static final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  static final ObjectMapper json = new ObjectMapper();

  /** The child's output lines after the ones read up to its address. */
  static final BlockingQueue<String> OUTPUT = new LinkedBlockingQueue<>();

  @BeforeAll
  static void startServe() throws Exception {
    Path leads = dir.resolve("leads.csv");
    try (InputStream in =
        ServeEndpointsTest.class
            .getClassLoader()
            .getResourceAsStream("com/fourrunr/campaign/examples/demo-leads.csv")) {
      Files.copy(in, leads);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder serve =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "com.fourrunr.campaign.examples.CampaignCli",
                "serve",
                "--demo-mail",
                "--port",
                "0",
                "--data",
                dir.resolve("data").toString(),
                "--leads",
                leads.toString())
            .redirectErrorStream(true);
    serve.environment().keySet().removeIf(k -> k.startsWith("CAMPAIGN_"));
    serve.environment().put("CAMPAIGN_TRACKING_BASE_URL", "https://t.4runr.example/t");
    serve.environment().put("CAMPAIGN_TRACKING_HMAC_KEY", TRACKING_KEY);
    serve
        .environment()
        .put(
            "CAMPAIGN_API_TOKEN_SHA256",
            com.fourrunr.campaign.smtp.WebhookSignature.sha256Hex(API_TOKEN));
    process = serve.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    // The child's output is read on its own thread, so the deadline holds even when the child
    // prints nothing at all (a blocking readLine here could wait forever).
    BlockingQueue<String> lines = OUTPUT;
    Thread reader =
        new Thread(
            () -> {
              try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the process ended or was killed
              } finally {
                lines.add(END_OF_OUTPUT);
              }
            },
            "serve-output");
    reader.setDaemon(true);
    reader.start();
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STARTUP_SECONDS);
    while (base == null) {
      long left = deadline - System.nanoTime();
      String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
      if (line == null) {
        seen.add("(no address within " + STARTUP_SECONDS + " s: serve killed)");
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        break;
      }
      if (line == END_OF_OUTPUT) {
        break;
      }
      seen.add(line);
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        base = URI.create(m.group(1));
      }
    }
    assertThat(base)
        .as("serve printed its address; output:%n%s", String.join("\n", seen))
        .isNotNull();
  }

  @AfterAll
  static void stopServe() throws Exception {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /** A GET with the API token. */
  static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .headers(WITH_TOKEN)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A GET without any credential, as a mail client or a browser sends it. */
  static HttpResponse<String> getAnonymous(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A POST with the API token. */
  static HttpResponse<String> postWithToken(String path, String contentType, String body)
      throws IOException, InterruptedException {
    return post(path, contentType, body, WITH_TOKEN);
  }

  static HttpResponse<String> post(String path, String contentType, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthAnswersJsonWithOverallStatusAndEachComponent() throws Exception {
    HttpResponse<String> response = get("health");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode health = json.readTree(response.body());
    assertThat(health.get("status").asText()).isEqualTo("UP");
    assertThat(health.get("components").fieldNames())
        .toIterable()
        .contains("store", "queue", "deadLetters", "mailbox:hello@4runr.example");
    health.get("components").forEach(c -> assertThat(c.get("status").asText()).isIn("UP", "DOWN"));
  }

  @Test
  void metricsAnswerPrometheusTextWithTheQueue() throws Exception {
    HttpResponse<String> response = get("metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/plain; version=0.0.4");
    assertThat(response.body())
        .contains("# TYPE campaign_queue_scheduled gauge")
        .containsPattern("(?m)^campaign_queue_scheduled [0-9.E]+$")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void statusPageListsTheEnrolledCampaignsAndTheQueue() throws Exception {
    HttpResponse<String> response = get("");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("id=\"queue\"", "id=\"campaigns\"", "L-001", "id=\"dead-letters\"");
  }

  @Test
  void campaignsApiPagesThroughTheStore() throws Exception {
    JsonNode first = json.readTree(get("api/campaigns?limit=2").body());
    assertThat(first).hasSize(2);
    String after = first.get(1).get("id").asText();
    JsonNode second = json.readTree(get("api/campaigns?limit=2&after=" + after).body());
    assertThat(second.get(0).get("id").asText()).isGreaterThan(after);
    assertThat(get("api/campaigns?limit=0").statusCode()).isEqualTo(400);
  }

  @Test
  void queueApiReportsCountsPerState() throws Exception {
    JsonNode queue = json.readTree(get("api/queue").body());
    assertThat(queue.get("counts").fieldNames())
        .toIterable()
        .containsExactly("scheduled", "due", "inFlight", "retrying", "deadLettered", "sent");
    assertThat(
            queue.get("counts").get("scheduled").asLong()
                + queue.get("counts").get("sent").asLong()
                + queue.get("counts").get("due").asLong()
                + queue.get("counts").get("inFlight").asLong())
        .isPositive();
  }

  @Test
  void leadsPostedAsCsvAreEnrolledAndABadRowIsReportedNotFatal() throws Exception {
    String csv =
        "id,email,first_name,last_name,title,company,domain,industry,company_size,country,timezone,"
            + "email_confidence,company_description,top_services\n"
            + "S-1,nadia@orbitfresh.example,Nadia,Haddad,COO,Orbit Fresh,orbitfresh.example,Retail,11-50,FR,"
            + "Europe/Paris,Real,Orbit Fresh delivers organic groceries across Lyon within two hours.,Grocery delivery\n"
            + "S-2,not-an-email,Bad,Row,COO,Nowhere,nowhere.example,Retail,11-50,FR,Europe/Paris,Real,x,y\n";
    HttpResponse<String> response =
        post("api/leads", "text/csv", csv, "Origin", origin(), WITH_TOKEN[0], WITH_TOKEN[1]);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode report = json.readTree(response.body());
    assertThat(report.get("read").asInt()).as(response.body()).isEqualTo(2);
    assertThat(report.get("enrolled").asInt()).as(response.body()).isEqualTo(1);
    assertThat(report.get("enrolled").asInt()).isEqualTo(1);
    assertThat(report.get("skipped").asInt()).isEqualTo(1);
    assertThat(report.get("skips").get(0).get("detail").asText()).contains("email");
  }

  @Test
  void replayOfAnUnknownDeadLetterRedirectsWithANoticeAndACrossOriginPostIsRefused()
      throws Exception {
    HttpResponse<String> replay =
        post(
            "dead-letters/replay",
            "application/x-www-form-urlencoded",
            "messageId=%3Cnone%40example%3E",
            "Origin",
            origin(),
            WITH_TOKEN[0],
            WITH_TOKEN[1]);
    assertThat(replay.statusCode()).isEqualTo(303);
    assertThat(replay.headers().firstValue("Location").orElse(""))
        .startsWith("/?notice=cannot+replay");
    HttpResponse<String> foreign =
        post(
            "dead-letters/replay",
            "application/x-www-form-urlencoded",
            "messageId=%3Cnone%40example%3E",
            "Origin",
            "https://evil.example");
    assertThat(foreign.statusCode()).isEqualTo(403);
    HttpResponse<String> noOrigin =
        post(
            "dead-letters/replay",
            "application/x-www-form-urlencoded",
            "messageId=%3Cnone%40example%3E");
    assertThat(noOrigin.statusCode()).as("a post with no Origin").isEqualTo(403);
  }

  /** This service's origin, as a browser on its pages sends it. */
  static String origin() {
    return base.getScheme() + "://" + base.getRawAuthority();
  }

  @Test
  void inboundWebhookTakesARawMessage() throws Exception {
    String mail =
        "From: someone@elsewhere.example\r\nTo: hello@4runr.example\r\nSubject: hello\r\n"
            + "Message-ID: <x1@elsewhere.example>\r\nDate: Mon, 30 Nov 2026 10:00:00 +0000\r\n\r\nJust saying hi.\r\n";
    // The inbound webhook takes a signed post or the API token (none of either: 401).
    HttpResponse<String> response = postWithToken("inbound", "message/rfc822", mail);
    assertThat(response.statusCode()).isBetween(200, 299);
  }

  @Test
  void airtableEnrolmentSaysWhatIsMissingWhenAirtableIsNotConfigured() throws Exception {
    HttpResponse<String> response =
        post(
            "api/airtable/enrol",
            "application/json",
            "",
            "Origin",
            origin(),
            WITH_TOKEN[0],
            WITH_TOKEN[1]);
    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(json.readTree(response.body()).get("error").asText())
        .contains("CAMPAIGN_AIRTABLE_TOKEN");
  }

  @Test
  void unknownPathsAnswer404AndWrongMethods405() throws Exception {
    assertThat(get("nope").statusCode()).isEqualTo(404);
    assertThat(get("inbound").statusCode()).isEqualTo(405);
    assertThat(postWithToken("health", "text/plain", "").statusCode()).isEqualTo(405);
  }

  /**
   * With {@code --demo-mail} the output says that mail is never delivered, and so do the console's
   * pages and the report (FirstHourServiceTest's check of the old standalone service).
   */
  @Test
  void demoMailIsSaidInTheOutputAndOnThePages() throws Exception {
    String said = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (said == null && System.nanoTime() < deadline) {
      String line = OUTPUT.poll(1, TimeUnit.SECONDS);
      if (line == END_OF_OUTPUT) {
        break;
      }
      if (line != null && line.contains("DEMO MAIL")) {
        said = line;
      }
    }
    assertThat(said).as("a DEMO MAIL line in serve's output").contains("never delivered");
    for (String page : new String[] {"", "report"}) {
      HttpResponse<String> r = get(page);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).as(page).contains("id=\"demo-mail\"", "never delivered");
    }
  }

  @Test
  void analyticsReportIsServedAsOneSelfContainedPage() throws Exception {
    HttpResponse<String> response = get("report");
    assertThat(response.statusCode()).isEqualTo(200);
    // The service runs on the wall clock: on a weekend or outside the leads' send windows nothing
    // has been sent yet, and the report then says so instead of drawing empty charts (issue 21).
    String body = response.body();
    assertThat(body).contains("<h1>4Runr Campaigns - analytics</h1>");
    if (body.contains("id=\"no-data\"")) {
      assertThat(body).doesNotContain("<svg");
    } else {
      assertThat(body).contains("<svg", "id=\"funnel-chart\"");
    }
    assertThat(body).doesNotContain("<script src", "<link ");
  }

  @Test
  void trackingEndpointsAreServedUnderTheConfiguredBasePathAndRefuseATamperedToken()
      throws Exception {
    String token =
        com.fourrunr.campaign.tracking.TrackingTokens.withKey(
                TRACKING_KEY.getBytes(StandardCharsets.UTF_8))
            .click("no-campaign", "no-message", 0, 1, "https://4runr.example/");
    assertThat(getAnonymous("t/c/" + token).statusCode())
        .as("a valid token of an unknown message")
        .isEqualTo(404);
    assertThat(getAnonymous("t/c/" + token.substring(0, token.length() - 2) + "xx").statusCode())
        .isEqualTo(404);
    HttpResponse<String> pixel = getAnonymous("t/o/garbage.gif");
    assertThat(pixel.statusCode()).isEqualTo(200);
    assertThat(pixel.headers().firstValue("Content-Type")).hasValue("image/gif");
    assertThat(
            post("t/u?t=garbage", "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click")
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void everyBadSettingIsReportedAtOnceAndTheServiceDoesNotStart() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder bad =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "com.fourrunr.campaign.examples.CampaignCli",
                "serve",
                "--port",
                "0",
                "--data",
                dir.resolve("bad").toString())
            .redirectErrorStream(true);
    bad.environment().keySet().removeIf(k -> k.startsWith("CAMPAIGN_"));
    bad.environment().put("CAMPAIGN_MAILBOX_ADDRESS", "hello@4runr.example");
    bad.environment().put("CAMPAIGN_SMTP_HOST", "smtp.4runr.example");
    bad.environment().put("CAMPAIGN_SMTP_PORT", "not-a-port");
    bad.environment().put("CAMPAIGN_TRACKING_HMAC_KEY", "short-secret-value");
    bad.environment().put("CAMPAIGN_LIMIT_MAILBOX_PER_DAY", "-5");
    Process p = bad.start();
    boolean exited = p.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      p.destroyForcibly();
    }
    assertThat(exited).as("serve exits on bad settings within 60 s").isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isEqualTo(2);
    assertThat(out)
        .contains(
            "CAMPAIGN_SMTP_PORT", "CAMPAIGN_TRACKING_HMAC_KEY", "CAMPAIGN_LIMIT_MAILBOX_PER_DAY")
        .doesNotContain("short-secret-value");
  }

  @Test
  void statusPageRendersInHeadlessChromiumWithCampaignsAndQueue() throws Exception {
    // The console's home page needs sign-in or the API token, which Chromium's command line cannot
    // send: the page is fetched with the token and rendered from a file.
    HttpResponse<String> page = get("");
    assertThat(page.statusCode()).isEqualTo(200);
    Path html = Files.createTempFile(dir, "status-", ".html");
    Files.writeString(html, page.body(), StandardCharsets.UTF_8);
    String dom = com.fourrunr.campaign.examples.HeadlessChromium.dumpDom(html);
    assertThat(dom).contains("<table id=\"campaigns\">", "<table id=\"queue\">");
    assertThat(Pattern.compile("<tr class=\"campaign\">").matcher(dom).results().count())
        .isGreaterThanOrEqualTo(10);
    assertThat(dom).containsPattern("<strong id=\"health\" class=\"up\">UP</strong>");
  }
}
