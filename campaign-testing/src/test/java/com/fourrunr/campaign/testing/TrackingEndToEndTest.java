package com.fourrunr.campaign.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.OutgoingEmail;
import com.fourrunr.campaign.SchedulePolicy;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.SequenceStep;
import com.fourrunr.campaign.UnsubscribeTokens;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.tracking.LinkTracker;
import com.fourrunr.campaign.tracking.TrackingHandler;
import com.fourrunr.campaign.tracking.TrackingRequest;
import com.fourrunr.campaign.tracking.TrackingResponse;
import com.fourrunr.campaign.tracking.TrackingTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tracking through the engine and the framework-neutral handlers, on the in-memory store, the
 * recording sender and the settable clock: tracked links in a sent message, signed tokens that no
 * tampering gets past (no open redirect), machine opens and clicks recorded apart, and the RFC 8058
 * one-click unsubscribe.
 */
class TrackingEndToEndTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final Mailbox FROM = new Mailbox("hello@4runr.test", "4Runr");
  private static final CampaignConfig TWO_STEPS =
      CampaignConfig.defaults(FROM)
          .withSequence(
              new Sequence(
                  "two",
                  List.of(
                      new SequenceStep(MessageType.HOOK, 0),
                      new SequenceStep(MessageType.PROOF, 3))))
          .withSchedule(SchedulePolicy.builder().jitter(false).build());
  private static final String CHROME =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
  private static final String CASE_STUDY = "https://4runr.test/case-study?utm_source=mail&step=1";
  private static final String PRICING = "https://4runr.test/pricing";
  private static final String HTML =
      "<html><body><p>Hi Ada, <a href=\"https://4runr.test/case-study?utm_source=mail"
          + "&amp;step=1\">our case study</a> and <a href='"
          + PRICING
          + "'>pricing</a>.</p>"
          + "<p><a href=\"https://4runr.test/unsubscribe?who=ada\">Unsubscribe</a></p></body></html>";
  private static final String TEXT =
      "Hi Ada, our case study: "
          + CASE_STUDY
          + ", pricing: "
          + PRICING
          + ".\n"
          + "Unsubscribe: https://4runr.test/unsubscribe?who=ada";
  private static final Pattern CLICK_URL =
      Pattern.compile("https://t\\.4runr\\.test(/c/c1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)");
  private static final Pattern PIXEL_URL =
      Pattern.compile("https://t\\.4runr\\.test(/o/o1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.gif)");

  private final Instant start =
      LocalDateTime.parse("2026-12-01T10:00").atZone(NEW_YORK).toInstant();
  private final SettableClock clock = new SettableClock(start);
  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private final RecordingSender sender = new RecordingSender();
  private final TrackingTokens trackingTokens =
      TrackingTokens.withKey(
          "tracking-key-0123456789-0123456789-abc".getBytes(StandardCharsets.UTF_8));
  private final UnsubscribeTokens unsubscribeTokens =
      UnsubscribeTokens.withKey(
          "unsubscribe-key-0123456789-0123456789".getBytes(StandardCharsets.UTF_8));
  private final LinkTracker tracker =
      LinkTracker.builder("https://t.4runr.test", trackingTokens).build();
  private final List<CampaignEvent> published = new ArrayList<>();
  private CampaignEngine engine;
  private TrackingHandler handler;

  @BeforeEach
  void storeACampaignWithTwoSteps() {
    Lead lead =
        Lead.builder("L-1", "ada@example.com")
            .firstName("Ada")
            .timezone(NEW_YORK)
            .country("US")
            .build();
    store.commit(
        StoreChanges.builder()
            .lead(lead)
            .campaign(Campaign.start("C-1", lead.id(), TWO_STEPS, start))
            .message(
                CampaignMessage.pending(
                        "M-1", "C-1", "L-1", 0, MessageType.HOOK, "Hello", TEXT, HTML)
                    .withScheduled(start))
            .message(
                CampaignMessage.pending(
                    "M-2", "C-1", "L-1", 1, MessageType.PROOF, "Proof", "Proof text", null))
            .build());
    engine =
        CampaignEngine.builder()
            .store(store)
            .sender(sender)
            .clock(clock)
            .config(TWO_STEPS)
            .linkTracking(tracker)
            .listener(published::add)
            .build();
    handler =
        TrackingHandler.builder(engine, tracker)
            .unsubscribeTokens(unsubscribeTokens)
            .senderName("4Runr")
            .build();
  }

  private OutgoingEmail sendFirstStep() {
    engine.runDue();
    assertThat(sender.sent()).hasSize(1);
    return sender.sent().get(0);
  }

  private static List<String> paths(Pattern pattern, String body) {
    List<String> out = new ArrayList<>();
    Matcher m = pattern.matcher(body);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private TrackingResponse get(String pathAndQuery, String userAgent) {
    return handler.handle(
        TrackingRequest.of("GET", pathAndQuery)
            .withHeader("User-Agent", userAgent)
            .withRemoteAddress("198.51.100.23"));
  }

  private List<CampaignEvent> events(EventType type) {
    return store.findEvents("C-1").stream().filter(e -> e.type() == type).toList();
  }

  private String unsubscribePath() {
    return "/u?t=" + unsubscribeTokens.issue("ada@example.com", "C-1");
  }

  private TrackingResponse post(String pathAndQuery, String contentType, String body) {
    return handler.handle(
        TrackingRequest.of("POST", pathAndQuery)
            .withHeader("Content-Type", contentType)
            .withBody(body.getBytes(StandardCharsets.UTF_8)));
  }

  // ------------------------------------------------------------------------------------------------
  // Links and clicks

  @Test
  void trackedLinksInASentMessageRedirectToTheOriginalUrlsAndRecordHumanClicks() {
    OutgoingEmail sent = sendFirstStep();
    List<String> html = paths(CLICK_URL, sent.htmlBody());
    List<String> text = paths(CLICK_URL, sent.textBody());
    assertThat(html).hasSize(2).isEqualTo(text);
    assertThat(sent.htmlBody()).contains("https://4runr.test/unsubscribe?who=ada");
    assertThat(sent.textBody()).contains("Unsubscribe: https://4runr.test/unsubscribe?who=ada");

    clock.advance(Duration.ofHours(2));
    TrackingResponse first = get(html.get(0), CHROME);
    clock.advance(Duration.ofMinutes(5));
    TrackingResponse second = get(html.get(1), CHROME);

    assertThat(first.status()).isEqualTo(302);
    assertThat(first.header("Location")).isEqualTo(CASE_STUDY);
    assertThat(first.header("Cache-Control")).contains("no-store");
    assertThat(second.header("Location")).isEqualTo(PRICING);
    List<CampaignEvent> clicks = events(EventType.LINK_CLICKED);
    assertThat(clicks)
        .hasSize(2)
        .allSatisfy(
            e -> {
              assertThat(e.campaignId()).isEqualTo("C-1");
              assertThat(e.leadId()).isEqualTo("L-1");
              assertThat(e.messageId()).isEqualTo("M-1");
              assertThat(e.attribute("step")).isEqualTo(MessageType.HOOK.name());
              assertThat(e.attribute("traffic")).isEqualTo("human");
              assertThat(e.attributes()).doesNotContainKey("machineReason");
            });
    assertThat(clicks).extracting(e -> e.attribute("url")).containsExactly(CASE_STUDY, PRICING);
    assertThat(clicks.get(0).occurredAt()).isEqualTo(start.plus(Duration.ofHours(2)));
    assertThat(published).filteredOn(e -> e.type() == EventType.LINK_CLICKED).hasSize(2);
  }

  @Test
  void aRepeatedClickIsRecordedAgain() {
    String link = paths(CLICK_URL, sendFirstStep().htmlBody()).get(0);
    clock.advance(Duration.ofHours(1));

    get(link, CHROME);
    clock.advance(Duration.ofHours(1));
    get(link, CHROME);

    assertThat(events(EventType.LINK_CLICKED)).hasSize(2);
  }

  @Test
  void aTamperedClickTokenAnswersAPlain404AndRecordsNothing() {
    String link = paths(CLICK_URL, sendFirstStep().htmlBody()).get(0);
    clock.advance(Duration.ofHours(1));
    int i = link.length() - 5;
    String tampered =
        link.substring(0, i) + (link.charAt(i) == 'x' ? 'y' : 'x') + link.substring(i + 1);

    TrackingResponse r = get(tampered, CHROME);

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.header("Location")).isNull();
    assertThat(r.header("Content-Type")).startsWith("text/plain");
    assertThat(r.bodyText()).isEqualTo("Not found");
    assertThat(events(EventType.LINK_CLICKED)).isEmpty();
  }

  @Test
  void openRedirectAttemptsAnswer404AndRecordNothing() {
    String link = paths(CLICK_URL, sendFirstStep().htmlBody()).get(0);
    clock.advance(Duration.ofHours(1));
    String token = link.substring("/c/".length());
    String signature = token.substring(token.lastIndexOf('.'));
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    // 1. The destination in the token changed to the attacker's site, the signature kept.
    String evilPayload =
        b64.encodeToString(
            "C-1\nM-1\n0\n2\nhttps://evil.example/login".getBytes(StandardCharsets.UTF_8));
    // 2. Another message's token: a click token signed under another key (another sender's or a
    // made-up one).
    TrackingTokens otherKey =
        TrackingTokens.withKey(
            "some-other-key-0123456789-0123456789".getBytes(StandardCharsets.UTF_8));
    // 3. A valid token of a message that is not in the store.
    String unknownMessage =
        trackingTokens.click("C-1", "M-404", 0, 1, "https://evil.example/login");
    // 4. The open pixel's token used as a click token.
    String openToken = trackingTokens.open("C-1", "M-1");

    for (String bad :
        List.of(
            "/c/c1." + evilPayload + signature,
            "/c/" + otherKey.click("C-1", "M-1", 0, 2, "https://evil.example/login"),
            "/c/" + unknownMessage,
            "/c/" + openToken,
            "/c/",
            "/c/../c/" + token + "x")) {
      TrackingResponse r = get(bad, CHROME);
      assertThat(r.status()).as(bad).isEqualTo(404);
      assertThat(r.header("Location")).as(bad).isNull();
    }
    // A url parameter added to a valid link changes nothing: the destination comes from the signed
    // token.
    TrackingResponse withParameter =
        get(link + "?url=https%3A%2F%2Fevil.example%2F&u=https://evil.example", CHROME);
    assertThat(withParameter.header("Location")).isEqualTo(CASE_STUDY);
    assertThat(events(EventType.LINK_CLICKED))
        .hasSize(1)
        .allSatisfy(e -> assertThat(e.attribute("url")).isEqualTo(CASE_STUDY));
  }

  @Test
  void scannerClicksAreRecordedAsMachineWithTheReason() {
    List<String> links = paths(CLICK_URL, sendFirstStep().htmlBody());

    clock.advance(Duration.ofSeconds(3));
    TrackingResponse atDelivery = get(links.get(0), CHROME);
    clock.advance(Duration.ofHours(1));
    TrackingResponse head =
        handler.handle(TrackingRequest.of("HEAD", links.get(0)).withHeader("User-Agent", CHROME));
    clock.advance(Duration.ofHours(1));
    TrackingResponse agent = get(links.get(1), "Mozilla/5.0 (compatible; Barracuda Sentinel)");

    assertThat(List.of(atDelivery, head, agent))
        .allSatisfy(r -> assertThat(r.status()).isEqualTo(302));
    assertThat(head.body()).isEmpty();
    assertThat(events(EventType.LINK_CLICKED))
        .allSatisfy(e -> assertThat(e.attribute("traffic")).isEqualTo("machine"))
        .extracting(e -> e.attribute("machineReason"))
        .containsExactly("too-soon-after-delivery", "head-request", "scanner-agent");
  }

  @Test
  void everyLinkClickedInABurstMarksTheCompletingClickAsMachine() {
    List<String> links = paths(CLICK_URL, sendFirstStep().htmlBody());
    clock.advance(Duration.ofHours(3));

    get(links.get(0), CHROME);
    clock.advance(Duration.ofSeconds(2));
    get(links.get(1), CHROME);

    assertThat(events(EventType.LINK_CLICKED))
        .extracting(e -> e.attribute("traffic") + "/" + e.attribute("machineReason"))
        .containsExactly("human/", "machine/all-links-at-once");
  }

  // ------------------------------------------------------------------------------------------------
  // Opens

  @Test
  void anAppleMppPrefetchIsRecordedAsAMachineOpenAndAPersonsOpenAsHuman() {
    OutgoingEmail sent = sendFirstStep();
    List<String> pixels = paths(PIXEL_URL, sent.htmlBody());
    assertThat(pixels).hasSize(1);
    clock.advance(Duration.ofMinutes(30));

    TrackingResponse mpp =
        handler.handle(
            TrackingRequest.of("GET", pixels.get(0))
                .withHeader("User-Agent", "Mozilla/5.0")
                .withRemoteAddress("17.58.101.3"));
    clock.advance(Duration.ofHours(1));
    TrackingResponse person = get(pixels.get(0), CHROME);

    for (TrackingResponse r : List.of(mpp, person)) {
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("Content-Type")).isEqualTo("image/gif");
      assertThat(r.header("Cache-Control")).contains("no-store").contains("no-cache");
      assertThat(r.body()).hasSize(43).startsWith((byte) 'G', (byte) 'I', (byte) 'F');
    }
    assertThat(events(EventType.MESSAGE_OPENED))
        .allSatisfy(
            e -> {
              assertThat(e.messageId()).isEqualTo("M-1");
              assertThat(e.attribute("step")).isEqualTo(MessageType.HOOK.name());
            })
        .extracting(e -> e.attribute("traffic") + "/" + e.attribute("machineReason"))
        .containsExactly("machine/apple-mpp", "human/");
  }

  @Test
  void theOpenPixelAnswersAGifEvenForATamperedTokenAndRecordsNothing() {
    String pixel = paths(PIXEL_URL, sendFirstStep().htmlBody()).get(0);
    clock.advance(Duration.ofHours(1));

    TrackingResponse r = get(pixel.replace("/o/o1.", "/o/o1.A"), CHROME);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("image/gif");
    assertThat(events(EventType.MESSAGE_OPENED)).isEmpty();
  }

  @Test
  void trackingIsOffWhenTheEngineHasNoTracker() {
    CampaignEngine plain =
        CampaignEngine.builder().store(store).sender(sender).clock(clock).config(TWO_STEPS).build();

    plain.runDue();

    assertThat(sender.sent())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.htmlBody()).isEqualTo(HTML);
              assertThat(m.textBody()).isEqualTo(TEXT);
            });
  }

  // ------------------------------------------------------------------------------------------------
  // One-click unsubscribe (RFC 8058)

  @Test
  void aOneClickPostWithTheRightBodyAnswers200AndSuppressesAtOnce() {
    sendFirstStep();
    clock.advance(Duration.ofHours(1));

    TrackingResponse r =
        post(unsubscribePath(), "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Location")).isNull();
    assertThat(store.isSuppressed("ADA@example.com")).isTrue();
    assertThat(store.findCampaign("C-1").orElseThrow().status()).isEqualTo(CampaignStatus.STOPPED);
    assertThat(store.findMessages("C-1"))
        .filteredOn(m -> m.id().equals("M-2"))
        .singleElement()
        .extracting(CampaignMessage::status)
        .isEqualTo(DeliveryStatus.CANCELLED);
    assertThat(events(EventType.ADDRESS_SUPPRESSED))
        .singleElement()
        .satisfies(e -> assertThat(e.attribute("reason")).isEqualTo("UNSUBSCRIBE_REQUEST"));
    // Nothing more goes out, however long we wait.
    clock.advance(Duration.ofDays(10));
    engine.runDue();
    assertThat(sender.sent()).hasSize(1);
    // Posting again is harmless.
    assertThat(
            post(
                    unsubscribePath(),
                    "application/x-www-form-urlencoded",
                    "List-Unsubscribe=One-Click")
                .status())
        .isEqualTo(200);
    assertThat(events(EventType.ADDRESS_SUPPRESSED)).hasSize(1);
  }

  @Test
  void aOneClickPostWithoutTheRightBodyAnswers400AndChangesNothing() {
    sendFirstStep();

    for (String body :
        List.of(
            "",
            "List-Unsubscribe=Yes",
            "List-Unsubscribe=One-Click&also=this",
            "list-unsubscribe=one-click",
            "{\"List-Unsubscribe\":\"One-Click\"}")) {
      TrackingResponse r = post(unsubscribePath(), "application/x-www-form-urlencoded", body);
      assertThat(r.status()).as(body).isEqualTo(400);
      assertThat(r.header("Location")).isNull();
    }

    assertThat(store.isSuppressed("ada@example.com")).isFalse();
    assertThat(store.findCampaign("C-1").orElseThrow().status()).isEqualTo(CampaignStatus.ACTIVE);
    assertThat(events(EventType.ADDRESS_SUPPRESSED)).isEmpty();
  }

  @Test
  void aMultipartOneClickPostIsAccepted() {
    sendFirstStep();
    String body =
        "--XyZ\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--XyZ--\r\n";

    TrackingResponse r = post(unsubscribePath(), "multipart/form-data; boundary=XyZ", body);

    assertThat(r.status()).isEqualTo(200);
    assertThat(store.isSuppressed("ada@example.com")).isTrue();
  }

  @Test
  void aGetShowsAConfirmationPageThatPostsAndDoesNotUnsubscribe() {
    sendFirstStep();

    TrackingResponse page = get(unsubscribePath(), "Mozilla/5.0 (compatible; Proofpoint)");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.bodyText())
        .contains("<form method=\"post\"")
        .contains("name=\"List-Unsubscribe\" value=\"One-Click\"")
        .contains("4Runr");
    assertThat(store.isSuppressed("ada@example.com")).isFalse();
    assertThat(store.findCampaign("C-1").orElseThrow().status()).isEqualTo(CampaignStatus.ACTIVE);

    // The page's button posts the form field, which is exactly the one-click body.
    Matcher action = Pattern.compile("action=\"([^\"]+)\"").matcher(page.bodyText());
    assertThat(action.find()).isTrue();
    TrackingResponse confirmed =
        post(
            "/u" + action.group(1),
            "application/x-www-form-urlencoded",
            "List-Unsubscribe=One-Click");
    assertThat(confirmed.status()).isEqualTo(200);
    assertThat(store.isSuppressed("ada@example.com")).isTrue();
  }

  @Test
  void aTamperedOrMissingUnsubscribeTokenAnswers404AndChangesNothing() {
    sendFirstStep();
    String forged = unsubscribeTokens.issue("grace@example.com", "C-1");
    String ada = unsubscribeTokens.issue("ada@example.com", "C-1");
    String swapped =
        forged.substring(0, forged.lastIndexOf('.')) + ada.substring(ada.lastIndexOf('.'));

    for (String path : List.of("/u?t=" + swapped, "/u", "/u?t=")) {
      assertThat(
              post(path, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click")
                  .status())
          .as(path)
          .isEqualTo(404);
    }
    assertThat(store.isSuppressed("ada@example.com")).isFalse();
    assertThat(store.isSuppressed("grace@example.com")).isFalse();
  }

  @Test
  void anUnsubscribeTokenNamingAnotherAddressesCampaignSuppressesOnlyThatAddress() {
    sendFirstStep();
    String path = "/u?t=" + unsubscribeTokens.issue("grace@example.com", "C-1");

    assertThat(
            post(path, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click").status())
        .isEqualTo(200);

    assertThat(store.isSuppressed("grace@example.com")).isTrue();
    assertThat(store.isSuppressed("ada@example.com")).isFalse();
    assertThat(store.findCampaign("C-1").orElseThrow().status()).isEqualTo(CampaignStatus.ACTIVE);
  }

  @Test
  void withoutUnsubscribeTokensTheUnsubscribePathIsNotServed() {
    TrackingHandler trackingOnly = TrackingHandler.builder(engine, tracker).build();

    TrackingResponse r =
        trackingOnly.handle(
            TrackingRequest.of("POST", unsubscribePath())
                .withBody("List-Unsubscribe=One-Click".getBytes(StandardCharsets.US_ASCII)));

    assertThat(r.status()).isEqualTo(404);
    assertThat(store.isSuppressed("ada@example.com")).isFalse();
  }

  @Test
  void otherMethodsAndPathsAreRefusedWithoutRecording() {
    OutgoingEmail sent = sendFirstStep();
    String link = paths(CLICK_URL, sent.htmlBody()).get(0);
    String pixel = paths(PIXEL_URL, sent.htmlBody()).get(0);
    clock.advance(Duration.ofHours(1));

    TrackingResponse postClick = handler.handle(TrackingRequest.of("POST", link));
    TrackingResponse deletePixel = handler.handle(TrackingRequest.of("DELETE", pixel));
    TrackingResponse putUnsubscribe = handler.handle(TrackingRequest.of("PUT", unsubscribePath()));
    TrackingResponse elsewhere = handler.handle(TrackingRequest.of("GET", "/x/" + link));

    assertThat(postClick.status()).isEqualTo(405);
    assertThat(postClick.header("Allow")).isEqualTo("GET, HEAD");
    assertThat(deletePixel.status()).isEqualTo(405);
    assertThat(putUnsubscribe.status()).isEqualTo(405);
    assertThat(elsewhere.status()).isEqualTo(404);
    assertThat(events(EventType.LINK_CLICKED)).isEmpty();
    assertThat(events(EventType.MESSAGE_OPENED)).isEmpty();
    assertThat(store.isSuppressed("ada@example.com")).isFalse();
  }

  @Test
  void aHeadRequestForThePixelAnswersHeadersOnlyAndCountsAsMachine() {
    String pixel = paths(PIXEL_URL, sendFirstStep().htmlBody()).get(0);
    clock.advance(Duration.ofHours(1));

    TrackingResponse r =
        handler.handle(TrackingRequest.of("HEAD", pixel).withHeader("User-Agent", CHROME));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEmpty();
    assertThat(events(EventType.MESSAGE_OPENED))
        .singleElement()
        .satisfies(e -> assertThat(e.attribute("machineReason")).isEqualTo("head-request"));
  }
}
