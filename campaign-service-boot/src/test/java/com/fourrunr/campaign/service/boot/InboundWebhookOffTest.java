package com.fourrunr.campaign.service.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.spi.CampaignStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With neither {@code campaign.inbound.secret} nor {@code campaign.inbound.token-sha256} the Boot
 * service has no inbound webhook: a post there is not taken (404) and stores nothing.
 */
@SpringBootTest(
    classes = CampaignServiceApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InboundWebhookOffTest {
  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add(
        "campaign.store.embedded-path", () -> "target/test-data/" + UUID.randomUUID() + "/c");
    registry.add("campaign.runner.enabled", () -> "false");
    registry.add("campaign.mailboxes[0].address", () -> "hello@4runr.example");
    registry.add("campaign.mailboxes[0].smtp.host", () -> "127.0.0.1");
    registry.add("campaign.mailboxes[0].smtp.port", () -> "2525");
  }

  @LocalServerPort int port;
  @Autowired CampaignStore store;

  @Test
  void aPostToTheUnconfiguredWebhookIsNotTakenAndStoresNothing() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/campaign/inbound"))
                    .header("Content-Type", "message/rfc822")
                    .timeout(Duration.ofSeconds(30))
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "From: ada@example.org\r\nTo: hello@4runr.example\r\n"
                                + "Subject: Re: hi\r\nMessage-ID: <off@example.org>\r\n\r\nHi\r\n"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
    assertThat(store.findEventsByType(EventType.REPLY_RECEIVED, null, 100)).isEmpty();
  }
}
