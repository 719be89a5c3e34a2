package com.fourrunr.campaign.reply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.ReplyClassification;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * The rule-based classifier and {@link ReturnDates} on hostile text: long runs of one character,
 * runs of whitespace after a sign-off or a month, line terminators other than LF, nested quotes,
 * many dates. No exception escapes, and the time per mail stays bounded (it was cubic for "--"
 * followed by spaces). Bounds are generous so the test holds on a busy 2-core machine.
 */
class HostileReplyTextTest {
  private static final Instant RECEIVED = Instant.parse("2026-11-20T10:00:00Z");
  private static final LocalDate MAIL_DATE = LocalDate.of(2026, 11, 20);
  private static final RuleBasedReplyClassifier CLASSIFIER = new RuleBasedReplyClassifier();

  /** Pieces that the patterns start on, and runs they could backtrack over. */
  private static final List<String> PIECES =
      List.of(
          " ",
          "\t",
          "\n",
          "\r",
          "\r\n",
          "\u2028",
          "\u0085",
          "\u00a0",
          "-",
          "--",
          "_",
          "<",
          ">",
          "> ",
          "(",
          ")",
          ":",
          ",",
          ".",
          "/",
          "1",
          "12",
          "2026",
          "a",
          "on ",
          "On Tue, ",
          "wrote:",
          "Am ",
          "schrieb",
          "from:",
          "From: ",
          "Sent: ",
          "Status:",
          "5.1.1",
          "550 ",
          "thanks",
          "Best regards",
          "-- ",
          "sent from my ",
          "not ",
          "n't ",
          "no longer ",
          "interested",
          "really ",
          "may ",
          "June ",
          "3rd",
          "1 of ",
          "de ",
          "12/06",
          "08.01.2027",
          "monday",
          "tomorrow",
          "next week",
          "out of office",
          "unsubscribe",
          "original message",
          "-----Original Message-----",
          "ooo",
          "auto-reply",
          "é",
          "ß",
          "\u2019");

  private static final List<Tuple2<String, Supplier<String>>> RUNS =
      List.of(
          Tuple.of("spaces after a sign-off", () -> "Hi\nthanks" + " ".repeat(40_000) + "x"),
          Tuple.of("spaces after --", () -> "Hi\n--" + " \t".repeat(20_000) + "x"),
          Tuple.of("carriage returns after from:", () -> "from:\r".repeat(8_000)),
          Tuple.of("newlines", () -> "\n".repeat(40_000) + "x"),
          Tuple.of("newlines before Status", () -> "\n".repeat(40_000) + "Status: x"),
          Tuple.of("spaces after not", () -> "not" + " ".repeat(40_000) + "x"),
          Tuple.of("a long word after not", () -> "not " + "a".repeat(40_000)),
          Tuple.of("spaces after a month", () -> "back on 3 of" + " ".repeat(40_000) + "x"),
          Tuple.of("months and spaces", () -> "may ".repeat(10_000)),
          Tuple.of("digits", () -> "1".repeat(40_000)),
          Tuple.of("dates", () -> "12/06 ".repeat(8_000)),
          Tuple.of("nested quotes", () -> ">".repeat(40_000) + " hi"),
          Tuple.of("dashes", () -> "-".repeat(40_000) + " original message"),
          Tuple.of("underscores", () -> "_".repeat(40_000)),
          Tuple.of("attributions", () -> "On Tue, Sam\n".repeat(4_000)),
          Tuple.of("less-than signs", () -> "<".repeat(120_000)),
          Tuple.of(
              "one megabyte of spaces after a sign-off",
              () -> "thanks" + " ".repeat(1_000_000) + "x"));

  private static InboundReply reply(String subject, String text, String date) {
    return InboundReply.builder("ada@example.com", RECEIVED)
        .subject(subject)
        .text(text)
        .header("Date", date)
        .messageId("<r1@example.com>")
        .build();
  }

  @Provide
  Arbitrary<String> hostileText() {
    Arbitrary<String> piece =
        Arbitraries.oneOf(
            Arbitraries.of(PIECES),
            Arbitraries.of(PIECES)
                .flatMap(p -> Arbitraries.integers().between(1, 3_000).map(p::repeat)),
            Arbitraries.strings().ofMaxLength(40));
    return piece.list().ofMaxSize(60).map(l -> String.join("", l));
  }

  @Property(tries = 300)
  void noExceptionAndBoundedTimeForAnyText(
      @ForAll("hostileText") String text,
      @ForAll("hostileText") String subject,
      @ForAll("hostileText") String date) {
    long start = System.nanoTime();
    ReplyClassification c = CLASSIFIER.classify(reply(subject, text, date));
    ReturnDates.find(subject + "\n" + text, MAIL_DATE);
    long ms = (System.nanoTime() - start) / 1_000_000;

    assertThat(c.category()).isNotNull();
    assertThat(ms)
        .as("%d chars took %d ms", text.length() + subject.length(), ms)
        .isLessThan(2_000);
  }

  @Property(tries = 40)
  void timePerKilobyteStaysBoundedOnLongRuns(@ForAll("runs") Tuple2<String, Supplier<String>> run) {
    String text = run.get2().get();
    long start = System.nanoTime();
    ReplyClassification c = CLASSIFIER.classify(reply(text, text, text));
    LocalDate d = ReturnDates.find(text, MAIL_DATE);
    String own = RuleBasedReplyClassifier.ownText(RuleBasedReplyClassifier.cut(text, 200_000));
    long ms = (System.nanoTime() - start) / 1_000_000;
    double kb = Math.min(text.length(), 200_000) / 1024.0;
    System.out.printf(
        "hostile text %-40s %8d chars: %4d ms (%.3f ms/KB)%n",
        run.get1(), text.length(), ms, ms / kb);

    assertThat(c.category()).isNotNull();
    assertThat(own).isNotNull();
    assertThat(d == null || d.getYear() > 2000).isTrue();
    // ownText reads up to 200 KB here, the classifier 32 KB: 1 s is far above linear time on
    // either.
    assertThat(ms).as(run.get1() + " took " + ms + " ms").isLessThan(1_000);
  }

  @Provide
  Arbitrary<Tuple2<String, Supplier<String>>> runs() {
    return Arbitraries.of(RUNS);
  }
}
