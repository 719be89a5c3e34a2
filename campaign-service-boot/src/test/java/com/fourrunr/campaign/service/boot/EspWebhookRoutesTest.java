package com.fourrunr.campaign.service.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.testing.SettableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ESP webhooks of {@code campaign serve} over HTTP (Postmark: basic auth): refused without
 * credentials, acted on once with them. (Ported from the old standalone service's test of the same
 * name.)
 */
@SpringBootTest(
    classes = {CampaignServiceApplication.class, EspWebhookRoutesTest.TestClock.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EspWebhookRoutesTest {
  static final Lead ADA =
      Lead.builder("L-ada", "ada@engines.example")
          .firstName("Ada")
          .company("Analytical Engines")
          .companyDescription("Analytical Engines builds calculating machines.")
          .topServices("Engine design")
          .emailConfidence(EmailConfidence.REAL)
          .build();

  @TestConfiguration
  static class TestClock {
    @Bean
    @Primary
    Clock clock() {
      return new SettableClock(Instant.parse("2026-12-02T10:00:00Z"));
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    ServeProperties.register(
        registry,
        ServeProperties.mailboxOnLoopback(
            "CAMPAIGN_SMTP_PORT", "2525",
            "CAMPAIGN_SMTP_SECURITY", "NONE",
            "CAMPAIGN_ESP_POSTMARK_USER", "postmark",
            "CAMPAIGN_ESP_POSTMARK_PASSWORD", "hook-pass-5521"));
  }

  @LocalServerPort int port;
  @Autowired CampaignEngine engine;
  @Autowired CampaignStore store;

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  HttpResponse<String> post(String path, String auth, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (!auth.isEmpty()) {
      request.header("Authorization", auth);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void postmarkBounceIsRefusedWithoutCredentialsAndActedOnOnceWithThem() throws Exception {
    String bounce =
        """
        {"RecordType": "Bounce", "ID": 4242, "Type": "HardBounce", "TypeCode": 1,
         "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483", "Email": "ada@engines.example",
         "Details": "smtp;550 5.1.1 The email account does not exist",
         "BouncedAt": "2026-12-02T10:00:00Z", "Subject": "Hello"}
        """;
    engine.enrol(List.of(ADA));
    String campaignId = store.findCampaignsByLead(ADA.id()).get(0).id();
    int events = store.findEvents(campaignId).size();

    HttpResponse<String> none = post("/webhooks/postmark", "", bounce);
    HttpResponse<String> wrong = post("/webhooks/postmark", basic("postmark", "guess"), bounce);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(wrong.body()).doesNotContain("hook-pass-5521");
    assertThat(store.findEvents(campaignId)).hasSize(events);

    HttpResponse<String> first =
        post("/webhooks/postmark", basic("postmark", "hook-pass-5521"), bounce);
    HttpResponse<String> again =
        post("/webhooks/postmark", basic("postmark", "hook-pass-5521"), bounce);

    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(first.body()).contains("\"category\":\"BOUNCE_HARD\"");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).contains("\"duplicate\":true");
    assertThat(store.findCampaign(campaignId).orElseThrow().status())
        .isEqualTo(CampaignStatus.STOPPED);
    assertThat(store.isSuppressed(ADA.email())).isTrue();

    HttpResponse<String> off = post("/webhooks/sendgrid", "", "[]");
    HttpResponse<String> get =
        http.send(
            HttpRequest.newBuilder(uri("/webhooks/postmark")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(off.statusCode()).as("not configured").isEqualTo(404);
    assertThat(get.statusCode()).isEqualTo(405);
  }
}
