package com.fourrunr.campaign.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.dns.CheckResult;
import com.fourrunr.campaign.dns.DnsResolver;
import com.fourrunr.campaign.dns.DnsjavaResolver;
import com.fourrunr.campaign.dns.DomainPreflight;
import com.fourrunr.campaign.dns.StaticDnsResolver;
import com.fourrunr.campaign.service.CampaignSettings;
import com.fourrunr.campaign.smtp.DkimKey;
import com.fourrunr.campaign.smtp.MailboxSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code campaign doctor}: the domain preflight (SPF, DKIM, DMARC, MX) and the Gmail/Yahoo sender
 * rules for the current settings, one JSON line per check.
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description =
        "Checks a sending domain's DNS (SPF, DKIM, DMARC, MX) and which Gmail/Yahoo sender rules the"
            + " current settings (as serve reads them) meet; one JSON line per check. Exit status 1"
            + " when a check FAILs.")
final class DoctorCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--domain",
      paramLabel = "DOMAIN",
      description = "The sending domain (default: the domain of each configured mailbox).")
  String domain;

  @Option(
      names = "--selector",
      paramLabel = "S",
      description = "The DKIM selector (default: CAMPAIGN_DKIM_SELECTOR of the domain's mailbox).")
  String selector;

  @Option(
      names = "--sending-ip",
      paramLabel = "IP",
      description = "The address mail leaves from, which SPF must authorise.")
  String sendingIp;

  @Option(
      names = "--relay-include",
      paramLabel = "DOMAIN",
      description = "The relay's SPF domain the record must include (e.g. _spf.google.com).")
  String relayInclude;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "A .properties file of settings; CAMPAIGN_* environment variables override it.")
  Path config;

  @Option(
      names = "--records",
      paramLabel = "FILE",
      description =
          "Answer from the records in FILE ('<name> <TXT|MX|A|AAAA|FAIL> <value>' per line)"
              + " instead of asking DNS: an offline check of records before publishing them.")
  Path records;

  @Option(
      names = "--dns-server",
      paramLabel = "HOST[:PORT]",
      description = "Ask this DNS server (default: the system's).")
  String dnsServer;

  /** The environment the settings are read from; tests replace it. */
  Map<String, String> env = System.getenv();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    CampaignSettings settings = CampaignSettings.load(env, config);
    DnsResolver dns = resolver();
    Map<String, DomainPreflight.Request> requests = requests(settings);
    if (requests.isEmpty()) {
      throw InvalidInputException.of(
          "doctor", "--domain", "is required when no mailbox (CAMPAIGN_MAILBOX_ADDRESS) is set");
    }
    DomainPreflight preflight = DomainPreflight.using(dns);
    Map<String, List<CheckResult>> found = new LinkedHashMap<>();
    boolean failed = false;
    for (Map.Entry<String, DomainPreflight.Request> e : requests.entrySet()) {
      List<CheckResult> results;
      try {
        results = preflight.check(e.getValue());
      } catch (IllegalArgumentException bad) {
        throw InvalidInputException.of("doctor", "--sending-ip", String.valueOf(bad.getMessage()));
      }
      found.put(e.getKey(), results);
      for (CheckResult r : results) {
        print(out, e.getKey(), r);
        failed |= r.result() == CheckResult.Result.FAIL;
      }
    }
    for (CheckResult r : SenderRules.check(settings, found)) {
      print(out, null, r);
      failed |= r.result() == CheckResult.Result.FAIL;
    }
    out.flush();
    return failed ? 1 : 0;
  }

  private DnsResolver resolver() throws IOException {
    if (records != null) {
      try {
        return StaticDnsResolver.parse(Files.readAllLines(records, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw InvalidInputException.of("doctor", "--records", records + ": " + e.getMessage());
      }
    }
    if (dnsServer != null) {
      try {
        return DnsjavaResolver.server(dnsServer, DnsjavaResolver.DEFAULT_TIMEOUT);
      } catch (IllegalArgumentException e) {
        throw InvalidInputException.of("doctor", "--dns-server", String.valueOf(e.getMessage()));
      }
    }
    return DnsjavaResolver.system(Duration.ofSeconds(5));
  }

  /** One request per domain: the one given, else each configured mailbox's. */
  private Map<String, DomainPreflight.Request> requests(CampaignSettings settings) {
    Set<String> domains = new LinkedHashSet<>();
    if (domain != null) {
      domains.add(domain.strip().toLowerCase(Locale.ROOT));
    } else {
      for (MailboxSettings m : settings.mailboxes()) {
        domains.add(domainOf(m.mailbox().address()));
      }
    }
    Map<String, DomainPreflight.Request> requests = new LinkedHashMap<>();
    for (String d : domains) {
      DkimKey key = keyFor(settings, d);
      String s = selector != null ? selector : key == null ? null : key.selector();
      String publicKey =
          key != null && (selector == null || selector.equals(key.selector()))
              ? key.publicKey()
              : null;
      requests.put(
          d,
          DomainPreflight.Request.of(d)
              .selector(s)
              .dkimPublicKey(publicKey)
              .sendingIp(sendingIp)
              .relayInclude(relayInclude));
    }
    return requests;
  }

  static String domainOf(String address) {
    return address.substring(address.lastIndexOf('@') + 1).strip().toLowerCase(Locale.ROOT);
  }

  static @Nullable DkimKey keyFor(CampaignSettings settings, String domain) {
    for (MailboxSettings m : settings.mailboxes()) {
      if (m.dkim() != null && m.dkim().domain().equals(domain)) {
        return m.dkim();
      }
    }
    return null;
  }

  private static void print(PrintWriter out, @Nullable String domain, CheckResult r)
      throws JsonProcessingException {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("check", r.check());
    line.put("result", r.result().name());
    line.put("detail", r.detail());
    if (domain != null) {
      line.put("domain", domain);
    }
    out.println(JSON.writeValueAsString(line));
  }
}
