package com.fourrunr.campaign.dns;

import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A {@link DnsResolver} that asks DNS servers with dnsjava: the system's servers ({@link
 * #system(Duration)}) or the one given ({@link #server(String, Duration)}). Each question is
 * bounded by the timeout; a timeout or a server failure is {@link DnsAnswer.Status#FAILED}, never
 * an exception. No answer is cached here.
 */
public final class DnsjavaResolver implements DnsResolver {
  /** The default time one question may take. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private final Resolver resolver;

  private DnsjavaResolver(Resolver resolver) {
    this.resolver = resolver;
  }

  /** Asks the system's DNS servers (from {@code /etc/resolv.conf} or the platform). */
  public static DnsjavaResolver system(Duration timeout) {
    ExtendedResolver r = new ExtendedResolver();
    r.setTimeout(positive(timeout));
    return new DnsjavaResolver(r);
  }

  /**
   * Asks one DNS server.
   *
   * @param host the server's host name or address, optionally with {@code :port}
   * @throws IllegalArgumentException when the host cannot be resolved
   */
  public static DnsjavaResolver server(String host, Duration timeout) {
    Objects.requireNonNull(host, "host");
    try {
      SimpleResolver r;
      int colon = host.lastIndexOf(':');
      if (colon > 0 && host.indexOf(':') == colon) {
        r = new SimpleResolver(host.substring(0, colon));
        r.setPort(Integer.parseInt(host.substring(colon + 1)));
      } else {
        r = new SimpleResolver(host);
      }
      r.setTimeout(positive(timeout));
      return new DnsjavaResolver(r);
    } catch (UnknownHostException | NumberFormatException e) {
      throw new IllegalArgumentException("DNS server '" + host + "' is not a host[:port]", e);
    }
  }

  private static Duration positive(Duration timeout) {
    if (timeout == null || timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be a positive duration");
    }
    return timeout;
  }

  @Override
  public DnsAnswer txt(String name) {
    return ask(name, Type.TXT);
  }

  @Override
  public DnsAnswer mx(String name) {
    return ask(name, Type.MX);
  }

  @Override
  public DnsAnswer addresses(String name) {
    DnsAnswer v4 = ask(name, Type.A);
    if (v4.status() == DnsAnswer.Status.NXDOMAIN || v4.failed()) {
      return v4;
    }
    DnsAnswer v6 = ask(name, Type.AAAA);
    List<String> all = new ArrayList<>(v4.values());
    all.addAll(v6.values());
    if (all.isEmpty() && v6.failed()) {
      return v6;
    }
    return DnsAnswer.of(all);
  }

  private DnsAnswer ask(String name, int type) {
    Lookup lookup;
    try {
      lookup = new Lookup(Name.fromString(name, Name.root), type);
    } catch (TextParseException e) {
      return DnsAnswer.failed("'" + name + "' is not a DNS name");
    }
    lookup.setResolver(resolver);
    lookup.setCache(null);
    Record[] records = lookup.run();
    return switch (lookup.getResult()) {
      case Lookup.SUCCESSFUL -> DnsAnswer.of(values(records));
      case Lookup.HOST_NOT_FOUND -> DnsAnswer.nxdomain();
      case Lookup.TYPE_NOT_FOUND -> DnsAnswer.of(List.of());
      default ->
          DnsAnswer.failed(
              Type.string(type)
                  + " "
                  + name
                  + ": "
                  + lookup.getErrorString().toLowerCase(Locale.ROOT));
    };
  }

  private static List<String> values(Record[] records) {
    List<String> out = new ArrayList<>();
    if (records == null) {
      return out;
    }
    for (Record r : records) {
      if (r instanceof TXTRecord txt) {
        out.add(String.join("", txt.getStrings()));
      } else if (r instanceof MXRecord mx) {
        out.add(mx.getPriority() + " " + StaticDnsResolver.host(mx.getTarget().toString()));
      } else if (r instanceof ARecord a) {
        out.add(a.getAddress().getHostAddress());
      } else if (r instanceof AAAARecord a) {
        out.add(a.getAddress().getHostAddress());
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "DnsjavaResolver[" + resolver + "]";
  }
}
