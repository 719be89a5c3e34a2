package com.fourrunr.campaign.spring;

import com.fourrunr.campaign.tracking.TrackingHandler;
import com.fourrunr.campaign.tracking.TrackingRequest;
import com.fourrunr.campaign.tracking.TrackingResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tracking and unsubscribe endpoints under {@code campaign.web.tracking-path} (by default
 * {@code campaign.web.base-path}), a thin adapter: the request handed to {@link TrackingHandler},
 * its answer written back as it is. The inbound-mail webhook is {@link CampaignInboundEndpoint}.
 */
@RestController
@RequestMapping("${campaign.web.tracking-path:${campaign.web.base-path:/campaign}}")
public class CampaignWebEndpoints {
  private final @Nullable TrackingHandler tracking;

  CampaignWebEndpoints(@Nullable TrackingHandler tracking) {
    this.tracking = tracking;
  }

  /** Open pixel, click redirect and one-click unsubscribe (404 when tracking is off). */
  @RequestMapping(
      path = {"/o/{token}", "/c/{token}", "/u"},
      method = {RequestMethod.GET, RequestMethod.HEAD, RequestMethod.POST})
  public ResponseEntity<byte[]> tracking(
      HttpServletRequest request, @RequestBody(required = false) byte @Nullable [] body) {
    TrackingHandler handler = tracking;
    if (handler == null) {
      return ResponseEntity.notFound().build();
    }
    String target =
        request.getRequestURI()
            + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name, new ArrayList<>(Collections.list(request.getHeaders(name))));
    }
    TrackingRequest in =
        TrackingRequest.of(request.getMethod(), URI.create(target))
            .withHeaders(headers)
            .withRemoteAddress(request.getRemoteAddr())
            .withBody(body == null ? new byte[0] : body);
    TrackingResponse out = handler.handle(in);
    HttpHeaders responseHeaders = new HttpHeaders();
    out.headers().forEach(responseHeaders::set);
    return ResponseEntity.status(out.status()).headers(responseHeaders).body(out.body());
  }
}
