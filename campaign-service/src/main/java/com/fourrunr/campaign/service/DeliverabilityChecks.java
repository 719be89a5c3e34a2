package com.fourrunr.campaign.service;

import com.fourrunr.campaign.AddressVerifier;
import com.fourrunr.campaign.dns.CheckResult;
import com.fourrunr.campaign.dns.DnsAddressVerifier;
import com.fourrunr.campaign.dns.DnsResolver;
import com.fourrunr.campaign.dns.DnsjavaResolver;
import com.fourrunr.campaign.dns.DomainPreflight;
import com.fourrunr.campaign.ops.ComponentHealth;
import com.fourrunr.campaign.ops.HealthReport;
import com.fourrunr.campaign.smtp.DkimKey;
import com.fourrunr.campaign.smtp.MailboxSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The domain preflight on the {@code From} domain of each mailbox with an SMTP server, run once in
 * the background at start. Its findings are warnings: logged, and shown in {@code /health} as the
 * {@code deliverability} component, which is always UP (a DNS problem never makes the service
 * unhealthy nor stops it sending).
 */
final class DeliverabilityChecks {
  private static final Logger log = LoggerFactory.getLogger(DeliverabilityChecks.class);

  private final Map<String, List<CheckResult>> results = new LinkedHashMap<>();
  private final int domains;
  private final CountDownLatch finished = new CountDownLatch(1);

  private DeliverabilityChecks(int domains) {
    this.domains = domains;
  }

  /**
   * The resolver {@code campaign serve} checks with: the system's DNS, unless no mailbox sends
   * through a server off this machine (a loopback SMTP host is a test server or a local relay,
   * which {@code ./campaign doctor} checks instead); null then.
   */
  static @Nullable DnsResolver resolverFor(CampaignSettings settings) {
    boolean remote =
        settings.mailboxes().stream().anyMatch(m -> m.smtp() != null && !loopback(m.smtp().host()));
    return remote ? DnsjavaResolver.system(DnsjavaResolver.DEFAULT_TIMEOUT) : null;
  }

  /**
   * The address verifier of {@code CAMPAIGN_VERIFY_*}, or null when off. {@code AUTO} checks when a
   * mailbox sends through an SMTP server off this machine; the preflight resolver is used when
   * given, else the system's DNS servers.
   */
  static @Nullable AddressVerifier addressVerifier(
      CampaignSettings settings, @Nullable DnsResolver preflightDns) {
    VerificationSettings v = settings.verification();
    DnsResolver dns =
        switch (v.domains()) {
          case OFF -> null;
          case AUTO -> remoteSmtp(settings) ? orSystem(preflightDns) : null;
          case ON -> orSystem(preflightDns);
        };
    if (dns == null) {
      return null;
    }
    return DnsAddressVerifier.builder(dns).disposable(v.disposable()).roles(v.roles()).build();
  }

  private static boolean remoteSmtp(CampaignSettings settings) {
    return settings.mailboxes().stream()
        .anyMatch(m -> m.smtp() != null && !loopback(m.smtp().host()));
  }

  private static DnsResolver orSystem(@Nullable DnsResolver dns) {
    return dns != null ? dns : DnsjavaResolver.system(DnsjavaResolver.DEFAULT_TIMEOUT);
  }

  private static boolean loopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
  }

  /** Starts the checks on a daemon thread; the health component says "checking" until they end. */
  static DeliverabilityChecks start(DnsResolver dns, List<MailboxSettings> mailboxes) {
    Map<String, DomainPreflight.Request> requests = new LinkedHashMap<>();
    for (MailboxSettings m : mailboxes) {
      if (m.smtp() == null) {
        continue;
      }
      String address = m.mailbox().address();
      String domain = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
      DkimKey key = m.dkim();
      DomainPreflight.Request request = DomainPreflight.Request.of(domain);
      if (key != null && key.domain().equals(domain)) {
        request = request.selector(key.selector()).dkimPublicKey(key.publicKey());
      }
      requests.putIfAbsent(domain, request);
    }
    DeliverabilityChecks checks = new DeliverabilityChecks(requests.size());
    if (requests.isEmpty()) {
      checks.finished.countDown();
      return checks;
    }
    Thread t =
        new Thread(
            () -> checks.run(DomainPreflight.using(dns), requests), "campaign-deliverability");
    t.setDaemon(true);
    t.start();
    return checks;
  }

  private void run(DomainPreflight preflight, Map<String, DomainPreflight.Request> requests) {
    try {
      requests.forEach(
          (domain, request) -> {
            List<CheckResult> found;
            try {
              found = preflight.check(request);
            } catch (RuntimeException e) {
              found =
                  List.of(
                      new CheckResult(
                          "preflight",
                          CheckResult.Result.WARN,
                          "could not run: " + e.getClass().getSimpleName()));
            }
            for (CheckResult r : found) {
              if (r.result() != CheckResult.Result.PASS) {
                log.warn("deliverability {} {} {}: {}", domain, r.check(), r.result(), r.detail());
              }
            }
            synchronized (results) {
              results.put(domain, found);
            }
          });
    } finally {
      finished.countDown();
    }
  }

  /** Whether every domain was checked. */
  boolean done() {
    return finished.getCount() == 0;
  }

  /** Waits at most {@code timeout} for the checks to end; whether they did. */
  boolean await(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The findings so far, by domain. */
  Map<String, List<CheckResult>> results() {
    synchronized (results) {
      return Map.copyOf(results);
    }
  }

  /** The health component: UP always; the warnings and failures in its detail and data. */
  ComponentHealth health() {
    Map<String, Object> data = new LinkedHashMap<>();
    Set<String> problems = new LinkedHashSet<>();
    synchronized (results) {
      results.forEach(
          (domain, checks) -> {
            for (CheckResult r : checks) {
              data.put(domain + " " + r.check(), r.result() + ": " + r.detail());
              if (r.result() != CheckResult.Result.PASS) {
                problems.add(domain + " " + r.check() + " " + r.result());
              }
            }
          });
    }
    String detail =
        !done()
            ? "checking the DNS of " + domains + " sending domain(s)"
            : domains == 0
                ? "no mailbox with an SMTP server to check"
                : problems.isEmpty()
                    ? "SPF, DKIM, DMARC and MX pass for " + domains + " sending domain(s)"
                    : problems.size() + " warning(s): " + String.join(", ", problems);
    return ComponentHealth.up(detail, data);
  }

  /** The report with the {@code deliverability} component added; its status unchanged. */
  static HealthReport addTo(HealthReport report, @Nullable DeliverabilityChecks checks) {
    if (checks == null) {
      return report;
    }
    Map<String, ComponentHealth> components = new LinkedHashMap<>(report.components());
    components.put("deliverability", checks.health());
    return HealthReport.of(report.checkedAt(), components);
  }
}
