package com.fourrunr.campaign.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The scanner's table gives, on any text, what one regular expression per phrase gives. */
class PhraseScannerPropertyTest {
  private static final List<String> ALL = allDefaultPhrases();
  private static final List<String> LOWER =
      ALL.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
  private static final PhraseScanner SCANNER = new PhraseScanner(LOWER, ALL);
  private static final List<Pattern> REGEXES = LOWER.stream().map(p -> regex(p)).toList();

  private static List<String> allDefaultPhrases() {
    List<String> all = new ArrayList<>(QualityGates.DEFAULT_BANNED_PHRASES);
    all.addAll(QualityGates.DEFAULT_CALL_TO_BUY);
    all.addAll(QualityGates.DEFAULT_URGENCY);
    all.addAll(QualityGates.DEFAULT_BACK_REFERENCES);
    all.addAll(QualityGates.DEFAULT_FACT_PHRASES);
    all.addAll(List.of("caf\u00e9 cr\u00e8me", "na\u00efve", "\u65e5\u672c", "\u00fcber"));
    return all;
  }

  private static Pattern regex(String lower) {
    String pre = Character.isLetterOrDigit(lower.charAt(0)) ? "(?<![\\p{L}\\p{N}])" : "";
    String post =
        Character.isLetterOrDigit(lower.charAt(lower.length() - 1)) ? "(?![\\p{L}\\p{N}])" : "";
    return Pattern.compile(pre + Pattern.quote(lower) + post);
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> phrase = Arbitraries.of(LOWER);
    Arbitrary<String> piece =
        phrase.flatMap(
            p ->
                Arbitraries.integers()
                    .between(0, p.length() - 1)
                    .map(i -> i % 2 == 0 ? p.substring(i) : p.substring(0, i + 1)));
    Arbitrary<String> noise =
        Arbitraries.strings()
            .withChars(" ,.!?-'x2\u00e9\u00e8\u00ef\u00fc\u00b2\u2167\u65e5\n$%10")
            .ofMaxLength(3);
    return Arbitraries.oneOf(phrase, piece, noise)
        .list()
        .ofMaxSize(14)
        .map(l -> String.join("", l));
  }

  @Property(tries = 5000)
  void findsWhatThePerPhraseExpressionsFind(@ForAll("texts") String text) {
    boolean[] found = SCANNER.find(text);
    for (int i = 0; i < LOWER.size(); i++) {
      assertThat(found[i])
          .as("%s in %s", LOWER.get(i), text)
          .isEqualTo(REGEXES.get(i).matcher(text).find());
    }
  }
}
