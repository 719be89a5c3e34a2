package com.fourrunr.campaign.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.EventPayload;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.UnsubscribeTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The tracking endpoints in core, against a small fake of the engine: what each answers and what it
 * records (the end-to-end tests in campaign-testing run them against the real engine).
 */
class TrackingHandlerTest {
  private static final Instant SENT = Instant.parse("2026-03-02T09:00:00Z");
  private static final Instant HOURS_LATER = SENT.plus(Duration.ofHours(3));
  private static final String BROWSER =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/120.0 Safari/537.36";
  private static final String CASE_STUDY = "https://4runr.com/case-study";
  private static final TrackingTokens TOKENS =
      TrackingTokens.withKey(
          "tracking-key-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8));
  private static final UnsubscribeTokens UNSUBSCRIBE =
      UnsubscribeTokens.withKey(
          "unsubscribe-key-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8));
  private static final LinkTracker TRACKER =
      LinkTracker.builder("https://t.example.com/t", TOKENS).build();

  private final FakeCampaignClient engine = new FakeCampaignClient(HOURS_LATER);
  private final TrackingHandler handler =
      TrackingHandler.builder(engine, TRACKER)
          .unsubscribeTokens(UNSUBSCRIBE)
          .senderName("4Runr <Labs>")
          .build();

  private CampaignMessage sentMessage() {
    CampaignMessage m =
        CampaignMessage.pending("M-1", "C-1", "L-1", 0, MessageType.HOOK, "Hi", "text", null)
            .withSending("<m1@4runr.com>")
            .withSent(SENT, "250 ok");
    engine.messages.add(m);
    return m;
  }

  private static TrackingRequest get(String path) {
    return TrackingRequest.of("GET", path)
        .withHeader("User-Agent", BROWSER)
        .withRemoteAddress("203.0.113.5");
  }

  private static String openPath() {
    return "/t/o/" + TOKENS.open("C-1", "M-1") + ".gif";
  }

  private static String clickPath(int index, int count, String url) {
    return "/t/c/" + TOKENS.click("C-1", "M-1", index, count, url);
  }

  // --------------------------------------------------------------------------------------------
  // Opens

  @Test
  void anOpenOfASentMessageAnswersThePixelAndRecordsAHumanOpen() {
    sentMessage();

    TrackingResponse r = handler.handle(get(openPath()));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("image/gif");
    assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(r.body().length));
    assertThat(r.body()).isNotEmpty();
    assertThat(r.header("Cache-Control")).contains("no-store");
    assertThat(engine.recorded()).hasSize(1);
    assertThat(engine.recorded().get(0).messageId()).isEqualTo("M-1");
    assertThat(engine.recorded().get(0).payload())
        .isEqualTo(new EventPayload.MessageOpened("Hook", "human", null));
  }

  @Test
  void anOpenTokenWithoutTheGifSuffixIsAnOpenToo() {
    sentMessage();

    TrackingResponse r = handler.handle(get("/t/o/" + TOKENS.open("C-1", "M-1")));

    assertThat(r.status()).isEqualTo(200);
    assertThat(engine.recorded()).hasSize(1);
  }

  @Test
  void anOpenByApplesProxyIsRecordedAsAMachine() {
    sentMessage();

    handler.handle(
        TrackingRequest.of("GET", openPath())
            .withHeader("User-Agent", "Mozilla/5.0")
            .withRemoteAddress("17.58.1.2"));

    assertThat(engine.recorded().get(0).payload())
        .isEqualTo(new EventPayload.MessageOpened("Hook", "machine", "apple-mpp"));
  }

  @Test
  void aHeadOpenAnswersTheHeadersWithoutBody() {
    sentMessage();

    TrackingResponse r =
        handler.handle(TrackingRequest.of("HEAD", openPath()).withHeader("User-Agent", BROWSER));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEmpty();
    assertThat(r.header("Content-Length")).isNotEqualTo("0");
  }

  @Test
  void aBadOrUnknownOpenTokenStillGetsThePixelButRecordsNothing() {
    CampaignMessage unsent =
        CampaignMessage.pending("M-2", "C-1", "L-1", 0, MessageType.HOOK, "Hi", "text", null);
    engine.messages.add(unsent);

    assertThat(handler.handle(get("/t/o/o1.forged.gif")).status()).isEqualTo(200);
    assertThat(handler.handle(get("/t/o/" + TOKENS.open("C-1", "M-9") + ".gif")).status())
        .isEqualTo(200);
    assertThat(handler.handle(get("/t/o/" + TOKENS.open("C-1", "M-2") + ".gif")).status())
        .as("a message not sent yet")
        .isEqualTo(200);
    assertThat(engine.recorded()).isEmpty();
  }

  @Test
  void anOpenWhoseStoreFailsStillGetsThePixel() {
    sentMessage();
    engine.readFailure = new IllegalStateException("database down");

    TrackingResponse r = handler.handle(get(openPath()));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("image/gif");
  }

  @Test
  void anOpenOrAClickIsOnlyAGetOrAHead() {
    sentMessage();

    TrackingResponse open = handler.handle(TrackingRequest.of("POST", openPath()));
    TrackingResponse click =
        handler.handle(TrackingRequest.of("DELETE", clickPath(0, 1, CASE_STUDY)));

    assertThat(open.status()).isEqualTo(405);
    assertThat(open.header("Allow")).isEqualTo("GET, HEAD");
    assertThat(click.status()).isEqualTo(405);
    assertThat(click.header("Allow")).isEqualTo("GET, HEAD");
    assertThat(engine.recorded()).isEmpty();
  }

  // --------------------------------------------------------------------------------------------
  // Clicks

  @Test
  void aClickRedirectsToTheSignedUrlAndRecordsTheLink() {
    sentMessage();

    TrackingResponse r = handler.handle(get(clickPath(1, 2, CASE_STUDY)));

    assertThat(r.status()).isEqualTo(302);
    assertThat(r.header("Location")).isEqualTo(CASE_STUDY);
    assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(r.body()).isEmpty();
    assertThat(engine.recorded()).hasSize(1);
    assertThat(engine.recorded().get(0).payload())
        .isEqualTo(new EventPayload.LinkClicked("Hook", "human", null, CASE_STUDY, 1, 2));
  }

  @Test
  void anAlteredClickTokenOrAnUnknownMessageIsANotFound() {
    sentMessage();
    String token = TOKENS.click("C-1", "M-1", 0, 1, CASE_STUDY);
    String altered = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");

    TrackingResponse forged = handler.handle(get("/t/c/" + altered));
    TrackingResponse unknown =
        handler.handle(get("/t/c/" + TOKENS.click("C-1", "M-404", 0, 1, CASE_STUDY)));

    assertThat(forged.status()).isEqualTo(404);
    assertThat(forged.header("Location")).isNull();
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(engine.recorded()).isEmpty();
  }

  @Test
  void aClickWhoseMessageCannotBeReadIsRedirectedUnrecorded() {
    sentMessage();
    engine.readFailure = new IllegalStateException("database down");

    TrackingResponse r = handler.handle(get(clickPath(0, 1, CASE_STUDY)));

    assertThat(r.status()).isEqualTo(302);
    assertThat(r.header("Location")).isEqualTo(CASE_STUDY);
    engine.readFailure = null;
    assertThat(engine.recorded()).isEmpty();
  }

  @Test
  void aClickThatCannotBeRecordedIsRedirectedAllTheSame() {
    sentMessage();
    engine.writeFailure = new IllegalStateException("disk full");

    TrackingResponse r = handler.handle(get(clickPath(0, 1, CASE_STUDY)));

    assertThat(r.status()).isEqualTo(302);
    assertThat(r.header("Location")).isEqualTo(CASE_STUDY);
  }

  @Test
  void everyLinkOfAMessageClickedWithinTheBurstIsAMachine() {
    sentMessage();
    String pricing = "https://4runr.com/pricing";

    handler.handle(get(clickPath(0, 2, CASE_STUDY)));
    engine.now = engine.now.plusSeconds(5);
    handler.handle(get(clickPath(1, 2, pricing)));

    assertThat(engine.recorded()).hasSize(2);
    assertThat(engine.recorded().get(0).payload())
        .isEqualTo(new EventPayload.LinkClicked("Hook", "human", null, CASE_STUDY, 0, 2));
    assertThat(engine.recorded().get(1).payload())
        .isEqualTo(
            new EventPayload.LinkClicked("Hook", "machine", "all-links-at-once", pricing, 1, 2));
  }

  @Test
  void clicksOutsideTheBurstOrOfAnotherMessageDoNotMakeABurst() {
    sentMessage();
    CampaignMessage other =
        CampaignMessage.pending("M-2", "C-1", "L-1", 1, MessageType.PROOF, "Re", "text", null)
            .withSending("<m2@4runr.com>")
            .withSent(SENT, "250 ok");
    engine.messages.add(other);
    String pricing = "https://4runr.com/pricing";

    // Link 0 of another message, then link 0 of this one long before: neither counts.
    handler.handle(get("/t/c/" + TOKENS.click("C-1", "M-2", 0, 2, CASE_STUDY)));
    handler.handle(get(clickPath(0, 2, CASE_STUDY)));
    engine.now =
        engine.now.plus(Duration.ofSeconds(TrafficClassifier.DEFAULT_BURST_SECONDS).plusSeconds(1));
    handler.handle(get(clickPath(1, 2, pricing)));

    assertThat(engine.recorded()).hasSize(3);
    assertThat(engine.recorded().get(2).payload())
        .isEqualTo(new EventPayload.LinkClicked("Hook", "human", null, pricing, 1, 2));
  }

  @Test
  void aClickAtTheEdgeOfTheBurstStillCounts() {
    sentMessage();
    String pricing = "https://4runr.com/pricing";

    handler.handle(get(clickPath(0, 2, CASE_STUDY)));
    engine.now = engine.now.plus(Duration.ofSeconds(TrafficClassifier.DEFAULT_BURST_SECONDS));
    handler.handle(get(clickPath(1, 2, pricing)));

    assertThat(((EventPayload.LinkClicked) engine.recorded().get(1).payload()).traffic())
        .isEqualTo("machine");
  }

  // --------------------------------------------------------------------------------------------
  // Routing

  @Test
  void pathsOutsideTheEndpointsAreNotFound() {
    sentMessage();
    for (String path : new String[] {"/", "/t", "/other/o/x", "/t/x/abc", "/t/u/x", "/tt/o/x"}) {
      TrackingResponse r = handler.handle(get(path));
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.bodyText()).as(path).isEqualTo("Not found");
      assertThat(r.header("Content-Type")).as(path).isEqualTo("text/plain; charset=utf-8");
    }
    assertThat(engine.recorded()).isEmpty();
  }

