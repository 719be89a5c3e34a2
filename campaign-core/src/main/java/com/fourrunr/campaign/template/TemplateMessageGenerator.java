package com.fourrunr.campaign.template;

import com.fourrunr.campaign.GeneratedMessage;
import com.fourrunr.campaign.GenerationInfo;
import com.fourrunr.campaign.GenerationRequest;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.MessageGenerator;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.Variant;
import java.util.List;
import java.util.Locale;

/**
 * Writes Hook, Proof and FOMO messages from the lead's own fields, with no network and no
 * randomness: the same lead always gets the same text. It is the default generator, the demo's, and
 * a fallback when a model is unavailable.
 *
 * <p>Each step has its own job: the Hook is about the lead's company and asks one light question;
 * the Proof names a pattern seen in the lead's industry and ties back to the Hook; the FOMO gives a
 * real constraint and closes the loop. {@link MessageType#LINKEDIN_NOTE} and {@link
 * MessageType#LINKEDIN_FOLLOW_UP} get short, conversational LinkedIn texts without links. Other
 * types get a short, polite follow-up. The lead's {@code tone} ({@code formal}, {@code warm},
 * anything else is neutral) sets the greeting and sign-off. Thread-safe.
 */
public final class TemplateMessageGenerator implements MessageGenerator {
  private static final int MAX_SUBJECT = 60;

  /** What the audit trail records for every message written here. */
  private static final GenerationInfo INFO =
      new GenerationInfo("template", "template-v2", "", 0, 0, 1);

  private final String signature;

  /** A generator that signs as "The 4Runr team". */
  public TemplateMessageGenerator() {
    this("The 4Runr team");
  }

  /** A generator that signs with the given name. */
  public TemplateMessageGenerator(String signature) {
    if (signature == null || signature.isBlank()) {
      throw new IllegalArgumentException("signature: is blank");
    }
    this.signature = signature.strip();
  }

  @Override
  public GeneratedMessage generate(GenerationRequest request) {
    Lead lead = request.lead();
    MessageType type = request.step().type();
    Facts f = new Facts(lead);
    String subject;
    String body;
    if (type.equals(MessageType.HOOK)) {
      subject =
          pick(
              lead,
              0,
              f.company + " and " + f.service,
              "A question on " + f.company + "'s " + f.service,
              "On " + f.service + " at " + f.company);
      body = hook(f, lead);
    } else if (type.equals(MessageType.PROOF)) {
      subject =
          pick(
              lead,
              1,
              "What we keep seeing in " + f.industry,
              f.service + ": a pattern worth a look",
              "A pattern in " + f.industry + " worth a look");
      body = proof(f, lead, request.previous());
    } else if (type.equals(MessageType.FOMO)) {
      subject =
          pick(
              lead,
              2,
              "Closing the loop, " + f.name,
              "Before our " + f.quarter + " slots fill",
              "Timing for " + f.company);
      body = fomo(f, lead);
    } else if (type.equals(MessageType.LINKEDIN_NOTE)) {
      subject = "LinkedIn note for " + f.name;
      body = linkedInNote(f, lead);
    } else if (type.equals(MessageType.LINKEDIN_FOLLOW_UP)) {
      subject = "LinkedIn follow-up for " + f.name;
      body = linkedInFollowUp(f, lead);
    } else {
      // Steps of other types follow each other in longer sequences: each index gets its own
      // wording.
      int k = (request.stepIndex() + 2) % 3;
      subject =
          List.of(
                  "Following up, " + f.name,
                  "One more thought for " + f.company,
                  "A short note on " + f.service)
              .get(k);
      body =
          f.greeting
              + "\n\n"
              + List.of(
                      "A short follow-up on my earlier notes about "
                          + f.service
                          + " at "
                          + f.company
                          + ". If it is"
                          + " worth a conversation, a one-line reply is enough.",
                      "Since my last note, one more thought on "
                          + f.company
                          + ": the quickest gains in "
                          + f.service
                          + " tend to come from the first reply a buyer gets, not the tenth. Glad to compare notes.",
                      "As I mentioned earlier, "
                          + f.service
                          + " is where we see "
                          + f.industry
                          + " teams win or lose"
                          + " buyers early. If it is on your mind at "
                          + f.company
                          + ", I am happy to talk.")
                  .get(k)
              + "\n\n"
              + f.signOff;
    }
    Variant variant = request.variant();
    if (variant != null && !variant.subjectHint().isEmpty()) {
      // An A/B subject variant is used as written, with the lead's name and company filled in.
      subject =
          variant
              .subjectHint()
              .replace("{firstName}", lead.displayName())
              .replace("{company}", f.company);
    }
    return new GeneratedMessage(fit(subject), body, null, INFO);
  }

