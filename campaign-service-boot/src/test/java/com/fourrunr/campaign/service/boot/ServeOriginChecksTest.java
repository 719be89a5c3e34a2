package com.fourrunr.campaign.service.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.smtp.WebhookSignature;
import com.fourrunr.campaign.spi.CampaignStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The state-changing routes of {@code campaign serve} on loopback refuse a missing, foreign or
 * opaque Origin and a wrong token, and take the API token (ported from the old standalone service's
 * ServeSecurityTest). The Boot service is stricter on purpose: this origin alone, without a
 * signed-in session and its CSRF token, is refused too (ServiceSecurityTest checks the session
 * path).
 */
@SpringBootTest(
    classes = CampaignServiceApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServeOriginChecksTest {
  static final String TOKEN = "serve-api-token-0123456789";
  static final String LEAD =
      "id,email,first_name,company,company_description,top_services,email_confidence\n"
          + "L-1,grace@navy.example,Grace,Navy Labs,Navy Labs writes compilers.,Compilers,Real\n";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    ServeProperties.register(
        registry,
        ServeProperties.mailboxOnLoopback(
            "CAMPAIGN_API_TOKEN_SHA256", WebhookSignature.sha256Hex(TOKEN)));
  }

  @LocalServerPort int port;
  @Autowired CampaignStore store;

  final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  HttpResponse<String> post(String path, String contentType, String body, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void stateChangingRoutesRefuseAForeignOrMissingOriginUnlessTheBearerTokenIsGiven()
      throws Exception {
    String form = "application/x-www-form-urlencoded";
    String origin = "http://127.0.0.1:" + port;
    Map<String, String[]> routes = new LinkedHashMap<>();
    routes.put("api/leads", new String[] {"text/csv", LEAD});
    routes.put("api/airtable/enrol", new String[] {"application/json", ""});
    routes.put("dead-letters/replay", new String[] {form, "messageId=m-1"});
    for (Map.Entry<String, String[]> route : routes.entrySet()) {
      String path = route.getKey();
      String type = route.getValue()[0];
      String body = route.getValue()[1];
      int before = store.listCampaigns(null, 10).size();
      assertThat(post(path, type, body).statusCode()).as("%s with no Origin", path).isIn(401, 403);
      assertThat(post(path, type, body, "Origin", "https://evil.example").statusCode())
          .as("%s from a foreign origin", path)
          .isIn(401, 403);
      assertThat(post(path, type, body, "Origin", "null").statusCode())
          .as("%s from an opaque origin", path)
          .isIn(401, 403);
      assertThat(post(path, type, body, "Authorization", "Bearer wrong").statusCode())
          .as("%s with a wrong token", path)
          .isIn(401, 403);
      assertThat(post(path, type, body, "Origin", origin).statusCode())
          .as("%s from this origin without a session (stricter than the old service)", path)
          .isIn(401, 403);
      assertThat(store.listCampaigns(null, 10))
          .as("nothing done by a refused post to %s", path)
          .hasSize(before);
      assertThat(post(path, type, body, "Authorization", "Bearer " + TOKEN).statusCode())
          .as("%s with the API token", path)
          .isNotIn(401, 403);
    }
    assertThat(store.listCampaigns(null, 10)).as("the lead posted with the token").hasSize(1);
  }
}
