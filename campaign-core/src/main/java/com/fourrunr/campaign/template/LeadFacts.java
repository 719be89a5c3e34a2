package com.fourrunr.campaign.template;

import com.fourrunr.campaign.Lead;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lead's fields as phrases that read well inside a sentence, each with a natural form for when
 * the field is missing: nothing is invented ("client acquisition"), no raw size bucket is pasted
 * ("51-200 people"), names keep their capitals and possessives of names ending in s take a bare
 * apostrophe ("Kestrel Analytics'").
 */
final class LeadFacts {
  private static final Pattern RANGE =
      Pattern.compile(
          "(\\d[\\d,.]*)\\s*(?:-|–|to)\\s*(\\d[\\d,.]*)\\s*(?:people|employees|staff)?",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern AT_LEAST =
      Pattern.compile(
          "(\\d[\\d,.]*)\\s*\\+\\s*(?:people|employees|staff)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern NUMBER =
      Pattern.compile("(\\d[\\d,.]*)\\s*(?:people|employees|staff)?", Pattern.CASE_INSENSITIVE);

  /** First words of a description that may be lower-cased inside a sentence. */
  private static final Set<String> COMMON_OPENERS =
      Set.of(
          "A",
          "An",
          "The",
          "We",
          "Our",
          "One",
          "Two",
          "Three",
          "Four",
          "Five",
          "Six",
          "Seven",
          "Eight",
          "Nine",
          "Ten",
          "Family-owned",
          "Independent",
          "Small",
          "Regional",
          "Local",
          "Boutique",
          "Specialist",
          "Award-winning",
          "Leading",
          "Helping",
          "Building",
          "Making",
          "Providing",
          "Designing",
          "Since");

  final String name;
  final String greetName;
  final String company;

  /** The company, or "your team". */
  final String companyRef;

  /** The company's possessive, or "your". */
  final String whose;

  /** The first service as it reads in a sentence, or empty. */
  final String service;

  /** The first service, or what the company offers. */
  final String topic;

  /** The first service at the company, or what the company offers. */
  final String topicAt;

  /** The last of two or more services, or {@link #topic}. */
  final String lastTopic;

  /** " and " the second service, when there are two or more. */
  final String alsoService;

  /** The company's work (on its first service). */
  final String workOn;

  /** The company's first service, or its work. */
  final String whoseTopic;

  /** The industry as it reads in a sentence, or empty. */
  final String industry;

  /** " in " the industry, or empty. */
  final String inIndustry;

  /** The head count as it reads after "of" ("51 to 200 people"), or empty. */
  final String people;

  final String title;

  /** " in " the city, or empty. */
  final String place;

  /** The description's first sentence, ready to follow a colon, or empty. */
  final String description;

  LeadFacts(Lead lead) {
    name = lead.displayName();
    greetName = name.isEmpty() ? "there" : name;
    company = lead.company();
    companyRef = company.isEmpty() ? "your team" : company;
    whose = company.isEmpty() ? "your" : possessive(company);
    List<String> services = lead.topServices();
    service = services.isEmpty() ? "" : casual(services.get(0), company);
    String offers = company.isEmpty() ? "what you offer" : "what " + company + " offers";
    topic = service.isEmpty() ? offers : service;
    topicAt = service.isEmpty() || company.isEmpty() ? topic : service + " at " + company;
    lastTopic = services.size() > 1 ? casual(services.get(services.size() - 1), company) : topic;
    alsoService = services.size() > 1 ? " and " + casual(services.get(1), company) : "";
    workOn = service.isEmpty() ? whose + " work" : whose + " work on " + service;
    whoseTopic = service.isEmpty() ? whose + " work" : whose + " " + service;
    industry = casual(lead.industry(), company);
    inIndustry = industry.isEmpty() ? "" : " in " + industry;
    people = people(lead.companySize());
    title = lead.title();
    place = lead.city().isEmpty() ? "" : " in " + lead.city();
    description = describe(lead.companyDescription(), company);
  }

  /** "Kestrel Analytics'" for a name ending in s, "Ada's" otherwise. */
  static String possessive(String name) {
    return name.endsWith("s") || name.endsWith("S") ? name + "'" : name + "'s";
  }

  /** "a" or "an" before the word, by its first letter. */
  static String article(String word) {
    return !word.isEmpty() && "AEIOUaeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
  }

  /**
   * A company size bucket as prose after "of": "51-200" becomes "51 to 200 people", "1-10" "up to
   * ten people", "5000+" "more than 5,000 people"; a size in another form is left out (empty).
   */
  static String people(String size) {
    String s = size.strip();
    Matcher m = RANGE.matcher(s);
    if (m.matches()) {
      long lo = number(m.group(1));
      long hi = number(m.group(2));
      if (lo < 0 || hi < lo) {
        return "";
      }
      return lo <= 1 && hi <= 10
          ? "up to ten people"
          : format(lo) + " to " + format(hi) + " people";
    }
    m = AT_LEAST.matcher(s);
    if (m.matches()) {
      long n = number(m.group(1));
      return n < 0 ? "" : "more than " + format(n) + " people";
    }
    m = NUMBER.matcher(s);
    if (m.matches()) {
      long n = number(m.group(1));
      return n < 1 ? "" : "around " + format(n) + " people";
    }
    return "";
  }

  private static long number(String digits) {
    String d = digits.replace(",", "").replace(".", "");
    try {
      return d.length() > 12 ? -1 : Long.parseLong(d);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String format(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /**
   * A name as it reads inside a sentence: each capitalised word lower-cased ("Family dentistry"
   * becomes "family dentistry"), words with more capitals kept ("power-management ICs", "SaaS",
   * "IT"), and so are words of the company's name ("Sora Robotics arms").
   */
  static String casual(String s, String company) {
    StringBuilder out = new StringBuilder(s.length());
    List<String> own = company.isEmpty() ? List.of() : List.of(company.split("\\s+"));
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || Character.isWhitespace(s.charAt(i))) {
        String word = s.substring(start, i);
        long capitals = word.chars().filter(Character::isUpperCase).count();
        boolean onlyFirst =
            capitals == 1 && !word.isEmpty() && Character.isUpperCase(word.charAt(0));
        out.append(onlyFirst && !own.contains(word) ? word.toLowerCase(Locale.ROOT) : word);
        if (i < s.length()) {
          out.append(s.charAt(i));
        }
        start = i + 1;
      }
    }
    return out.toString();
  }

  /**
   * The description's first sentence: its first word lower-cased only when it is a common word ("A
   * group of ...", "We build ..."), never a name ("Gamma sells ...").
   */
  private static String describe(String text, String company) {
    String first = firstSentence(text);
    if (first.isEmpty() || (!company.isEmpty() && first.startsWith(company))) {
      return first;
    }
    int space = first.indexOf(' ');
    String word = space < 0 ? first : first.substring(0, space);
    return COMMON_OPENERS.contains(word)
        ? Character.toLowerCase(first.charAt(0)) + first.substring(1)
        : first;
  }

  private static String firstSentence(String text) {
    String t = text.strip();
    int end = t.length();
    for (String stop : List.of(". ", "! ", "? ", "\n")) {
      int i = t.indexOf(stop);
      if (i > 0 && i < end) {
        end = i;
      }
    }
    t = t.substring(0, end).strip();
    while (t.endsWith(".") || t.endsWith("!") || t.endsWith("?")) {
      t = t.substring(0, t.length() - 1).strip();
    }
    if (t.length() > 160) {
      int cut = t.lastIndexOf(' ', 157);
      t = t.substring(0, cut > 40 ? cut : 157) + "...";
    }
    return t;
  }
}