  private String hook(Facts f, Lead lead) {
    String first = firstSentence(f.description);
    // "Acme builds ..." keeps the capital of the company's name; "We build ..." becomes "we build
    // ...".
    boolean startsWithCompany = !lead.company().isEmpty() && first.startsWith(lead.company());
    String about =
        f.description.isEmpty()
            ? pick(
                lead,
                6,
                " Few teams in "
                    + f.industry
                    + " put it this close to the front of what they offer.",
                " It says a lot about how you want buyers to see " + f.company + ".",
                " It is rarely the first thing a company in "
                    + f.industry
                    + " chooses to be known for.")
            : pick(
                    lead,
                    6,
                    " What stood out: ",
                    " The line that stayed with me: ",
                    " I noticed that ")
                + (startsWithCompany ? first : lowerFirst(first))
                + ".";
    // The opening starts a paragraph: the fallback "your team" needs its capital there.
    String companyAtStart = lead.company().isEmpty() ? "Your team" : f.company;
    String opening =
        pick(
            lead,
            3,
            companyAtStart + "'s work on " + f.service + " caught my eye." + about,
            "I spent some time with how " + f.company + " approaches " + f.service + "." + about,
            companyAtStart
                + " came up while I was reading about "
                + f.service
                + f.place
                + "."
                + about);
    String observation =
        pick(
            lead,
            7,
            "In "
                + f.industry
                + ", most teams treat "
                + f.service
                + " as a line item; the few pulling ahead"
                + " treat it as the part of the business their buyers remember.",
            "The "
                + f.industry
                + " firms growing fastest tend to make "
                + f.service
                + " easy to understand"
                + " long before a buyer picks up the phone.",
            "What interests me is how a team of "
                + f.size
                + " keeps "
                + f.service
                + f.alsoService
                + " personal as it grows.");
    String question =
        pick(
            lead,
            8,
            "Curious: where do you want "
                + f.service
                + " at "
                + f.company
                + " to be a year from now?",
            "Is " + f.service + " the part of " + f.company + " you most want to grow this year?",
            "How are you thinking about "
                + f.lastService
                + " at "
                + f.company
                + " for the next twelve months?");
    return f.greeting
        + "\n\n"
        + opening
        + "\n\n"
        + observation
        + "\n\n"
        + question
        + "\n\n"
        + f.signOff;
  }

  private String proof(Facts f, Lead lead, List<GeneratedMessage> previous) {
    String link =
        previous.isEmpty()
            ? "One observation on " + f.service + "."
            : pick(
                lead,
                13,
                "A follow-on to my note about " + f.service + ".",
                "A short follow-on to my note on " + f.company + "'s " + f.service + ".",
                "This is a follow-on to my note about " + f.service + f.place + ".");
    String pattern =
        pick(
            lead,
            4,
            "Across "
                + f.industry
                + " companies of "
                + f.size
                + ", the firms that answer a new enquiry"
                + " about "
                + f.lastService
                + " within the hour, with something specific to that buyer, win"
                + " the work far more often than those with the better brochure.",
            "Working with "
                + f.industry
                + " teams of "
                + f.size
                + ", we keep seeing growth follow the team"
                + " that shows its "
                + f.lastService
                + " expertise before the buyer asks, not the one that"
                + " spends most on reach.",
            "A pattern we see in "
                + f.industry
                + ": teams that move their first answer to a new enquiry from"
                + " days to the same morning tend to see clearly more qualified conversations about "
                + f.lastService
                + ", on the same budget.",
            "In "
                + f.industry
                + ", the teams winning larger accounts publish one specific, useful piece on "
                + f.lastService
                + " a month and then answer questions about it in person; buyers arrive"
                + " already convinced.",
            "The "
                + f.industry
                + " companies we see pull ahead on "
                + f.lastService
                + " write down their"
                + " three most common buyer questions and answer each one better than anyone"
                + f.place
                + ".");
    String role =
        f.title.isEmpty()
            ? pick(
                lead,
                9,
                "It is usually a small change in process, not a new budget line.",
                "The lever is usually process rather than spend: who answers first, and with what.",
                "Rarely a question of budget; mostly of who owns the first reply.")
            : pick(
                lead,
                9,
                "For a "
                    + f.title
                    + ", it is usually a small change in process, not a new budget line.",
                "For a "
                    + f.title
                    + ", the lever is usually process rather than spend: who answers first,"
                    + " and with what.",
                "For a "
                    + f.title
                    + ", it is rarely a question of budget; mostly of who owns the first reply.");
    String offer =
        pick(
            lead,
            10,
            "Happy to share what it looked like for a firm like " + f.company + " if useful.",
            "If useful, I can sketch what the same change could look like for " + f.company + ".",
            "I can walk through how it might apply to "
                + f.company
                + "'s "
                + f.service
                + ", if that helps.");
    return f.greeting
        + "\n\n"
        + link
        + "\n\n"
        + pattern
        + "\n\n"
        + role
        + " "
        + offer
        + "\n\n"
        + f.signOff;
  }

