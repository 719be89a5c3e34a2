package com.fourrunr.campaign.reply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.ReplyCategory;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every client's quote style and every language's "wrote:" line is cut before the rules read. */
class QuoteStylesTest {
  private static final String OWN = "Who is this?";
  private final RuleBasedReplyClassifier rules = new RuleBasedReplyClassifier();

  static List<Arguments> stylesAndLanguages() {
    List<Arguments> a = new ArrayList<>();
    for (String style : HumanReplies.STYLES) {
      for (String lang : HumanReplies.LANGUAGES) {
        a.add(Arguments.of(style, lang));
      }
    }
    return a;
  }

  @org.junit.jupiter.api.Test
  void anAttributionStartingWithOnNeedsNoDateOrAddress() {
    String own =
        QuotedHistory.ownText("Sounds good.\n\nOn Tuesday Sam Smith wrote:\nour old pitch");

    org.assertj.core.api.Assertions.assertThat(own.strip()).isEqualTo("Sounds good.");
  }

  @org.junit.jupiter.api.Test
  void aMailThatIsOnlyQuotedHistoryHasNoTextOfItsOwn() {
    org.assertj.core.api.Assertions.assertThat(
            QuotedHistory.ownText("Sam Smith <sam@4runr.test> wrote:\n> our old pitch").strip())
        .isEmpty();
  }

  @org.junit.jupiter.api.Test
  void anAttributionWrappedOverThreeLinesIsCutFromItsFirst() {
    String own =
        QuotedHistory.ownText(
            "Thanks, sounds good.\n\nOn Tuesday, 1 December 2026 at 09:00,\nSam Smith from 4Runr"
                + " Campaigns\n<sam@4runr.test> wrote:\nour old pitch");

    org.assertj.core.api.Assertions.assertThat(own.strip()).isEqualTo("Thanks, sounds good.");
  }

  @org.junit.jupiter.api.Test
  void aWrappedDateLineAboveTheWroteLineIsPartOfTheAttribution() {
    String own =
        QuotedHistory.ownText(
            "Sounds good\nwt., 1 gru 2026 o 09:00 Sam Smith\n<sam@4runr.test> napisa\u0142(a):\n"
                + "> our old pitch");

    org.assertj.core.api.Assertions.assertThat(own.strip()).isEqualTo("Sounds good");
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("stylesAndLanguages")
  void quotedPitchIsCutInEveryStyleAndLanguage(String style, String lang) {
    String text = OWN + HumanReplies.quoted(style, lang);

    assertThat(QuotedHistory.ownText(text).strip()).isEqualTo(OWN);
    assertThat(rules.classify(HumanReplies.mail(text)).category())
        .isEqualTo(ReplyCategory.NEEDS_REVIEW);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("languages")
  void gmailWroteLineOfEachLanguageIsAnAttribution(String lang) {
    String line = HumanReplies.GMAIL_WROTE.get(lang);

    assertThat(QuotedHistory.ownText("Yes.\n\n" + line + "\nInterested? Book a demo.").strip())
        .isEqualTo("Yes.");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("languages")
  void appleWroteLineOfEachLanguageIsAnAttribution(String lang) {
    String line = HumanReplies.APPLE_WROTE.get(lang);

    assertThat(QuotedHistory.ownText("Yes.\n\n" + line + "\nInterested? Book a demo.").strip())
        .isEqualTo("Yes.");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("languages")
  void wrappedAttributionIsCutFromItsFirstLine(String lang) {
    String line = HumanReplies.GMAIL_WROTE.get(lang).replace(" <sam@", "\n<sam@");

    assertThat(QuotedHistory.ownText("Yes.\n\n" + line + "\nInterested? Book a demo.").strip())
        .isEqualTo("Yes.");
  }

  static List<String> languages() {
    return HumanReplies.LANGUAGES;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mobileSignatures")
  void mobileSignatureEndsTheText(String signature) {
    assertThat(QuotedHistory.ownText("Not now.\n\n" + signature + "\nInterested? Call me.").strip())
        .isEqualTo("Not now.");
  }

  static List<String> mobileSignatures() {
    return List.of(
        "Sent from my iPhone",
        "Von meinem iPhone gesendet",
        "Envoyé de mon iPhone",
        "Enviado desde mi iPhone",
        "Verstuurd vanaf mijn iPhone",
        "Inviato da iPhone",
        "Enviado do meu iPhone",
        "Wysłane z mojego iPhone'a",
        "Get Outlook for Android");
  }

  /** Appending any quoted history of our own messages never changes what a reply is read as. */
  @Property(tries = 300)
  void appendingOurQuotedHistoryNeverChangesTheCategory(@ForAll("repliesWithHistory") Case c) {
    ReplyCategory bare = rules.classify(HumanReplies.mail(c.reply().text())).category();
    ReplyCategory quoted =
        rules.classify(HumanReplies.mail(c.reply().text() + c.history())).category();

    assertThat(quoted).as(c.reply().id() + " with" + c.history()).isEqualTo(bare);
  }

  record Case(HumanReplies.Reply reply, String history) {}

  @Provide
  Arbitrary<Case> repliesWithHistory() {
    Arbitrary<HumanReplies.Reply> reply = Arbitraries.of(HumanReplies.all());
    Arbitrary<String> style = Arbitraries.of(HumanReplies.STYLES);
    Arbitrary<String> lang = Arbitraries.of(HumanReplies.LANGUAGES);
    Arbitrary<Integer> depth = Arbitraries.integers().between(1, 3);
    return Combinators.combine(reply, style, lang, depth)
        .as(
            (r, s, l, d) -> {
              // A thread: our pitch, quoted again inside each earlier answer.
              StringBuilder h = new StringBuilder(HumanReplies.quoted(s, l));
              for (int i = 1; i < d; i++) {
                h.append(HumanReplies.gt(HumanReplies.quoted(s, l)));
              }
              return new Case(r, h.toString());
            });
  }
}
