package com.fourrunr.campaign.service.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.smtp.WebhookSignature;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A paused mailbox (a business state) turns {@code campaign serve}'s readiness down while liveness,
 * what the container's health check asks, stays up. (Ported from the old standalone service's
 * FirstHourServiceTest; the Boot service shows the components, and so the reason, only to a caller
 * with the API token or a session.)
 */
@SpringBootTest(
    classes = CampaignServiceApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServeReadinessTest {
  static final String TOKEN = "serve-api-token-0123456789";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    ServeProperties.register(
        registry,
        ServeProperties.mailboxOnLoopback(
            "CAMPAIGN_SMTP_PORT", "2525",
            "CAMPAIGN_SMTP_SECURITY", "NONE",
            "CAMPAIGN_API_TOKEN_SHA256", WebhookSignature.sha256Hex(TOKEN)));
  }

  @LocalServerPort int port;
  @Autowired CampaignEngine engine;

  HttpResponse<String> get(String path, String... headers) throws Exception {
    return ServeHttp.get(port, path, headers);
  }

  @Test
  void aPausedMailboxTurnsReadinessDownButLivenessStaysUp() throws Exception {
    // A business state: the mailbox paused (as the bounce alert does).
    assertThat(engine.pauseMailbox("hello@4runr.test", "bounce rate over 5%")).isTrue();

    for (String ready : new String[] {"health", "health/ready"}) {
      HttpResponse<String> r = get(ready, "Authorization", "Bearer " + TOKEN);
      assertThat(r.statusCode()).as(ready + ": " + r.body()).isEqualTo(503);
      assertThat(r.body()).contains("paused: bounce rate over 5%");
      assertThat(get(ready).statusCode()).as(ready + " without the token").isEqualTo(503);
    }
    // The container's health check asks liveness: the process and the store answer, so a
    // healthy service with a paused mailbox is not restarted.
    HttpResponse<String> live = get("health/live");
    assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
    assertThat(live.body().replaceAll("\\s", ""))
        .contains("\"status\":\"UP\"", "\"store\":\"UP\"")
        .doesNotContain("paused");
  }
}
