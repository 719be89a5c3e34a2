package com.fourrunr.campaign.template;

import com.fourrunr.campaign.GeneratedMessage;
import com.fourrunr.campaign.GenerationRequest;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.MessageGenerator;
import com.fourrunr.campaign.MessageType;
import java.util.List;
import java.util.Locale;

/**
 * Writes Hook, Proof and FOMO messages from the lead's own fields, with no network and no randomness: the
 * same lead always gets the same text. It is the default generator, the demo's, and a fallback when a
 * model is unavailable.
 *
 * <p>Each step has its own job: the Hook is about the lead's company and asks one light question; the
 * Proof names a pattern seen in the lead's industry and ties back to the Hook; the FOMO gives a real
 * constraint and closes the loop. Types other than those three get a short, polite follow-up. The lead's
 * {@code tone} ({@code formal}, {@code warm}, anything else is neutral) sets the greeting and sign-off.
 * Thread-safe.
 */
public final class TemplateMessageGenerator implements MessageGenerator {
  private static final int MAX_SUBJECT = 60;

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
      subject = pick(lead, 0, f.company + " and " + f.service, "A question on " + f.company + "'s " + f.service);
      body = hook(f, lead);
    } else if (type.equals(MessageType.PROOF)) {
      subject = pick(lead, 1, "What we keep seeing in " + f.industry, f.service + ": a pattern worth a look");
      body = proof(f, lead, request.previous());
    } else if (type.equals(MessageType.FOMO)) {
      subject = pick(lead, 2, "Closing the loop, " + f.name, "Before our " + f.quarter + " slots fill");
      body = fomo(f, lead);
    } else {
      subject = "Following up, " + f.name;
      body = f.greeting + "\n\nA short follow-up on my earlier notes about " + f.service + " at "
          + f.company + ". If it is worth a conversation, a one-line reply is enough.\n\n" + f.signOff;
    }
    return new GeneratedMessage(fit(subject), body, null);
  }

  private String hook(Facts f, Lead lead) {
    String first = firstSentence(f.description);
    // "Acme builds ..." keeps the capital of the company's name; "We build ..." becomes "we build ...".
    boolean startsWithCompany = !lead.company().isEmpty() && first.startsWith(lead.company());
    String about =
        f.description.isEmpty()
            ? ""
            : " What stood out: " + (startsWithCompany ? first : lowerFirst(first)) + ".";
    // The opening starts a paragraph: the fallback "your team" needs its capital there.
    String companyAtStart = lead.company().isEmpty() ? "Your team" : f.company;
    String opening =
        pick(lead, 3,
            companyAtStart + "'s work on " + f.service + " caught my eye." + about,
            "I spent some time with how " + f.company + " approaches " + f.service + "." + about);
    String observation =
        "In " + f.industry + ", most teams treat " + f.service + " as a line item; the few pulling ahead"
            + " treat it as the part of the business their buyers remember.";
    String question =
        "Curious: where do you want " + f.service + " at " + f.company + " to be a year from now?";
    return f.greeting + "\n\n" + opening + "\n\n" + observation + "\n\n" + question + "\n\n" + f.signOff;
  }

  private String proof(Facts f, Lead lead, List<GeneratedMessage> previous) {
    String link =
        previous.isEmpty()
            ? "One observation on " + f.service + "."
            : "A follow-on to my note about " + f.service + ".";
    String pattern =
        pick(lead, 4,
            "Across " + f.industry + " companies of " + f.size + ", the pattern we see most is simple: the"
                + " firms that answer a new enquiry within the hour, with something specific to that"
                + " buyer, win the work far more often than those with the better brochure.",
            "Working with " + f.industry + " teams of " + f.size + ", we keep seeing the same thing: growth"
                + " follows the team that makes its expertise visible before the buyer asks, not the one"
                + " that spends the most on reach.");
    String role =
        f.title.isEmpty()
            ? "It is usually a small change in process, not a new budget line."
            : "For a " + f.title + ", it is usually a small change in process, not a new budget line.";
    return f.greeting + "\n\n" + link + "\n\n" + pattern + "\n\n" + role + " Happy to share what it"
        + " looked like for a firm like " + f.company + " if useful.\n\n" + f.signOff;
  }

  private String fomo(Facts f, Lead lead) {
    String constraint =
        "We onboard a small number of " + f.industry + " partners each quarter so each gets senior"
            + " attention, and the " + f.quarter + " slots are being allocated now.";
    String ask =
        pick(lead, 5,
            "If " + f.service + " at " + f.company + " is on your list for the coming months, a 20-minute"
                + " call this month would tell us both whether it fits.",
            "If improving " + f.service + " is on " + f.company + "'s plan this year, now is the window"
                + " where we can give it proper time.");
    return f.greeting + "\n\n" + constraint + "\n\n" + ask + "\n\nIf the timing is wrong, no more notes"
        + " from me on this.\n\n" + f.signOff;
  }

  /** Chooses one of two phrasings, stably per lead and slot. */
  private static String pick(Lead lead, int slot, String a, String b) {
    int h = (lead.id() + "#" + slot).hashCode();
    return (h & 1) == 0 ? a : b;
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

  private static String lowerFirst(String s) {
    if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && !Character.isUpperCase(s.charAt(1))) {
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

    Facts(Lead lead) {
      name = lead.displayName().isEmpty() ? "there" : lead.displayName();
      company = lead.company().isEmpty() ? "your team" : lead.company();
      service =
          lead.topServices().isEmpty()
              ? (lead.industry().isEmpty() ? "client acquisition" : lead.industry().toLowerCase(Locale.ROOT) + " services")
              : lead.topServices().get(0).toLowerCase(Locale.ROOT);
      industry = lead.industry().isEmpty() ? "your market" : lead.industry().toLowerCase(Locale.ROOT);
      size = lead.companySize().isEmpty() ? "your size" : "around " + lead.companySize() + " people";
      title = lead.title();
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
