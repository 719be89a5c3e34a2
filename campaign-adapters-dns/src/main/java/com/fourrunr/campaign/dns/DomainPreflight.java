package com.fourrunr.campaign.dns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Checks that a sending domain's DNS lets its mail be delivered: SPF present, valid, within 10 DNS
 * look-ups and authorising the sending IP or relay; the DKIM key published for the selector and
 * matching the configured one; a DMARC record and its policy; MX records.
 *
 * <pre>{@code
 * DomainPreflight preflight = DomainPreflight.using(DnsjavaResolver.system(Duration.ofSeconds(5)));
 * for (CheckResult r : preflight.check(DomainPreflight.Request.of("4runr.com").selector("s2026"))) {
 *   System.out.println(r.toJson());
 * }
 * }</pre>
 *
 * <p>A look-up that fails (timeout, server failure) makes its check WARN, never FAIL: nothing is
 * known about the record then. Thread-safe.
 */
public final class DomainPreflight {
  private final DnsResolver dns;

  private DomainPreflight(DnsResolver dns) {
    this.dns = dns;
  }

  /** A preflight asking {@code dns}. */
  public static DomainPreflight using(DnsResolver dns) {
    return new DomainPreflight(Objects.requireNonNull(dns, "dns"));
  }

  /**
   * What to check.
   *
   * @param domain the sending domain (the {@code From} address's domain)
   * @param selector the DKIM selector, or null when none is configured (the DKIM check then warns)
   * @param dkimPublicKey the public key ({@code p=} value) the published record must carry, or null
   *     to accept any key
   * @param sendingIp the address mail leaves from, which SPF must authorise; or null
   * @param relayInclude the relay's SPF domain (for example {@code _spf.google.com}) the record
   *     must include; or null
   */
  public record Request(
      String domain,
      @Nullable String selector,
      @Nullable String dkimPublicKey,
      @Nullable String sendingIp,
      @Nullable String relayInclude) {
    /** Checks the domain is present and lower-cases it. */
    public Request {
      Objects.requireNonNull(domain, "domain");
      domain = StaticDnsResolver.host(domain.strip());
    }

    /** A request for {@code domain} alone. */
    public static Request of(String domain) {
      return new Request(domain, null, null, null, null);
    }

    /** With the DKIM selector. */
    public Request selector(@Nullable String selector) {
      return new Request(domain, selector, dkimPublicKey, sendingIp, relayInclude);
    }

    /** With the public key the DKIM record must carry. */
    public Request dkimPublicKey(@Nullable String publicKey) {
      return new Request(domain, selector, publicKey, sendingIp, relayInclude);
    }

    /** With the sending IP SPF must authorise. */
    public Request sendingIp(@Nullable String ip) {
      return new Request(domain, selector, dkimPublicKey, ip, relayInclude);
    }

    /** With the relay's SPF domain the record must include. */
    public Request relayInclude(@Nullable String include) {
      return new Request(domain, selector, dkimPublicKey, sendingIp, include);
    }
  }

  /**
   * Runs every check, in the order spf, spf-lookups, spf-sender, dkim, dmarc, mx.
   *
   * @throws IllegalArgumentException when the sending IP is not an IP address
   */
  public List<CheckResult> check(Request request) {
    List<CheckResult> out = new ArrayList<>();
    spf(request, out);
    out.add(dkim(request));
    out.add(dmarc(request.domain()));
    out.add(mx(request.domain()));
    return out;
  }

