package com.fourrunr.campaign.spring;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Reading a webhook request as its raw bytes (signatures cover the bytes as sent). */
final class RequestBodies {
  private RequestBodies() {}

  /** The body, or null when it is longer than {@code max} bytes. */
  static byte @Nullable [] read(HttpServletRequest request, int max) throws IOException {
    if (request.getContentLengthLong() > max) {
      return null;
    }
    InputStream in = request.getInputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) != -1) {
      if (out.size() + n > max) {
        return null;
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  /** The request's headers by name, each with its values. */
  static Map<String, List<String>> headers(HttpServletRequest request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name, new ArrayList<>(Collections.list(request.getHeaders(name))));
    }
    return headers;
  }

  /** A JSON answer {@code {"error": "<reason>"}}. */
  static ResponseEntity<String> error(HttpStatus status, String reason) {
    StringBuilder b = new StringBuilder("{\"error\":\"");
    for (int i = 0; i < reason.length(); i++) {
      char c = reason.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append("\"}");
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(b.toString());
  }
}
