package com.fourrunr.campaign.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.testing.SettableClock;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ESP webhooks through the service's HTTP server (Postmark: basic auth). */
class EspWebhookRoutesTest {
  private static final Lead ADA =
      Lead.builder("L-ada", "ada@engines.example")
          .firstName("Ada")
          .company("Analytical Engines")
          .companyDescription("Analytical Engines builds calculating machines.")
          .topServices("Engine design")
          .emailConfidence(EmailConfidence.REAL)
          .build();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private HttpResponse<String> post(CampaignService service, String path, String auth, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(service.uri().resolve(path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (!auth.isEmpty()) {
      request.header("Authorization", auth);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void postmarkBounceIsRefusedWithoutCredentialsAndActedOnOnceWithThem(@TempDir Path dir)
      throws Exception {
    CampaignSettings settings =
        CampaignSettings.load(
            Map.of(
                "CAMPAIGN_MAILBOX_ADDRESS", "hello@4runr.test",
                "CAMPAIGN_SMTP_HOST", "127.0.0.1",
                "CAMPAIGN_SMTP_PORT", "2525",
                "CAMPAIGN_SMTP_SECURITY", "NONE",
                "CAMPAIGN_ESP_POSTMARK_USER", "postmark",
                "CAMPAIGN_ESP_POSTMARK_PASSWORD", "hook-pass-5521"),
            null);
    String bounce =
        """
        {"RecordType": "Bounce", "ID": 4242, "Type": "HardBounce", "TypeCode": 1,
         "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483", "Email": "ada@engines.example",
         "Details": "smtp;550 5.1.1 The email account does not exist",
         "BouncedAt": "2026-12-02T10:00:00Z", "Subject": "Hello"}
        """;
    try (CampaignService service =
        CampaignService.builder()
            .settings(settings)
            .port(0)
            .dataDirectory(dir.resolve("data"))
            .tick(Duration.ofDays(1))
            .clock(new SettableClock(Instant.parse("2026-12-02T10:00:00Z")))
            .build()
            .start()) {
      service.engine().enrol(List.of(ADA));
      String campaignId = service.store().findCampaignsByLead(ADA.id()).get(0).id();
      int events = service.store().findEvents(campaignId).size();

      HttpResponse<String> none = post(service, "/webhooks/postmark", "", bounce);
      HttpResponse<String> wrong =
          post(service, "/webhooks/postmark", basic("postmark", "guess"), bounce);
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(wrong.statusCode()).isEqualTo(403);
      assertThat(wrong.body()).doesNotContain("hook-pass-5521");
      assertThat(service.store().findEvents(campaignId)).hasSize(events);

      HttpResponse<String> first =
          post(service, "/webhooks/postmark", basic("postmark", "hook-pass-5521"), bounce);
      HttpResponse<String> again =
          post(service, "/webhooks/postmark", basic("postmark", "hook-pass-5521"), bounce);

      assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
      assertThat(first.body()).contains("\"category\":\"BOUNCE_HARD\"");
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(again.body()).contains("\"duplicate\":true");
      assertThat(service.store().findCampaign(campaignId).orElseThrow().status())
          .isEqualTo(CampaignStatus.STOPPED);
      assertThat(service.store().isSuppressed(ADA.email())).isTrue();

      HttpResponse<String> off = post(service, "/webhooks/sendgrid", "", "[]");
      HttpResponse<String> get =
          http.send(
              HttpRequest.newBuilder(service.uri().resolve("/webhooks/postmark")).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(off.statusCode()).as("not configured").isEqualTo(404);
      assertThat(get.statusCode()).isEqualTo(405);
    }
  }
}
