package com.fourrunr.campaign.spring;

import com.fourrunr.campaign.smtp.InboundWebhook;
import com.fourrunr.campaign.smtp.WebhookSignature;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The inbound-mail webhook at {@code <base-path>/inbound}: a raw RFC 5322 message or JSON, as the
 * provider posts it, taken only with a valid {@link WebhookSignature} (HMAC-SHA256 over timestamp
 * and body with {@code campaign.inbound.secret}, within 5 minutes, not a replay) or a bearer token
 * whose SHA-256 is {@code campaign.inbound.token-sha256}. Anything else is answered 401 before the
 * body reaches {@link InboundWebhook}, so nothing is stored.
 */
@RestController
@RequestMapping("${campaign.web.base-path:/campaign}")
public class CampaignInboundEndpoint {
  private static final Logger log = LoggerFactory.getLogger(CampaignInboundEndpoint.class);

  private final InboundWebhook inbound;
  private final WebhookSignature signature;

  CampaignInboundEndpoint(InboundWebhook inbound, WebhookSignature signature) {
    this.inbound = inbound;
    this.signature = signature;
  }

  /**
   * Checks the post's signature (or bearer token), then hands the body to the webhook.
   *
   * @param request the post
   * @return the webhook's answer; 401 for an unsigned, wrongly signed, stale or replayed post
   * @throws IOException when the body cannot be read
   */
  @PostMapping("/inbound")
  public ResponseEntity<String> inbound(HttpServletRequest request) throws IOException {
    byte[] body = RequestBodies.read(request, InboundWebhook.DEFAULT_MAX_BYTES);
    if (body == null) {
      return RequestBodies.error(
          HttpStatus.PAYLOAD_TOO_LARGE,
          "body: larger than " + InboundWebhook.DEFAULT_MAX_BYTES + " bytes");
    }
    WebhookSignature.Verdict verdict =
        signature.verify(
            request.getHeader(WebhookSignature.TIMESTAMP_HEADER),
            request.getHeader(WebhookSignature.SIGNATURE_HEADER),
            request.getHeader("Authorization"),
            body);
    if (!verdict.accepted()) {
      log.warn("inbound webhook refused from {}: {}", request.getRemoteAddr(), verdict.reason());
      return RequestBodies.error(HttpStatus.UNAUTHORIZED, verdict.reason());
    }
    InboundWebhook.Response r = inbound.handle(body, request.getContentType());
    return ResponseEntity.status(r.status())
        .contentType(MediaType.parseMediaType(r.contentType()))
        .body(r.body());
  }
}
