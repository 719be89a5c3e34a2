package com.fourrunr.campaign.service.boot;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Requests to the service under test on 127.0.0.1, as an outside client sends them. */
final class ServeHttp {
  private ServeHttp() {}

  /** {@code GET /path} with {@code headers} (name, value, ...), following no redirect. */
  static HttpResponse<String> get(int port, String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + path))
            .timeout(Duration.ofSeconds(30))
            .GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
