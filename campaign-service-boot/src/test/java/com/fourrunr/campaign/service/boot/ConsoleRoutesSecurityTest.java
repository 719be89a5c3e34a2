package com.fourrunr.campaign.service.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every state-changing route of the review and operations pages, over real HTTP: refused without a
 * session, without the CSRF token, and from a foreign or missing Origin; nothing changes.
 */
class ConsoleRoutesSecurityTest extends ConsoleOpsFixture {
  static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  /** Each POST route with a form body that would act. */
  static final List<String[]> ROUTES =
      List.of(
          new String[] {"/review/approve", "campaign=C-sec"},
          new String[] {"/review/edit", "campaign=C-sec&subject0=Hello+there+friend&body0=x"},
          new String[] {"/review/reject", "campaign=C-sec&reason=no"},
          new String[] {"/review/classify", "reply=r-1&category=INTERESTED"},
          new String[] {"/suppressions/add", "entry=sec-domain.example&reason=test"},
          new String[] {"/suppressions/remove", "entry=kept@sec.example&reason=test"},
          new String[] {"/dead-letters/replay", "messageId=%3Cm-1%40x%3E"},
          new String[] {"/dead-letters/resend", "messageId=%3Cm-1%40x%3E"},
          new String[] {"/dead-letters/mark-sent", "messageId=%3Cm-1%40x%3E&reason=x"},
          new String[] {"/upload", ""});

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

  /** Signs in; returns the session cookie and a CSRF token from a console page's form. */
  String[] signIn() throws Exception {
    HttpResponse<String> loginPage = send(HttpRequest.newBuilder(uri("/login")).GET());
    String cookie = cookie(loginPage);
    HttpResponse<String> login =
        send(
            post(
                    "/login",
                    "username=ana&password="
                        + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                        + "&_csrf="
                        + csrf(loginPage.body()))
                .header("Cookie", cookie)
                .header("Origin", origin()));
    assertThat(login.statusCode()).isEqualTo(302);
    String session = cookie(login);
    HttpResponse<String> page =
        send(HttpRequest.newBuilder(uri("/suppressions")).header("Cookie", session).GET());
    assertThat(page.statusCode()).isEqualTo(200);
    return new String[] {session, csrf(page.body())};
  }

  @Test
  void withoutASessionEveryRouteIsRefusedAndNothingChanges() throws Exception {
    for (String[] route : ROUTES) {
      HttpResponse<String> r = send(post(route[0], route[1]).header("Origin", origin()));
      assertThat(r.statusCode()).as(route[0]).isIn(401, 403);
    }
    assertThat(engine.store().isSuppressed("x@sec-domain.example")).isFalse();
  }

  @Test
  void withASessionEveryRouteNeedsTheCsrfTokenAndThisOrigin() throws Exception {
    String[] s = signIn();
    for (String[] route : ROUTES) {
      String withToken = route[1] + (route[1].isEmpty() ? "" : "&") + "_csrf=" + s[1];
      HttpResponse<String> noCsrf =
          send(post(route[0], route[1]).header("Cookie", s[0]).header("Origin", origin()));
      assertThat(noCsrf.statusCode()).as("%s without a CSRF token", route[0]).isEqualTo(403);
      HttpResponse<String> foreign =
          send(
              post(route[0], withToken)
                  .header("Cookie", s[0])
                  .header("Origin", "https://evil.example"));
      assertThat(foreign.statusCode()).as("%s from a foreign origin", route[0]).isEqualTo(403);
      HttpResponse<String> noOrigin = send(post(route[0], withToken).header("Cookie", s[0]));
      assertThat(noOrigin.statusCode()).as("%s without an Origin", route[0]).isEqualTo(403);
    }
    assertThat(engine.store().isSuppressed("x@sec-domain.example")).isFalse();

    // the same request with the token and this origin acts (so the refusals above are real)
    HttpResponse<String> ok =
        send(
            post("/suppressions/add", "entry=sec-domain.example&reason=test&_csrf=" + s[1])
                .header("Cookie", s[0])
                .header("Origin", origin()));
    assertThat(ok.statusCode()).isEqualTo(302);
    assertThat(engine.store().isSuppressed("x@sec-domain.example")).isTrue();
  }

  @Test
  void badInputOnAConfirmationPageIsA400WithoutAStackTrace() throws Exception {
    String[] s = signIn();
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(uri("/suppressions/add?entry=not%20a%20domain&reason=x"))
                .header("Cookie", s[0])
                .GET());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("is not a domain name").doesNotContain("Exception");
  }
}
