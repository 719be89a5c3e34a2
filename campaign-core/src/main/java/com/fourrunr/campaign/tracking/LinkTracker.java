package com.fourrunr.campaign.tracking;

import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.OutgoingEmail;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Rewrites an outgoing email for tracking: each http(s) link becomes a signed click URL that
 * redirects to it, and an HTML body gets a 1x1 open pixel. Tracking is opt-in: the engine tracks
 * nothing unless it is given a tracker with {@link
 * com.fourrunr.campaign.CampaignEngineBuilder#linkTracking(LinkTracker)}.
 *
 * <pre>{@code
 * LinkTracker tracker = LinkTracker.builder("https://t.example.com", TrackingTokens.withKey(trackingKey))
 *     .excludeUrlPrefix("https://t.example.com/u") // the unsubscribe endpoint (excluded anyway: it is ours)
 *     .build();
 * CampaignEngine engine = CampaignEngine.builder()...linkTracking(tracker).build();
 * }</pre>
 *
 * <p>URL shapes under the base URL: the open pixel {@code <base>/o/<token>.gif}, a click {@code
 * <base>/c/<token>}, and the suggested one-click unsubscribe URL {@link #unsubscribeUrl()} {@code
 * <base>/u} (to give to the SMTP adapter, which appends {@code ?t=<token>}). {@link
 * TrackingHandler} answers all three.
 *
 * <p>Links left as they are: anything not http(s) ({@code mailto:}, {@code tel:}), links under the
 * base URL, links starting with an {@link Builder#excludeUrlPrefix excluded prefix}, and every link
 * whose URL contains {@code unsubscribe} (any case): an unsubscribe link must work without the
 * tracker and must not count as a click. The same destination gets the same click URL wherever it
 * appears (text and HTML); the links are numbered in order of first appearance, HTML first. URLs in
 * the text body are found by their lower-case {@code http://} or {@code https://}. Only {@code
 * href} attributes of HTML {@code <a>} elements are rewritten; visible text is not. A text-only
 * message gets no pixel (it cannot show one).
 *
 * <p>Thread-safe and immutable.
 */
public final class LinkTracker {
  /** At most this many distinct links of one message are tracked; the rest are left as they are. */
  public static final int MAX_TRACKED_LINKS = 100;

  private static final Pattern HTML_HREF =
      Pattern.compile(
          "(<a\\b[^>]*?\\bhref\\s*=\\s*)(?:\"([^\"]*)\"|'([^']*)')", Pattern.CASE_INSENSITIVE);

  /** Case-sensitive on purpose: the literal {@code http} start lets the regex skip ahead fast. */
  private static final Pattern TEXT_URL = Pattern.compile("https?://[^\\s<>\"'{}|\\\\^`\\[\\]]+");

  private static final String TRAILING_PUNCTUATION = ".,;:!?)";

  private final String baseUrl;
  private final String basePath;
  private final TrackingTokens tokens;
  private final boolean openPixel;
  private final boolean clickTracking;
  private final List<String> excludedPrefixes;

  private LinkTracker(Builder b, String baseUrl, String basePath) {
    this.baseUrl = baseUrl;
    this.basePath = basePath;
    this.tokens = Objects.requireNonNull(b.tokens);
    this.openPixel = b.openPixel;
    this.clickTracking = b.clickTracking;
    List<String> excluded = new ArrayList<>();
    for (String p : b.excludedPrefixes) {
      excluded.add(p.toLowerCase(Locale.ROOT));
    }
    excluded.add(baseUrl.toLowerCase(Locale.ROOT) + "/");
    this.excludedPrefixes = List.copyOf(excluded);
  }

  /**
   * A builder for a tracker under {@code baseUrl} (such as {@code https://t.example.com} or {@code
   * https://example.com/t}), signing with {@code tokens}. Both pixel and click tracking are on by
   * default once a tracker is built.
   */
  public static Builder builder(String baseUrl, TrackingTokens tokens) {
    return new Builder(baseUrl, tokens);
  }

  /** The base URL, without a trailing slash. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The path part of the base URL ({@code ""} or such as {@code /t}), without a trailing slash. */
  public String basePath() {
    return basePath;
  }

  /** The tokens this tracker signs with (and {@link TrackingHandler} checks with). */
  public TrackingTokens tokens() {
    return tokens;
  }

  /** The open pixel's URL for a message. */
  public String openUrl(String campaignId, String messageId) {
    return baseUrl + "/o/" + tokens.open(campaignId, messageId) + ".gif";
  }

  /** The click URL of one link of a message. */
  public String clickUrl(
      String campaignId, String messageId, int linkIndex, int linkCount, String url) {
    return baseUrl + "/c/" + tokens.click(campaignId, messageId, linkIndex, linkCount, url);
  }

  /**
   * The suggested one-click unsubscribe URL, {@code <base>/u}, answered by {@link TrackingHandler}:
   * give it to the SMTP adapter's unsubscribe options, which append the signed {@code t} parameter.
   */
  public String unsubscribeUrl() {
    return baseUrl + "/u";
  }

  /**
   * The email with its links tracked and the pixel added, for {@code message} (the stored message
   * it is sent for). Everything but the bodies stays as it is.
   */
  public OutgoingEmail track(OutgoingEmail email, CampaignMessage message) {
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(message, "message");
    String html = email.htmlBody();
    // One scan of each body finds the links; the rewrite reuses what it found.
    List<Found> inHtml = html == null || !clickTracking ? List.of() : findInHtml(html);
    List<Found> inText = clickTracking ? findInText(email.textBody()) : List.of();
    List<String> links = new ArrayList<>();
    for (Found f : inHtml) {
      collect(links, f.url());
    }
    for (Found f : inText) {
      collect(links, f.url());
    }
    Map<String, String> tracked = new LinkedHashMap<>();
    for (int i = 0; i < links.size(); i++) {
      tracked.put(
          links.get(i),
          clickUrl(message.campaignId(), message.id(), i, links.size(), links.get(i)));
    }
    String text = tracked.isEmpty() ? email.textBody() : rewrite(email.textBody(), inText, tracked);
    String newHtml = html;
    if (html != null) {
      newHtml = tracked.isEmpty() ? html : rewrite(html, inHtml, tracked);
      if (openPixel) {
        newHtml = withPixel(newHtml, openUrl(message.campaignId(), message.id()));
      }
    }
    return new OutgoingEmail(
        email.from(),
        email.to(),
        email.subject(),
        text,
        newHtml,
        email.messageId(),
        email.inReplyTo(),
        email.references(),
        email.headers(),
        email.threadSubject(),
        email.listId());
  }

  /** Whether a link is tracked: an http(s) URL, not ours, not excluded, no unsubscribe link. */
  boolean isTrackable(String url) {
    if (!TrackingTokens.isHttpUrl(url) || url.length() > TrackingTokens.MAX_URL_LENGTH) {
      return false;
    }
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c <= 0x20 || c == 0x7f) {
        return false;
      }
    }
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.contains("unsubscribe") || lower.equals(baseUrl.toLowerCase(Locale.ROOT))) {
      return false;
    }
    for (String prefix : excludedPrefixes) {
      if (lower.startsWith(prefix)) {
        return false;
      }
    }
    return true;
  }

  private void collect(List<String> links, String url) {
    if (links.size() < MAX_TRACKED_LINKS && isTrackable(url) && !links.contains(url)) {
      links.add(url);
    }
  }

  /**
   * A link found in a body: the characters {@code [start, end)} are replaced by {@code head}, the
   * tracked URL and {@code tail} when its URL is tracked.
   */
  private record Found(int start, int end, String url, String head, String tail) {}

  private static List<Found> findInHtml(String html) {
    List<Found> found = new ArrayList<>();
    Matcher m = HTML_HREF.matcher(html);
    while (m.find()) {
      boolean doubleQuoted = m.group(2) != null;
      String quote = doubleQuoted ? "\"" : "'";
      found.add(
          new Found(
              m.start(),
              m.end(),
              unescape(doubleQuoted ? m.group(2) : m.group(3)).strip(),
              m.group(1) + quote,
              quote));
    }
    return found;
  }

  private static List<Found> findInText(String text) {
    List<Found> found = new ArrayList<>();
    Matcher m = TEXT_URL.matcher(text);
    while (m.find()) {
      String url = trimTrailing(m.group());
      found.add(new Found(m.start(), m.start() + url.length(), url, "", ""));
    }
    return found;
  }

  private static String rewrite(String body, List<Found> found, Map<String, String> tracked) {
    StringBuilder out = new StringBuilder(body.length() + 128 * found.size());
    int copied = 0;
    for (Found f : found) {
      String to = tracked.get(f.url());
      if (to != null) {
        out.append(body, copied, f.start()).append(f.head()).append(to).append(f.tail());
        copied = f.end();
      }
    }
    return out.append(body, copied, body.length()).toString();
  }

  private static String withPixel(String html, String pixelUrl) {
    String img =
        "<img src=\""
            + pixelUrl
            + "\" width=\"1\" height=\"1\" alt=\"\" "
            + "style=\"display:block;width:1px;height:1px;border:0\">";
    int end = html.toLowerCase(Locale.ROOT).lastIndexOf("</body");
    return end < 0 ? html + img : html.substring(0, end) + img + html.substring(end);
  }

  private static String trimTrailing(String url) {
    int end = url.length();
    while (end > 0 && TRAILING_PUNCTUATION.indexOf(url.charAt(end - 1)) >= 0) {
      end--;
    }
    return url.substring(0, end);
  }

  /** The few character references found in URLs of HTML attributes. */
  static String unescape(String attribute) {
    if (attribute.indexOf('&') < 0) {
      return attribute;
    }
    return attribute
        .replace("&amp;", "&")
        .replace("&#38;", "&")
        .replace("&#x26;", "&")
        .replace("&#X26;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'");
  }

  @Override
  public String toString() {
    return "LinkTracker["
        + baseUrl
        + ", openPixel="
        + openPixel
        + ", clickTracking="
        + clickTracking
        + "]";
  }

  /** Settings of a {@link LinkTracker}; {@link #build()} rejects bad values, listing each. */
  public static final class Builder {
    private final @Nullable String baseUrl;
    private final @Nullable TrackingTokens tokens;
    private boolean openPixel = true;
    private boolean clickTracking = true;
    private final List<String> excludedPrefixes = new ArrayList<>();
    private final List<FieldError> errors = new ArrayList<>();

    private Builder(@Nullable String baseUrl, @Nullable TrackingTokens tokens) {
      this.baseUrl = baseUrl;
      this.tokens = tokens;
    }

    /** Whether HTML bodies get the open pixel. Default true. */
    public Builder openPixel(boolean openPixel) {
      this.openPixel = openPixel;
      return this;
    }

    /** Whether links are rewritten to click URLs. Default true. */
    public Builder clickTracking(boolean clickTracking) {
      this.clickTracking = clickTracking;
      return this;
    }

    /**
     * Links starting with this (any case) are never rewritten, such as the host's unsubscribe page.
     */
    public Builder excludeUrlPrefix(String prefix) {
      if (prefix == null || prefix.isBlank()) {
        errors.add(new FieldError("excludeUrlPrefix", "must not be blank"));
      } else {
        excludedPrefixes.add(prefix.strip());
      }
      return this;
    }

    /**
     * Checks the settings.
     *
     * @throws InvalidInputException listing every bad setting
     */
    public LinkTracker build() {
      List<FieldError> all = new ArrayList<>(errors);
      String base = baseUrl == null ? "" : baseUrl.strip();
      while (base.endsWith("/")) {
        base = base.substring(0, base.length() - 1);
      }
      String path = "";
      try {
        URI uri = new URI(base);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
          all.add(
              new FieldError(
                  "baseUrl", "'" + base + "' must be an https URL (http only for local tests)"));
        } else if (uri.getHost() == null
            || uri.getRawQuery() != null
            || uri.getRawFragment() != null) {
          all.add(
              new FieldError(
                  "baseUrl", "'" + base + "' must name a host and have no query or fragment"));
        } else {
          path = uri.getRawPath() == null ? "" : uri.getRawPath();
        }
      } catch (URISyntaxException e) {
        all.add(new FieldError("baseUrl", "'" + base + "' is not a URL: " + e.getReason()));
      }
      if (tokens == null) {
        all.add(new FieldError("tokens", "are required to sign the tracking URLs"));
      }
      if (!all.isEmpty()) {
        throw new InvalidInputException("LinkTracker", all);
      }
      return new LinkTracker(this, base, path);
    }
  }
}
