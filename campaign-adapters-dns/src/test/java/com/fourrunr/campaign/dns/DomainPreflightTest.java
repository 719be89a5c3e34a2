package com.fourrunr.campaign.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.dns.CheckResult.Result;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The preflight on records fed to a {@link StaticDnsResolver}: a good domain and broken ones. */
class DomainPreflightTest {
  private static final String KEY = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAgood";

  /** A domain as it should be, with one part replaced by {@code change}. */
  private static StaticDnsResolver.Builder good() {
    return StaticDnsResolver.builder()
        .txt("4runr.example", "v=spf1 ip4:192.0.2.0/24 include:_spf.relay.example -all")
        .txt("4runr.example", "google-site-verification=abc")
        .txt("_spf.relay.example", "v=spf1 ip4:198.51.100.0/24 ~all")
        .txt("s1._domainkey.4runr.example", "v=DKIM1; k=rsa; p=" + KEY)
        .txt("_dmarc.4runr.example", "v=DMARC1; p=quarantine; rua=mailto:dmarc@4runr.example")
        .mx("4runr.example", 10, "mx.4runr.example");
  }

  private static Map<String, CheckResult> run(
      StaticDnsResolver dns, UnaryOperator<DomainPreflight.Request> req) {
    return DomainPreflight.using(dns)
        .check(req.apply(DomainPreflight.Request.of("4runr.example")))
        .stream()
        .collect(Collectors.toMap(CheckResult::check, r -> r));
  }

  @Test
  void aWellConfiguredDomainPassesEveryCheck() {
    Map<String, CheckResult> r =
        run(good().build(), q -> q.selector("s1").dkimPublicKey(KEY).sendingIp("198.51.100.7"));
    assertThat(r.keySet())
        .containsExactlyInAnyOrder("spf", "spf-lookups", "spf-sender", "dkim", "dmarc", "mx");
    assertThat(r.values())
        .allSatisfy(c -> assertThat(c.result()).as(c.toString()).isEqualTo(Result.PASS));
    assertThat(r.get("spf-lookups").detail()).startsWith("1 DNS look-ups");
    assertThat(r.get("spf-sender").detail()).contains("198.51.100.7 is authorised");
    assertThat(r.get("dkim").detail()).contains("matching the configured key");
    assertThat(r.get("dmarc").detail()).contains("p=quarantine");
  }

  @Test
  void twoSpfRecordsFail() {
    StaticDnsResolver dns =
        good().txt("4runr.example", "v=spf1 include:other.example -all").build();
    CheckResult spf = run(dns, q -> q).get("spf");
    assertThat(spf.result()).isEqualTo(Result.FAIL);
    assertThat(spf.detail()).contains("2 SPF records");
  }

  @Test
  void plusAllFailsAndQuestionAllWarns() {
    StaticDnsResolver plus =
        StaticDnsResolver.builder().txt("4runr.example", "v=spf1 a mx +all").build();
    CheckResult spf = run(plus, q -> q).get("spf");
    assertThat(spf.result()).isEqualTo(Result.FAIL);
    assertThat(spf.detail()).contains("+all");
    StaticDnsResolver bare =
        StaticDnsResolver.builder().txt("4runr.example", "v=spf1 a all").build();
    assertThat(run(bare, q -> q).get("spf").result()).isEqualTo(Result.FAIL);
    StaticDnsResolver neutral =
        StaticDnsResolver.builder().txt("4runr.example", "v=spf1 a ?all").build();
    assertThat(run(neutral, q -> q).get("spf").result()).isEqualTo(Result.WARN);
  }

  @Test
  void aSyntaxErrorFails() {
    StaticDnsResolver dns =
        StaticDnsResolver.builder().txt("4runr.example", "v=spf1 ip4:300.1.2.3 -all").build();
    CheckResult spf = run(dns, q -> q).get("spf");
    assertThat(spf.result()).isEqualTo(Result.FAIL);
    assertThat(spf.detail()).contains("ip4:300.1.2.3");
    StaticDnsResolver bad =
        StaticDnsResolver.builder().txt("4runr.example", "v=spf1 include -all").build();
    assertThat(run(bad, q -> q).get("spf").result()).isEqualTo(Result.FAIL);
  }

  @Test
  void moreThanTenLookupsFail() {
    StaticDnsResolver.Builder b = good();
    StringBuilder record = new StringBuilder("v=spf1");
    for (int i = 1; i <= 6; i++) {
      record.append(" include:i").append(i).append(".example");
      b.txt("i" + i + ".example", "v=spf1 a mx -all"); // 1 + 2 look-ups each
    }
    b.txt("big.example", record + " -all");
    StaticDnsResolver dns = b.build();
    List<CheckResult> results =
        DomainPreflight.using(dns).check(DomainPreflight.Request.of("big.example"));
    CheckResult lookups = results.get(1);
    assertThat(lookups.check()).isEqualTo("spf-lookups");
    assertThat(lookups.result()).isEqualTo(Result.FAIL);
    assertThat(lookups.detail()).startsWith("18 DNS look-ups");
  }