  private void spf(Request r, List<CheckResult> out) {
    InetAddress ip = null;
    if (r.sendingIp() != null) {
      ip = Spf.literal(r.sendingIp());
      if (ip == null) {
        throw new IllegalArgumentException(
            "sending IP '" + r.sendingIp().strip() + "' is not an IP address");
      }
    }
    DnsAnswer txt = dns.txt(r.domain());
    if (txt.failed()) {
      String why = "TXT of " + r.domain() + " could not be read: " + txt.detail();
      out.add(CheckResult.warn("spf", why));
      out.add(CheckResult.warn("spf-lookups", "not counted: " + why));
      out.add(CheckResult.warn("spf-sender", "not checked: " + why));
      return;
    }
    List<String> records = Spf.records(txt.values());
    if (records.isEmpty()) {
      String why = "no SPF record (TXT \"v=spf1 ...\") at " + r.domain();
      out.add(CheckResult.fail("spf", why));
      out.add(CheckResult.fail("spf-lookups", "not counted: " + why));
      out.add(CheckResult.fail("spf-sender", "nothing is authorised: " + why));
      return;
    }
    if (records.size() > 1) {
      String why =
          records.size() + " SPF records at " + r.domain() + " (RFC 7208 allows one: SPF fails)";
      out.add(CheckResult.fail("spf", why));
      out.add(CheckResult.fail("spf-lookups", "not counted: " + why));
      out.add(CheckResult.fail("spf-sender", "nothing is authorised: " + why));
      return;
    }
    String record = records.get(0);
    List<Spf.Term> terms;
    try {
      terms = Spf.parse(record);
    } catch (IllegalArgumentException e) {
      String why = "the SPF record \"" + record + "\" is not valid: " + e.getMessage();
      out.add(CheckResult.fail("spf", why));
      out.add(CheckResult.fail("spf-lookups", "not counted: " + why));
      out.add(CheckResult.fail("spf-sender", "nothing is authorised: " + why));
      return;
    }
    out.add(spfPolicy(record, terms));
    Spf.Evaluation eval = new Spf.Evaluation(dns, ip);
    Spf.Outcome outcome = eval.evaluate(r.domain(), terms);
    if (eval.lookups > Spf.MAX_LOOKUPS) {
      out.add(
          CheckResult.fail(
              "spf-lookups",
              eval.lookups
                  + " DNS look-ups (the limit is "
                  + Spf.MAX_LOOKUPS
                  + "; receivers answer permerror): flatten includes"));
    } else if (!eval.problems.isEmpty()) {
      out.add(
          CheckResult.warn(
              "spf-lookups", eval.lookups + " DNS look-ups; " + String.join("; ", eval.problems)));
    } else {
      out.add(
          CheckResult.pass(
              "spf-lookups", eval.lookups + " DNS look-ups (at most " + Spf.MAX_LOOKUPS + ")"));
    }
    out.add(spfSender(r, eval, outcome));
  }

  private static CheckResult spfPolicy(String record, List<Spf.Term> terms) {
    Spf.Term all = null;
    boolean redirect = false;
    for (Spf.Term t : terms) {
      if (t.name().equals("all") && all == null) {
        all = t;
      }
      redirect |= t.name().equals("redirect");
    }
    if (all == null) {
      return redirect
          ? CheckResult.pass("spf", "\"" + record + "\" (policy by redirect)")
          : CheckResult.warn(
              "spf", "\"" + record + "\" ends without an 'all': other hosts are neutral; add -all");
    }
    return switch (all.qualifier()) {
      case '+' ->
          CheckResult.fail(
              "spf", "\"" + record + "\" ends in +all: every host on the internet may send");
      case '?' ->
          CheckResult.warn("spf", "\"" + record + "\" ends in ?all: other hosts are neutral");
      default -> CheckResult.pass("spf", "\"" + record + "\"");
    };
  }

  private static CheckResult spfSender(Request r, Spf.Evaluation eval, Spf.Outcome outcome) {
    List<String> notes = new ArrayList<>();
    Result result = Result.PASS;
    if (r.relayInclude() != null) {
      String relay = StaticDnsResolver.host(r.relayInclude().strip());
      if (eval.includes.contains(relay)) {
        notes.add("includes " + relay);
      } else {
        notes.add("does not include " + relay);
        result = Result.FAIL;
      }
    }
    if (r.sendingIp() != null) {
      if (outcome == Spf.Outcome.PASS) {
        notes.add(r.sendingIp().strip() + " is authorised (pass)");
      } else {
        notes.add(
            r.sendingIp().strip()
                + " is not authorised ("
                + outcome.name().toLowerCase(Locale.ROOT)
                + ")");
        result = Result.FAIL;
      }
    }
    if (notes.isEmpty()) {
      return CheckResult.warn(
          "spf-sender",
          "not checked: give the sending IP or the relay's include"
              + (eval.includes.isEmpty() ? "" : " (the record includes " + eval.includes + ")"));
    }
    return new CheckResult("spf-sender", result.value, "SPF " + String.join("; ", notes));
  }

  /** The result of a combined check. */
  private enum Result {
    PASS(CheckResult.Result.PASS),
    FAIL(CheckResult.Result.FAIL);

    final CheckResult.Result value;

    Result(CheckResult.Result value) {
      this.value = value;
    }
  }

