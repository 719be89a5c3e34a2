package com.fourrunr.campaign.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.OutgoingEmail;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LinkTrackerTest {
  private static final TrackingTokens TOKENS =
      TrackingTokens.withKey(
          "tracking-key-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8));
  private static final LinkTracker TRACKER =
      LinkTracker.builder("https://t.example.com/", TOKENS)
          .excludeUrlPrefix("https://4runr.com/prefs")
          .build();
  private static final CampaignMessage MESSAGE =
      CampaignMessage.pending("M-1", "C-1", "L-1", 0, MessageType.HOOK, "Hi", "text", null);
  private static final Pattern CLICK =
      Pattern.compile("https://t\\.example\\.com/c/(c1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)");

  private static OutgoingEmail email(String text, String html) {
    return new OutgoingEmail(
        new Mailbox("hello@4runr.com", "4Runr"),
        "ada@example.com",
        "Hi",
        text,
        html,
        "<m1@4runr.com>",
        null,
        List.of(),
        Map.of(),
        null,
        "C-1");
  }

  private static List<TrackingTokens.Click> clicks(String body) {
    List<TrackingTokens.Click> out = new ArrayList<>();
    Matcher m = CLICK.matcher(body);
    while (m.find()) {
      out.add(TOKENS.verifyClick(m.group(1)).orElseThrow());
    }
    return out;
  }

  @Test
  void linksBecomeSignedClickUrlsToTheOriginalAndTheSameUrlKeepsOneToken() {
    OutgoingEmail tracked =
        TRACKER.track(
            email(
                "See https://4runr.com/case-study. Or https://4runr.com/pricing?plan=a&b=2, and https://4runr.com/case-study",
                "<p><a href=\"https://4runr.com/case-study\">case</a> <A HREF='https://4runr.com/pricing?plan=a&amp;b=2'>p</A>"
                    + " https://4runr.com/case-study</p>"),
            MESSAGE);

    assertThat(clicks(tracked.htmlBody()))
        .extracting(TrackingTokens.Click::url)
        .containsExactly("https://4runr.com/case-study", "https://4runr.com/pricing?plan=a&b=2");
    assertThat(clicks(tracked.textBody()))
        .extracting(TrackingTokens.Click::url)
        .containsExactly(
            "https://4runr.com/case-study",
            "https://4runr.com/pricing?plan=a&b=2",
            "https://4runr.com/case-study");
    assertThat(clicks(tracked.textBody()))
        .allSatisfy(
            c -> {
              assertThat(c.campaignId()).isEqualTo("C-1");
              assertThat(c.messageId()).isEqualTo("M-1");
              assertThat(c.linkCount()).isEqualTo(2);
            });
    // Punctuation after a URL in text stays text; visible text in HTML is not rewritten.
    assertThat(tracked.textBody()).startsWith("See https://t.example.com/c/").contains(". Or ");
    assertThat(tracked.htmlBody()).contains(" https://4runr.com/case-study</p>");
  }

  @Test
  void unsubscribeExcludedAndNonHttpLinksAreLeftAsTheyAre() {
    String html =
        "<a href=\"https://4runr.com/Unsubscribe?t=abc\">u</a> <a href=\"mailto:hi@4runr.com\">m</a>"
            + " <a href=\"https://4runr.com/prefs/ada\">p</a> <a href=\"https://t.example.com/u?t=x\">one-click</a>";
    OutgoingEmail tracked =
        TRACKER.track(
            email("https://t.example.com/u?t=x https://4runr.com/unsubscribe", html), MESSAGE);

    assertThat(tracked.htmlBody()).startsWith(html);
    assertThat(tracked.textBody())
        .isEqualTo("https://t.example.com/u?t=x https://4runr.com/unsubscribe");
  }

  @Test
  void htmlGetsTheOpenPixelBeforeTheBodyEndAndTextOnlyGetsNone() {
    OutgoingEmail tracked =
        TRACKER.track(email("hi", "<html><body><p>hi</p></body></html>"), MESSAGE);

    Matcher m =
        Pattern.compile(
                "<img src=\"https://t\\.example\\.com/o/([A-Za-z0-9_.-]+)\\.gif\"[^>]*></body>")
            .matcher(tracked.htmlBody());
    assertThat(m.find()).isTrue();
    assertThat(TOKENS.verifyOpen(m.group(1))).contains(new TrackingTokens.Open("C-1", "M-1"));

    OutgoingEmail textOnly = TRACKER.track(email("hi https://4runr.com", null), MESSAGE);
    assertThat(textOnly.htmlBody()).isNull();
    assertThat(textOnly.textBody()).startsWith("hi https://t.example.com/c/");
  }

  @Test
  void pixelAndClicksCanEachBeTurnedOff() {
    LinkTracker pixelOnly =
        LinkTracker.builder("https://t.example.com", TOKENS).clickTracking(false).build();
    OutgoingEmail tracked =
        pixelOnly.track(email("https://4runr.com", "<a href=\"https://4runr.com\">x</a>"), MESSAGE);

    assertThat(tracked.textBody()).isEqualTo("https://4runr.com");
    assertThat(tracked.htmlBody())
        .startsWith("<a href=\"https://4runr.com\">x</a><img src=\"https://t.example.com/o/");
  }

  @Test
  void everythingButTheBodiesIsKept() {
    OutgoingEmail original = email("https://4runr.com", "<a href=\"https://4runr.com\">x</a>");
    OutgoingEmail tracked = TRACKER.track(original, MESSAGE);

    assertThat(tracked)
        .usingRecursiveComparison()
        .ignoringFields("textBody", "htmlBody")
        .isEqualTo(original);
  }

  @Test
  void urlsWithSpacesOrControlCharactersAreNotTracked() {
    for (String bad :
        new String[] {
          "https://example.com/a b",
          "https://example.com/a\tb",
          "https://example.com/a\u0001b",
          "https://example.com/a\u007fb"
        }) {
      assertThat(TRACKER.isTrackable(bad)).as(bad.replaceAll("\\p{Cc}", "?")).isFalse();
    }
    assertThat(TRACKER.isTrackable("https://example.com/a%20b")).isTrue();

    // In an href such a URL is left as written and the rest of the message is still tracked.
    String html =
        "<a href=\"https://example.com/a b\">x</a> <a href=\"https://example.com/a\tb\">y</a>"
            + " <a href=\"https://example.com/ok\">z</a>";
    OutgoingEmail tracked = TRACKER.track(email("text", html), MESSAGE);

    assertThat(tracked.htmlBody())
        .contains("href=\"https://example.com/a b\"")
        .contains("href=\"https://example.com/a\tb\"");
    assertThat(clicks(tracked.htmlBody()))
        .extracting(TrackingTokens.Click::url)
        .containsExactly("https://example.com/ok");
  }

  @Test
  void aBadBaseUrlIsRejectedNamingTheField() {
    assertThatThrownBy(() -> LinkTracker.builder("ftp://t.example.com", TOKENS).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("baseUrl");
    assertThatThrownBy(() -> LinkTracker.builder("https://t.example.com/?x=1", null).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("baseUrl")
        .hasMessageContaining("tokens");
  }

  @Test
  void theBasePathAndUrlsFollowTheBaseUrl() {
    LinkTracker t = LinkTracker.builder("https://example.com/t/", TOKENS).build();

    assertThat(t.basePath()).isEqualTo("/t");
    assertThat(t.unsubscribeUrl()).isEqualTo("https://example.com/t/u");
    assertThat(t.openUrl("C-1", "M-1")).startsWith("https://example.com/t/o/").endsWith(".gif");
  }
}
