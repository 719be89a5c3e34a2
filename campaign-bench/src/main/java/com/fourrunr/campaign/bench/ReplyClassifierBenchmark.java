package com.fourrunr.campaign.bench;

import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.ReplyClassifier;
import com.fourrunr.campaign.reply.RuleBasedReplyClassifier;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Categorising incoming mail: the rule-based classifier (headers, quoted-history and signature
 * stripping, four languages' phrase sets, return dates) over a mix of people's replies,
 * out-of-office mails and bounces, against a baseline that only lower-cases each text and looks for
 * one phrase, the floor any text rule pays. Time per mail.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReplyClassifierBenchmark {
  private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
  private static final String QUOTED =
      "\n\nOn Tue, Dec 1, 2026 at 8:00 AM Sam Carter <sam@4runr.example> wrote:\n"
          + "> Hi,\n>\n> I noticed your company has been growing its team across three sites.\n"
              .repeat(8)
          + "> Would you be interested in a 15-minute call?\n>\n> Best,\n> Sam";

  List<InboundReply> replies;
  ReplyClassifier classifier;
  int next;

  @Setup
  public void setUp() {
    classifier = new RuleBasedReplyClassifier();
    replies =
        List.of(
            person(
                "Good timing. Happy to chat, does Thursday work?\n\nThanks,\nOlivia\n--\nOps Director"
                    + QUOTED),
            person("Thanks, but we're not interested at the moment.\n\nBen" + QUOTED),
            person(
                "Sehr geehrter Herr Carter,\n\nvielen Dank, aber wir haben kein Interesse.\n\nMit freundlichen Grüßen\n"
                    + "Thomas Berger\n\n-----Ursprüngliche Nachricht-----\nVon: Sam\nGesendet: Dienstag\n"
                    + QUOTED),
            person(
                "Bonjour,\nJe ne suis pas la bonne personne. Veuillez contacter mon collègue.\nCordialement"
                    + QUOTED),
            person("Who is this?" + QUOTED),
            InboundReply.builder("maria@brightlane.example", AT)
                .subject("Automatic reply: Scheduling")
                .header("Auto-Submitted", "auto-replied")
                .text(
                    "I'm on vacation and will be back on Monday, December 14. For urgent matters call ops.")
                .build(),
            InboundReply.builder("j.weber@hallmann.example", AT)
                .subject("Abwesenheitsnotiz: Einsatzplanung")
                .header("X-Auto-Response-Suppress", "All")
                .header("X-MS-Exchange-Inbox-Rules-Loop", "j.weber@x")
                .text("Ich bin bis zum 5. Januar nicht im Büro.")
                .build(),
            InboundReply.builder("mailer-daemon@mx.example", AT)
                .subject("Undelivered Mail Returned to Sender")
                .header(InboundReply.DSN_STATUS, "5.1.1")
                .header(InboundReply.DSN_ACTION, "failed")
                .text(
                    "This is the mail system at host mx.example.\n\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1"
                        + " user unknown")
                .build());
  }

  private static InboundReply person(String text) {
    return InboundReply.builder("lead@example.com", AT)
        .subject("Re: Scheduling across three sites")
        .text(text)
        .build();
  }

  @Benchmark
  public void classifyOneMail(Blackhole bh) {
    bh.consume(classifier.classify(replies.get(next++ & 7)));
  }

  @Benchmark
  public void baselineLowercaseAndFindOnePhrase(Blackhole bh) {
    InboundReply r = replies.get(next++ & 7);
    bh.consume(r.text().toLowerCase(Locale.ROOT).indexOf("not interested"));
  }
}
