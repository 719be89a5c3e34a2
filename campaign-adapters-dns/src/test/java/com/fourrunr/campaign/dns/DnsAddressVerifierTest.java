package com.fourrunr.campaign.dns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.AddressCheck;
import com.fourrunr.campaign.AddressCheck.Outcome;
import com.fourrunr.campaign.SkipReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One address at a time: domains, null MX, disposable and role addresses, limits. */
class DnsAddressVerifierTest {
  private final StaticDnsResolver dns =
      StaticDnsResolver.builder()
          .mx("good.example", 10, "mx.good.example")
          .mx("nomail.example", 0, ".")
          .address("a-only.example", "192.0.2.1")
          .mx("xn--bcher-kva.example", 10, "mx.xn--bcher-kva.example")
          .mx("yopmail.com", 10, "mx.yopmail.com")
          .failing("slow.example")
          .build();

  @Test
  void mxOrAddressRecordsPassAndNullMxOrNxdomainSkip() {
    DnsAddressVerifier v = DnsAddressVerifier.builder(dns).build();
    assertThat(v.check("ann@good.example")).isEqualTo(AddressCheck.pass());
    assertThat(v.check("ann@a-only.example")).isEqualTo(AddressCheck.pass());
    assertThat(v.check("ann@nomail.example").reason()).isEqualTo(SkipReason.DOMAIN_NO_MAIL);
    assertThat(v.check("ann@gone.example").reason()).isEqualTo(SkipReason.DOMAIN_NOT_FOUND);
    assertThat(v.check("ann@b\u00fccher.example")).isEqualTo(AddressCheck.pass());
  }

  @Test
  void aFailedLookupEnrolsWithAWarning() {
    AddressCheck c = DnsAddressVerifier.builder(dns).build().check("ann@slow.example");
    assertThat(c.outcome()).isEqualTo(Outcome.WARN);
    assertThat(c.detail()).contains("not verified").contains("timed out");
  }

  @Test
  void disposableAndRoleAddressesFollowTheirPolicies() {
    DnsAddressVerifier byDefault = DnsAddressVerifier.builder(dns).build();
    assertThat(byDefault.check("x@mailinator.com").reason())
        .isEqualTo(SkipReason.DISPOSABLE_ADDRESS);
    assertThat(byDefault.check("x@eu.mailinator.com").reason())
        .isEqualTo(SkipReason.DISPOSABLE_ADDRESS);
    assertThat(byDefault.check("Sales@good.example").outcome()).isEqualTo(Outcome.WARN);
    assertThat(byDefault.check("support+eu@good.example").outcome()).isEqualTo(Outcome.WARN);
    // a role address on a dead domain is skipped for the domain
    assertThat(byDefault.check("info@nomail.example").reason())
        .isEqualTo(SkipReason.DOMAIN_NO_MAIL);

    DnsAddressVerifier strict =
        DnsAddressVerifier.builder(dns)
            .roles(DnsAddressVerifier.Policy.SKIP)
            .disposable(DnsAddressVerifier.Policy.FLAG)
            .build();
    assertThat(strict.check("info@good.example").reason()).isEqualTo(SkipReason.ROLE_ADDRESS);
    assertThat(strict.check("x@yopmail.com").outcome()).isEqualTo(Outcome.WARN);

    DnsAddressVerifier lax =
        DnsAddressVerifier.builder(dns)
            .roles(DnsAddressVerifier.Policy.ALLOW)
            .disposable(DnsAddressVerifier.Policy.ALLOW)
            .build();
    assertThat(lax.check("info@good.example")).isEqualTo(AddressCheck.pass());
  }

  @Test
  void concurrentChecksOfOneDomainAskOnceAndNoMoreThanTheLimitRunAtOnce() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    DnsResolver slow =
        new DnsResolver() {
          @Override
          public DnsAnswer txt(String name) {
            return dns.txt(name);
          }

          @Override
          public DnsAnswer mx(String name) {
            int now = running.incrementAndGet();
            most.accumulateAndGet(now, Math::max);
            try {
              go.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return DnsAnswer.of(List.of("10 mx." + name));
          }

          @Override
          public DnsAnswer addresses(String name) {
            return dns.addresses(name);
          }
        };
    DnsAddressVerifier v =
        DnsAddressVerifier.builder(slow).maxConcurrentLookups(2, Duration.ofSeconds(10)).build();
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      List<Future<AddressCheck>> results = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        String domain = "d" + (i % 6) + ".example";
        results.add(pool.submit(() -> v.check("p@" + domain)));
      }
      // let the first look-ups block a moment so that the others queue behind them
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (running.get() < 2 && System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      go.countDown();
      for (Future<AddressCheck> f : results) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(AddressCheck.pass());
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(most.get()).isLessThanOrEqualTo(2);
  }
}
