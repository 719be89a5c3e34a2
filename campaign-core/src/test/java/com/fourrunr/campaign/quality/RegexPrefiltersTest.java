package com.fourrunr.campaign.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** A pre-check that says "no match" must never be wrong: the expression finds nothing then. */
class RegexPrefiltersTest {
  private static final String CHARS =
      "abcdeikls sS AKI 0123456789 {}[]<>%$_-\u2013+,.'\u2019\n\t"
          + "\u00e9\u0130\u0131\u212a\u017f\u00df\u0085\u200b\u2028\u00a0\u0660";

  private static final List<String> PIECES =
      List.of(
          "{{name}}",
          "{first_name}",
          "[Name]",
          "[Company Name]",
          "<FIRST_NAME>",
          "%s",
          "${x}",
          "51-200 people",
          "10,000+ employees",
          "1 \u2013 10 staff",
          "Acme's",
          "Acmes's",
          "James's",
          "Boss'",
          "it's'",
          "Bab Analytics",
          "bab analytics",
          "BAB ANALYTICS",
          "ada okafor",
          "Ada Okafor",
          "\u0131an",
          "k\u0131t",
          "\u212ait",
          "\u017fis",
          "i\u0307an",
          " ",
          ", ",
          ".\n",
          "x",
          "2");

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> noise = Arbitraries.strings().withChars(CHARS).ofMaxLength(12);
    return Arbitraries.oneOf(noise, Arbitraries.of(PIECES))
        .list()
        .ofMaxSize(12)
        .map(parts -> String.join("", parts));
  }

  private static boolean matches(Pattern p, String text) {
    return p.matcher(text).find();
  }

  @Property(tries = 4000)
  void noPlaceholderWhereThePreCheckSeesNone(@ForAll("texts") String text) {
    if (!RegexPrefilters.mayHavePlaceholder(text)) {
      assertThat(matches(QualityGates.PLACEHOLDER, text)).as(text).isFalse();
    }
  }

  @Property(tries = 4000)
  void noBadSubjectCharacterWhereThePreCheckSeesNone(@ForAll("texts") String text) {
    if (!RegexPrefilters.mayHaveBadSubjectCharacter(text)) {
      assertThat(matches(QualityGates.SUBJECT_BAD, text)).as(text).isFalse();
    }
  }

  @Property(tries = 4000)
  void noSizeBucketWhereThePreCheckSeesNone(@ForAll("texts") String text) {
    if (!RegexPrefilters.mayHaveSizeBucket(text)) {
      assertThat(matches(CopyRules.BUCKET, text)).as(text).isFalse();
    }
  }

  @Property(tries = 4000)
  void noBrokenPossessiveWhereThePreCheckSeesNone(@ForAll("texts") String text) {
    if (!RegexPrefilters.mayHaveBrokenPossessive(text)) {
      assertThat(matches(CopyRules.BROKEN_POSSESSIVE, text)).as(text).isFalse();
    }
  }

  @Property(tries = 4000)
  void noLowerCasedNameWhereThePreCheckSeesNone(
      @ForAll("texts") String text, @ForAll("names") String name) {
    if (!RegexPrefilters.mayHaveLowerCasedName(text, name)) {
      Matcher m =
          Pattern.compile(
                  "(?<![\\p{L}\\p{N}])" + Pattern.quote(name) + "(?![\\p{L}\\p{N}])",
                  Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
              .matcher(text);
      while (m.find()) {
        assertThat(Character.isLowerCase(m.group().charAt(0))).as(text).isFalse();
      }
    }
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.of(
        "Bab Analytics",
        "Ada Okafor",
        "Ian",
        "Kit",
        "Sis",
        "Acme",
        "\u00c9mile Zola",
        "Stra\u00dfe");
  }

  @Test
  void thePreChecksSeeWhatTheExpressionsFind() {
    assertThat(RegexPrefilters.mayHavePlaceholder("Hi {first_name}")).isTrue();
    assertThat(RegexPrefilters.mayHavePlaceholder("Hi Ada")).isFalse();
    assertThat(RegexPrefilters.mayHaveBadSubjectCharacter("one\nline")).isTrue();
    assertThat(RegexPrefilters.mayHaveBadSubjectCharacter("A plain subject")).isFalse();
    assertThat(RegexPrefilters.mayHaveSizeBucket("51-200 people")).isTrue();
    assertThat(RegexPrefilters.mayHaveSizeBucket("a few people")).isFalse();
    assertThat(RegexPrefilters.mayHaveSizeBucket("10+ staff")).isTrue();
    assertThat(RegexPrefilters.mayHaveSizeBucket("1,001 \u2013 5,000 employees")).isTrue();
    assertThat(RegexPrefilters.mayHaveSizeBucket("3 weeks, 2 clients and 40% fewer calls"))
        .isFalse();
    assertThat(RegexPrefilters.mayHaveBrokenPossessive("James's team")).isTrue();
    assertThat(RegexPrefilters.mayHaveBrokenPossessive("it's'")).isTrue();
    assertThat(RegexPrefilters.mayHaveBrokenPossessive("Acme's team")).isFalse();
    assertThat(RegexPrefilters.mayHaveLowerCasedName("at bab analytics", "Bab Analytics")).isTrue();
    assertThat(RegexPrefilters.mayHaveLowerCasedName("\u0131an", "Ian")).isTrue();
    assertThat(RegexPrefilters.mayHaveLowerCasedName("at Bab Analytics", "Bab Analytics"))
        .isFalse();
  }
}
