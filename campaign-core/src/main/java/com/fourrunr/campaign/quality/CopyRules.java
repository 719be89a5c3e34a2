package com.fourrunr.campaign.quality;

import com.fourrunr.campaign.Lead;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules that read a message against the lead's own data, whatever wrote it: no raw size bucket, no
 * broken possessive, the lead's names keep their capitals, and no service or industry the lead's
 * data does not name.
 */
final class CopyRules {
  /** Service and industry phrases a message may only use when the lead's data names them. */
  static final List<String> DEFAULT_FACT_PHRASES =
      List.of(
          "client acquisition",
          "customer acquisition",
          "lead generation",
          "demand generation",
          "digital marketing",
          "software",
          "saas",
          "healthcare",
          "logistics",
          "retail",
          "e-commerce",
          "fintech",
          "insurance",
          "construction",
          "manufacturing",
          "hospitality",
          "real estate",
          "legal services",
          "agriculture");

  static final Pattern BUCKET =
      Pattern.compile(
          "\\b\\d[\\d,]*\\s*[-–]\\s*\\d[\\d,]*\\s*(?:people|employees|staff|persons)\\b"
              + "|\\b\\d[\\d,]*\\+\\s*(?:people|employees|staff|persons)\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern BUCKET_VALUE = Pattern.compile("\\d[\\d,]*\\s*(?:[-–]\\s*\\d|\\+)");
  static final Pattern BROKEN_POSSESSIVE =
      Pattern.compile("\\b\\p{Lu}[\\p{L}\\p{N}&.-]*s['’]s\\b|\\b\\p{L}+['’]s['’]");

  private CopyRules() {}

  static Verdict sizeBuckets(Lead lead, String text) {
    Set<String> hits = new LinkedHashSet<>();
    if (RegexPrefilters.mayHaveSizeBucket(text)) {
      Matcher m = BUCKET.matcher(text);
      while (m.find()) {
        hits.add(m.group());
      }
    }
    String size = lead.companySize().strip();
    if (BUCKET_VALUE.matcher(size).find() && text.contains(size)) {
      hits.add(size);
    }
    return new Verdict(
        "brand.size-buckets",
        hits.isEmpty(),
        hits.isEmpty() ? 1 : 0,
        hits.isEmpty()
            ? "no raw company-size bucket"
            : "raw size bucket in prose: " + String.join(", ", hits));
  }

  static Verdict possessives(String text) {
    Set<String> hits = new LinkedHashSet<>();
    if (RegexPrefilters.mayHaveBrokenPossessive(text)) {
      Matcher m = BROKEN_POSSESSIVE.matcher(text);
      while (m.find()) {
        hits.add(m.group());
      }
    }
    return new Verdict(
        "brand.possessives",
        hits.isEmpty(),
        hits.isEmpty() ? 1 : 0,
        hits.isEmpty()
            ? "possessives well formed"
            : "a name ending in s takes a bare apostrophe: " + String.join(", ", hits));
  }

  /**
   * The company's name, and the person's full name, never appear with a lower-cased first letter,
   * unless the lead's own data writes them that way.
   */
  static Verdict properNames(Lead lead, String text) {
    String data =
        String.join(
            "\n",
            lead.companyDescription(),
            String.join("\n", lead.topServices()),
            lead.industry());
    List<String> hits = new ArrayList<>();
    List<String> names = new ArrayList<>();
    names.add(lead.company().strip());
    if (!lead.firstName().isBlank() && !lead.lastName().isBlank()) {
      names.add(lead.firstName().strip() + " " + lead.lastName().strip());
    }
    for (String name : names) {
      if (name.length() < 2
          || !Character.isUpperCase(name.charAt(0))
          || !RegexPrefilters.mayHaveLowerCasedName(text, name)) {
        continue;
      }
      Matcher m =
          Pattern.compile(
                  "(?<![\\p{L}\\p{N}])" + Pattern.quote(name) + "(?![\\p{L}\\p{N}])",
                  Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
              .matcher(text);
      while (m.find()) {
        String found = m.group();
        if (Character.isLowerCase(found.charAt(0)) && !data.contains(found)) {
          hits.add(found);
          break;
        }
      }
    }
    for (String first : List.of(lead.firstName().strip())) {
      if (first.length() >= 2 && Character.isUpperCase(first.charAt(0))) {
        String lower = first.toLowerCase(Locale.ROOT);
        for (String greeting : List.of("Hi ", "Hello ", "Dear ", "Thanks, ")) {
          if (text.contains(greeting + lower + ",")) {
            hits.add(greeting + lower);
          }
        }
      }
    }
    return new Verdict(
        "brand.proper-names",
        hits.isEmpty(),
        hits.isEmpty() ? 1 : 0,
        hits.isEmpty()
            ? "the lead's names keep their capitals"
            : "lower-cased name: " + String.join(", ", hits));
  }

  /**
   * Every service or industry phrase of {@code phrases} that the text uses must appear in the
   * lead's data (company, description, services, industry, title).
   */
  static Verdict leadFacts(Lead lead, String text, PhraseScanner phrases, List<String> lower) {
    String t = text.toLowerCase(Locale.ROOT);
    boolean[] inText = phrases.find(t);
    List<String> hits = new ArrayList<>();
    boolean any = false;
    for (boolean f : inText) {
      any |= f;
    }
    if (any) {
      String data =
          String.join(
                  "\n",
                  lead.company(),
                  lead.companyDescription(),
                  String.join("\n", lead.topServices()),
                  lead.industry(),
                  lead.title())
              .toLowerCase(Locale.ROOT);
      boolean[] inData = phrases.find(data);
      for (int i = 0; i < inText.length; i++) {
        if (inText[i] && !inData[i]) {
          hits.add(lower.get(i));
        }
      }
    }
    return new Verdict(
        "brand.lead-facts",
        hits.isEmpty(),
        hits.isEmpty() ? 1 : 1.0 / (2 + hits.size()),
        hits.isEmpty()
            ? "every service or industry named is in the lead's data"
            : "not in the lead's data: " + String.join(", ", hits));
  }
}
