package com.fourrunr.campaign.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Takes secrets out of text before it is shown: in a log line, an error message, a health report,
 * the status page. It replaces with {@link Secret#REDACTED}:
 *
 * <ul>
 *   <li>every occurrence of a configured secret value (an API key a server echoes in its error
 *       text, a password a server quotes back), whatever the text around it;
 *   <li>the password of credentials in a URL ({@code scheme://user:password@host}), and the value
 *       of a {@code password=} parameter (a JDBC URL's {@code ?password=...} or H2's {@code
 *       ;PASSWORD=...}).
 * </ul>
 *
 * <p>The host service's {@code CampaignSettings.redaction()} gives the one for every configured
 * secret; adapters that hold their own key make theirs with {@link #of(Collection)}. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * Redaction redaction = settings.redaction();
 * log.warn("Airtable refused: {}", redaction.apply(serverMessage));
 * }</pre>
 */
public final class Redaction {
  /** Secrets shorter than this are not searched for in text: they would match ordinary words. */
  public static final int MIN_SECRET_LENGTH = 4;

  /**
   * {@code scheme://user:password@}: group 1 keeps {@code scheme://user:}, the password up to the
   * last @.
   */
  private static final Pattern URL_CREDENTIALS =
      Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://[^\\s/:@?#;]*:)[^\\s/?#]*@");

  /** {@code password=value} as a URL or JDBC parameter, any case, up to the next separator. */
  private static final Pattern PASSWORD_PARAMETER =
      Pattern.compile("(?i)((?:password|passwd|pwd)=)[^&;\\s,)\"']*");

  private static final Redaction NONE = new Redaction(List.of());

  private final List<String> secrets;

  private Redaction(List<String> secrets) {
    this.secrets = secrets;
  }

  /**
   * A redaction of URL credentials and {@code password=} parameters only (no configured secret).
   */
  public static Redaction none() {
    return NONE;
  }

  /**
   * A redaction of these secrets' values, and of URL credentials and {@code password=} parameters.
   */
  public static Redaction of(Collection<Secret> secrets) {
    List<String> values = new ArrayList<>();
    for (Secret s : secrets) {
      if (s != null && s.reveal().length() >= MIN_SECRET_LENGTH && !values.contains(s.reveal())) {
        values.add(s.reveal());
      }
    }
    // The longest first: a secret that contains another is replaced whole.
    values.sort(Comparator.comparingInt(String::length).reversed());
    return new Redaction(List.copyOf(values));
  }

  /** This redaction and that one's secrets together. */
  public Redaction and(Redaction other) {
    List<Secret> all = new ArrayList<>();
    secrets.forEach(v -> all.add(Secret.of(v)));
    Objects.requireNonNull(other, "other").secrets.forEach(v -> all.add(Secret.of(v)));
    return of(all);
  }

  /**
   * The text with every configured secret, URL password and {@code password=} value shown as {@link
   * Secret#REDACTED}; null stays null.
   */
  public @Nullable String apply(@Nullable String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (String secret : secrets) {
      out = out.replace(secret, Secret.REDACTED);
    }
    out =
        URL_CREDENTIALS
            .matcher(out)
            .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + Secret.REDACTED + "@"));
    return PASSWORD_PARAMETER
        .matcher(out)
        .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + Secret.REDACTED));
  }

  /** {@link #apply(String)} for text that is never null. */
  public String redact(String text) {
    return Objects.requireNonNull(apply(Objects.requireNonNull(text, "text")));
  }

  /** A JDBC URL with its credentials shown as {@link Secret#REDACTED}; null stays null. */
  public static @Nullable String jdbcUrl(@Nullable String url) {
    return NONE.apply(url);
  }

  /**
   * The password carried inside a URL ({@code //user:password@host} or a {@code password=}
   * parameter), or null when it carries none: to be redacted like a configured secret.
   */
  public static @Nullable Secret passwordIn(@Nullable String url) {
    if (url == null) {
      return null;
    }
    Matcher m = URL_CREDENTIALS.matcher(url);
    if (m.find()) {
      String password = url.substring(m.end(1), m.end() - 1);
      if (!password.isEmpty()) {
        return Secret.of(password);
      }
    }
    Matcher p = PASSWORD_PARAMETER.matcher(url);
    if (p.find() && p.end() > p.end(1)) {
      return Secret.of(url.substring(p.end(1), p.end()));
    }
    return null;
  }

  @Override
  public String toString() {
    return "Redaction[" + secrets.size() + " secrets]";
  }
}
