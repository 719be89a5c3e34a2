package com.fourrunr.campaign.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.BounceReason;
import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyClassification;
import com.fourrunr.campaign.ReplyPolicy;
import com.fourrunr.campaign.reply.RuleBasedReplyClassifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The machine-mail corpus in {@code src/test/resources/corpus/<family>/} (written for this project
 * by {@code src/test/corpus-tools/make_corpus.py} from the RFCs' and vendors' documented formats):
 * RFC 3464 and RFC 6533 DSNs of fifteen servers and providers, plain and localised notices, DSNs
 * carrying auto-reply headers, successful-delivery reports, ARF, JMRP, older AOL/Yahoo and Amazon
 * SES complaints, read receipts, challenge-response and acknowledgements of receipt, with a few
 * out-of-office and human mails. Each mail is run through the MIME parser, the default classifier
 * and the default sensitivity, and must get the manifest's category and bounce reason.
 */
class MachineMailCorpusTest {
  private static final Instant ARRIVED = Instant.parse("2026-12-01T00:00:00Z");
  private static final RuleBasedReplyClassifier CLASSIFIER = new RuleBasedReplyClassifier();

  record Expected(String file, ReplyCategory category, @Nullable BounceReason reason) {
    String family() {
      return file.substring(0, file.indexOf('/'));
    }
  }

  static List<Expected> manifest() throws IOException {
    List<Expected> all = new ArrayList<>();
    try (InputStream in =
        Objects.requireNonNull(
            MachineMailCorpusTest.class.getResourceAsStream("/corpus/manifest.csv"),
            "corpus/manifest.csv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.strip().split(",", -1);
        all.add(
            new Expected(
                f[0],
                ReplyCategory.valueOf(f[1]),
                f[2].isBlank() ? null : BounceReason.valueOf(f[2])));
      }
    }
    return all;
  }

  static ReplyClassification classify(String file) throws IOException {
    try (InputStream in =
        Objects.requireNonNull(
            MachineMailCorpusTest.class.getResourceAsStream("/corpus/" + file), file)) {
      InboundReply reply = MimeReplies.parse(in.readAllBytes(), ARRIVED, "corpus");
      return ReplyPolicy.defaults().review(CLASSIFIER.classify(reply));
    }
  }

  static Stream<Arguments> mails() throws IOException {
    return manifest().stream()
        .map(e -> Arguments.of(e.file(), e.category(), e.reason() == null ? "-" : e.reason()));
  }

  @ParameterizedTest(name = "{0} is {1}, reason {2}")
  @MethodSource("mails")
  void eachMailGetsItsCategoryAndReason(String file, ReplyCategory category, Object reason)
      throws IOException {
    ReplyClassification c = classify(file);
    assertThat(c.category()).as(file + " (" + c.evidence() + ")").isEqualTo(category);
    assertThat(c.reason() == null ? "-" : (Object) c.reason())
        .as(file + " reason (" + c.evidence() + ")")
        .isEqualTo(reason);
  }

  @Test
  void corpusHasAtLeastTwoHundredMachineMailsInEveryFamily() throws IOException {
    List<Expected> all = manifest();
    assertThat(all).hasSizeGreaterThanOrEqualTo(200);
    assertThat(all.stream().map(Expected::family).distinct())
        .contains(
            "dsn-rfc3464",
            "dsn-rfc6533",
            "dsn-success",
            "dsn-auto-submitted",
            "ndr-plain",
            "ndr-localised",
            "fbl-arf",
            "fbl-jmrp",
            "fbl-legacy",
            "fbl-ses",
            "mdn",
            "challenge",
            "acknowledgement");
    for (BounceReason r :
        List.of(
            BounceReason.USER_UNKNOWN,
            BounceReason.HOST_UNKNOWN,
            BounceReason.MAILBOX_FULL,
            BounceReason.MESSAGE_TOO_BIG,
            BounceReason.EXPIRED,
            BounceReason.BLOCKED,
            BounceReason.SPAM_FILTERED,
            BounceReason.POLICY,
            BounceReason.RATE_LIMITED,
            BounceReason.SUSPENDED,
            BounceReason.NETWORK)) {
      assertThat(all).as("mails with reason " + r).anyMatch(e -> e.reason() == r);
    }
  }

  /** Prints the figures per family and the confusion matrix (expected rows, got columns). */
  @Test
  void printsFiguresPerFamilyAndTheConfusionMatrix() throws IOException {
    Map<String, int[]> families = new TreeMap<>();
    Map<ReplyCategory, Map<ReplyCategory, Integer>> matrix = new EnumMap<>(ReplyCategory.class);
    int categoryRight = 0;
    int reasonRight = 0;
    List<Expected> all = manifest();
    for (Expected e : all) {
      ReplyClassification c = classify(e.file());
      boolean cat = c.category() == e.category();
      boolean reason = Objects.equals(c.reason(), e.reason());
      int[] f = families.computeIfAbsent(e.family(), k -> new int[3]);
      f[0]++;
      f[1] += cat ? 1 : 0;
      f[2] += cat && reason ? 1 : 0;
      categoryRight += cat ? 1 : 0;
      reasonRight += cat && reason ? 1 : 0;
      matrix
          .computeIfAbsent(e.category(), k -> new EnumMap<>(ReplyCategory.class))
          .merge(c.category(), 1, Integer::sum);
    }
    StringBuilder out =
        new StringBuilder("\nfamily                  mails  category  category+reason\n");
    families.forEach(
        (k, f) -> out.append(String.format("%-22s %6d %9d %16d%n", k, f[0], f[1], f[2])));
    out.append(
        String.format(
            "%-22s %6d %9d %16d%n%nconfusion matrix (rows expected, columns got):%n",
            "total", all.size(), categoryRight, reasonRight));
    List<ReplyCategory> cats = List.of(ReplyCategory.values());
    out.append(String.format("%-20s", ""));
    cats.forEach(c -> out.append(String.format("%6.6s", c.name())));
    out.append('\n');
    matrix.forEach(
        (expected, got) -> {
          out.append(String.format("%-20s", expected));
          cats.forEach(c -> out.append(String.format("%6d", got.getOrDefault(c, 0))));
          out.append('\n');
        });
    System.out.println(out);
    assertThat(categoryRight).isEqualTo(all.size());
    assertThat(reasonRight).isEqualTo(all.size());
  }
}
