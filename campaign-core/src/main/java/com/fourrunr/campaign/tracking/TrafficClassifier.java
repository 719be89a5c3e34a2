package com.fourrunr.campaign.tracking;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Tells opens and clicks made by machines from those made by people. Pure: it reads only the {@link
 * Hit} it is given (time included, taken by the caller from the engine's clock) and its settings.
 * Machine traffic is still recorded, marked {@code traffic=machine} with the reason, so reports can
 * show human and raw figures side by side.
 *
 * <p>The rules, in the order they are tried (the first that matches gives the reason):
 *
 * <ol>
 *   <li>{@code head-request}: a {@code HEAD} request. Browsers follow links with {@code GET}; link
 *       checkers and security scanners probe with {@code HEAD}.
 *   <li>{@code apple-mpp} (opens only): Apple Mail Privacy Protection prefetches every image of a
 *       mail through Apple's proxy whether or not anyone reads it. Its fetch sends the bare user
 *       agent {@code Mozilla/5.0} (nothing after it; {@link Builder#appleProxyAgents}) and comes
 *       from Apple's addresses, by default {@code 17.0.0.0/8} ({@link Builder#appleRanges}; add the
 *       ranges Apple publishes for its proxies when the host keeps them).
 *   <li>{@code scanner-agent}: the user agent contains a known scanner, bot, link-preview or
 *       HTTP-library word ({@link #DEFAULT_SCANNER_AGENTS}, case-insensitive).
 *   <li>{@code no-user-agent}: no {@code User-Agent} header at all; every browser and mail client
 *       sends one.
 *   <li>{@code too-soon-after-delivery}: within {@link Builder#tooSoonAfterDelivery} (default
 *       {@value #DEFAULT_TOO_SOON_SECONDS} s) of the send: security gateways (Safe Links,
 *       Proofpoint, Mimecast, Barracuda) fetch at delivery, before a person could have read the
 *       mail.
 *   <li>{@code all-links-at-once} (clicks only): this click completes a burst, within {@link
 *       Builder#allLinksBurst} (default {@value #DEFAULT_BURST_SECONDS} s), in which every tracked
 *       link of a message with two or more links was clicked: scanners follow every link, people
 *       rarely do.
 * </ol>
 *
 * <p>Thread-safe and immutable. Made by {@link #defaults()} or {@link #builder()}.
 */
public final class TrafficClassifier {
  /** The default of {@link Builder#tooSoonAfterDelivery}, in seconds. */
  public static final long DEFAULT_TOO_SOON_SECONDS = 10;

  /** The default of {@link Builder#allLinksBurst}, in seconds. */
  public static final long DEFAULT_BURST_SECONDS = 30;

  /** The default user agents of Apple's image proxy, compared whole (case-insensitive, trimmed). */
  public static final List<String> DEFAULT_APPLE_PROXY_AGENTS = List.of("Mozilla/5.0");

  /** Apple's own address block, where its Mail Privacy Protection proxies fetch from. */
  public static final List<String> DEFAULT_APPLE_RANGES = List.of("17.0.0.0/8");

  /**
   * Words in the user agent of scanners, bots, link previewers and HTTP libraries
   * (case-insensitive).
   */
  public static final List<String> DEFAULT_SCANNER_AGENTS =
      List.of(
          "bot",
          "crawler",
          "spider",
          "scanner",
          "barracuda",
          "proofpoint",
          "mimecast",
          "safelinks",
          "symantec",
          "trendmicro",
          "forcepoint",
          "fireeye",
          "sophos",
          "cisco",
          "ironport",
          "zscaler",
          "bingpreview",
          "skypeuripreview",
          "facebookexternalhit",
          "slack",
          "whatsapp",
          "discord",
          "microsoft office existence discovery",
          "ms-office",
          "headlesschrome",
          "phantomjs",
          "python-requests",
          "python-urllib",
          "aiohttp",
          "curl/",
          "wget/",
          "go-http-client",
          "okhttp",
          "java/",
          "java-http-client",
          "apache-httpclient",
          "libwww-perl",
          "node-fetch",
          "axios/",
          "postmanruntime");

  /** Whether a hit is an open (the pixel) or a click (a link). */
  public enum Kind {
    /** The open pixel was fetched. */
    OPEN,
    /** A tracked link was followed. */
    CLICK
  }

  /**
   * One request to classify.
   *
   * @param kind open or click
   * @param method the HTTP method, such as {@code GET} or {@code HEAD}
   * @param userAgent the {@code User-Agent} header, or null when absent
   * @param remoteAddress the client's IP address (a literal), or null when unknown
   * @param at when the request came, by the engine's clock
   * @param deliveredAt when the message was sent, or null when unknown
   * @param linkCount how many tracked links the message has (0 for an open)
   * @param linksClickedInBurst the indexes of the message's links clicked within {@link
   *     TrafficClassifier#allLinksBurst()} before {@code at}, this click's included
   */
  public record Hit(
      Kind kind,
      String method,
      @Nullable String userAgent,
      @Nullable String remoteAddress,
      Instant at,
      @Nullable Instant deliveredAt,
      int linkCount,
      Set<Integer> linksClickedInBurst) {
    /** Checks the required fields and freezes the set. */
    public Hit {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(at, "at");
      linksClickedInBurst =
          linksClickedInBurst == null ? Set.of() : Set.copyOf(linksClickedInBurst);
    }
  }

  /**
   * The verdict on one hit.
   *
   * @param machine whether a machine made it
   * @param reason why, a short kebab-case word (such as {@code apple-mpp}); null for a person
   */
  public record Traffic(boolean machine, @Nullable String reason) {
    /** A person's open or click. */
    public static final Traffic HUMAN = new Traffic(false, null);

    /** Checks that a machine verdict has a reason and a human one has none. */
    public Traffic {
      if (machine == (reason == null || reason.isBlank())) {
        throw new IllegalArgumentException(
            "a machine verdict needs a reason, a human one has none");
      }
    }

    /** A machine's, for this reason. */
    public static Traffic machine(String reason) {
      return new Traffic(true, reason);
    }

    /**
     * The event attributes: {@code traffic} ({@code human} or {@code machine}) and {@code
     * machineReason}.
     */
    public Map<String, String> attributes() {
      Map<String, String> a = new LinkedHashMap<>();
      a.put("traffic", machine ? "machine" : "human");
      if (reason != null) {
        a.put("machineReason", reason);
      }
      return a;
    }
  }

  private final Duration tooSoonAfterDelivery;
  private final Duration allLinksBurst;
  private final List<String> scannerAgents;
  private final List<String> appleProxyAgents;
  private final List<IpRange> appleRanges;

  private TrafficClassifier(Builder b, List<IpRange> ranges) {
    this.tooSoonAfterDelivery = b.tooSoonAfterDelivery;
    this.allLinksBurst = b.allLinksBurst;
    this.scannerAgents =
        Objects.requireNonNull(b.scannerAgents).stream()
            .map(s -> s.strip().toLowerCase(Locale.ROOT))
            .toList();
    this.appleProxyAgents =
        Objects.requireNonNull(b.appleProxyAgents).stream()
            .map(s -> s.strip().toLowerCase(Locale.ROOT))
            .toList();
    this.appleRanges = List.copyOf(ranges);
  }

  /** The rules with their default settings. */
  public static TrafficClassifier defaults() {
    return builder().build();
  }

  /** Starts from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * How long before a click a message's other link clicks still count for {@code
   * all-links-at-once}.
   */
  public Duration allLinksBurst() {
    return allLinksBurst;
  }

  /** The verdict on one hit (see the class comment for the rules). */
  public Traffic classify(Hit hit) {
    Objects.requireNonNull(hit, "hit");
    if ("HEAD".equalsIgnoreCase(hit.method())) {
      return Traffic.machine("head-request");
    }
    String agent =
        hit.userAgent() == null ? null : hit.userAgent().strip().toLowerCase(Locale.ROOT);
    if (hit.kind() == Kind.OPEN && isAppleProxy(agent, hit.remoteAddress())) {
      return Traffic.machine("apple-mpp");
    }
    if (agent != null && !agent.isEmpty()) {
      for (String word : scannerAgents) {
        if (agent.contains(word)) {
          return Traffic.machine("scanner-agent");
        }
      }
    } else {
      return Traffic.machine("no-user-agent");
    }
    Instant delivered = hit.deliveredAt();
    if (delivered != null && !hit.at().isAfter(delivered.plus(tooSoonAfterDelivery))) {
      return Traffic.machine("too-soon-after-delivery");
    }
    if (hit.kind() == Kind.CLICK
        && hit.linkCount() >= 2
        && hit.linksClickedInBurst().size() >= hit.linkCount()) {
      return Traffic.machine("all-links-at-once");
    }
    return Traffic.HUMAN;
  }

  private boolean isAppleProxy(@Nullable String agent, @Nullable String remoteAddress) {
    if (agent != null && appleProxyAgents.contains(agent)) {
      return true;
    }
    for (IpRange range : appleRanges) {
      if (range.contains(remoteAddress)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "TrafficClassifier[tooSoonAfterDelivery="
        + tooSoonAfterDelivery
        + ", allLinksBurst="
        + allLinksBurst
        + ", appleRanges="
        + appleRanges
        + "]";
  }

  /** Settings of a {@link TrafficClassifier}; {@link #build()} rejects bad values, listing each. */
  public static final class Builder {
    private Duration tooSoonAfterDelivery = Duration.ofSeconds(DEFAULT_TOO_SOON_SECONDS);
    private Duration allLinksBurst = Duration.ofSeconds(DEFAULT_BURST_SECONDS);
    private @Nullable List<String> scannerAgents = DEFAULT_SCANNER_AGENTS;
    private @Nullable List<String> appleProxyAgents = DEFAULT_APPLE_PROXY_AGENTS;
    private @Nullable List<String> appleRanges = DEFAULT_APPLE_RANGES;

    private Builder() {}

    /**
     * Opens and clicks this soon after the send are a scanner's. Default 10 s; zero turns the rule
     * off.
     */
    public Builder tooSoonAfterDelivery(Duration tooSoonAfterDelivery) {
      this.tooSoonAfterDelivery = tooSoonAfterDelivery;
      return this;
    }

    /** The window in which clicks on every link of a message mark a scanner. Default 30 s. */
    public Builder allLinksBurst(Duration allLinksBurst) {
      this.allLinksBurst = allLinksBurst;
      return this;
    }

    /** Words that mark a scanner's user agent (replaces {@link #DEFAULT_SCANNER_AGENTS}). */
    public Builder scannerAgents(List<String> scannerAgents) {
      this.scannerAgents = scannerAgents == null ? null : new ArrayList<>(scannerAgents);
      return this;
    }

    /** Whole user agents of Apple's image proxy (replaces {@link #DEFAULT_APPLE_PROXY_AGENTS}). */
    public Builder appleProxyAgents(List<String> appleProxyAgents) {
      this.appleProxyAgents = appleProxyAgents == null ? null : new ArrayList<>(appleProxyAgents);
      return this;
    }

    /**
     * CIDR blocks of Apple's image proxies, IPv4 or IPv6 (replaces {@link #DEFAULT_APPLE_RANGES}).
     */
    public Builder appleRanges(List<String> appleRanges) {
      this.appleRanges = appleRanges == null ? null : new ArrayList<>(appleRanges);
      return this;
    }

    /**
     * Checks the settings.
     *
     * @throws InvalidInputException listing every bad setting
     */
    public TrafficClassifier build() {
      List<FieldError> errors = new ArrayList<>();
      if (tooSoonAfterDelivery == null
          || tooSoonAfterDelivery.isNegative()
          || tooSoonAfterDelivery.compareTo(Duration.ofHours(1)) > 0) {
        errors.add(
            new FieldError(
                "tooSoonAfterDelivery", tooSoonAfterDelivery + " is not between 0 and 1 hour"));
      }
      if (allLinksBurst == null
          || allLinksBurst.isNegative()
          || allLinksBurst.isZero()
          || allLinksBurst.compareTo(Duration.ofHours(1)) > 0) {
        errors.add(
            new FieldError("allLinksBurst", allLinksBurst + " is not between 1 ns and 1 hour"));
      }
      checkWords(errors, "scannerAgents", scannerAgents);
      checkWords(errors, "appleProxyAgents", appleProxyAgents);
      List<IpRange> ranges = new ArrayList<>();
      if (appleRanges == null) {
        errors.add(new FieldError("appleRanges", "must not be null"));
      } else {
        for (String cidr : appleRanges) {
          IpRange range = cidr == null ? null : IpRange.parse(cidr);
          if (range == null) {
            errors.add(
                new FieldError(
                    "appleRanges", "'" + cidr + "' is not a CIDR block such as 17.0.0.0/8"));
          } else {
            ranges.add(range);
          }
        }
      }
      if (!errors.isEmpty()) {
        throw new InvalidInputException("TrafficClassifier", errors);
      }
      return new TrafficClassifier(this, ranges);
    }

    private static void checkWords(
        List<FieldError> errors, String field, @Nullable List<String> words) {
      if (words == null) {
        errors.add(new FieldError(field, "must not be null"));
        return;
      }
      for (String w : words) {
        if (w == null || w.isBlank()) {
          errors.add(new FieldError(field, "must not hold blank entries"));
          return;
        }
      }
    }
  }
}
