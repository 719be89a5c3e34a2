package com.fourrunr.campaign.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.smtp.WebhookSignature;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.testing.SettableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter's inbound-mail webhook over real HTTP in the sample application, with {@code
 * campaign.web.enabled} and {@code campaign.inbound.secret}: unsigned, tampered, stale and replayed
 * posts get 401 and store nothing; a signed post and a post with the bearer token are stored. The
 * ESP webhooks are served only when configured.
 */
@SpringBootTest(
    classes = SampleApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "campaign.runner.enabled=false",
      "campaign.alerts.enabled=false",
      "campaign.web.enabled=true",
      "campaign.esp.postmark-user=postmark",
      "campaign.esp.postmark-password=postmark-password-0123"
    })
@Import(InboundWebhookHttpTest.Time.class)
class InboundWebhookHttpTest {
  static final String SECRET = "inbound-secret-0123456789abcdef0123456789";
  static final String TOKEN = "inbound-token-0123456789";
  static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    for (String p : TestInfrastructure.properties(TestInfrastructure.newDatabaseUrl(), 2525)) {
      int eq = p.indexOf('=');
      registry.add(p.substring(0, eq), () -> p.substring(eq + 1));
    }
    registry.add("campaign.inbound.secret", () -> SECRET);
    registry.add("campaign.inbound.token-sha256", () -> WebhookSignature.sha256Hex(TOKEN));
  }

  @TestConfiguration
  static class Time {
    @Bean
    SettableClock clock() {
      return new SettableClock(NOW);
    }
  }

  @LocalServerPort int port;
  @Autowired CampaignStore store;
  @Autowired SettableClock clock;

  static String mail(String id) {
    return "From: Lena <lena@customer.example>\r\nTo: hello@4runr.example\r\n"
        + "Subject: Re: hello\r\nMessage-ID: <"
        + id
        + "@customer.example>\r\n\r\nSounds good, tell me more\r\n";
  }

  @Test
  void onlyValidSignedOrTokenPostsAreStored() throws Exception {
    clock.set(NOW);
    byte[] key = SECRET.getBytes(StandardCharsets.UTF_8);
    String mail = mail("m1");
    String now = String.valueOf(NOW.getEpochSecond());
    String signature = WebhookSignature.sign(key, now, mail.getBytes(StandardCharsets.UTF_8));
    int before = storedReplies();

    assertThat(send(inbound(mail, null, null, null)).statusCode()).as("unsigned").isEqualTo(401);
    assertThat(send(inbound(mail.replace("tell me more", "unsubscribe"), now, signature, null)))
        .extracting(HttpResponse::statusCode)
        .as("tampered body")
        .isEqualTo(401);
    assertThat(send(inbound(mail, String.valueOf(NOW.getEpochSecond() + 1), signature, null)))
        .extracting(HttpResponse::statusCode)
        .as("tampered timestamp")
        .isEqualTo(401);
    String stale = String.valueOf(NOW.minus(Duration.ofMinutes(6)).getEpochSecond());
    String staleSignature =
        WebhookSignature.sign(key, stale, mail.getBytes(StandardCharsets.UTF_8));
    assertThat(send(inbound(mail, stale, staleSignature, null)).statusCode())
        .as("stale")
        .isEqualTo(401);
    assertThat(send(inbound(mail, null, null, "Bearer wrong-token")).statusCode())
        .as("wrong token")
        .isEqualTo(401);
    assertThat(storedReplies()).as("nothing stored by a refused post").isEqualTo(before);

    HttpResponse<String> first = send(inbound(mail, now, signature, null));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(storedReplies()).as("the signed post was stored").isEqualTo(before + 1);

    HttpResponse<String> replay = send(inbound(mail, now, signature, null));
    assertThat(replay.statusCode()).as("replayed").isEqualTo(401);
    assertThat(replay.body()).contains("replay");
    // The same post signed again once the clock moved on is still a replay of a stored mail:
    // a minute later it is signed anew and accepted, but the mail itself is not stored twice.
    clock.set(NOW.plus(Duration.ofMinutes(1)));
    String later = String.valueOf(clock.instant().getEpochSecond());
    HttpResponse<String> resent =
        send(
            inbound(
                mail,
                later,
                WebhookSignature.sign(key, later, mail.getBytes(StandardCharsets.UTF_8)),
                null));
    assertThat(resent.statusCode()).as(resent.body()).isEqualTo(200);
    assertThat(resent.body()).contains("\"duplicate\":true");
    assertThat(storedReplies()).as("nothing sent twice is stored twice").isEqualTo(before + 1);

    HttpResponse<String> byToken = send(inbound(mail("m2"), null, null, "Bearer " + TOKEN));
    assertThat(byToken.statusCode()).as(byToken.body()).isEqualTo(200);
    assertThat(storedReplies()).as("the post with the token was stored").isEqualTo(before + 2);
  }

  @Test
  void espWebhooksAreServedOnlyWhenConfiguredAndCheckTheirCredentials() throws Exception {
    HttpRequest.Builder postmark =
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/campaign/webhooks/postmark"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"));
    assertThat(send(postmark).statusCode()).as("no credentials").isEqualTo(401);
    HttpRequest.Builder sendgrid =
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/campaign/webhooks/sendgrid"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("[]"));
    assertThat(send(sendgrid).statusCode()).as("not configured").isEqualTo(404);
  }

  int storedReplies() {
    return store.findEventsByType(EventType.REPLY_RECEIVED, null, 100).size();
  }

  HttpRequest.Builder inbound(
      String body,
      @Nullable String timestamp,
      @Nullable String signature,
      @Nullable String authorization) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/campaign/inbound"))
            .header("Content-Type", "message/rfc822")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (timestamp != null) {
      b.header(WebhookSignature.TIMESTAMP_HEADER, timestamp);
    }
    if (signature != null) {
      b.header(WebhookSignature.SIGNATURE_HEADER, signature);
    }
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return b;
  }

  static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    return client.send(
        request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
