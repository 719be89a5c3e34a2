package com.fourrunr.campaign.spring;

import com.fourrunr.campaign.esp.EspWebhook;
import com.fourrunr.campaign.esp.EspWebhookRequest;
import com.fourrunr.campaign.esp.EspWebhookResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ESP event webhooks at {@code <base-path>/webhooks/ses}, {@code /sendgrid}, {@code /mailgun}
 * and {@code /postmark}, each served only when configured ({@code campaign.esp.*}). Each delivery
 * is checked and handled by the adapter's {@link EspWebhook}, with the provider's own signature.
 */
@RestController
@RequestMapping("${campaign.web.base-path:/campaign}/webhooks")
public class CampaignEspEndpoints {
  private static final Logger log = LoggerFactory.getLogger(CampaignEspEndpoints.class);
  private static final int MAX_BODY_BYTES = 1024 * 1024;

  private final Map<String, EspWebhook> hooks;

  CampaignEspEndpoints(Map<String, EspWebhook> hooks) {
    this.hooks = Map.copyOf(hooks);
  }

  /** The providers served ({@code ses}, {@code sendgrid}, {@code mailgun}, {@code postmark}). */
  public Set<String> providers() {
    return hooks.keySet();
  }

  /**
   * One delivery of a provider's events.
   *
   * @param provider {@code ses}, {@code sendgrid}, {@code mailgun} or {@code postmark}
   * @param request the post, read as its raw bytes
   * @return the handler's JSON answer; 404 for a provider not configured
   * @throws IOException when the body cannot be read
   */
  @PostMapping("/{provider}")
  public ResponseEntity<String> webhook(
      @PathVariable("provider") String provider, HttpServletRequest request) throws IOException {
    EspWebhook hook = hooks.get(provider);
    if (hook == null) {
      return RequestBodies.error(HttpStatus.NOT_FOUND, "no such webhook");
    }
    byte[] body = RequestBodies.read(request, MAX_BODY_BYTES);
    if (body == null) {
      return RequestBodies.error(
          HttpStatus.PAYLOAD_TOO_LARGE, "body: larger than " + MAX_BODY_BYTES + " bytes");
    }
    EspWebhookResponse response =
        hook.handle(new EspWebhookRequest(RequestBodies.headers(request), body));
    if (!response.accepted()) {
      log.warn("{} webhook refused: {} {}", provider, response.status(), response.message());
    }
    HttpHeaders headers = new HttpHeaders();
    if (response.status() == 401) {
      headers.set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"webhooks\"");
    }
    return ResponseEntity.status(response.status())
        .headers(headers)
        .contentType(MediaType.APPLICATION_JSON)
        .body(response.json());
  }
}