  private String fomo(Facts f, Lead lead) {
    String opener =
        pick(
            lead,
            11,
            "Closing the loop on my notes about " + f.service + " at " + f.company + ".",
            "One last note after my earlier messages on " + f.service + ".",
            "A final note, following my earlier emails to " + f.company + f.place + ".",
            "Building on my last two notes about " + f.lastService + ", one practical point.",
            "Closing the loop on " + f.company + " and " + f.lastService + ".");
    String capacity =
        pick(
            lead,
            12,
            "We onboard a small number of " + f.industry + " partners each quarter",
            "Our calendar for new " + f.industry + " clients is planned a quarter ahead",
            "We take on only a few new "
                + f.industry
                + " teams each quarter so the work stays senior-led",
            "Capacity is the honest constraint: a handful of onboarding slots per quarter",
            "A team of "
                + f.size
                + " takes us about a month to onboard properly, so places are limited");
    String timing =
        pick(
            lead,
            15,
            "the " + f.quarter + " slots are being allocated now.",
            "the list for the next one is being drawn up over the coming weeks.",
            "those places are planned well ahead.",
            "the next round is being planned this month.",
            "the next quarter's calendar is set in the coming weeks.");
    String condition =
        pick(
            lead,
            5,
            "If " + f.service + " at " + f.company + " is on your list for the coming months",
            "If improving " + f.service + " is on " + f.company + "'s plan this year",
            "Should "
                + f.lastService
                + " be a priority for "
                + f.company
                + " before the year turns",
            "If " + f.company + " wants momentum on " + f.lastService + " next quarter");
    String proposal =
        pick(
            lead,
            16,
            "a 20-minute call this month would tell us both whether it fits.",
            "now is the window where we can give it proper time.",
            "a short call soon would settle whether we are the right fit.",
            "a reply with a good week for you is all it takes.");
    String constraint = capacity + "; " + timing;
    String ask = condition + ", " + proposal;
    String close =
        pick(
            lead,
            14,
            "If the timing is wrong, no more notes from me on this.",
            "Either way, no more notes from me after this one.",
            "If not, no more notes from me; thank you for reading.");
    return f.greeting
        + "\n\n"
        + opener
        + " "
        + constraint
        + "\n\n"
        + ask
        + "\n\n"
        + close
        + "\n\n"
        + f.signOff;
  }

  /**
   * A connection note: one short paragraph in the first person, no greeting block, no sign-off and
   * no link, meant to stay under 200 characters for ordinary names (the engine cuts to the
   * account's limit anyway).
   */
  private String linkedInNote(Facts f, Lead lead) {
    return pick(
        lead,
        20,
        "Hi "
            + f.name
            + ", I wrote to you by email about "
            + f.service
            + " at "
            + f.company
            + ". Rather than fill your inbox, glad to connect here.",
        "Hi "
            + f.name
            + ", since my emails on "
            + f.service
            + " may have got lost, I thought I would connect"
            + " here. Keen to follow "
            + possessive(f.company)
            + " work.",
        "Hi "
            + f.name
            + ", I mentioned "
            + possessive(f.company)
            + " work on "
            + f.service
            + " in an email a while back."
            + " Happy to connect and swap notes here.");
  }

  private static String possessive(String name) {
    return name.endsWith("s") ? name + "'" : name + "'s";
  }

