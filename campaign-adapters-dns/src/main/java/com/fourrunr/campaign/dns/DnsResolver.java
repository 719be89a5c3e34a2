package com.fourrunr.campaign.dns;

/**
 * The DNS questions the library asks. {@link DnsjavaResolver} asks real servers; {@link
 * StaticDnsResolver} answers from records given to it (tests, offline checks). Implementations are
 * thread-safe and never throw for a failed look-up: they answer {@link DnsAnswer.Status#FAILED}.
 */
public interface DnsResolver {
  /** The TXT records at {@code name}, each record's strings joined. */
  DnsAnswer txt(String name);

  /** The MX records of {@code name}, as {@code "<preference> <host>"}. */
  DnsAnswer mx(String name);

  /** The IPv4 and IPv6 addresses of {@code name} (A and AAAA records). */
  DnsAnswer addresses(String name);
}
