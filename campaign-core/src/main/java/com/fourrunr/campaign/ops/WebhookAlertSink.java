package com.fourrunr.campaign.ops;

import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.config.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts each alert as JSON ({@link Alert#toJson()}) to a URL, signed: header {@value
 * #SIGNATURE_HEADER} is {@code sha256=} and the lower-case hex HMAC-SHA256 of the exact body bytes
 * under the shared key. The receiver computes the same over the body it got and compares in
 * constant time before trusting it.
 *
 * <p>Uses the JDK's {@link HttpClient}; one attempt per alert, a non-2xx answer or a network error
 * throws {@link AlertDeliveryException} (the {@link AlertMonitor} logs it). Thread-safe.
 */
public final class WebhookAlertSink implements AlertSink {
  /** The header carrying the signature. */
  public static final String SIGNATURE_HEADER = "X-Campaign-Signature";

  /** The default request timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final URI url;
  private final Secret key;
  private final HttpClient http;
  private final Duration timeout;

  /** Scheme, host and port only: a webhook URL often carries its own token in the path or query. */
  private final String display;

  private WebhookAlertSink(URI url, Secret key, HttpClient http, Duration timeout) {
    this.url = url;
    this.display =
        url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    this.key = key;
    this.http = http;
    this.timeout = timeout;
  }

  /**
   * A sink posting to {@code url}, signed with {@code key}.
   *
   * @throws InvalidInputException when the URL is not http(s)
   */
  public static WebhookAlertSink create(URI url, Secret key) {
    return create(
        url, key, HttpClient.newBuilder().connectTimeout(DEFAULT_TIMEOUT).build(), DEFAULT_TIMEOUT);
  }

  /** As {@link #create(URI, Secret)}, with the host's HTTP client and a request timeout. */
  public static WebhookAlertSink create(URI url, Secret key, HttpClient http, Duration timeout) {
    Objects.requireNonNull(url, "url");
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw InvalidInputException.of("WebhookAlertSink", "url", "is not an http(s) URL");
    }
    return new WebhookAlertSink(
        url,
        Objects.requireNonNull(key, "key"),
        Objects.requireNonNull(http, "http"),
        Objects.requireNonNull(timeout, "timeout"));
  }

  /**
   * {@code sha256=<hex>}: the HMAC-SHA256 of {@code body} under {@code key}, as the header carries
   * it.
   */
  public static String sign(byte[] body, Secret key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public void deliver(Alert alert) {
    byte[] body = alert.toJson().getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header(SIGNATURE_HEADER, sign(body, key))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 != 2) {
        throw new AlertDeliveryException(
            "webhook " + display + " answered " + response.statusCode());
      }
    } catch (IOException e) {
      throw new AlertDeliveryException(
          "webhook " + display + " could not be reached: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AlertDeliveryException("interrupted while posting to webhook " + display);
    }
  }

  @Override
  public String toString() {
    return "WebhookAlertSink[" + display + "]";
  }

  /** An alert could not be delivered. */
  public static final class AlertDeliveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AlertDeliveryException(String message) {
      super(message);
    }
  }
}
