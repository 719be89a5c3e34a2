package com.fourrunr.campaign.dns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link DnsResolver} that answers from the records it was given, for tests and offline checks;
 * it counts the questions asked. A name with no record of any type is NXDOMAIN; a name marked
 * {@link Builder#failing(String)} fails every look-up.
 *
 * <pre>{@code
 * DnsResolver dns = StaticDnsResolver.builder()
 *     .txt("4runr.com", "v=spf1 include:_spf.google.com -all")
 *     .mx("4runr.com", 10, "mx.4runr.com")
 *     .build();
 * }</pre>
 *
 * <p>{@link #parse(List)} reads the same from lines {@code <name> <TYPE> <value>} (TYPE one of TXT,
 * MX, A, AAAA, FAIL; {@code #} starts a comment), as {@code ./campaign doctor --records FILE} does.
 */
public final class StaticDnsResolver implements DnsResolver {
  private final Map<String, Map<String, List<String>>> records;
  private final Set<String> failing;
  private final AtomicInteger lookups = new AtomicInteger();

  private StaticDnsResolver(Map<String, Map<String, List<String>>> records, Set<String> failing) {
    this.records = records;
    this.failing = failing;
  }

  /** An empty resolver to add records to. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Records from lines {@code <name> <TYPE> <value>}: {@code 4runr.com TXT v=spf1 -all}, {@code
   * 4runr.com MX 10 mx.4runr.com}, {@code mx.4runr.com A 192.0.2.1}, {@code slow.example FAIL}.
   *
   * @throws IllegalArgumentException naming the line that is not of that form
   */
  public static StaticDnsResolver parse(List<String> lines) {
    Builder b = builder();
    int n = 0;
    for (String raw : lines) {
      n++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+", 3);
      String type = parts.length > 1 ? parts[1].toUpperCase(Locale.ROOT) : "";
      if (type.equals("FAIL")) {
        b.failing(parts[0]);
        continue;
      }
      if (parts.length < 3) {
        throw new IllegalArgumentException(
            "line " + n + ": expected '<name> <TXT|MX|A|AAAA|FAIL> <value>'");
      }
      String value = parts[2].strip();
      switch (type) {
        case "TXT" -> b.txt(parts[0], unquote(value));
        case "A", "AAAA" -> b.address(parts[0], value);
        case "MX" -> {
          String[] mx = value.split("\\s+");
          try {
            b.mx(parts[0], Integer.parseInt(mx[0]), mx.length > 1 ? mx[1] : ".");
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line " + n + ": MX needs '<preference> <host>'", e);
          }
        }
        default ->
            throw new IllegalArgumentException(
                "line " + n + ": type '" + parts[1] + "' is not TXT, MX, A, AAAA or FAIL");
      }
    }
    return b.build();
  }

  private static String unquote(String value) {
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      // "part one" "part two": the strings of one TXT record, joined
      return value.substring(1, value.length() - 1).replaceAll("\"\\s+\"", "");
    }
    return value;
  }

  static String host(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") && n.length() > 1 ? n.substring(0, n.length() - 1) : n;
  }

  /** How many questions were asked so far. */
  public int lookups() {
    return lookups.get();
  }

  @Override
  public DnsAnswer txt(String name) {
    return answer(name, "TXT");
  }

  @Override
  public DnsAnswer mx(String name) {
    return answer(name, "MX");
  }

  @Override
  public DnsAnswer addresses(String name) {
    return answer(name, "A");
  }

  private DnsAnswer answer(String name, String type) {
    lookups.incrementAndGet();
    String key = host(name);
    if (failing.contains(key)) {
      return DnsAnswer.failed(type + " " + key + ": timed out");
    }
    Map<String, List<String>> byType = records.get(key);
    if (byType == null) {
      return DnsAnswer.nxdomain();
    }
    return DnsAnswer.of(byType.getOrDefault(type, List.of()));
  }

  /** Collects records; not thread-safe. */
  public static final class Builder {
    private final Map<String, Map<String, List<String>>> records = new LinkedHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    private Builder() {}

    private Builder add(String name, String type, String value) {
      records
          .computeIfAbsent(host(name), k -> new LinkedHashMap<>())
          .computeIfAbsent(type, k -> new ArrayList<>())
          .add(value);
      return this;
    }

    /** A TXT record (its strings already joined). */
    public Builder txt(String name, String value) {
      return add(name, "TXT", value);
    }

    /** An MX record; host {@code "."} with preference 0 is a null MX (RFC 7505). */
    public Builder mx(String name, int preference, String host) {
      return add(name, "MX", preference + " " + host(host));
    }

    /** An A or AAAA record. */
    public Builder address(String name, String address) {
      return add(name, "A", address);
    }

    /** Every look-up of {@code name} fails, as on a timeout. */
    public Builder failing(String name) {
      failing.add(host(name));
      return this;
    }

    /** The resolver. */
    public StaticDnsResolver build() {
      Map<String, Map<String, List<String>>> copy = new LinkedHashMap<>();
      records.forEach(
          (name, byType) -> {
            Map<String, List<String>> t = new LinkedHashMap<>();
            byType.forEach((type, values) -> t.put(type, List.copyOf(values)));
            copy.put(name, Map.copyOf(t));
          });
      return new StaticDnsResolver(Map.copyOf(copy), Set.copyOf(failing));
    }
  }
}
