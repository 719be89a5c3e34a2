package com.fourrunr.campaign.esp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * SNS message signatures: the canonical string of the documented fields, signed with SHA1withRSA
 * (SignatureVersion 1) or SHA256withRSA (2) by the certificate at {@code SigningCertURL}, which is
 * fetched only from an allowed URL and cached by URL.
 */
final class SnsSignature {
  /** The default rule: HTTPS from an {@code sns.<region>.amazonaws.com} host. */
  static final Pattern SNS_HOST = Pattern.compile("sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?");

  static final Predicate<URI> DEFAULT_URL_RULE =
      uri ->
          "https".equals(uri.getScheme())
              && uri.getHost() != null
              && SNS_HOST.matcher(uri.getHost()).matches();

  private static final int MAX_CERT_BYTES = 64 * 1024;
  private static final List<String> NOTIFICATION_FIELDS =
      List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type");
  private static final List<String> SUBSCRIPTION_FIELDS =
      List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");

  /** Why a message was not verified. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String why;

    Failure(int status, String why) {
      super(why);
      this.status = status;
      this.why = why;
    }

    int status() {
      return status;
    }

    String why() {
      return why;
    }
  }

  private final OkHttpClient http;
  private final Predicate<URI> urlRule;
  private final Map<String, X509Certificate> certificates = new ConcurrentHashMap<>();

  SnsSignature(OkHttpClient http, Predicate<URI> urlRule) {
    this.http = http;
    this.urlRule = urlRule;
  }

  /** The string SNS signs for this message. */
  static String canonical(JsonNode message) {
    String type = message.path("Type").asText("");
    List<String> fields = type.equals("Notification") ? NOTIFICATION_FIELDS : SUBSCRIPTION_FIELDS;
    StringBuilder s = new StringBuilder();
    for (String field : fields) {
      JsonNode v = message.get(field);
      if (v == null || v.isNull()) {
        continue; // Subject is optional
      }
      s.append(field).append('\n').append(v.asText()).append('\n');
    }
    return s.toString();
  }

  /** Checks the signature, or throws naming the problem. */
  void verify(JsonNode message, Instant now) throws Failure {
    String version = message.path("SignatureVersion").asText("");
    String algorithm =
        switch (version) {
          case "1" -> "SHA1withRSA";
          case "2" -> "SHA256withRSA";
          default -> throw new Failure(403, "SignatureVersion '" + version + "' is not 1 or 2");
        };
    URI certUrl = allowed(message.path("SigningCertURL").asText(""), "SigningCertURL");
    X509Certificate cert = certificate(certUrl);
    try {
      cert.checkValidity(Date.from(now));
    } catch (GeneralSecurityException e) {
      throw new Failure(403, "the signing certificate is not valid now");
    }
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(message.path("Signature").asText(""));
    } catch (IllegalArgumentException e) {
      throw new Failure(403, "Signature is not base64");
    }
    try {
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(cert.getPublicKey());
      verifier.update(canonical(message).getBytes(StandardCharsets.UTF_8));
      if (!verifier.verify(signature)) {
        throw new Failure(403, "signature does not match");
      }
    } catch (GeneralSecurityException e) {
      throw new Failure(403, "signature does not match");
    }
  }

  /** The URL, when the rule allows it. */
  URI allowed(String url, String field) throws Failure {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new Failure(403, field + " is not a URL");
    }
    if (!urlRule.test(uri)) {
      throw new Failure(403, field + " is not an allowed SNS URL");
    }
    return uri;
  }

  /** Visits the URL (a subscription confirmation), or throws with 502. */
  void visit(URI uri) throws Failure {
    try (Response response =
        http.newCall(new Request.Builder().url(uri.toString()).build()).execute()) {
      if (!response.isSuccessful()) {
        throw new Failure(502, "SubscribeURL answered " + response.code());
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new Failure(502, "SubscribeURL could not be reached");
    }
  }

  private X509Certificate certificate(URI uri) throws Failure {
    X509Certificate cached = certificates.get(uri.toString());
    if (cached != null) {
      return cached;
    }
    byte[] pem = fetch(uri);
    X509Certificate cert;
    try {
      cert =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(pem));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new Failure(403, "SigningCertURL did not give an X.509 certificate");
    }
    certificates.put(uri.toString(), cert);
    return cert;
  }

  private byte[] fetch(URI uri) throws Failure {
    try (Response response =
        http.newCall(new Request.Builder().url(uri.toString()).build()).execute()) {
      ResponseBody body = response.body();
      if (!response.isSuccessful()) {
        throw new Failure(502, "SigningCertURL answered " + response.code());
      }
      byte[] bytes = limited(body);
      if (bytes == null) {
        throw new Failure(403, "SigningCertURL gave more than " + MAX_CERT_BYTES + " bytes");
      }
      return bytes;
    } catch (IOException | IllegalArgumentException e) {
      throw new Failure(502, "SigningCertURL could not be reached");
    }
  }

  private static byte @Nullable [] limited(ResponseBody body) throws IOException {
    byte[] bytes = body.byteStream().readNBytes(MAX_CERT_BYTES + 1);
    return bytes.length > MAX_CERT_BYTES ? null : bytes;
  }
}