  /** A follow-up after the connection was accepted: a thank-you, one question, an easy way out. */
  private String linkedInFollowUp(Facts f, Lead lead) {
    String thanks =
        pick(
            lead,
            21,
            "Thanks for connecting, " + f.name + ".",
            "Good to be connected, " + f.name + ".",
            "Thank you for accepting, " + f.name + ".");
    String back =
        pick(
            lead,
            22,
            "As I mentioned by email, " + f.service + " at " + f.company + " caught my eye.",
            "Since my emails, I have kept thinking about how "
                + f.company
                + " approaches "
                + f.service
                + ".",
            "I wrote to you a few weeks ago about " + f.service + " at " + f.company + ".");
    String question =
        pick(
            lead,
            23,
            "How are you thinking about it for the coming months?",
            "Is it something you are working on this year?",
            "Would it be useful to compare notes on what we see in " + f.industry + "?");
    String out =
        pick(
            lead,
            24,
            "If now is not the time, no worries at all.",
            "Either way, glad to be in touch here.",
            "No pressure at all if the timing is off.");
    return thanks + " " + back + " " + question + " " + out;
  }

  /** Chooses one of the phrasings, stably per lead and slot. */
  private static String pick(Lead lead, int slot, String... options) {
    // SplitMix64 over the id's hash and the slot: the slots' choices are independent of each other.
    long z = lead.id().hashCode() * 0x9E3779B97F4A7C15L + (slot + 1) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return options[(int) Long.remainderUnsigned(z, options.length)];
  }

  private static String fit(String subject) {
    // (?U): every Unicode space and line break (NEL, LINE SEPARATOR, ...) becomes one space.
    String s = subject.replaceAll("(?U)\\s+", " ").strip();
    if (s.length() <= MAX_SUBJECT) {
      return s;
    }
    int cut = s.lastIndexOf(' ', MAX_SUBJECT - 1);
    return s.substring(0, cut > 20 ? cut : MAX_SUBJECT - 1).strip();
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
    if (t.endsWith(".")) {
      t = t.substring(0, t.length() - 1);
    }
    if (t.length() > 160) {
      int cut = t.lastIndexOf(' ', 157);
      t = t.substring(0, cut > 40 ? cut : 157) + "...";
    }
    return t;
  }

  /**
   * A name as it reads inside a sentence: each capitalised word lower-cased ("Family dentistry"
   * becomes "family dentistry"), words with more capitals kept ("power-management ICs", "SaaS",
   * "IT").
   */
  static String casual(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || Character.isWhitespace(s.charAt(i))) {
        String word = s.substring(start, i);
        long capitals = word.chars().filter(Character::isUpperCase).count();
        boolean onlyFirst =
            capitals == 1 && !word.isEmpty() && Character.isUpperCase(word.charAt(0));
        out.append(onlyFirst ? word.toLowerCase(Locale.ROOT) : word);
        if (i < s.length()) {
          out.append(s.charAt(i));
        }
        start = i + 1;
      }
    }
    return out.toString();
  }

  private static String lowerFirst(String s) {
    if (s.length() > 1
        && Character.isUpperCase(s.charAt(0))
        && !Character.isUpperCase(s.charAt(1))) {
      return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
    return s;
  }

  /** The lead's fields with readable fallbacks. */
  private final class Facts {
    final String name;
    final String company;
    final String service;
    final String industry;
    final String size;
    final String title;
    final String description;
    final String greeting;
    final String signOff;
    final String quarter = "next quarter's";
    final String alsoService;
    final String lastService;
    final String place;

    Facts(Lead lead) {
      name = lead.displayName().isEmpty() ? "there" : lead.displayName();
      company = lead.company().isEmpty() ? "your team" : lead.company();
      service =
          lead.topServices().isEmpty()
              ? (lead.industry().isEmpty()
                  ? "client acquisition"
                  : casual(lead.industry()) + " services")
              : casual(lead.topServices().get(0));
      industry = lead.industry().isEmpty() ? "your market" : casual(lead.industry());
      size =
          lead.companySize().isEmpty() ? "your size" : "around " + lead.companySize() + " people";
      title = lead.title();
      List<String> services = lead.topServices();
      alsoService = services.size() > 1 ? " and " + casual(services.get(1)) : "";
      lastService = services.size() > 1 ? casual(services.get(services.size() - 1)) : service;
      place = lead.city().isEmpty() ? "" : " in " + lead.city();
      description = lead.companyDescription();
      String tone = lead.tone().toLowerCase(Locale.ROOT);
      if (tone.contains("formal")) {
        greeting = "Dear " + (lead.firstName().isEmpty() ? "colleague" : lead.firstName()) + ",";
        signOff = "Kind regards,\n" + signature;
      } else if (tone.contains("warm") || tone.contains("casual") || tone.contains("friendly")) {
        greeting = "Hi " + name + ",";
        signOff = "All the best,\n" + signature;
      } else {
        greeting = "Hi " + name + ",";
        signOff = "Best,\n" + signature;
      }
    }
  }
}
