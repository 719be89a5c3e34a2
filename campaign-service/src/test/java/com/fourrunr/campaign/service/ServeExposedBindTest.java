package com.fourrunr.campaign.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.smtp.WebhookSignature;
import com.fourrunr.campaign.testing.SettableClock;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-rolled service listening beyond loopback ({@code --bind 0.0.0.0}, as in the container):
 * it does not start open, and once started asks for the API token on every route but liveness,
 * tracking, unsubscribe and the signed webhooks, whatever Origin a request claims.
 */
class ServeExposedBindTest {
  static final String SECRET = "inbound-secret-0123456789abcdef0123456789";
  static final String TOKEN = "serve-api-token-0123456789";
  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  @TempDir Path dir;
  final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  static CampaignSettings settings() {
    return CampaignSettings.load(
        Map.of("CAMPAIGN_MAILBOX_ADDRESS", "hello@4runr.test", "CAMPAIGN_SMTP_HOST", "127.0.0.1"),
        null);
  }

  CampaignService.Builder exposed() {
    return CampaignService.builder()
        .settings(settings())
        .bindAddress("0.0.0.0")
        .port(0)
        .dataDirectory(dir.resolve("data"))
        .tick(Duration.ofDays(1))
        .clock(new SettableClock(NOW));
  }

  @Test
  void everyInterfaceWithoutTheTokenAndTheWebhookSecretIsRefusedNamingBoth() {
    assertThatThrownBy(() -> exposed().build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("bindAddress")
        .hasMessageContaining("0.0.0.0 is not a loopback address")
        .hasMessageContaining("CAMPAIGN_API_TOKEN_SHA256")
        .hasMessageContaining("CAMPAIGN_INBOUND_SECRET");
    assertThatThrownBy(() -> exposed().inboundSecret(SECRET).build())
        .as("the webhook secret alone leaves the API open")
        .hasMessageContaining("CAMPAIGN_API_TOKEN_SHA256");
    assertThatThrownBy(() -> exposed().apiTokenSha256(WebhookSignature.sha256Hex(TOKEN)).build())
        .as("the token alone leaves the webhook open")
        .hasMessageContaining("CAMPAIGN_INBOUND_SECRET");
  }

  @Test
  void loopbackNeedsNeither() {
    CampaignService service =
        CampaignService.builder()
            .settings(settings())
            .bindAddress("127.0.0.1")
            .port(0)
            .dataDirectory(dir.resolve("loopback"))
            .tick(Duration.ofDays(1))
            .clock(new SettableClock(NOW))
            .build();
    assertThat(service).isNotNull();
  }

  @Test
  void beyondLoopbackEveryPrivateRouteNeedsTheTokenWhateverTheOrigin() throws Exception {
    try (CampaignService service =
        exposed()
            .inboundSecret(SECRET)
            .apiTokenSha256(WebhookSignature.sha256Hex(TOKEN))
            .build()
            .start()) {
      String origin = service.uri().toString().replaceAll("/$", "");
      for (String path : new String[] {"", "health", "api/queue", "api/campaigns", "report"}) {
        HttpResponse<String> anonymous = get(service, path);
        assertThat(anonymous.statusCode()).as("GET /%s without the token", path).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(get(service, path, "Authorization", "Bearer " + TOKEN).statusCode())
            .as("GET /%s with the token", path)
            .isIn(200, 503);
      }
      assertThat(get(service, "health/live").statusCode()).as("liveness is public").isEqualTo(200);

      HttpResponse<String> sameOrigin =
          send(
              HttpRequest.newBuilder(service.uri().resolve("api/leads"))
                  .header("Content-Type", "text/csv")
                  .header("Origin", origin)
                  .POST(HttpRequest.BodyPublishers.ofString("email\nx@example.com\n")));
      assertThat(sameOrigin.statusCode())
          .as("an Origin is no proof beyond loopback")
          .isEqualTo(401);
      assertThat(service.store().listCampaigns(null, 10)).isEmpty();

      HttpResponse<String> unsigned =
          send(
              HttpRequest.newBuilder(service.uri().resolve("inbound"))
                  .header("Content-Type", "text/plain")
                  .POST(HttpRequest.BodyPublishers.ofString("Subject: hi\r\n\r\nstop\r\n")));
      assertThat(unsigned.statusCode()).as("the webhook still needs its signature").isEqualTo(401);
    }
  }

  HttpResponse<String> get(CampaignService service, String path, String... headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(service.uri().resolve(path)).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request);
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(
        request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
