package com.fourrunr.campaign.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The limits of the tracking settings (each bound itself accepted, one past it refused, naming the
 * field), and the value semantics of requests, responses and address blocks.
 */
class TrackingSettingsAndValuesTest {
  private static final TrackingTokens TOKENS = TrackingTokens.withKey(new byte[32]);

  @Test
  void aKeyOfExactlyTheMinimumLengthIsAcceptedOneByteLessIsNot() {
    assertThat(TrackingTokens.withKey(new byte[TrackingTokens.MIN_KEY_BYTES])).isNotNull();
    assertThatThrownBy(() -> TrackingTokens.withKey(new byte[TrackingTokens.MIN_KEY_BYTES - 1]))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("key");
  }

  @Test
  void theClassifiersDurationsMayBeExactlyOneHourNotMore() {
    Duration hour = Duration.ofHours(1);
    TrafficClassifier atLimit =
        TrafficClassifier.builder().tooSoonAfterDelivery(hour).allLinksBurst(hour).build();
    assertThat(atLimit.allLinksBurst()).isEqualTo(hour);
    assertThatThrownBy(
            () -> TrafficClassifier.builder().tooSoonAfterDelivery(hour.plusNanos(1)).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("tooSoonAfterDelivery");
    assertThatThrownBy(() -> TrafficClassifier.builder().allLinksBurst(hour.plusNanos(1)).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("allLinksBurst");
  }

  @Test
  void blankOrMissingAgentWordsAreRefusedNamingTheList() {
    assertThatThrownBy(() -> TrafficClassifier.builder().scannerAgents(List.of("bot", " ")).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("scannerAgents");
    assertThatThrownBy(() -> TrafficClassifier.builder().appleProxyAgents(List.of("")).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("appleProxyAgents");
    assertThatThrownBy(() -> TrafficClassifier.builder().scannerAgents(null).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("scannerAgents");
    assertThatThrownBy(() -> TrafficClassifier.builder().appleProxyAgents(null).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("appleProxyAgents");
  }

  @Test
  void configuredAgentWordsReplaceTheDefaults() {
    TrafficClassifier custom =
        TrafficClassifier.builder()
            .scannerAgents(List.of(" MyScanner "))
            .appleProxyAgents(List.of("ProxyAgent/1"))
            .build();
    Instant now = Instant.parse("2026-12-01T12:00:00Z");
    Instant sent = now.minus(Duration.ofHours(1));

    assertThat(
            custom.classify(
                new TrafficClassifier.Hit(
                    TrafficClassifier.Kind.CLICK,
                    "GET",
                    "Mozilla/5.0 myscanner/2",
                    null,
                    now,
                    sent,
                    1,
                    null)))
        .isEqualTo(TrafficClassifier.Traffic.machine("scanner-agent"));
    assertThat(
            custom.classify(
                new TrafficClassifier.Hit(
                    TrafficClassifier.Kind.OPEN, "GET", "proxyagent/1", null, now, sent, 0, null)))
        .isEqualTo(TrafficClassifier.Traffic.machine("apple-mpp"));
    assertThat(
            custom.classify(
                new TrafficClassifier.Hit(
                    TrafficClassifier.Kind.CLICK, "GET", "curl/8.0", null, now, sent, 1, null)))
        .as("a default word no longer counts")
        .isEqualTo(TrafficClassifier.Traffic.HUMAN);
  }

  @Test
  void aBlankExcludedPrefixIsRefusedAndTheBuilderChains() {
    assertThatThrownBy(
            () ->
                LinkTracker.builder("https://t.example.com", TOKENS)
                    .excludeUrlPrefix(" ")
                    .openPixel(false)
                    .build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("excludeUrlPrefix");
    LinkTracker tracker =
        LinkTracker.builder("https://t.example.com", TOKENS)
            .excludeUrlPrefix("https://example.com/private")
            .openPixel(false)
            .build();
    assertThat(tracker.isTrackable("https://example.com/private/a")).isFalse();
    assertThat(tracker.isTrackable("https://example.com/public/a")).isTrue();
    assertThat(tracker.toString()).contains("openPixel=false").contains("clickTracking=true");
  }

  @Test
  void aSenderNameOfTwoHundredCharactersIsAcceptedOneMoreIsNot() {
    LinkTracker tracker = LinkTracker.builder("https://t.example.com", TOKENS).build();
    FakeCampaignClient engine = new FakeCampaignClient(Instant.parse("2026-12-01T12:00:00Z"));
    assertThat(TrackingHandler.builder(engine, tracker).senderName("x".repeat(200)).build())
        .isNotNull();
    assertThatThrownBy(
            () -> TrackingHandler.builder(engine, tracker).senderName("x".repeat(201)).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("senderName");
    assertThatThrownBy(() -> TrackingHandler.builder(engine, tracker).classifier(null).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("classifier");
  }

  @Test
  void requestsAreEqualByTheirContentBodiesIncluded() {
    TrackingRequest a =
        TrackingRequest.of("post", "/u?t=abc")
            .withHeader("Content-Type", "text/plain")
            .withRemoteAddress("192.0.2.1")
            .withBody("x".getBytes(StandardCharsets.UTF_8));
    TrackingRequest b =
        TrackingRequest.of("POST", "/u?t=abc")
            .withHeaders(Map.of("Content-Type", List.of("text/plain")))
            .withRemoteAddress("192.0.2.1")
            .withBody("x".getBytes(StandardCharsets.UTF_8));

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(b.withBody("y".getBytes(StandardCharsets.UTF_8)));
    assertThat(a).isNotEqualTo(b.withRemoteAddress("192.0.2.2"));
    assertThat(a).isNotEqualTo(b.withHeader("X-Other", "1"));
    assertThat(a).isNotEqualTo(TrackingRequest.of("POST", "/u?t=abd"));
    assertThat(a).isNotEqualTo(TrackingRequest.of("GET", "/u?t=abc"));
    assertThat(a).isNotEqualTo(TrackingRequest.of("POST", "/v?t=abc"));
    assertThat(a).isNotEqualTo("a string");
  }

  @Test
  void aRequestsTextShowsNeitherPathNorQuery() {
    TrackingRequest r = TrackingRequest.of("GET", "/c/c1.secret-token?t=other-secret");
    assertThat(r.toString())
        .isEqualTo("TrackingRequest[GET, 0 body bytes]")
        .doesNotContain("secret");
    assertThat(r.queryParameter("t")).isEqualTo("other-secret");
  }

  @Test
  void aBadEscapeInTheQueryKeepsTheRawText() {
    assertThat(TrackingRequest.parseQuery("t=%zz&a=b%20c&flag"))
        .containsEntry("t", List.of("%zz"))
        .containsEntry("a", List.of("b c"))
        .containsEntry("flag", List.of(""));
  }

  @Test
  void responsesAreEqualByStatusHeadersAndBody() {
    TrackingResponse a = new TrackingResponse(200, Map.of("A", "1"), new byte[] {1, 2});
    TrackingResponse b = new TrackingResponse(200, Map.of("A", "1"), new byte[] {1, 2});

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(new TrackingResponse(201, Map.of("A", "1"), new byte[] {1, 2}));
    assertThat(a).isNotEqualTo(new TrackingResponse(200, Map.of("A", "2"), new byte[] {1, 2}));
    assertThat(a).isNotEqualTo(new TrackingResponse(200, Map.of("A", "1"), new byte[] {1, 3}));
    assertThat(a).isNotEqualTo("a string");
    assertThat(a.toString()).isEqualTo("TrackingResponse[200, 2 body bytes]");
    assertThat(a.header("a")).isEqualTo("1");
    assertThat(a.header("B")).isNull();
  }

  @Test
  void blocksAreEqualByNetworkAndPrefixAndPrintAsGiven() {
    IpRange a = IpRange.parse(" 17.0.0.0/8 ");
    IpRange b = IpRange.parse("17.0.0.0/8");

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(IpRange.parse("17.0.0.0/9"));
    assertThat(a).isNotEqualTo(IpRange.parse("18.0.0.0/8"));
    assertThat(a).isNotEqualTo("17.0.0.0/8");
    assertThat(a.toString()).isEqualTo("17.0.0.0/8");
    assertThat(Arrays.equals(IpRange.address("[2620:149::1]"), IpRange.address("2620:149::1")))
        .as("a bracketed IPv6 literal")
        .isTrue();
    assertThat(IpRange.address("[2620:149::1")).as("an unclosed bracket").isNull();
    assertThat(IpRange.address("2620:149::g")).as("not hex").isNull();
  }
}
