package com.fourrunr.campaign.dns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.AddressVerifier;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.EnrolmentReport;
import com.fourrunr.campaign.EventPayload;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.Skip;
import com.fourrunr.campaign.SkipReason;
import com.fourrunr.campaign.quality.QualityGates;
import com.fourrunr.campaign.testing.InMemoryCampaignStore;
import com.fourrunr.campaign.testing.RecordingSender;
import com.fourrunr.campaign.testing.SettableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Address verification through the engine: 10,000 leads over 500 domains, some of which take no
 * mail, do not exist or are disposable; and a DNS that times out for every name.
 */
class AddressVerificationEnrolmentTest {
  private static final int LEADS = 10_000;
  private static final int DOMAINS = 500;

  private final InMemoryCampaignStore store = new InMemoryCampaignStore();

  private CampaignEngine engine(AddressVerifier verifier) {
    return CampaignEngine.builder()
        .schedule(SendSchedule.calendarDays())
        .store(store)
        .sender(new RecordingSender())
        .clock(new SettableClock(Instant.parse("2026-03-02T09:00:00Z")))
        .from(new Mailbox("hello@4runr.test", "4Runr"))
        .qualityGates(QualityGates.builder().uniqueness(false).build())
        .addressVerifier(verifier)
        .build();
  }

  private static String domain(int d) {
    return "d" + d + ".example";
  }

  /** What domain {@code d} is: the expected skip reason, or null when it takes mail. */
  private static SkipReason expected(int d) {
    if (d < 20) {
      return SkipReason.DOMAIN_NO_MAIL; // null MX
    }
    if (d < 40) {
      return SkipReason.DOMAIN_NOT_FOUND; // NXDOMAIN
    }
    if (d < 70) {
      return SkipReason.DISPOSABLE_ADDRESS;
    }
    if (d < 80) {
      return null; // no MX, an A record: mail goes to the A host
    }
    if (d < 90) {
      return SkipReason.DOMAIN_NO_MAIL; // the name exists with neither MX nor A
    }
    return null;
  }

  private static StaticDnsResolver resolver() {
    StaticDnsResolver.Builder b = StaticDnsResolver.builder();
    for (int d = 0; d < DOMAINS; d++) {
      if (d < 20) {
        b.mx(domain(d), 0, ".");
      } else if (d < 40) {
        continue; // no record at all: NXDOMAIN
      } else if (d < 70) {
        b.mx(domain(d), 10, "mx." + domain(d)); // disposable, but has mail: never asked
      } else if (d < 80) {
        b.address(domain(d), "192.0.2." + d);
      } else if (d < 90) {
        b.txt(domain(d), "v=spf1 -all");
      } else {
        b.mx(domain(d), 10, "mx1." + domain(d)).mx(domain(d), 20, "mx2." + domain(d));
      }
    }
    return b.build();
  }

  private static List<String> disposableDomains() {
    List<String> out = new ArrayList<>();
    for (int d = 40; d < 70; d++) {
      out.add(domain(d));
    }
    return out;
  }

  private static List<Lead> leads() {
    List<Lead> leads = new ArrayList<>();
    for (int i = 0; i < LEADS; i++) {
      int d = i % DOMAINS;
      // ten role addresses on domains that take mail: flagged by default, not skipped
      String local = i >= 100 && i < 110 ? "info" : "p" + i;
      leads.add(
          Lead.builder("L-" + i, local + "@" + domain(d))
              .firstName("Sam")
              .company("Example Ltd")
              .industry("Computing")
              .topServices("Engine design")
              .emailConfidence(EmailConfidence.REAL)
              .build());
    }
    return leads;
  }

  @Test
  void tenThousandLeadsOnFiveHundredDomainsAskAtMostOncePerDomainAndSkipExactlyTheBadOnes() {
    StaticDnsResolver dns = resolver();
    DnsAddressVerifier verifier =
        DnsAddressVerifier.builder(dns).disposableDomains(disposableDomains()).build();

    EnrolmentReport report = engine(verifier).enrol(leads());

    Map<SkipReason, Integer> expectedByReason = new HashMap<>();
    int expectedEnrolled = 0;
    for (int i = 0; i < LEADS; i++) {
      SkipReason r = expected(i % DOMAINS);
      if (r == null) {
        expectedEnrolled++;
      } else {
        expectedByReason.merge(r, 1, Integer::sum);
      }
    }
    assertThat(report.read()).isEqualTo(LEADS);
    assertThat(report.enrolled()).isEqualTo(expectedEnrolled).isEqualTo(8_400);
    assertThat(report.skippedByReason())
        .isEqualTo(expectedByReason)
        .containsEntry(SkipReason.DOMAIN_NO_MAIL, 600)
        .containsEntry(SkipReason.DOMAIN_NOT_FOUND, 400)
        .containsEntry(SkipReason.DISPOSABLE_ADDRESS, 600);
    // every lead skipped is on a bad domain, for that domain's reason (all skips are stored as
    // events; the report lists the first ones)
    assertThat(report.skips())
        .isNotEmpty()
        .allSatisfy(
            s ->
                assertThat(s.reason())
                    .isEqualTo(expected(Integer.parseInt(s.leadId().substring(2)) % DOMAINS)));
    assertThat(report.skips())
        .extracting(Skip::detail)
        .anySatisfy(d -> assertThat(d).contains("null MX"))
        .anySatisfy(d -> assertThat(d).contains("does not exist"))
        .anySatisfy(d -> assertThat(d).contains("disposable"));
    // one question per domain asked (two when there is no MX and the A fallback is asked);
    // disposable domains are never asked about
    assertThat(dns.lookups()).isLessThanOrEqualTo(DOMAINS).isEqualTo(490);
    // the role addresses were enrolled, with a warning each
    assertThat(report.warned()).isEqualTo(10);
    assertThat(report.warnings()).allSatisfy(w -> assertThat(w).contains("role address"));
    // every skip, as stored: exactly the leads on bad domains, each for its domain's reason
    Map<String, String> skippedReasonByLead = new HashMap<>();
    for (CampaignEvent e : store.events()) {
      if (e.payload() instanceof EventPayload.LeadSkipped s && e.leadId() != null) {
        skippedReasonByLead.put(e.leadId(), s.reason());
      }
    }
    Map<String, String> expectedSkips = new HashMap<>();
    for (int i = 0; i < LEADS; i++) {
      SkipReason r = expected(i % DOMAINS);
      if (r != null) {
        expectedSkips.put("L-" + i, r.name());
      }
    }
    assertThat(skippedReasonByLead).isEqualTo(expectedSkips);
    assertThat(store.listCampaigns(null, 2 * LEADS)).hasSize(expectedEnrolled);
  }

  @Test
  void aResolverThatTimesOutSkipsNoneAndSaysSo() {
    StaticDnsResolver.Builder b = StaticDnsResolver.builder();
    for (int d = 0; d < DOMAINS; d++) {
      b.failing(domain(d));
    }
    StaticDnsResolver dns = b.build();

    EnrolmentReport report =
        engine(DnsAddressVerifier.builder(dns).build()).enrol(leads().subList(0, 2_000));

    assertThat(report.enrolled()).isEqualTo(2_000);
    assertThat(report.skipped()).isZero();
    assertThat(report.warned()).isEqualTo(2_000);
    assertThat(report.warnings())
        .first()
        .satisfies(w -> assertThat(w).contains("not verified").contains("timed out"));
    // a failure is remembered briefly: the outage is asked about once per domain, not per lead
    assertThat(dns.lookups()).isEqualTo(DOMAINS);
  }
}
