package com.fourrunr.campaign.examples;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A container health check without curl: exits 0 when {@code GET <url>} answers 200 (the service's
 * {@code /health} answers 503 when a component is DOWN), 1 otherwise.
 */
public final class HealthProbe {
  private HealthProbe() {}

  /**
   * {@code java -cp campaign-cli.jar com.fourrunr.campaign.examples.HealthProbe
   * http://127.0.0.1:8080/health}
   */
  public static void main(String[] args) {
    String url = args.length == 0 ? "http://127.0.0.1:8080/health" : args[0];
    try {
      HttpResponse<Void> response =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(3))
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(url))
                      .timeout(Duration.ofSeconds(4))
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      System.exit(response.statusCode() == 200 ? 0 : 1);
    } catch (Exception e) {
      System.err.println("health probe failed: " + e);
      System.exit(1);
    }
  }
}
