package com.fourrunr.campaign.reply;

import com.fourrunr.campaign.ReplyCategory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a person's own text says, by the phrase table {@code intent-rules.tsv} (English, German,
 * French, Spanish, Dutch, Italian, Portuguese, Polish): each rule that matches adds its weight to
 * its category; a rule for interest does not count when a negation comes before it in the same
 * clause ("not interested in a call", "no need for a demo", "kein Interesse an einer Demo").
 * Thread-safe; the table is read once.
 */
final class IntentRules {
  /** A refusal for now: counted as NOT_INTERESTED, and a follow-up date is looked for. */
  static final String TIMING = "TIMING";

  private static final Pattern NEGATION =
      Pattern.compile(
          "(?<!\\p{L})(not|no|n't|never|nobody|kein\\p{L}*|nicht|nie|pas|ne|jamais|nunca|ni|niet|geen"
              + "|non|não|nao|nem|bez)(?!\\p{L})|n't(?!\\p{L})",
          Pattern.UNICODE_CASE);

  /** Where a clause starts: punctuation, or a "but" that turns the sentence. */
  private static final Pattern CLAUSE_BREAK =
      Pattern.compile(
          "[.,;:!?\\n()]|(?<!\\p{L})(but|aber|mais|pero|maar|ma|mas|ale|however|jedoch|sondern)(?!\\p{L})",
          Pattern.UNICODE_CASE);

  /** One rule of the table. */
  record Rule(String category, int weight, Pattern pattern, String source) {}

  /** One rule that matched, and the text it matched. */
  record Hit(ReplyCategory category, boolean timing, int weight, String text) {}

  private static final List<Rule> RULES = load();

  /**
   * Only this many characters of a person's own text are read: what they mean comes first, and the
   * time per mail stays bounded whatever the rest holds.
   */
  static final int MAX_READ_CHARS = 4_000;

  private IntentRules() {}

  /** The rules that match {@code own} (lower case, normalised), strongest first per category. */
  static List<Hit> hits(String own) {
    String text = RuleBasedReplyClassifier.cut(own, MAX_READ_CHARS).toLowerCase(Locale.ROOT);
    List<Hit> hits = new ArrayList<>();
    for (Rule rule : RULES) {
      Matcher m = rule.pattern().matcher(text);
      while (m.find()) {
        boolean interest = rule.category().equals(ReplyCategory.INTERESTED.name());
        if (interest && negated(text, m.start())) {
          continue;
        }
        boolean timing = rule.category().equals(TIMING);
        hits.add(
            new Hit(
                timing ? ReplyCategory.NOT_INTERESTED : ReplyCategory.valueOf(rule.category()),
                timing,
                rule.weight(),
                m.group().strip()));
        break;
      }
    }
    return hits;
  }

  /** The summed weight per category. */
  static Map<ReplyCategory, Integer> scores(List<Hit> hits) {
    Map<ReplyCategory, Integer> scores = new EnumMap<>(ReplyCategory.class);
    for (Hit h : hits) {
      scores.merge(h.category(), h.weight(), Integer::sum);
    }
    return scores;
  }

  /** Whether a negation comes before {@code at} in the same clause, within a few words. */
  static boolean negated(String text, int at) {
    int from = Math.max(0, at - 40);
    String before = text.substring(from, at);
    Matcher b = CLAUSE_BREAK.matcher(before);
    int clause = 0;
    while (b.find()) {
      clause = b.end();
    }
    return NEGATION.matcher(before.substring(clause)).find();
  }

  private static List<Rule> load() {
    String name = "intent-rules.tsv";
    List<Rule> rules = new ArrayList<>();
    try (InputStream in =
            Objects.requireNonNull(
                IntentRules.class.getResourceAsStream(name), "resource " + name + " is missing");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\t", 3);
        if (parts.length != 3) {
          throw new IllegalStateException(
              name + " line " + n + ": expected 3 tab-separated fields");
        }
        if (!parts[0].equals(TIMING)) {
          ReplyCategory.valueOf(parts[0]);
        }
        try {
          rules.add(
              new Rule(
                  parts[0],
                  Integer.parseInt(parts[1]),
                  Pattern.compile(
                      "(?<![\\p{L}\\d])(?:" + parts[2] + ")",
                      Pattern.UNICODE_CASE | Pattern.MULTILINE),
                  parts[2]));
        } catch (PatternSyntaxException | NumberFormatException e) {
          throw new IllegalStateException(name + " line " + n + ": " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(rules);
  }
}
