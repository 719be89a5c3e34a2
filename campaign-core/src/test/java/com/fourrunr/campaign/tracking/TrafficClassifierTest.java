package com.fourrunr.campaign.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.tracking.TrafficClassifier.Hit;
import com.fourrunr.campaign.tracking.TrafficClassifier.Kind;
import com.fourrunr.campaign.tracking.TrafficClassifier.Traffic;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrafficClassifierTest {
  private static final String CHROME =
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
  private static final Instant SENT = Instant.parse("2026-12-01T15:00:00Z");
  private static final Instant LATER = SENT.plus(Duration.ofHours(2));
  private final TrafficClassifier classifier = TrafficClassifier.defaults();

  private static Hit click(
      String method, String agent, Instant at, int links, Set<Integer> clicked) {
    return new Hit(Kind.CLICK, method, agent, "203.0.113.7", at, SENT, links, clicked);
  }

  private static Hit open(String agent, String address, Instant at) {
    return new Hit(Kind.OPEN, "GET", agent, address, at, SENT, 0, Set.of());
  }

  @Test
  void aPersonsClickHoursAfterTheSendIsHuman() {
    Traffic t = classifier.classify(click("GET", CHROME, LATER, 2, Set.of(0)));

    assertThat(t).isEqualTo(Traffic.HUMAN);
    assertThat(t.attributes()).isEqualTo(Map.of("traffic", "human"));
  }

  @Test
  void aHeadRequestIsAMachine() {
    assertThat(classifier.classify(click("HEAD", CHROME, LATER, 1, Set.of(0))))
        .isEqualTo(Traffic.machine("head-request"));
  }

  @Test
  void scannerUserAgentsAreMachines() {
    for (String agent :
        List.of(
            "Barracuda Sentinel (EE)",
            "Mozilla/5.0 (compatible; Proofpoint URL Defense)",
            "python-requests/2.31",
            "curl/8.4.0",
            "Mozilla/5.0 (compatible; bingbot/2.0)",
            "Microsoft Office Existence Discovery")) {
      Traffic t = classifier.classify(click("GET", agent, LATER, 1, Set.of(0)));
      assertThat(t).as(agent).isEqualTo(Traffic.machine("scanner-agent"));
      assertThat(t.attributes())
          .containsEntry("traffic", "machine")
          .containsEntry("machineReason", "scanner-agent");
    }
  }

  @Test
  void aClickWithinSecondsOfTheSendIsAScanner() {
    assertThat(classifier.classify(click("GET", CHROME, SENT.plusSeconds(4), 1, Set.of(0))))
        .isEqualTo(Traffic.machine("too-soon-after-delivery"));
    assertThat(classifier.classify(click("GET", CHROME, SENT.plusSeconds(11), 1, Set.of(0))))
        .isEqualTo(Traffic.HUMAN);
  }

  @Test
  void theClickThatCompletesEveryLinkOfTheMessageInABurstIsAScanner() {
    assertThat(classifier.classify(click("GET", CHROME, LATER, 3, Set.of(0, 1))))
        .isEqualTo(Traffic.HUMAN);
    assertThat(classifier.classify(click("GET", CHROME, LATER, 3, Set.of(0, 1, 2))))
        .isEqualTo(Traffic.machine("all-links-at-once"));
    // The only link of a message clicked is a person's click.
    assertThat(classifier.classify(click("GET", CHROME, LATER, 1, Set.of(0))))
        .isEqualTo(Traffic.HUMAN);
  }

  @Test
  void applePrivacyProtectionOpensAreMachinesByAgentOrAddress() {
    assertThat(classifier.classify(open("Mozilla/5.0", "198.51.100.4", LATER)))
        .isEqualTo(Traffic.machine("apple-mpp"));
    assertThat(classifier.classify(open(CHROME, "17.58.101.3", LATER)))
        .isEqualTo(Traffic.machine("apple-mpp"));
    assertThat(classifier.classify(open(CHROME, "198.51.100.4", LATER))).isEqualTo(Traffic.HUMAN);
  }

  @Test
  void appleRangesAreConfigurableInIpv4AndIpv6() {
    TrafficClassifier c =
        TrafficClassifier.builder().appleRanges(List.of("2a01:b740::/32", "104.28.0.0/16")).build();

    assertThat(c.classify(open(CHROME, "2a01:b740:a20:3000::1f2", LATER)))
        .isEqualTo(Traffic.machine("apple-mpp"));
    assertThat(c.classify(open(CHROME, "104.28.7.9", LATER)))
        .isEqualTo(Traffic.machine("apple-mpp"));
    assertThat(c.classify(open(CHROME, "17.58.101.3", LATER))).isEqualTo(Traffic.HUMAN);
    assertThat(c.classify(open(CHROME, "not-an-address.example", LATER))).isEqualTo(Traffic.HUMAN);
  }

  @Test
  void aRequestWithoutUserAgentIsAMachine() {
    assertThat(classifier.classify(click("GET", null, LATER, 1, Set.of(0))))
        .isEqualTo(Traffic.machine("no-user-agent"));
  }

  @Test
  void badSettingsAreListedByField() {
    assertThatThrownBy(
            () ->
                TrafficClassifier.builder()
                    .appleRanges(List.of("17.0.0.0/33", "nonsense"))
                    .tooSoonAfterDelivery(Duration.ofSeconds(-1))
                    .build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("appleRanges")
        .hasMessageContaining("tooSoonAfterDelivery");
  }

  @Test
  void ipRangesMatchByPrefix() {
    IpRange r = IpRange.parse("10.1.0.0/17");
    assertThat(r).isNotNull();
    assertThat(r.contains("10.1.127.255")).isTrue();
    assertThat(r.contains("10.1.128.0")).isFalse();
    assertThat(r.contains("::ffff:10.1.2.3")).isTrue();
    assertThat(IpRange.parse("300.1.1.1/8")).isNull();
  }
}
