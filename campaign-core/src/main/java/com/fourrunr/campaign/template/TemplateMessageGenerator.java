package com.fourrunr.campaign.template;

import static com.fourrunr.campaign.template.Wording.cap;
import static com.fourrunr.campaign.template.Wording.choice;

import com.fourrunr.campaign.GeneratedMessage;
import com.fourrunr.campaign.GenerationInfo;
import com.fourrunr.campaign.GenerationRequest;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.MessageGenerator;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.Variant;
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
      new GenerationInfo("template", "template-v4", "", 0, 0, 1);

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
    LeadFacts f = new LeadFacts(lead);
    String greeting;
    String signOff;
    String tone = lead.tone().toLowerCase(Locale.ROOT);
    if (tone.contains("formal")) {
      greeting = "Dear " + (lead.firstName().isEmpty() ? "colleague" : lead.firstName()) + ",";
      signOff = "Kind regards,\n" + signature;
    } else if (tone.contains("warm") || tone.contains("casual") || tone.contains("friendly")) {
      greeting = "Hi " + f.greetName + ",";
      signOff = "All the best,\n" + signature;
    } else {
      greeting = "Hi " + f.greetName + ",";
      signOff = "Best,\n" + signature;
    }
    String subject;
    String body;
    if (type.equals(MessageType.HOOK)) {
      subject =
          switch (choice(lead, 0, 3)) {
            case 0 -> f.company.isEmpty() ? cap(f.topic) : f.company + " and " + f.topic;
            case 1 -> "A question on " + f.whoseTopic;
            default -> "On " + f.topicAt;
          };
      body = fitting(MessageType.HOOK, lead, l -> HookCopy.write(f, l, greeting, signOff));
    } else if (type.equals(MessageType.PROOF)) {
      subject =
          switch (choice(lead, 1, 3)) {
            case 0 ->
                "What we keep seeing"
                    + (f.industry.isEmpty() ? " with teams like yours" : " in " + f.industry);
            case 1 -> cap(f.topic) + ": a pattern worth a look";
            default -> "A pattern" + f.inIndustry + " worth a look";
          };
      body =
          fitting(
              MessageType.PROOF,
              lead,
              l -> ProofCopy.write(f, l, request.previous(), greeting, signOff));
    } else if (type.equals(MessageType.FOMO)) {
      subject =
          switch (choice(lead, 2, 3)) {
            case 0 ->
                "Closing the loop"
                    + (f.name.isEmpty()
                        ? (f.company.isEmpty() ? " on " + f.topic : " with " + f.company)
                        : ", " + f.name);
            case 1 -> "Before our next quarter's slots fill";
            default -> "Timing for " + f.companyRef;
          };
      body = fitting(MessageType.FOMO, lead, l -> FomoCopy.write(f, l, greeting, signOff));
    } else if (type.equals(MessageType.LINKEDIN_NOTE)) {
      subject = "LinkedIn note for " + f.greetName;
      body = linkedInNote(f, lead);
    } else if (type.equals(MessageType.LINKEDIN_FOLLOW_UP)) {
      subject = "LinkedIn follow-up for " + f.greetName;
      body = linkedInFollowUp(f, lead);
    } else {
      // Steps of other types follow each other in longer sequences: each index gets its own
      // wording.
      int k = (request.stepIndex() + 2) % 3;
      subject =
          switch (k) {
            case 0 -> "Following up, " + f.greetName;
            case 1 -> "One more thought for " + f.companyRef;
            default -> "A short note on " + f.topic;
          };
      body =
          greeting
              + "\n\n"
              + (switch (k) {
                case 0 ->
                    "A short follow-up on my earlier notes about "
                        + f.topicAt
                        + ". If it is worth a conversation, a one-line reply is enough.";
                case 1 ->
                    "Since my last note, one more thought on "
                        + f.companyRef
                        + ": the quickest gains in "
                        + f.topic
                        + " tend to come from the first reply a buyer gets, not the tenth."
                        + " Glad to compare notes.";
                default ->
                    "As I mentioned earlier, "
                        + f.topic
                        + " is where we see "
                        + (f.industry.isEmpty() ? "" : f.industry + " ")
                        + "teams win or lose buyers early. If it is on your mind at "
                        + f.companyRef
                        + ", I am happy to talk.";
              })
              + "\n\n"
              + signOff;
    }
    Variant variant = request.variant();
    if (variant != null && !variant.subjectHint().isEmpty()) {
      // An A/B subject variant is used as written, with the lead's name and company filled in.
      subject =
          variant
              .subjectHint()
              .replace("{firstName}", lead.displayName())
              .replace("{company}", f.companyRef);
    }
    return new GeneratedMessage(fit(subject), body, null, INFO);
  }

  /**
   * A connection note: one short paragraph in the first person, no greeting block, no sign-off and
   * no link, meant to stay under 200 characters for ordinary names (the engine cuts to the
   * account's limit anyway).
   */
  private static String linkedInNote(LeadFacts f, Lead lead) {
    return switch (choice(lead, 20, 3)) {
      case 0 ->
          "Hi "
              + f.greetName
              + ", I wrote to you by email about "
              + f.topicAt
              + ". Rather than fill your inbox, glad to connect here.";
      case 1 ->
          "Hi "
              + f.greetName
              + ", since my emails on "
              + f.topic
              + " may have got lost, I thought I would connect"
              + " here. Keen to follow "
              + f.whose
              + " work.";
      default ->
          "Hi "
              + f.greetName
              + ", I mentioned "
              + f.workOn
              + " in an email a while back."
              + " Happy to connect and swap notes here.";
    };
  }

  /** A follow-up after the connection was accepted: a thank-you, one question, an easy way out. */
  private static String linkedInFollowUp(LeadFacts f, Lead lead) {
    String thanks =
        switch (choice(lead, 21, 3)) {
          case 0 -> "Thanks for connecting, " + f.greetName + ".";
          case 1 -> "Good to be connected, " + f.greetName + ".";
          default -> "Thank you for accepting, " + f.greetName + ".";
        };
    String back =
        switch (choice(lead, 22, 3)) {
          case 0 -> "As I mentioned by email, " + f.topicAt + " caught my eye.";
          case 1 -> "Since my emails, I have kept thinking about " + f.workOn + ".";
          default -> "I wrote to you a few weeks ago about " + f.topicAt + ".";
        };
    String question =
        switch (choice(lead, 23, 3)) {
          case 0 -> "How are you thinking about it for the coming months?";
          case 1 -> "Is it something you are working on this year?";
          default ->
              "Would it be useful to compare notes on what we see"
                  + (f.industry.isEmpty() ? " in teams like yours" : " in " + f.industry)
                  + "?";
        };
    String out =
        switch (choice(lead, 24, 3)) {
          case 0 -> "If now is not the time, no worries at all.";
          case 1 -> "Either way, glad to be in touch here.";
          default -> "No pressure at all if the timing is off.";
        };
    return thanks + " " + back + " " + question + " " + out;
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

  /**
   * A name as it reads inside a sentence: each capitalised word lower-cased ("Family dentistry"
   * becomes "family dentistry"), words with more capitals kept ("power-management ICs", "SaaS",
   * "IT").
   */
  static String casual(String s) {
    return LeadFacts.casual(s, "");
  }

  /**
   * Body bounds in words the template aims for: those of the default quality gates ({@code
   * QualityGates.DEFAULT_WORDS}, which this package cannot name without a package cycle).
   */
  private static final java.util.Map<MessageType, int[]> TARGET_WORDS =
      java.util.Map.of(
          MessageType.HOOK, new int[] {50, 120},
          MessageType.PROOF, new int[] {50, 150},
          MessageType.FOMO, new int[] {40, 130});

  /**
   * The body in the lead's own wording, unless that wording, with a long or a short company name or
   * description, falls outside the {@link #TARGET_WORDS}: then the first of a few other wordings
   * (chosen as stably as the first) that fits, else the closest.
   */
  private static String fitting(
      MessageType type, Lead lead, java.util.function.Function<Lead, String> write) {
    int[] bounds = TARGET_WORDS.getOrDefault(type, new int[] {20, 150});
    String best = write.apply(lead);
    int miss = outside(words(best), bounds);
    for (int attempt = 1; attempt <= 8 && miss > 0; attempt++) {
      String other = write.apply(lead.toBuilder().id(lead.id() + "~" + attempt).build());
      int otherMiss = outside(words(other), bounds);
      if (otherMiss < miss) {
        best = other;
        miss = otherMiss;
      }
    }
    return best;
  }

  /** How many words short of the minimum or past the maximum; 0 inside the bounds. */
  private static int outside(int n, int[] bounds) {
    return n < bounds[0] ? bounds[0] - n : Math.max(0, n - bounds[1]);
  }

  /** Words as the length gate counts them: runs of letters and digits (apostrophes join). */
  private static int words(String text) {
    int n = 0;
    boolean in = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        if (!in) {
          n++;
          in = true;
        }
      } else if (c != '\'' && c != '\u2019') {
        in = false;
      }
    }
    return n;
  }
}
