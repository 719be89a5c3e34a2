package com.fourrunr.campaign.service.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.smtp.WebhookSignature;
import com.fourrunr.campaign.spi.CampaignStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code campaign serve --bind 0.0.0.0} (as in the container), with the operator it needs there
 * (without one it does not start: BootServeTest, StartupAndFirstRunTest), the API token and the
 * webhook secret: every route but liveness, health's status, tracking, unsubscribe and the signed
 * webhooks asks for a session or the API token, whatever Origin a request claims. (Ported from the
 * old standalone service's test of the same name.)
 */
@SpringBootTest(
    classes = CampaignServiceApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServeExposedBindTest {
  static final String SECRET = "inbound-secret-0123456789abcdef0123456789";
  static final String TOKEN = "serve-api-token-0123456789";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    ServeProperties.register(
        registry,
        ServeProperties.mailboxOnLoopback(
            "CAMPAIGN_INBOUND_SECRET",
            SECRET,
            "CAMPAIGN_API_TOKEN_SHA256",
            WebhookSignature.sha256Hex(TOKEN)));
    registry.add("server.address", () -> "0.0.0.0");
    registry.add("campaign.operators[0].username", () -> "ana");
    registry.add(
        "campaign.operators[0].password-hash",
        () -> PasswordEncoderFactories.createDelegatingPasswordEncoder().encode("a long password"));
  }

  @LocalServerPort int port;
  @Autowired CampaignStore store;

  final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + "/" + path);
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request);
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(
        request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void beyondLoopbackEveryPrivateRouteNeedsTheTokenWhateverTheOrigin() throws Exception {
    String origin = "http://127.0.0.1:" + port;
    for (String path : new String[] {"api/queue", "api/campaigns"}) {
      HttpResponse<String> anonymous = get(path);
      assertThat(anonymous.statusCode()).as("GET /%s without the token", path).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
      assertThat(get(path, "Authorization", "Bearer " + TOKEN).statusCode())
          .as("GET /%s with the token", path)
          .isIn(200, 503);
    }
    // A page read without credentials is sent to sign in (the console), not served.
    for (String path : new String[] {"", "report", "metrics"}) {
      HttpResponse<String> anonymous = get(path);
      assertThat(anonymous.statusCode()).as("GET /%s without the token", path).isEqualTo(302);
      assertThat(anonymous.headers().firstValue("Location").orElse("")).endsWith("/login");
      HttpResponse<String> withToken = get(path, "Authorization", "Bearer " + TOKEN);
      assertThat(withToken.statusCode()).as("GET /%s with the token", path).isEqualTo(200);
      assertThat(withToken.body()).as("mail goes to its own server").doesNotContain("demo-mail");
    }
    // /health tells anyone UP or not; its components (which name mailboxes) need the token.
    HttpResponse<String> health = get("health");
    assertThat(health.statusCode()).isIn(200, 503);
    assertThat(health.body()).contains("\"status\"").doesNotContain("components");
    assertThat(get("health", "Authorization", "Bearer " + TOKEN).body()).contains("components");
    assertThat(get("health/live").statusCode()).as("liveness is public").isEqualTo(200);

    HttpResponse<String> sameOrigin =
        send(
            HttpRequest.newBuilder(uri("api/leads"))
                .header("Content-Type", "text/csv")
                .header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString("email\nx@example.com\n")));
    assertThat(sameOrigin.statusCode()).as("an Origin is no proof beyond loopback").isIn(401, 403);
    assertThat(store.listCampaigns(null, 10)).isEmpty();

    HttpResponse<String> unsigned =
        send(
            HttpRequest.newBuilder(uri("inbound"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("Subject: hi\r\n\r\nstop\r\n")));
    assertThat(unsigned.statusCode()).as("the webhook still needs its signature").isEqualTo(401);
  }
}
