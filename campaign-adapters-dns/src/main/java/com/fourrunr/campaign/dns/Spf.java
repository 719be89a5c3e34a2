package com.fourrunr.campaign.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** SPF (RFC 7208) as far as the preflight needs it: syntax, DNS look-up count, one IP's result. */
final class Spf {
  /** The most DNS-querying terms one evaluation may need (RFC 7208 section 4.6.4). */
  static final int MAX_LOOKUPS = 10;

  private static final Pattern MECHANISM =
      Pattern.compile(
          "([+\\-~?]?)(all|include|a|mx|ptr|ip4|ip6|exists)(?::([^/\\s]+))?(/\\d{1,3})?(//\\d{1,3})?",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern MODIFIER =
      Pattern.compile("([a-z][a-z0-9_.-]*)=(\\S*)", Pattern.CASE_INSENSITIVE);

  private Spf() {}

  /** One term of a record. */
  record Term(char qualifier, String name, @Nullable String value, int prefix) {
    boolean lookup() {
      return switch (name) {
        case "include", "a", "mx", "ptr", "exists", "redirect" -> true;
        default -> false;
      };
    }
  }

  /** The SPF records among TXT records. */
  static List<String> records(List<String> txt) {
    List<String> spf = new ArrayList<>();
    for (String t : txt) {
      String s = t.strip().toLowerCase(Locale.ROOT);
      if (s.equals("v=spf1") || s.startsWith("v=spf1 ")) {
        spf.add(t.strip());
      }
    }
    return spf;
  }

  /**
   * The terms of a record.
   *
   * @throws IllegalArgumentException naming the first term that is not valid
   */
  static List<Term> parse(String record) {
    String[] parts = record.strip().split("\\s+");
    List<Term> terms = new ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i];
      var m = MECHANISM.matcher(p);
      if (m.matches()) {
        String name = m.group(2).toLowerCase(Locale.ROOT);
        String value = m.group(3);
        boolean needsValue =
            name.equals("include") || name.startsWith("ip") || name.equals("exists");
        if ((needsValue && value == null)
            || (name.equals("all") && (value != null || m.group(4) != null))) {
          throw new IllegalArgumentException("'" + p + "' is not a valid term");
        }
        int prefix = m.group(4) == null ? -1 : Integer.parseInt(m.group(4).substring(1));
        char q = m.group(1).isEmpty() ? '+' : m.group(1).charAt(0);
        if (name.startsWith("ip") && !validIp(name, value == null ? "" : value, prefix)) {
          throw new IllegalArgumentException("'" + p + "' is not a valid " + name + " term");
        }
        terms.add(new Term(q, name, value, prefix));
        continue;
      }
      var mod = MODIFIER.matcher(p);
      if (mod.matches()) {
        String name = mod.group(1).toLowerCase(Locale.ROOT);
        if ((name.equals("redirect") || name.equals("exp")) && mod.group(2).isEmpty()) {
          throw new IllegalArgumentException("'" + p + "' has no domain");
        }
        terms.add(new Term('+', name, mod.group(2), -1));
        continue;
      }
      throw new IllegalArgumentException("'" + p + "' is not a valid term");
    }
    return terms;
  }

  private static boolean validIp(String kind, String value, int prefix) {
    InetAddress address = literal(value);
    if (address == null) {
      return false;
    }
    int bits = address.getAddress().length * 8;
    return kind.equals("ip4") == (bits == 32) && prefix <= bits;
  }

  /** An IPv4 or IPv6 literal as an address, or null when it is not one; never a DNS look-up. */
  static @Nullable InetAddress literal(String text) {
    String t = text.strip();
    if (t.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      for (String octet : t.split("\\.")) {
        if (Integer.parseInt(octet) > 255) {
          return null;
        }
      }
    } else if (!t.matches("[0-9A-Fa-f:.]+") || !t.contains(":")) {
      return null;
    }
    try {
      return InetAddress.getByName(t); // a literal: parsed, not looked up
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** Where an evaluation ended: the qualifier of the first matching term, or none. */
  enum Outcome {
    PASS,
    FAIL,
    SOFTFAIL,
    NEUTRAL,
    NONE,
    ERROR
  }

  /** Counts look-ups and evaluates one address, following include and redirect. */
  static final class Evaluation {
    private final DnsResolver dns;
    private final @Nullable InetAddress ip;
    int lookups;
    final List<String> problems = new ArrayList<>();
    final Set<String> includes = new HashSet<>();
    private final Set<String> visited = new HashSet<>();

    Evaluation(DnsResolver dns, @Nullable InetAddress ip) {
      this.dns = dns;
      this.ip = ip;
    }

    /** Counts every look-up of the record of {@code domain} and what it includes. */
    Outcome evaluate(String domain, List<Term> terms) {
      if (!visited.add(domain.toLowerCase(Locale.ROOT))) {
        problems.add("include loop at " + domain);
        return Outcome.ERROR;
      }
      Outcome result = null;
      String redirect = null;
      for (Term t : terms) {
        if (t.lookup()) {
          lookups++;
        }
        if (t.name().equals("redirect")) {
          redirect = t.value();
          continue;
        }
        if (t.name().equals("exp") || !isMechanism(t.name())) {
          continue;
        }
        boolean match = matches(domain, t);
        if (match && result == null) {
          result = outcome(t.qualifier());
        }
      }
      if (result == null && redirect != null) {
        List<Term> target = fetch(redirect);
        result = target == null ? Outcome.ERROR : evaluate(redirect, target);
      }
      return result == null ? Outcome.NEUTRAL : result;
    }

    private static boolean isMechanism(String name) {
      return switch (name) {
        case "all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists" -> true;
        default -> false;
      };
    }

    private boolean matches(String domain, Term t) {
      String target = t.value() == null ? domain : t.value();
      return switch (t.name()) {
        case "all" -> true;
        case "include" -> {
          includes.add(target.toLowerCase(Locale.ROOT));
          List<Term> inner = fetch(target);
          yield inner != null && evaluate(target, inner) == Outcome.PASS;
        }
        case "ip4", "ip6" -> ip != null && inRange(ip, target, t.prefix());
        case "a" -> ip != null && anyInRange(dns.addresses(target).values(), t.prefix());
        case "mx" -> ip != null && anyMxInRange(target, t.prefix());
        default -> false; // ptr and exists: counted, never matched here
      };
    }

    private boolean anyMxInRange(String target, int prefix) {
      for (String mx : dns.mx(target).values()) {
        String host = mx.substring(mx.indexOf(' ') + 1);
        if (anyInRange(dns.addresses(host).values(), prefix)) {
          return true;
        }
      }
      return false;
    }

    private boolean anyInRange(List<String> addresses, int prefix) {
      for (String a : addresses) {
        if (ip != null && inRange(ip, a, prefix)) {
          return true;
        }
      }
      return false;
    }

    private @Nullable List<Term> fetch(String domain) {
      DnsAnswer answer = dns.txt(domain);
      if (answer.failed()) {
        problems.add(
            "the SPF record of " + domain + " could not be read (" + answer.detail() + ")");
        return null;
      }
      List<String> spf = records(answer.values());
      if (spf.size() != 1) {
        problems.add(domain + " has " + spf.size() + " SPF records");
        return null;
      }
      try {
        return parse(spf.get(0));
      } catch (IllegalArgumentException e) {
        problems.add("the SPF record of " + domain + ": " + e.getMessage());
        return null;
      }
    }
  }

  static Outcome outcome(char qualifier) {
    return switch (qualifier) {
      case '-' -> Outcome.FAIL;
      case '~' -> Outcome.SOFTFAIL;
      case '?' -> Outcome.NEUTRAL;
      default -> Outcome.PASS;
    };
  }

  static boolean inRange(InetAddress ip, String network, int prefix) {
    byte[] a = ip.getAddress();
    InetAddress net = literal(network);
    if (net == null) {
      return false;
    }
    byte[] b = net.getAddress();
    if (a.length != b.length) {
      return false;
    }
    int bits = prefix < 0 ? a.length * 8 : Math.min(prefix, a.length * 8);
    for (int i = 0; i < bits; i++) {
      int mask = 0x80 >> (i % 8);
      if ((a[i / 8] & mask) != (b[i / 8] & mask)) {
        return false;
      }
    }
    return true;
  }
}
