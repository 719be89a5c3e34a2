package com.fourrunr.campaign.service.boot;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /metrics}: the library's meters and the JVM's in the Prometheus text format. */
@RestController
class MetricsController {
  /** Written as it is (Spring would drop the spaces between the parameters). */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;

  MetricsController(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @GetMapping("/metrics")
  void metrics(HttpServletResponse response) throws IOException {
    byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
    response.setStatus(200);
    response.setContentType(PROMETHEUS_TEXT);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
