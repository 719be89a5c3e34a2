package com.fourrunr.campaign.smtp;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.UnsubscribeTokens;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What {@link SmtpSender} adds to every message beyond what the engine gives it: the {@code Re: }
 * subject of follow-ups, the one-click unsubscribe headers (RFC 8058) and the sender's postal
 * address (CAN-SPAM). Made by {@link #builder()}; {@link #defaults()} threads follow-ups and adds
 * nothing else.
 *
 * <pre>{@code
 * SmtpMessageOptions options = SmtpMessageOptions.builder()
 *     .unsubscribe("https://4runr.com/unsubscribe", "unsubscribe@4runr.com",
 *         UnsubscribeTokens.withKey(secretKey))
 *     .postalAddress("4Runr Inc., 1 Main Street, Springfield, IL 62701, USA")
 *     .build();
 * }</pre>
 *
 * @param threadFollowUps whether a follow-up is sent as {@code replyPrefix + first subject}
 *     (default true), so mail clients keep the thread together; when false each step keeps its own
 *     subject
 * @param replyPrefix what goes before the first subject, default {@code "Re: "}
 * @param unsubscribeUrl the HTTPS one-click endpoint; the token goes in its {@code t} query
 *     parameter; null for none
 * @param unsubscribeMailto the address that unsubscribes by mail (the token in the subject); null
 *     for none
 * @param tokens signs the per-recipient token; required when either unsubscribe way is given
 * @param postalAddress the sender's physical postal address, put in the footer of every message;
 *     null for none (CAN-SPAM wants one in every commercial message)
 * @param dkimKeys the DKIM keys messages are signed with, at most one per domain: a message is
 *     signed with the key of its {@code From} domain (or of the nearest parent domain); empty: no
 *     message is signed (the default)
 */
public record SmtpMessageOptions(
    boolean threadFollowUps,
    String replyPrefix,
    @Nullable String unsubscribeUrl,
    @Nullable String unsubscribeMailto,
    @Nullable UnsubscribeTokens tokens,
    @Nullable String postalAddress,
    List<DkimKey> dkimKeys) {

  /** The default prefix of a follow-up's subject. */
  public static final String DEFAULT_REPLY_PREFIX = "Re: ";

  private static final Pattern ADDRESS =
      Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+$");

  /** Checks every field, listing each problem. */
  public SmtpMessageOptions {
    List<FieldError> errors = new ArrayList<>();
    if (replyPrefix == null || replyPrefix.isBlank() || hasControl(replyPrefix)) {
      errors.add(
          new FieldError("replyPrefix", "must be non-blank text without control characters"));
    }
    if (unsubscribeUrl != null) {
      String problem = urlProblem(unsubscribeUrl);
      if (problem != null) {
        errors.add(new FieldError("unsubscribeUrl", problem));
      }
    }
    if (unsubscribeMailto != null && !ADDRESS.matcher(unsubscribeMailto).matches()) {
      errors.add(
          new FieldError(
              "unsubscribeMailto",
              "'" + unsubscribeMailto + "' is not a plain ASCII email address"));
    }
    if ((unsubscribeUrl != null || unsubscribeMailto != null) && tokens == null) {
      errors.add(new FieldError("tokens", "are required to sign the unsubscribe link"));
    }
    if (postalAddress != null) {
      postalAddress = postalAddress.strip();
      if (postalAddress.isEmpty()) {
        errors.add(new FieldError("postalAddress", "must not be blank when given"));
      }
    }
    dkimKeys = dkimKeys == null ? List.of() : List.copyOf(dkimKeys);
    Set<String> domains = new HashSet<>();
    for (DkimKey key : dkimKeys) {
      if (!domains.add(key.domain())) {
        errors.add(new FieldError("dkimKeys", "hold two keys for " + key.domain()));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("SmtpMessageOptions", errors);
    }
  }

  /** Options without DKIM signing (the constructor before DKIM keys were added). */
  public SmtpMessageOptions(
      boolean threadFollowUps,
      String replyPrefix,
      @Nullable String unsubscribeUrl,
      @Nullable String unsubscribeMailto,
      @Nullable UnsubscribeTokens tokens,
      @Nullable String postalAddress) {
    this(
        threadFollowUps,
        replyPrefix,
        unsubscribeUrl,
        unsubscribeMailto,
        tokens,
        postalAddress,
        List.of());
  }

  /** These options with {@code keys} added to the DKIM keys (one key per domain). */
  public SmtpMessageOptions withDkim(List<DkimKey> keys) {
    List<DkimKey> all = new ArrayList<>(dkimKeys);
    all.addAll(keys);
    return new SmtpMessageOptions(
        threadFollowUps,
        replyPrefix,
        unsubscribeUrl,
        unsubscribeMailto,
        tokens,
        postalAddress,
        all);
  }

  /** The key that signs mail from {@code fromAddress}, the most specific domain first. */
  @Nullable DkimKey dkimKeyFor(String fromAddress) {
    int at = fromAddress.lastIndexOf('@');
    String domain = at < 0 ? null : fromAddress.substring(at + 1);
    DkimKey best = null;
    for (DkimKey key : dkimKeys) {
      if (key.signsFor(domain)
          && (best == null || key.domain().length() > best.domain().length())) {
        best = key;
      }
    }
    return best;
  }

  /** Threads follow-ups under {@code Re: <first subject>}; no unsubscribe headers, no footer. */
  public static SmtpMessageOptions defaults() {
    return builder().build();
  }

  /** Starts from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether the message gets {@code List-Unsubscribe} headers. */
  public boolean hasUnsubscribe() {
    return unsubscribeUrl != null || unsubscribeMailto != null;
  }

  private static @Nullable String urlProblem(String url) {
    if (hasControl(url) || url.contains(" ") || url.contains(">") || url.contains(",")) {
      return "must not contain spaces, commas, '>' or control characters";
    }
    try {
      URI uri = new URI(url);
      if (!"https"
          .equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT))) {
        return "must be an https URL (RFC 8058)";
      }
      if (uri.getHost() == null || uri.getFragment() != null) {
        return "must name a host and have no fragment";
      }
      return null;
    } catch (URISyntaxException e) {
      return "is not a URL: " + e.getReason();
    }
  }

  static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return true;
      }
    }
    return false;
  }

  /** Builds {@link SmtpMessageOptions}; not thread-safe. */
  public static final class Builder {
    private boolean threadFollowUps = true;
    private String replyPrefix = DEFAULT_REPLY_PREFIX;
    private @Nullable String unsubscribeUrl;
    private @Nullable String unsubscribeMailto;
    private @Nullable UnsubscribeTokens tokens;
    private @Nullable String postalAddress;
    private final List<DkimKey> dkimKeys = new ArrayList<>();

    private Builder() {}

    /** Whether follow-ups take the first message's subject with {@code Re: }; default true. */
    public Builder threadFollowUps(boolean threadFollowUps) {
      this.threadFollowUps = threadFollowUps;
      return this;
    }

    /** The prefix of a threaded follow-up's subject; default {@code "Re: "}. */
    public Builder replyPrefix(String replyPrefix) {
      this.replyPrefix = replyPrefix;
      return this;
    }

    /**
     * One-click unsubscribe: the HTTPS endpoint (null for none), the mailto address (null for none)
     * and the key that signs each recipient's token.
     */
    public Builder unsubscribe(
        @Nullable String httpsUrl, @Nullable String mailto, UnsubscribeTokens tokens) {
      this.unsubscribeUrl = httpsUrl;
      this.unsubscribeMailto = mailto;
      this.tokens = tokens;
      return this;
    }

    /** The physical postal address shown in every message's footer. */
    public Builder postalAddress(String postalAddress) {
      this.postalAddress = postalAddress;
      return this;
    }

    /**
     * Signs every message from {@code key}'s domain (or a subdomain of it) with DKIM; call once per
     * domain. Off unless called.
     */
    public Builder dkim(DkimKey key) {
      this.dkimKeys.add(java.util.Objects.requireNonNull(key, "key"));
      return this;
    }

    /**
     * Checks and builds.
     *
     * @throws InvalidInputException listing every problem
     */
    public SmtpMessageOptions build() {
      return new SmtpMessageOptions(
          threadFollowUps,
          replyPrefix,
          unsubscribeUrl,
          unsubscribeMailto,
          tokens,
          postalAddress,
          dkimKeys);
    }
  }
}
