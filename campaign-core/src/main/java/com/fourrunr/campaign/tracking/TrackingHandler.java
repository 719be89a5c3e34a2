package com.fourrunr.campaign.tracking;

import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.EventPayload;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.UnsubscribeTokens;
import com.fourrunr.campaign.spi.CampaignClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracking endpoints, framework-neutral: a {@link TrackingRequest} in, a {@link
 * TrackingResponse} out. A host wires {@link #handle} to any HTTP server (see {@code
 * docs/tracking.md} for the JDK's {@code com.sun.net.httpserver}); the paths are those of the
 * {@link LinkTracker} it is built with:
 *
 * <ul>
 *   <li>{@code GET|HEAD <base>/o/<token>.gif}, the open pixel: always a 1x1 GIF that no one caches;
 *       a valid token of a sent message records {@link EventType#MESSAGE_OPENED}.
 *   <li>{@code GET|HEAD <base>/c/<token>}, a click: a valid token of a stored message records
 *       {@link EventType#LINK_CLICKED} and answers {@code 302} to the URL the token binds (the URL
 *       that was in that message, nothing from the request); an altered or unknown token answers a
 *       plain {@code 404} and records nothing.
 *   <li>{@code <base>/u?t=<token>}, the {@code List-Unsubscribe} URL (RFC 8058), when built with
 *       {@link Builder#unsubscribeTokens}: {@code POST} with exactly the form field {@code
 *       List-Unsubscribe=One-Click} unsubscribes at once ({@link CampaignClient#unsubscribe}) and
 *       answers {@code 200}, never a redirect; any other body answers {@code 400} and does nothing.
 *       {@code GET} only shows a confirmation page whose button POSTs that field: mail scanners
 *       follow GETs, so a GET never unsubscribes.
 * </ul>
 *
 * <p>Each open and click is stored before it is answered, with attributes {@code step}, {@code
 * traffic} ({@code human} or {@code machine}), {@code machineReason} when a machine's (see {@link
 * TrafficClassifier}), and for a click {@code url}, {@code link} (its index) and {@code linkCount}.
 * The client's address and user agent are read for the classification and never stored.
 *
 * <p>Thread-safe; never throws for a bad request. A click whose event cannot be stored (the store
 * is down) still redirects, so a person's link never breaks; the failure is logged.
 */
public final class TrackingHandler {
  /** A transparent 1x1 GIF (43 bytes). */
  private static final byte[] PIXEL = {
    0x47,
    0x49,
    0x46,
    0x38,
    0x39,
    0x61,
    0x01,
    0x00,
    0x01,
    0x00,
    (byte) 0x80,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    (byte) 0xff,
    (byte) 0xff,
    (byte) 0xff,
    0x21,
    (byte) 0xf9,
    0x04,
    0x01,
    0x00,
    0x00,
    0x00,
    0x00,
    0x2c,
    0x00,
    0x00,
    0x00,
    0x00,
    0x01,
    0x00,
    0x01,
    0x00,
    0x00,
    0x02,
    0x02,
    0x44,
    0x01,
    0x00,
    0x3b
  };

  /** The body a one-click unsubscribe POST must carry (RFC 8058). */
  public static final String ONE_CLICK_BODY = "List-Unsubscribe=One-Click";

  private static final Logger log = LoggerFactory.getLogger(TrackingHandler.class);

  private final CampaignClient engine;
  private final LinkTracker tracker;
  private final TrafficClassifier classifier;
  private final @Nullable UnsubscribeTokens unsubscribeTokens;
  private final String senderName;

  private TrackingHandler(Builder b) {
    this.engine = Objects.requireNonNull(b.engine);
    this.tracker = Objects.requireNonNull(b.tracker);
    this.classifier = b.classifier;
    this.unsubscribeTokens = b.unsubscribeTokens;
    this.senderName = b.senderName;
  }

  /** A builder for the endpoints of {@code tracker}'s URLs, recording through {@code engine}. */
  public static Builder builder(CampaignClient engine, LinkTracker tracker) {
    return new Builder(engine, tracker);
  }

  /**
   * Answers any request to the tracking paths: routes by path to {@link #open}, {@link #click} or
   * {@link #unsubscribe}; anything else is a plain 404.
   */
  public TrackingResponse handle(TrackingRequest request) {
    String path = request.path();
    String base = tracker.basePath();
    if (!path.startsWith(base + "/")) {
      return notFound();
    }
    String rest = path.substring(base.length());
    if (rest.startsWith("/o/")) {
      String token = rest.substring(3);
      return open(request, token.endsWith(".gif") ? token.substring(0, token.length() - 4) : token);
    }
    if (rest.startsWith("/c/")) {
      return click(request, rest.substring(3));
    }
    if (rest.equals("/u") || rest.equals("/u/")) {
      return unsubscribe(request);
    }
    return notFound();
  }

  /**
   * The open pixel for an open token: the GIF whatever the token, an open recorded when it is
   * valid.
   */
  public TrackingResponse open(TrackingRequest request, String token) {
    if (!isGetOrHead(request)) {
      return methodNotAllowed("GET, HEAD");
    }
    try {
      Optional<TrackingTokens.Open> open = tracker.tokens().verifyOpen(token);
      if (open.isPresent()) {
        CampaignMessage message = findMessage(open.get().campaignId(), open.get().messageId());
        if (message != null && message.sentAt() != null) {
          TrafficClassifier.Traffic traffic =
              classifier.classify(
                  new TrafficClassifier.Hit(
                      TrafficClassifier.Kind.OPEN,
                      request.method(),
                      request.header("User-Agent"),
                      request.remoteAddress(),
                      engine.clock().instant(),
                      message.sentAt(),
                      0,
                      Set.of()));
          engine.recordEngagement(
              message,
              new EventPayload.MessageOpened(
                  message.type().name(), trafficName(traffic), traffic.reason()));
        }
      }
    } catch (RuntimeException e) {
      log.warn("an open could not be recorded", e);
    }
    Map<String, String> headers = noCache();
    headers.put("Content-Type", "image/gif");
    headers.put("Content-Length", String.valueOf(PIXEL.length));
    return new TrackingResponse(200, headers, isHead(request) ? new byte[0] : PIXEL);
  }

  /**
   * A click for a click token: {@code 302} to the URL the token binds, the click recorded first; a
   * plain {@code 404} for an altered or unknown token (nothing recorded).
   */
  public TrackingResponse click(TrackingRequest request, String token) {
    if (!isGetOrHead(request)) {
      return methodNotAllowed("GET, HEAD");
    }
    Optional<TrackingTokens.Click> verified = tracker.tokens().verifyClick(token);
    if (verified.isEmpty()) {
      return notFound();
    }
    TrackingTokens.Click click = verified.get();
    CampaignMessage message;
    try {
      message = findMessage(click.campaignId(), click.messageId());
    } catch (RuntimeException e) {
      log.warn("the message of a click could not be read; redirected unrecorded", e);
      return redirect(click.url());
    }
    if (message == null) {
      return notFound();
    }
    try {
      Instant now = engine.clock().instant();
      TrafficClassifier.Traffic traffic =
          classifier.classify(
              new TrafficClassifier.Hit(
                  TrafficClassifier.Kind.CLICK,
                  request.method(),
                  request.header("User-Agent"),
                  request.remoteAddress(),
                  now,
                  message.sentAt(),
                  click.linkCount(),
                  linksClickedInBurst(message, click.linkIndex(), now)));
      engine.recordEngagement(
          message,
          new EventPayload.LinkClicked(
              message.type().name(),
              trafficName(traffic),
              traffic.reason(),
              click.url(),
              click.linkIndex(),
              click.linkCount()));
    } catch (RuntimeException e) {
      log.error("a click could not be recorded; redirected all the same", e);
    }
    return redirect(click.url());
  }

  /**
   * The one-click unsubscribe endpoint (RFC 8058), the signed token in the {@code t} query
   * parameter (as the SMTP adapter puts it): a {@code POST} with the one-click body unsubscribes
   * and answers {@code 200}; another body answers {@code 400}; a {@code GET} shows the confirmation
   * page and changes nothing; an altered token, or none, answers {@code 404}. Never a redirect.
   */
  public TrackingResponse unsubscribe(TrackingRequest request) {
    if (unsubscribeTokens == null) {
      return notFound();
    }
    String token = request.queryParameter("t");
    Optional<UnsubscribeTokens.Unsubscribe> who =
        token == null ? Optional.empty() : unsubscribeTokens.verify(token);
    if (token == null || who.isEmpty()) {
      return notFound();
    }
    if (isGetOrHead(request)) {
      return html(200, confirmationPage(token), isHead(request));
    }
    if (!request.method().equals("POST")) {
      return methodNotAllowed("GET, HEAD, POST");
    }
    if (!OneClickBody.isOneClick(request.header("Content-Type"), request.body())) {
      return text(400, "A one-click unsubscribe needs the body " + ONE_CLICK_BODY + ".");
    }
    try {
      engine.unsubscribe(who.get().recipient(), who.get().listId(), "one-click");
    } catch (RuntimeException e) {
      log.error("an unsubscribe could not be stored; the client is asked to try again", e);
      Map<String, String> headers = noCache();
      headers.put("Retry-After", "60");
      headers.put("Content-Type", "text/plain; charset=utf-8");
      return new TrackingResponse(
          503, headers, "Please try again in a minute.".getBytes(StandardCharsets.UTF_8));
    }
    return html(
        200,
        page(
            "You are unsubscribed",
            "<p>You will get no more emails from " + escape(senderName) + ".</p>"),
        false);
  }

  private @Nullable CampaignMessage findMessage(String campaignId, String messageId) {
    for (CampaignMessage m : engine.store().findMessages(campaignId)) {
      if (m.id().equals(messageId)) {
        return m;
      }
    }
    return null;
  }

  /** The message's links clicked within the burst window before {@code now}, this one included. */
  private Set<Integer> linksClickedInBurst(CampaignMessage message, int thisLink, Instant now) {
    Set<Integer> links = new HashSet<>();
    links.add(thisLink);
    Instant from = now.minus(classifier.allLinksBurst());
    for (CampaignEvent e : engine.store().findEvents(message.campaignId())) {
      if (e.type() == EventType.LINK_CLICKED
          && message.id().equals(e.messageId())
          && !e.occurredAt().isBefore(from)
          && !e.occurredAt().isAfter(now)) {
        // a click recorded without its link index cannot count towards a burst
        if (e.payload() instanceof EventPayload.LinkClicked clicked && clicked.link() != null) {
          links.add(clicked.link());
        }
      }
    }
    return links;
  }

  private String confirmationPage(String token) {
    String action = "?t=" + escape(token);
    return page(
        "Unsubscribe",
        "<p>Unsubscribe from emails from "
            + escape(senderName)
            + "?</p>"
            + "<form method=\"post\" action=\""
            + action
            + "\">"
            + "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
            + "<button type=\"submit\">Unsubscribe</button></form>");
  }

  private static String page(String title, String content) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<meta name=\"robots\" content=\"noindex\"><title>"
        + escape(title)
        + "</title></head>"
        + "<body style=\"font-family:sans-serif;max-width:32em;margin:3em auto;padding:0 1em\">"
        + "<h1>"
        + escape(title)
        + "</h1>"
        + content
        + "</body></html>";
  }

  private static TrackingResponse redirect(String url) {
    Map<String, String> headers = noCache();
    headers.put("Location", url);
    headers.put("Referrer-Policy", "no-referrer");
    return new TrackingResponse(302, headers, new byte[0]);
  }

  private static TrackingResponse html(int status, String html, boolean head) {
    Map<String, String> headers = noCache();
    headers.put("Content-Type", "text/html; charset=utf-8");
    headers.put(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
    headers.put("X-Robots-Tag", "noindex");
    return new TrackingResponse(
        status, headers, head ? new byte[0] : html.getBytes(StandardCharsets.UTF_8));
  }

  private static TrackingResponse text(int status, String text) {
    Map<String, String> headers = noCache();
    headers.put("Content-Type", "text/plain; charset=utf-8");
    return new TrackingResponse(status, headers, text.getBytes(StandardCharsets.UTF_8));
  }

  private static TrackingResponse notFound() {
    return text(404, "Not found");
  }

  private static TrackingResponse methodNotAllowed(String allow) {
    TrackingResponse r = text(405, "Method not allowed");
    Map<String, String> headers = new LinkedHashMap<>(r.headers());
    headers.put("Allow", allow);
    return new TrackingResponse(405, headers, r.body());
  }

  private static Map<String, String> noCache() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Cache-Control", "no-store, no-cache, must-revalidate, max-age=0, private");
    headers.put("Pragma", "no-cache");
    headers.put("Expires", "0");
    return headers;
  }

  private static boolean isGetOrHead(TrackingRequest request) {
    return request.method().equals("GET") || isHead(request);
  }

  private static boolean isHead(TrackingRequest request) {
    return request.method().equals("HEAD");
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "TrackingHandler["
        + tracker.baseUrl()
        + ", unsubscribe="
        + (unsubscribeTokens != null)
        + "]";
  }

  /** Settings of a {@link TrackingHandler}. */
  public static final class Builder {
    private final @Nullable CampaignClient engine;
    private final @Nullable LinkTracker tracker;
    private TrafficClassifier classifier = TrafficClassifier.defaults();
    private @Nullable UnsubscribeTokens unsubscribeTokens;
    private String senderName = "us";

    private Builder(@Nullable CampaignClient engine, @Nullable LinkTracker tracker) {
      this.engine = engine;
      this.tracker = tracker;
    }

    /** How machine traffic is told apart. Default {@link TrafficClassifier#defaults()}. */
    public Builder classifier(TrafficClassifier classifier) {
      this.classifier = classifier;
      return this;
    }

    /**
     * Answers the one-click unsubscribe URL {@code <base>/u}, checking its {@code t} token with
     * these (the same as the SMTP adapter's {@code SmtpMessageOptions} sign with). Default: none,
     * {@code <base>/u} is a 404.
     */
    public Builder unsubscribeTokens(UnsubscribeTokens unsubscribeTokens) {
      this.unsubscribeTokens = unsubscribeTokens;
      return this;
    }

    /** Who the unsubscribe pages name as the sender, such as {@code 4Runr}. Default {@code us}. */
    public Builder senderName(String senderName) {
      this.senderName = senderName;
      return this;
    }

    /**
     * Checks the settings.
     *
     * @throws InvalidInputException listing every missing or bad setting
     */
    public TrackingHandler build() {
      List<FieldError> errors = new java.util.ArrayList<>();
      if (engine == null) {
        errors.add(new FieldError("engine", "is required"));
      }
      if (tracker == null) {
        errors.add(new FieldError("tracker", "is required"));
      }
      if (classifier == null) {
        errors.add(new FieldError("classifier", "must not be null"));
      }
      if (senderName == null || senderName.isBlank() || senderName.length() > 200) {
        errors.add(new FieldError("senderName", "must be 1 to 200 characters"));
      } else {
        senderName = senderName.strip();
      }
      if (!errors.isEmpty()) {
        throw new InvalidInputException("TrackingHandler", errors);
      }
      return new TrackingHandler(this);
    }
  }

  /**
   * Reads a one-click unsubscribe body: form-urlencoded or multipart/form-data (RFC 8058 allows
   * both).
   */
  static final class OneClickBody {
    private OneClickBody() {}

    static boolean isOneClick(@Nullable String contentType, byte[] body) {
      if (body.length == 0 || body.length > TrackingRequest.MAX_BODY_BYTES) {
        return false;
      }
      String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
      if (contentType != null && type.startsWith("multipart/form-data")) {
        return isOneClickMultipart(contentType, body);
      }
      // Exactly the one field; a trailing line break some clients add is tolerated.
      return new String(body, StandardCharsets.ISO_8859_1).strip().equals(ONE_CLICK_BODY);
    }

    private static boolean isOneClickMultipart(String contentType, byte[] body) {
      String boundary = null;
      for (String param : contentType.split(";")) {
        String p = param.strip();
        if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
          boundary = p.substring(9).strip();
          if (boundary.length() >= 2 && boundary.startsWith("\"") && boundary.endsWith("\"")) {
            boundary = boundary.substring(1, boundary.length() - 1);
          }
        }
      }
      if (boundary == null || boundary.isEmpty()) {
        return false;
      }
      String text = new String(body, StandardCharsets.ISO_8859_1);
      String[] parts = text.split(java.util.regex.Pattern.quote("--" + boundary), -1);
      int fields = 0;
      boolean oneClick = false;
      for (String part : parts) {
        int split = part.indexOf("\r\n\r\n");
        if (split < 0) {
          continue;
        }
        fields++;
        String head = part.substring(0, split).toLowerCase(Locale.ROOT);
        String value = part.substring(split + 4);
        if (value.endsWith("\r\n")) {
          value = value.substring(0, value.length() - 2);
        }
        if (head.contains("name=\"list-unsubscribe\"") && value.equals("One-Click")) {
          oneClick = true;
        }
      }
      return fields == 1 && oneClick;
    }
  }

  /** The stored name of a verdict: {@code machine} or {@code human}. */
  private static String trafficName(TrafficClassifier.Traffic traffic) {
    return traffic.machine() ? "machine" : "human";
  }
}
