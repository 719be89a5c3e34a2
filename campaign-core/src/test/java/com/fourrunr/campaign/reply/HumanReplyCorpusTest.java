package com.fourrunr.campaign.reply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyClassification;
import com.fourrunr.campaign.ReplyPolicy;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rules alone on the labelled corpus of human replies (eight languages, half with our pitch
 * quoted in a mail client's style), acted on through the default policy: the confusion matrix is
 * printed; at least 80% right, none read the wrong way round, fewer than 15% to review.
 */
class HumanReplyCorpusTest {
  private final RuleBasedReplyClassifier rules = new RuleBasedReplyClassifier();
  private final ReplyPolicy policy = ReplyPolicy.defaults();

  @Test
  void rulesAloneReadAtLeastFourInFiveRightNoneTheWrongWayRoundFewToReview() {
    List<HumanReplies.Reply> corpus = HumanReplies.all();
    Map<ReplyCategory, Map<ReplyCategory, Integer>> matrix = new EnumMap<>(ReplyCategory.class);
    int right = 0;
    int review = 0;
    List<String> wrongWayRound = new ArrayList<>();
    List<String> misses = new ArrayList<>();
    int[] buckets = new int[4];
    int[] bucketsRight = new int[4];
    for (HumanReplies.Reply r : corpus) {
      ReplyClassification raw = rules.classify(r.mail());
      ReplyClassification c = policy.review(raw);
      matrix
          .computeIfAbsent(r.label(), k -> new EnumMap<>(ReplyCategory.class))
          .merge(c.category(), 1, Integer::sum);
      int bucket =
          raw.confidence() >= 0.85
              ? 3
              : raw.confidence() >= 0.75 ? 2 : raw.confidence() >= 0.5 ? 1 : 0;
      buckets[bucket]++;
      if (raw.category() == r.label()) {
        bucketsRight[bucket]++;
      }
      if (c.category() == r.label()) {
        right++;
      } else {
        misses.add(r.id() + " " + r.label() + " -> " + c.category() + " [" + c.evidence() + "]");
      }
      if (c.category() == ReplyCategory.NEEDS_REVIEW) {
        review++;
      }
      if ((r.label() == ReplyCategory.INTERESTED && c.category() == ReplyCategory.NOT_INTERESTED)
          || (r.label() == ReplyCategory.NOT_INTERESTED
              && c.category() == ReplyCategory.INTERESTED)) {
        wrongWayRound.add(r.id());
      }
    }
    int n = corpus.size();
    System.out.println(matrix("rules alone", matrix, n, right, review));
    System.out.println("misses:\n  " + String.join("\n  ", misses));
    String[] names = {"<0.5", "0.5-0.75", "0.75-0.85", ">=0.85"};
    for (int i = 0; i < 4; i++) {
      System.out.printf(
          "confidence %-9s %3d replies, %3d right%n", names[i], buckets[i], bucketsRight[i]);
    }

    assertThat(n).isGreaterThanOrEqualTo(150);
    assertThat(corpus.stream().filter(r -> !r.quote().equals("none")).count() * 2)
        .isGreaterThanOrEqualTo(n);
    assertThat(corpus.stream().map(HumanReplies.Reply::lang).distinct())
        .containsExactlyInAnyOrderElementsOf(HumanReplies.LANGUAGES);
    assertThat(right * 100.0 / n).as("percent right").isGreaterThanOrEqualTo(80.0);
    assertThat(wrongWayRound).as("read the wrong way round").isEmpty();
    assertThat(review * 100.0 / n).as("percent to review").isLessThan(15.0);
    // Calibration: a confident verdict is right at least nine times in ten.
    assertThat(bucketsRight[3] + bucketsRight[2])
        .isGreaterThanOrEqualTo((int) Math.ceil(0.9 * (buckets[3] + buckets[2])));
  }

  @Test
  void followUpDatesReferralsAndReturnDatesAreRead() {
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (HumanReplies.Reply r : HumanReplies.all()) {
      ReplyClassification c = rules.classify(r.mail());
      if (c.category() != r.label()) {
        continue;
      }
      if (r.followUp() != null) {
        checked++;
        if (!r.followUp().equals(c.followUpAfter())) {
          wrong.add(r.id() + " follow-up " + c.followUpAfter() + " expected " + r.followUp());
        }
      }
      if (!r.referral().isEmpty()) {
        checked++;
        if (c.referral() == null
            || !r.referral().equals(c.referral().email())
            || (!r.referralName().isEmpty() && !r.referralName().equals(c.referral().name()))) {
          wrong.add(
              r.id()
                  + " referral "
                  + c.referral()
                  + " expected "
                  + r.referralName()
                  + " "
                  + r.referral());
        }
      }
      if (r.returnDate() != null) {
        checked++;
        if (!r.returnDate().equals(c.returnDate())) {
          wrong.add(r.id() + " return " + c.returnDate() + " expected " + r.returnDate());
        }
      }
    }
    System.out.println("dates and referrals checked: " + checked + ", wrong: " + wrong);
    assertThat(checked).isGreaterThan(40);
    assertThat(wrong).isEmpty();
  }

  static String matrix(
      String title,
      Map<ReplyCategory, Map<ReplyCategory, Integer>> m,
      int n,
      int right,
      int review) {
    List<ReplyCategory> cols =
        List.of(
            ReplyCategory.INTERESTED,
            ReplyCategory.NOT_INTERESTED,
            ReplyCategory.WRONG_PERSON,
            ReplyCategory.UNSUBSCRIBE_REQUEST,
            ReplyCategory.OUT_OF_OFFICE,
            ReplyCategory.COMPLAINT,
            ReplyCategory.NEEDS_REVIEW);
    StringBuilder b = new StringBuilder();
    b.append(title)
        .append(": ")
        .append(right)
        .append('/')
        .append(n)
        .append(" right (")
        .append(String.format("%.1f%%", right * 100.0 / n))
        .append("), ")
        .append(review)
        .append(" to review (")
        .append(String.format("%.1f%%", review * 100.0 / n))
        .append(")\n");
    b.append(String.format("%-20s", "label \\ verdict"));
    for (ReplyCategory c : cols) {
      b.append(String.format("%6s", c.name().substring(0, Math.min(5, c.name().length()))));
    }
    b.append('\n');
    for (ReplyCategory row : cols) {
      Map<ReplyCategory, Integer> r = m.get(row);
      if (r == null) {
        continue;
      }
      b.append(String.format("%-20s", row));
      for (ReplyCategory c : cols) {
        b.append(String.format("%6d", r.getOrDefault(c, 0)));
      }
      b.append('\n');
    }
    return b.toString();
  }
}
