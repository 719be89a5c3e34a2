package com.fourrunr.campaign.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyClassification;
import com.fourrunr.campaign.ReplyPolicy;
import com.fourrunr.campaign.reply.RuleBasedReplyClassifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Runs every mail of the corpus in {@code src/test/resources/replies} (written for this project:
 * out-of-office replies from Gmail, Outlook/Exchange, Apple Mail and Zimbra; Postfix, Exim,
 * Exchange, Gmail, Amazon SES, qmail and Sendmail bounces; people answering in English, German,
 * French and Spanish with quoted history and signatures; referrals, opt-outs and complaints)
 * through the MIME parser and the default classifier, with the default sensitivity applied as the
 * engine does, and names every mail it gets wrong.
 */
class ReplyCorpusTest {
  private static final Instant ARRIVED = Instant.parse("2026-12-01T00:00:00Z");

  record Expected(String file, ReplyCategory category, LocalDate returnDate) {}

  static List<Expected> corpus() throws IOException {
    List<Expected> all = new ArrayList<>();
    try (InputStream in =
        Objects.requireNonNull(
            ReplyCorpusTest.class.getResourceAsStream("/replies/expected.csv"),
            "replies/expected.csv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.strip().split(",", -1);
        all.add(
            new Expected(
                f[0], ReplyCategory.valueOf(f[1]), f[2].isBlank() ? null : LocalDate.parse(f[2])));
      }
    }
    return all;
  }

  static InboundReply load(String file) throws IOException {
    try (InputStream in =
        Objects.requireNonNull(
            ReplyCorpusTest.class.getResourceAsStream("/replies/" + file), file)) {
      return MimeReplies.parse(in.readAllBytes(), ARRIVED, "corpus");
    }
  }

  @Test
  void corpusHasAtLeastSixtyMailsCoveringEveryCategory() throws IOException {
    List<Expected> corpus = corpus();
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(60);
    Set<ReplyCategory> seen = EnumSet.noneOf(ReplyCategory.class);
    corpus.forEach(e -> seen.add(e.category()));
    assertThat(seen).containsExactlyInAnyOrder(ReplyCategory.values());
  }

  @Test
  void everyCorpusMailGetsItsExpectedCategoryAndReturnDate() throws IOException {
    RuleBasedReplyClassifier classifier = new RuleBasedReplyClassifier();
    ReplyPolicy policy = ReplyPolicy.defaults();
    List<String> wrong = new ArrayList<>();
    for (Expected e : corpus()) {
      ReplyClassification c = policy.review(classifier.classify(load(e.file())));
      if (c.category() != e.category()) {
        wrong.add(
            e.file()
                + ": expected "
                + e.category()
                + ", got "
                + c.category()
                + " ("
                + c.evidence()
                + ", confidence "
                + c.confidence()
                + ")");
      } else if (e.category() == ReplyCategory.OUT_OF_OFFICE
          && !Objects.equals(c.returnDate(), e.returnDate())) {
        wrong.add(
            e.file() + ": expected return date " + e.returnDate() + ", got " + c.returnDate());
      }
    }
    assertThat(wrong).as("mails classified wrongly").isEmpty();
  }

  @Test
  void machineVerdictsAreSurerThanPhraseVerdicts() throws IOException {
    RuleBasedReplyClassifier classifier = new RuleBasedReplyClassifier();
    assertThat(classifier.classify(load("bounce-postfix-user-unknown.eml")).confidence())
        .isEqualTo(1.0);
    assertThat(classifier.classify(load("ooo-zimbra-out-of-office.eml")).confidence())
        .isGreaterThan(0.9);
    assertThat(classifier.classify(load("human-en-interested-gmail.eml")).confidence())
        .isBetween(0.5, 0.9);
    assertThat(classifier.classify(load("human-en-mixed-signals.eml")).confidence())
        .isLessThan(0.5);
  }
}
