package com.fourrunr.campaign.service.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.smtp.WebhookSignature;
import com.fourrunr.campaign.spi.CampaignStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The inbound webhook of the Boot service is checked on one path, the starter's endpoint (no filter
 * of the service's own reads the body first): a post with the webhook's bearer token is taken, a
 * wrong token is refused, and a body sent without a length is cut off at the webhook's limit with
 * 413, nothing stored.
 */
@SpringBootTest(
    classes = CampaignServiceApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InboundWebhookOnOnePathTest {
  static final String TOKEN = "inbound-token-" + UUID.randomUUID();
  static final String MAIL =
      "From: Ada <ada@example.org>\r\nTo: hello@4runr.example\r\n"
          + "Subject: Re: hello\r\nMessage-ID: <t1@example.org>\r\n\r\nTell me more\r\n";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add(
        "campaign.store.embedded-path", () -> "target/test-data/" + UUID.randomUUID() + "/c");
    registry.add("campaign.runner.enabled", () -> "false");
    registry.add("campaign.mailboxes[0].address", () -> "hello@4runr.example");
    registry.add("campaign.mailboxes[0].smtp.host", () -> "127.0.0.1");
    registry.add("campaign.mailboxes[0].smtp.port", () -> "2525");
    registry.add("campaign.inbound.token-sha256", () -> WebhookSignature.sha256Hex(TOKEN));
  }

  @LocalServerPort int port;
  @Autowired CampaignStore store;

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  HttpResponse<String> post(String authorization) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/campaign/inbound"))
            .header("Content-Type", "message/rfc822")
            .header("Authorization", authorization)
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(MAIL))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  int storedReplies() {
    return store.findEventsByType(EventType.REPLY_RECEIVED, null, 100).size();
  }

  @Test
  void aPostWithTheBearerTokenIsTakenAndAWrongTokenIsRefused() throws Exception {
    int before = storedReplies();

    HttpResponse<String> wrong = post("Bearer not-the-token");
    assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(401);
    assertThat(storedReplies()).as("nothing stored by a refused post").isEqualTo(before);

    HttpResponse<String> taken = post("Bearer " + TOKEN);
    assertThat(taken.statusCode()).as(taken.body()).isEqualTo(200);
    assertThat(storedReplies()).as("the post with the token was stored").isEqualTo(before + 1);
  }

  @Test
  void aChunkedBodyOverTheWebhooksLimitGets413AndNothingIsStored() throws Exception {
    int before = storedReplies();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /campaign/inbound HTTP/1.1\r\nHost: localhost:"
                  + port
                  + "\r\nContent-Type: message/rfc822\r\nAuthorization: Bearer "
                  + TOKEN
                  + "\r\nTransfer-Encoding: chunked\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      Thread writer =
          new Thread(
              () -> {
                byte[] chunk = new byte[64 * 1024];
                byte[] head = (Integer.toHexString(chunk.length) + "\r\n").getBytes();
                try {
                  for (long sent = 0; sent < 30L * 1024 * 1024; sent += chunk.length) {
                    out.write(head);
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                  }
                  out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException expected) {
                  // the server answered and closed the connection
                }
              });
      writer.setDaemon(true);
      writer.start();
      assertThat(statusLine(socket.getInputStream())).startsWith("HTTP/1.1 413");
    }
    assertThat(storedReplies()).isEqualTo(before);
  }

  private static String statusLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }
}
