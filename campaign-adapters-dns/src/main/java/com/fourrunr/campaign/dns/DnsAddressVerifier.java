package com.fourrunr.campaign.dns;

import com.fourrunr.campaign.AddressCheck;
import com.fourrunr.campaign.AddressVerifier;
import com.fourrunr.campaign.SkipReason;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.net.IDN;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * An {@link AddressVerifier} that asks DNS whether a lead's domain takes mail, and knows disposable
 * and role addresses. Give it to {@code CampaignEngineBuilder.addressVerifier}.
 *
 * <ul>
 *   <li>The domain must have MX records, or, without any, an A or AAAA record (RFC 5321 §5.1). A
 *       null MX ({@code 0 .}, RFC 7505) or neither kind of record skips the lead as {@link
 *       SkipReason#DOMAIN_NO_MAIL}; a domain that does not exist (NXDOMAIN) as {@link
 *       SkipReason#DOMAIN_NOT_FOUND}.
 *   <li>A look-up that fails (a timeout, a server failure, too many look-ups in flight) never skips
 *       a lead: it is enrolled with a warning ({@link AddressCheck#unverified(String)}).
 *   <li>Disposable domains (a small list kept with the library, plus any given) and role addresses
 *       ({@code info@}, {@code sales@}, {@code support@}, ...) are skipped, flagged or allowed by
 *       {@link Policy}: by default disposable ones are skipped and role ones flagged.
 *   <li>Each domain's answer is cached (Caffeine), so enrolling many leads on few domains asks once
 *       per domain; failed look-ups are cached briefly so an outage is not asked about per lead. At
 *       most {@link Builder#maxConcurrentLookups} look-ups run at once; each question is bounded by
 *       the resolver's timeout ({@link DnsjavaResolver}).
 * </ul>
 *
 * No mail server is contacted: there is no SMTP {@code RCPT} probing.
 *
 * <pre>{@code
 * AddressVerifier verifier =
 *     DnsAddressVerifier.builder(DnsjavaResolver.system(Duration.ofSeconds(3)))
 *         .roles(DnsAddressVerifier.Policy.SKIP)
 *         .build();
 * }</pre>
 */
public final class DnsAddressVerifier implements AddressVerifier {
  /** What to do with an address of a kind (disposable, role). */
  public enum Policy {
    /** Do not enrol the lead. */
    SKIP,
    /** Enrol the lead, with a warning in the enrolment report. */
    FLAG,
    /** Enrol the lead without a word. */
    ALLOW
  }

  /** What DNS said about one domain. */
  private record DomainVerdict(AddressCheck check, boolean failed) {}

  private final DnsResolver resolver;
  private final Policy disposablePolicy;
  private final Policy rolePolicy;
  private final Set<String> disposable;
  private final Set<String> roles;
  private final Cache<String, DomainVerdict> cache;
  private final Semaphore inFlight;
  private final Duration permitWait;

  private DnsAddressVerifier(Builder b) {
    this.resolver = b.resolver;
    this.disposablePolicy = b.disposablePolicy;
    this.rolePolicy = b.rolePolicy;
    this.disposable = Set.copyOf(b.disposable);
    this.roles = Set.copyOf(b.roles);
    long okNanos = b.cacheTtl.toNanos();
    long failedNanos = b.failureTtl.toNanos();
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(b.cacheSize)
            .expireAfter(
                Expiry.creating(
                    (String domain, DomainVerdict v) ->
                        Duration.ofNanos(v.failed() ? failedNanos : okNanos)))
            .build();
    this.inFlight = new Semaphore(b.maxConcurrentLookups, true);
    this.permitWait = b.permitWait;
  }

  /** A verifier asking {@code resolver}, with the default policies and limits. */
  public static Builder builder(DnsResolver resolver) {
    return new Builder(resolver);
  }

  @Override
  public AddressCheck check(String email) {
    int at = email.lastIndexOf('@');
    if (at <= 0 || at == email.length() - 1) {
      return AddressCheck.unverified("'" + email + "' has no domain to check");
    }
    String local = email.substring(0, at).toLowerCase(Locale.ROOT);
    String domain = asciiDomain(email.substring(at + 1).strip());
    if (disposablePolicy != Policy.ALLOW && isDisposable(domain)) {
      String detail = "email: " + domain + " is a disposable-mail domain";
      if (disposablePolicy == Policy.SKIP) {
        return AddressCheck.skip(SkipReason.DISPOSABLE_ADDRESS, detail);
      }
      return withDomain(domain, AddressCheck.warn(detail));
    }
    int plus = local.indexOf('+');
    String box = plus > 0 ? local.substring(0, plus) : local;
    if (rolePolicy != Policy.ALLOW && roles.contains(box)) {
      String detail = "email: " + box + "@ is a role address, not a person";
      if (rolePolicy == Policy.SKIP) {
        return AddressCheck.skip(SkipReason.ROLE_ADDRESS, detail);
      }
      return withDomain(domain, AddressCheck.warn(detail));
    }
    return domainCheck(domain);
  }

  /** The domain in ASCII (punycode) form, lower case, without a final dot. */
  private static String asciiDomain(String domain) {
    String d = StaticDnsResolver.host(domain);
    try {
      return IDN.toASCII(d, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return d;
    }
  }

  /** The domain's verdict when it skips the lead, else the flag given. */
  private AddressCheck withDomain(String domain, AddressCheck flag) {
    AddressCheck d = domainCheck(domain);
    return d.outcome() == AddressCheck.Outcome.SKIP ? d : flag;
  }

  private AddressCheck domainCheck(String domain) {
    return cache.get(domain, this::lookUp).check();
  }

  private boolean isDisposable(String domain) {
    String d = domain;
    while (true) {
      if (disposable.contains(d)) {
        return true;
      }
      int dot = d.indexOf('.');
      if (dot < 0) {
        return false;
      }
      d = d.substring(dot + 1);
    }
  }

  private DomainVerdict lookUp(String domain) {
    boolean permitted;
    try {
      permitted = inFlight.tryAcquire(permitWait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(domain + ": interrupted");
    }
    if (!permitted) {
      return failed(domain + ": too many DNS look-ups in flight");
    }
    try {
      return ask(domain);
    } finally {
      inFlight.release();
    }
  }

  private DomainVerdict ask(String domain) {
    DnsAnswer mx = resolver.mx(domain);
    if (mx.status() == DnsAnswer.Status.FAILED) {
      return failed("MX " + domain + ": " + mx.detail());
    }
    if (mx.status() == DnsAnswer.Status.NXDOMAIN) {
      return skip(SkipReason.DOMAIN_NOT_FOUND, "email: domain " + domain + " does not exist");
    }
    if (mx.status() == DnsAnswer.Status.FOUND) {
      if (mx.values().stream().allMatch(DnsAddressVerifier::isNullMx)) {
        return skip(
            SkipReason.DOMAIN_NO_MAIL,
            "email: domain " + domain + " accepts no mail (null MX, RFC 7505)");
      }
      return new DomainVerdict(AddressCheck.pass(), false);
    }
    DnsAnswer a = resolver.addresses(domain);
    return switch (a.status()) {
      case FOUND -> new DomainVerdict(AddressCheck.pass(), false);
      case FAILED -> failed("A/AAAA " + domain + ": " + a.detail());
      case NXDOMAIN ->
          skip(SkipReason.DOMAIN_NOT_FOUND, "email: domain " + domain + " does not exist");
      case NO_RECORDS ->
          skip(
              SkipReason.DOMAIN_NO_MAIL,
              "email: domain " + domain + " has no MX and no address records");
    };
  }

  /** {@code "0 ."}: preference 0, host the root (shown as "." or empty). */
  private static boolean isNullMx(String value) {
    String[] parts = value.strip().split("\\s+");
    String host = parts.length > 1 ? parts[1] : "";
    return parts[0].equals("0") && (host.isEmpty() || host.equals("."));
  }

  private static DomainVerdict skip(SkipReason reason, String detail) {
    return new DomainVerdict(AddressCheck.skip(reason, detail), false);
  }

  private static DomainVerdict failed(String detail) {
    return new DomainVerdict(AddressCheck.unverified("DNS look-up failed: " + detail), true);
  }

  /** The settings of a {@link DnsAddressVerifier}. */
  public static final class Builder {
    private final DnsResolver resolver;
    private Policy disposablePolicy = Policy.SKIP;
    private Policy rolePolicy = Policy.FLAG;
    private final Set<String> disposable = new HashSet<>(ListFiles.read("disposable-domains.txt"));
    private final Set<String> roles = new HashSet<>(ListFiles.read("role-addresses.txt"));
    private long cacheSize = 100_000;
    private Duration cacheTtl = Duration.ofHours(24);
    private Duration failureTtl = Duration.ofMinutes(1);
    private int maxConcurrentLookups = 8;
    private Duration permitWait = Duration.ofSeconds(30);

    private Builder(DnsResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** What to do with disposable-mail addresses. Default {@link Policy#SKIP}. */
    public Builder disposable(Policy policy) {
      this.disposablePolicy = Objects.requireNonNull(policy, "disposable policy");
      return this;
    }

    /** More disposable-mail domains, besides the list kept with the library. */
    public Builder disposableDomains(Collection<String> domains) {
      domains.forEach(d -> disposable.add(StaticDnsResolver.host(d.strip())));
      return this;
    }

    /** What to do with role addresses ({@code info@}, {@code sales@}, ...). Default FLAG. */
    public Builder roles(Policy policy) {
      this.rolePolicy = Objects.requireNonNull(policy, "role policy");
      return this;
    }

    /** How many domains' answers are kept. Default 100,000. */
    public Builder cacheSize(long cacheSize) {
      if (cacheSize < 1) {
        throw new IllegalArgumentException("cacheSize must be at least 1");
      }
      this.cacheSize = cacheSize;
      return this;
    }

    /** How long a domain's answer is kept. Default 24 hours. */
    public Builder cacheTtl(Duration cacheTtl) {
      this.cacheTtl = positive(cacheTtl, "cacheTtl");
      return this;
    }

    /** How long a failed look-up is remembered before the domain is asked again. Default 1 min. */
    public Builder failureTtl(Duration failureTtl) {
      this.failureTtl = positive(failureTtl, "failureTtl");
      return this;
    }

    /**
     * How many look-ups may run at once (default 8), and how long a look-up waits for its turn
     * before the address is enrolled unverified (default 30 seconds).
     */
    public Builder maxConcurrentLookups(int maxConcurrentLookups, Duration wait) {
      if (maxConcurrentLookups < 1) {
        throw new IllegalArgumentException("maxConcurrentLookups must be at least 1");
      }
      this.maxConcurrentLookups = maxConcurrentLookups;
      this.permitWait = positive(wait, "wait");
      return this;
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be a positive duration");
      }
      return d;
    }

    /** The verifier. */
    public DnsAddressVerifier build() {
      return new DnsAddressVerifier(this);
    }
  }
}