  // --------------------------------------------------------------------------------------------
  // One-click unsubscribe

  private static String unsubscribePath() {
    return "/t/u?t=" + UNSUBSCRIBE.issue("ada@example.com", "C-1");
  }

  @Test
  void aOneClickPostUnsubscribesTheTokensRecipientFromItsList() {
    TrackingResponse r =
        handler.handle(
            TrackingRequest.of("POST", unsubscribePath())
                .withHeader("Content-Type", "application/x-www-form-urlencoded")
                .withBody(TrackingHandler.ONE_CLICK_BODY.getBytes(StandardCharsets.US_ASCII)));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).contains("You are unsubscribed").contains("4Runr &lt;Labs&gt;");
    assertThat(engine.unsubscribes)
        .singleElement()
        .satisfies(u -> assertThat(u).containsExactly("ada@example.com", "C-1", "one-click"));
  }

  @Test
  void aOneClickPostAsMultipartFormDataUnsubscribesToo() {
    String body =
        "--b1\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n"
            + "--b1--\r\n";
    TrackingResponse r =
        handler.handle(
            TrackingRequest.of("POST", "/t/u/?t=" + UNSUBSCRIBE.issue("ada@example.com", "C-1"))
                .withHeader("Content-Type", "multipart/form-data; boundary=\"b1\"")
                .withBody(body.getBytes(StandardCharsets.US_ASCII)));

    assertThat(r.status()).isEqualTo(200);
    assertThat(engine.unsubscribes).hasSize(1);
  }

  @Test
  void aPostWithAnotherBodyIsABadRequestAndChangesNothing() {
    TrackingResponse r =
        handler.handle(
            TrackingRequest.of("POST", unsubscribePath())
                .withHeader("Content-Type", "application/x-www-form-urlencoded")
                .withBody("List-Unsubscribe=Maybe".getBytes(StandardCharsets.US_ASCII)));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.bodyText()).contains(TrackingHandler.ONE_CLICK_BODY);
    assertThat(engine.unsubscribes).isEmpty();
  }

  @Test
  void aGetShowsTheConfirmationFormAndChangesNothing() {
    String token = UNSUBSCRIBE.issue("ada@example.com", "C-1");

    TrackingResponse r = handler.handle(TrackingRequest.of("GET", "/t/u?t=" + token));
    TrackingResponse head = handler.handle(TrackingRequest.of("HEAD", "/t/u?t=" + token));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
    assertThat(r.header("Content-Security-Policy")).contains("default-src 'none'");
    assertThat(r.header("X-Robots-Tag")).isEqualTo("noindex");
    assertThat(r.bodyText())
        .contains("<form method=\"post\" action=\"?t=" + token + "\">")
        .contains("name=\"List-Unsubscribe\" value=\"One-Click\"")
        .contains("4Runr &lt;Labs&gt;")
        .doesNotContain("4Runr <Labs>");
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(engine.unsubscribes).isEmpty();
  }

  @Test
  void anUnsubscribeWithoutAValidTokenIsNotFound() {
    String forged = UNSUBSCRIBE.issue("ada@example.com", "C-1") + "x";

    assertThat(handler.handle(TrackingRequest.of("GET", "/t/u")).status()).isEqualTo(404);
    assertThat(handler.handle(TrackingRequest.of("POST", "/t/u?t=" + forged)).status())
        .isEqualTo(404);
    assertThat(engine.unsubscribes).isEmpty();
  }

  @Test
  void otherMethodsOnTheUnsubscribeUrlAreNotAllowed() {
    TrackingResponse r = handler.handle(TrackingRequest.of("PUT", unsubscribePath()));

    assertThat(r.status()).isEqualTo(405);
    assertThat(r.header("Allow")).isEqualTo("GET, HEAD, POST");
  }

  @Test
  void anUnsubscribeThatCannotBeStoredAsksTheClientToRetry() {
    engine.writeFailure = new IllegalStateException("database down");

    TrackingResponse r =
        handler.handle(
            TrackingRequest.of("POST", unsubscribePath())
                .withBody(TrackingHandler.ONE_CLICK_BODY.getBytes(StandardCharsets.US_ASCII)));

    assertThat(r.status()).isEqualTo(503);
    assertThat(r.header("Retry-After")).isEqualTo("60");
  }

  @Test
  void withoutUnsubscribeTokensTheUnsubscribeUrlIsNotFound() {
    TrackingHandler noUnsubscribe = TrackingHandler.builder(engine, TRACKER).build();

    assertThat(noUnsubscribe.handle(TrackingRequest.of("GET", unsubscribePath())).status())
        .isEqualTo(404);
    assertThat(noUnsubscribe.toString()).contains("unsubscribe=false");
    assertThat(handler.toString()).contains("unsubscribe=true").contains("https://t.example.com/t");
  }

  // --------------------------------------------------------------------------------------------
  // One-click bodies and settings

  @Test
  void onlyTheOneClickFieldAloneIsAOneClickBody() {
    byte[] plain = "List-Unsubscribe=One-Click\r\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(TrackingHandler.OneClickBody.isOneClick(null, plain)).isTrue();
    assertThat(
            TrackingHandler.OneClickBody.isOneClick(
                "application/x-www-form-urlencoded",
                "List-Unsubscribe=One-Click&x=1".getBytes(StandardCharsets.US_ASCII)))
        .isFalse();
    assertThat(TrackingHandler.OneClickBody.isOneClick(null, new byte[0])).isFalse();
    assertThat(
            TrackingHandler.OneClickBody.isOneClick(
                null, new byte[TrackingRequest.MAX_BODY_BYTES + 1]))
        .isFalse();

    String two =
        "--b\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n"
            + "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--b--\r\n";
    assertThat(
            TrackingHandler.OneClickBody.isOneClick(
                "multipart/form-data; boundary=b", two.getBytes(StandardCharsets.US_ASCII)))
        .as("a second field")
        .isFalse();
    String other =
        "--b\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nNo\r\n--b--\r\n";
    assertThat(
            TrackingHandler.OneClickBody.isOneClick(
                "multipart/form-data; boundary=b", other.getBytes(StandardCharsets.US_ASCII)))
        .isFalse();
    assertThat(
            TrackingHandler.OneClickBody.isOneClick(
                "multipart/form-data", two.getBytes(StandardCharsets.US_ASCII)))
        .as("no boundary")
        .isFalse();
  }

  @Test
  void badSettingsAreListedByField() {
    assertThatThrownBy(() -> TrackingHandler.builder(null, null).senderName(" ").build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("engine")
        .hasMessageContaining("tracker")
        .hasMessageContaining("senderName");
    assertThatThrownBy(
            () -> TrackingHandler.builder(engine, TRACKER).senderName("x".repeat(201)).build())
        .hasMessageContaining("senderName");
    assertThatThrownBy(() -> TrackingHandler.builder(engine, TRACKER).classifier(null).build())
        .hasMessageContaining("classifier");
  }

  @Test
  void htmlSpecialCharactersAreEscaped() {
    assertThat(TrackingHandler.escape("<a href=\"x\">Tom & Jerry's</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  }
}
