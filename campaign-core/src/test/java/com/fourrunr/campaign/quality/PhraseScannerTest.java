package com.fourrunr.campaign.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PhraseScannerTest {
  /** The per-phrase regular expression the scanner replaces. */
  private static Pattern regex(String lower) {
    String pre = Character.isLetterOrDigit(lower.charAt(0)) ? "(?<![\\p{L}\\p{N}])" : "";
    String post =
        Character.isLetterOrDigit(lower.charAt(lower.length() - 1)) ? "(?![\\p{L}\\p{N}])" : "";
    return Pattern.compile(pre + Pattern.quote(lower) + post);
  }

  private static void assertSameAsRegexes(List<String> phrases, String text) {
    List<String> lower = phrases.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
    boolean[] found = new PhraseScanner(lower, phrases).find(text);
    for (int i = 0; i < lower.size(); i++) {
      assertThat(found[i])
          .as("%s in %s", lower.get(i), text)
          .isEqualTo(regex(lower.get(i)).matcher(text).find());
    }
  }

  @Test
  void findsWholeWordsOnlyWhereAPhraseStartsOrEndsWithALetter() {
    List<String> phrases = List.of("buy", "buy now", "act now!", "!!", "24/7", "he", "she");
    assertSameAsRegexes(phrases, "the buyer should buy now, she said!! 24/7x");
    assertSameAsRegexes(phrases, "rebuy act now!ok shell");
    assertSameAsRegexes(phrases, "buy");
    assertSameAsRegexes(phrases, "");
    assertSameAsRegexes(phrases, "é buy2 ²buy buy² ⅷbuy 日buy");
  }

  @Test
  void overlappingAndNestedPhrasesAreAllFound() {
    List<String> phrases = List.of("he", "she", "his", "hers", "ushers", "s h");
    assertSameAsRegexes(phrases, "ushers");
    assertSameAsRegexes(phrases, "a she and his hers, us h");
  }

  @Test
  void theDefaultRulesGiveTheRegexesVerdictsOnRandomText() {
    List<String> all = new ArrayList<>(QualityGates.DEFAULT_BANNED_PHRASES);
    all.addAll(QualityGates.DEFAULT_CALL_TO_BUY);
    all.addAll(QualityGates.DEFAULT_URGENCY);
    all.addAll(QualityGates.DEFAULT_BACK_REFERENCES);
    all.addAll(QualityGates.DEFAULT_FACT_PHRASES);
    Random random = new Random(20);
    String joiners = " ,.!?-'x2é\n";
    for (int round = 0; round < 300; round++) {
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < 12; w++) {
        String phrase = all.get(random.nextInt(all.size())).toLowerCase(Locale.ROOT);
        // whole phrases, pieces of them, and phrases glued to letters or digits
        text.append(
            random.nextInt(3) == 0 ? phrase.substring(random.nextInt(phrase.length())) : phrase);
        text.append(joiners.charAt(random.nextInt(joiners.length())));
      }
      assertSameAsRegexes(all, text.toString());
    }
  }
}