  @Test
  void anUnauthorisedSendingIpOrAMissingRelayIncludeFails() {
    Map<String, CheckResult> r =
        run(good().build(), q -> q.sendingIp("203.0.113.9").relayInclude("_spf.google.com"));
    CheckResult sender = r.get("spf-sender");
    assertThat(sender.result()).isEqualTo(Result.FAIL);
    assertThat(sender.detail())
        .contains("does not include _spf.google.com")
        .contains("203.0.113.9 is not authorised (fail)");
    Map<String, CheckResult> ok = run(good().build(), q -> q.relayInclude("_spf.relay.example"));
    assertThat(ok.get("spf-sender").result()).isEqualTo(Result.PASS);
    assertThat(run(good().build(), q -> q).get("spf-sender").result()).isEqualTo(Result.WARN);
  }

  @Test
  void dmarcPNoneWarnsAndAMissingRecordFails() {
    StaticDnsResolver none =
        StaticDnsResolver.builder()
            .txt("4runr.example", "v=spf1 -all")
            .txt("_dmarc.4runr.example", "v=DMARC1; p=none")
            .build();
    CheckResult dmarc = run(none, q -> q).get("dmarc");
    assertThat(dmarc.result()).isEqualTo(Result.WARN);
    assertThat(dmarc.detail()).contains("p=none");
    StaticDnsResolver missing =
        StaticDnsResolver.builder().txt("4runr.example", "v=spf1 -all").build();
    assertThat(run(missing, q -> q).get("dmarc").result()).isEqualTo(Result.FAIL);
  }

  @Test
  void aMissingSelectorOrAnotherKeyFails() {
    CheckResult missing = run(good().build(), q -> q.selector("s2")).get("dkim");
    assertThat(missing.result()).isEqualTo(Result.FAIL);
    assertThat(missing.detail()).contains("no DKIM key published at s2._domainkey.4runr.example");
    CheckResult mismatch =
        run(good().build(), q -> q.selector("s1").dkimPublicKey("MIIBIjANother")).get("dkim");
    assertThat(mismatch.result()).isEqualTo(Result.FAIL);
    assertThat(mismatch.detail()).contains("does not match");
    StaticDnsResolver revoked = good().txt("old._domainkey.4runr.example", "v=DKIM1; p=").build();
    assertThat(run(revoked, q -> q.selector("old")).get("dkim").detail()).contains("revoked");
    assertThat(run(good().build(), q -> q).get("dkim").result()).isEqualTo(Result.WARN);
  }

  @Test
  void mxMissingNullOrNxdomainFails() {
    StaticDnsResolver noMx =
        StaticDnsResolver.builder().txt("4runr.example", "v=spf1 -all").build();
    assertThat(run(noMx, q -> q).get("mx").result()).isEqualTo(Result.FAIL);
    StaticDnsResolver nullMx =
        StaticDnsResolver.builder()
            .txt("4runr.example", "v=spf1 -all")
            .mx("4runr.example", 0, ".")
            .build();
    assertThat(run(nullMx, q -> q).get("mx").detail()).contains("null MX");
    StaticDnsResolver nothing = StaticDnsResolver.builder().build();
    Map<String, CheckResult> r = run(nothing, q -> q);
    assertThat(r.get("mx").detail()).contains("NXDOMAIN");
    assertThat(r.get("spf").result()).isEqualTo(Result.FAIL);
  }

  @Test
  void aFailingResolverWarnsAndNeverFails() {
    StaticDnsResolver dns =
        StaticDnsResolver.builder()
            .failing("4runr.example")
            .failing("_dmarc.4runr.example")
            .failing("s1._domainkey.4runr.example")
            .build();
    List<CheckResult> results =
        DomainPreflight.using(dns)
            .check(DomainPreflight.Request.of("4runr.example").selector("s1"));
    assertThat(results).allSatisfy(c -> assertThat(c.result()).isEqualTo(Result.WARN));
  }

  @Test
  void resultsPrintAsOneJsonLineEach() {
    CheckResult r = new CheckResult("spf", Result.WARN, "say \"hi\"\n");
    assertThat(r.toJson())
        .isEqualTo("{\"check\":\"spf\",\"result\":\"WARN\",\"detail\":\"say \\\"hi\\\"\\n\"}");
  }

  @Test
  void recordsParseFromLines() {
    StaticDnsResolver dns =
        StaticDnsResolver.parse(
            List.of(
                "# a comment",
                "4runr.example TXT \"v=spf1 \" \"-all\"",
                "4runr.example MX 10 mx.4runr.example.",
                "mx.4runr.example A 192.0.2.1",
                "slow.example FAIL"));
    assertThat(dns.txt("4runr.example").values()).containsExactly("v=spf1 -all");
    assertThat(dns.mx("4runr.example").values()).containsExactly("10 mx.4runr.example");
    assertThat(dns.addresses("mx.4runr.example").values()).containsExactly("192.0.2.1");
    assertThat(dns.txt("slow.example").failed()).isTrue();
    assertThat(dns.txt("nowhere.example").status()).isEqualTo(DnsAnswer.Status.NXDOMAIN);
    assertThatThrownBy(() -> StaticDnsResolver.parse(List.of("x.example SRV 1")))
        .hasMessageContaining("line 1");
    assertThatThrownBy(
            () ->
                DomainPreflight.using(dns)
                    .check(DomainPreflight.Request.of("4runr.example").sendingIp("mail.example")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
