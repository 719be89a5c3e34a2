package com.fourrunr.campaign.service.boot;

import com.fourrunr.campaign.smtp.InboundWebhook;
import com.fourrunr.campaign.smtp.WebhookSignature;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The inbound-mail webhook is public to the network but not to everyone: each post must carry a
 * valid signature (or bearer token) checked by {@link WebhookSignature} before the body reaches the
 * webhook; anything else is answered 401 and nothing is stored. With no secret or token configured
 * the webhook refuses every post.
 */
final class InboundSignatureFilter extends OncePerRequestFilter {
  private final String path;
  private final @Nullable WebhookSignature signature;

  InboundSignatureFilter(String path, @Nullable WebhookSignature signature) {
    this.path = path;
    this.signature = signature;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getServletPath().equals(path);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    WebhookSignature verifier = signature;
    if (verifier == null) {
      refuse(
          response,
          "the inbound webhook is off: set campaign.inbound.secret or campaign.inbound.token-sha256");
      return;
    }
    byte[] body = read(request.getInputStream(), InboundWebhook.DEFAULT_MAX_BYTES);
    if (body == null) {
      response.setHeader("Connection", "close");
      response.sendError(413, "body: larger than " + InboundWebhook.DEFAULT_MAX_BYTES + " bytes");
      return;
    }
    WebhookSignature.Verdict verdict =
        verifier.verify(
            request.getHeader(WebhookSignature.TIMESTAMP_HEADER),
            request.getHeader(WebhookSignature.SIGNATURE_HEADER),
            request.getHeader("Authorization"),
            body);
    if (!verdict.accepted()) {
      refuse(response, verdict.reason());
      return;
    }
    chain.doFilter(new CachedBody(request, body), response);
  }

  private static void refuse(HttpServletResponse response, String reason) throws IOException {
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setContentType("application/json");
    String escaped = reason.replace("\\", "\\\\").replace("\"", "\\\"");
    response
        .getOutputStream()
        .write(("{\"error\":\"" + escaped + "\"}").getBytes(StandardCharsets.UTF_8));
  }

  private static byte @Nullable [] read(InputStream in, int max) throws IOException {
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

  /** The request with its body already read. */
  private static final class CachedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    CachedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("blocking reads only");
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