  private CheckResult dkim(Request r) {
    if (r.selector() == null || r.selector().isBlank()) {
      return CheckResult.warn("dkim", "not checked: no DKIM selector given");
    }
    String name = r.selector().strip() + "._domainkey." + r.domain();
    DnsAnswer txt = dns.txt(name);
    if (txt.failed()) {
      return CheckResult.warn("dkim", "TXT of " + name + " could not be read: " + txt.detail());
    }
    List<String> keys = new ArrayList<>();
    for (String value : txt.values()) {
      Map<String, String> tags = tags(value);
      if (tags.containsKey("p") && "DKIM1".equalsIgnoreCase(tags.getOrDefault("v", "DKIM1"))) {
        keys.add(tags.get("p").replaceAll("\\s+", ""));
      }
    }
    if (keys.isEmpty()) {
      return CheckResult.fail("dkim", "no DKIM key published at " + name);
    }
    if (keys.size() > 1) {
      return CheckResult.fail("dkim", keys.size() + " DKIM keys at " + name + " (publish one)");
    }
    String published = keys.get(0);
    if (published.isEmpty()) {
      return CheckResult.fail("dkim", "the DKIM key at " + name + " is revoked (empty p=)");
    }
    if (r.dkimPublicKey() != null && !published.equals(r.dkimPublicKey().replaceAll("\\s+", ""))) {
      return CheckResult.fail(
          "dkim",
          "the key at "
              + name
              + " does not match the configured private key: publish its public key");
    }
    return CheckResult.pass(
        "dkim",
        "key published at "
            + name
            + (r.dkimPublicKey() == null ? "" : ", matching the configured key"));
  }

  private CheckResult dmarc(String domain) {
    String name = "_dmarc." + domain;
    DnsAnswer txt = dns.txt(name);
    if (txt.failed()) {
      return CheckResult.warn("dmarc", "TXT of " + name + " could not be read: " + txt.detail());
    }
    List<Map<String, String>> records = new ArrayList<>();
    for (String value : txt.values()) {
      Map<String, String> tags = tags(value);
      if ("DMARC1".equalsIgnoreCase(tags.get("v"))) {
        records.add(tags);
      }
    }
    if (records.isEmpty()) {
      return CheckResult.fail(
          "dmarc", "no DMARC record at " + name + " (Gmail and Yahoo require one of bulk senders)");
    }
    if (records.size() > 1) {
      return CheckResult.fail(
          "dmarc", records.size() + " DMARC records at " + name + " (publish one)");
    }
    Map<String, String> tags = records.get(0);
    String p = tags.getOrDefault("p", "").toLowerCase(Locale.ROOT);
    String report =
        tags.containsKey("rua") ? "; reports to " + tags.get("rua") : "; no rua= reports";
    return switch (p) {
      case "reject", "quarantine" -> CheckResult.pass("dmarc", "p=" + p + report);
      case "none" ->
          CheckResult.warn(
              "dmarc",
              "p=none: monitoring only, spoofed mail is still delivered; move to quarantine or reject"
                  + report);
      default ->
          CheckResult.fail(
              "dmarc",
              p.isEmpty()
                  ? "the DMARC record at " + name + " has no p= policy"
                  : "p=" + p + " is not none, quarantine or reject");
    };
  }

  private CheckResult mx(String domain) {
    DnsAnswer mx = dns.mx(domain);
    if (mx.failed()) {
      return CheckResult.warn("mx", "MX of " + domain + " could not be read: " + mx.detail());
    }
    if (mx.status() == DnsAnswer.Status.NXDOMAIN) {
      return CheckResult.fail("mx", domain + " does not exist (NXDOMAIN)");
    }
    if (mx.values().isEmpty()) {
      return CheckResult.fail(
          "mx", "no MX record at " + domain + ": replies and bounces cannot reach the domain");
    }
    if (mx.values().size() == 1 && mx.values().get(0).endsWith(" .")) {
      return CheckResult.fail("mx", domain + " publishes a null MX (RFC 7505): it takes no mail");
    }
    return CheckResult.pass("mx", String.join(", ", mx.values()));
  }

  /** The tags of a {@code tag=value; tag=value} record (RFC 6376 section 3.2). */
  static Map<String, String> tags(String record) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (String part : record.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        tags.putIfAbsent(
            part.substring(0, eq).strip().toLowerCase(Locale.ROOT), part.substring(eq + 1).strip());
      }
    }
    return tags;
  }
}
