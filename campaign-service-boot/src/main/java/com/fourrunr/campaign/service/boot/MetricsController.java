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
  /**
   * The Prometheus text format, written as it is: Tomcat passes a content type without charset
   * through untouched (with one, it rewrites the parameters without their spaces), and adds the
   * charset set on its own.
   */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4";

  private final PrometheusMeterRegistry registry;

  MetricsController(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @GetMapping("/metrics")
  void metrics(HttpServletResponse response) throws IOException {
    byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
    response.setStatus(200);
    response.setContentType(PROMETHEUS_TEXT);
    response.setCharacterEncoding("utf-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
