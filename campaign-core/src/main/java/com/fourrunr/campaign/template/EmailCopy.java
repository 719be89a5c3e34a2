package com.fourrunr.campaign.template;

import static com.fourrunr.campaign.template.Wording.cap;
import static com.fourrunr.campaign.template.Wording.pick;

import com.fourrunr.campaign.GeneratedMessage;
import com.fourrunr.campaign.Lead;
import java.util.List;

/**
 * The bodies of the Hook, the Proof and the FOMO. Every sentence has several phrasings, chosen per
 * lead (see {@link Wording#pick}), and each carries something of the lead's own (its company, a
 * service, its industry, size, city or description), so a large list does not repeat itself. A
 * phrasing never needs a field the lead lacks: it is written around the gap.
 */
final class EmailCopy {
  private EmailCopy() {}

  static String hook(LeadFacts f, Lead lead, String greeting, String signOff) {
    String opening =
        pick(
            lead,
            3,
            cap(f.workOn) + " caught my eye.",
            "I spent some time reading about " + f.topicAt + f.place + ".",
            cap(f.companyRef) + " came up while I was looking at " + f.topic + f.place + ".",
            "I have been following " + f.workOn + " for a while.",
            "Reading about " + f.topicAt + " made me want to write.");
    String about;
    if (f.description.isEmpty()) {
      about =
          pick(
              lead,
              6,
              " It says a lot about how you want buyers to see " + f.companyRef + ".",
              " Few teams" + f.inIndustry + " put it this close to the front of what they offer.",
              " It is rarely the first thing a company"
                  + f.inIndustry
                  + " chooses to be known for.");
    } else {
      String end = f.description.endsWith("...") ? "" : ".";
      about =
          pick(
                  lead,
                  6,
                  " What stood out: ",
                  " The line that stayed with me: ",
                  " One detail I kept coming back to: ",
                  " In your own words: ")
              + f.description
              + end;
    }
    String firms = f.industry.isEmpty() ? "firms" : f.industry + " firms";
    String observation =
        pick(
            lead,
            7,
            (f.industry.isEmpty() ? "Most teams" : "In " + f.industry + ", most teams")
                + " treat "
                + f.topic
                + " as a line item; the few pulling ahead treat it as the part of the business"
                + " their buyers remember.",
            "The "
                + firms
                + " growing fastest tend to make "
                + f.topic
                + " easy to understand long before a buyer picks up the phone.",
            "What interests me is how "
                + (f.people.isEmpty() ? f.companyRef : "a team of " + f.people)
                + " keeps "
                + f.topic
                + f.alsoService
                + " personal as it grows.",
            "With "
                + f.topic
                + f.alsoService
                + ", the first conversation often decides more than the tenth"
                + (f.industry.isEmpty() ? "" : ", especially in " + f.industry)
                + ".",
            "Buyers"
                + f.inIndustry
                + " rarely compare "
                + f.lastTopic
                + " on price alone; they compare how clearly "
                + f.companyRef
                + " explains it.");
    String question =
        pick(
            lead,
            8,
            "Curious: where do you want " + f.topicAt + " to be a year from now?",
            f.service.isEmpty()
                ? "Which part of " + f.companyRef + " do you most want to grow this year?"
                : "Is "
                    + f.service
                    + " the part of "
                    + f.companyRef
                    + " you most want to grow"
                    + " this year?",
            "How are you thinking about "
                + f.lastTopic
                + (f.company.isEmpty() || f.service.isEmpty() ? "" : " at " + f.company)
                + " for the next twelve months?",
            "What would you change first about " + f.topicAt + ", given a free month?",
            "Which part of "
                + f.topicAt
                + " gets most of your attention right now"
                + (f.name.isEmpty() ? "" : ", " + f.name)
                + "?");
    return greeting
        + "\n\n"
        + cap(opening.strip())
        + about
        + "\n\n"
        + observation
        + "\n\n"
        + question
        + "\n\n"
        + signOff;
  }

  static String proof(
      LeadFacts f, Lead lead, List<GeneratedMessage> previous, String greeting, String signOff) {
    String link =
        previous.isEmpty()
            ? "One observation on " + f.topic + "."
            : pick(
                lead,
                13,
                "A follow-on to my note about " + f.topic + ".",
                "A short follow-on to my note on " + f.whoseTopic + ".",
                "This is a follow-on to my note about " + f.topic + f.place + ".",
                "Building on my earlier note about " + f.topicAt + ", one pattern worth sharing.",
                "Since my note on " + f.topicAt + ", one pattern keeps coming to mind.",
                "My note on " + f.topic + " left out one pattern worth adding.",
                "After my note about " + f.workOn + ", a second thought.",
                "One more thing since my note on " + f.topicAt + ".");
    String yours = f.company.isEmpty() ? "yours" : f.company;
    String companies = f.industry.isEmpty() ? "companies" : f.industry + " companies";
    String teams = f.industry.isEmpty() ? "teams" : f.industry + " teams";
    String size = f.people.isEmpty() ? " like yours" : " of " + f.people;
    String context =
        pick(
            lead,
            4,
            "Across " + companies + size + ",",
            "Working with " + teams + size + ",",
            "In what we see"
                + (f.industry.isEmpty() ? " across teams like yours" : f.inIndustry)
                + ",",
            "Among the " + (f.industry.isEmpty() ? "" : f.industry + " ") + "firms we work with,",
            "Looking at " + teams + size + f.place + ",",
            "In our work with firms like " + yours + ",",
            "Talking to " + teams + size + " this year,",
            "From the " + companies + " we have worked with" + f.place + ",");
    String finding =
        pick(
            lead,
            17,
            "the ones that answer a new enquiry about "
                + f.lastTopic
                + " within the hour win the work far more often than those with the better"
                + " brochure.",
            "growth tends to follow the team that shows its expertise"
                + (f.service.isEmpty() ? "" : " in " + f.lastTopic)
                + " before the buyer asks, not the one that spends most on reach.",
            "teams that move their first answer on "
                + f.lastTopic
                + " from days to the same morning see clearly more qualified conversations, on"
                + " the same budget.",
            "the teams winning larger accounts publish one useful piece on "
                + f.lastTopic
                + " a month and answer questions about it in person.",
            "the ones pulling ahead on "
                + f.lastTopic
                + " write down their three most common buyer questions and answer each one"
                + " better than anyone else.",
            "one team that rewrote how it explains "
                + f.lastTopic
                + " on the first call doubled the share of enquiries that became proposals.");
    String bridge =
        pick(
            lead,
            18,
            "It maps closely onto how " + f.companyRef + " presents " + f.topic + ".",
            f.company.isEmpty()
                ? "The same move would suit " + f.topic + "."
                : "For " + f.company + ", the same move would start with " + f.topic + ".",
            cap(f.topicAt) + " looks like a natural place for it.",
            "I suspect " + f.whoseTopic + " is closer to this than most.",
            "Your buyers for " + f.topic + " are the kind who notice it first.",
            "Nothing about it is specific to one market; " + f.topic + " fits it well.",
            "With " + f.topicAt + ", the first step would be small.",
            cap(f.companyRef) + " could try it on " + f.lastTopic + " within a month.");
    String pattern = context + " " + finding + " " + bridge;
    String lever =
        pick(
            lead,
            9,
            "it is usually a small change in process, not a new budget line.",
            "the lever is usually process rather than spend: who answers first, and with what.",
            "it is rarely a question of budget; mostly of who owns the first reply.",
            "the change costs little more than a clear owner and a weekly review.",
            "the first step is deciding who owns that first reply, and by when.",
            "the work is mostly deciding what a buyer hears first, and from whom.",
            "budget matters less than a named owner for every new enquiry.",
            "this tends to sit with one person and a simple weekly habit.");
    String role =
        f.title.isEmpty()
            ? cap(lever)
            : "For " + LeadFacts.article(f.title) + " " + f.title + ", " + lever;
    String offer =
        pick(
            lead,
            10,
            "Happy to share what it looked like for a firm like " + yours + " if useful.",
            "If useful, I can sketch what the same change could look like for "
                + f.companyRef
                + ".",
            "I can walk through how it might apply to " + f.whoseTopic + ", if that helps.",
            "If it helps, I can send the short version of what changed, with notes for "
                + f.companyRef
                + ".",
            "Glad to share the details, applied to " + f.whoseTopic + ", whenever it suits.",
            "Say the word and I will put the example in terms of " + f.topic + ".",
            "A reply is enough if you want the example written up for " + f.companyRef + ".");
    return greeting + "\n\n" + cap(link) + "\n\n" + pattern + "\n\n" + role + " " + offer + "\n\n"
        + signOff;
  }

  static String fomo(LeadFacts f, Lead lead, String greeting, String signOff) {
    String opener =
        pick(
            lead,
            11,
            "Closing the loop on my notes about " + f.topicAt + ".",
            "One last note after my earlier messages on " + f.topic + ".",
            "A final note, following my earlier emails to " + f.companyRef + f.place + ".",
            "Building on my last two notes about " + f.lastTopic + ", one practical point.",
            "Closing the loop on "
                + (f.company.isEmpty() ? f.lastTopic : f.company + " and " + f.lastTopic)
                + ".",
            "A final note on "
                + f.whoseTopic
                + ", since my earlier emails may have arrived at a busy time.",
            "My last note on " + f.topicAt + ", with one practical point.",
            "To close the loop on " + f.whoseTopic + ", one last thing.",
            "Following my earlier notes to " + f.companyRef + ", one practical detail.");
    String sector = f.industry.isEmpty() ? "" : f.industry + " ";
    String capacity =
        pick(
            lead,
            12,
            "We onboard a small number of "
                + (sector.isEmpty() ? "new " : sector)
                + "partners each quarter",
            "Our calendar for new " + sector + "clients is planned a quarter ahead",
            "We take on only a few new "
                + sector
                + "teams each quarter so the work stays senior-led",
            "Capacity is the honest constraint: a handful of onboarding slots per quarter",
            f.people.isEmpty()
                ? "Onboarding a team properly takes us about a month, so places are limited"
                : "A team of "
                    + f.people
                    + " takes us about a month to onboard properly, so places"
                    + " are limited",
            "Each quarter we keep room for a few teams working on "
                + (f.service.isEmpty() ? "work like yours" : f.lastTopic),
            "We limit how many "
                + (f.industry.isEmpty() ? "" : f.industry + " ")
                + "teams we start with each quarter, "
                + f.companyRef
                + " included",
            "Our onboarding capacity is small by design, with "
                + (f.people.isEmpty() ? "each team" : "a team of " + f.people)
                + " given senior time from the first week");
    String timing =
        pick(
            lead,
            15,
            "the next quarter's slots are being allocated now.",
            "the list for the next round is being drawn up over the coming weeks.",
            "those places are planned well ahead, and I would rather "
                + f.companyRef
                + " heard it from me now.",
            "the next round is being planned this month.",
            "we fix the next intake for "
                + (f.industry.isEmpty() ? "new" : f.industry)
                + " teams this month.",
            "the coming weeks decide who starts next.",
            "the next quarter's calendar is set in the coming weeks, "
                + (f.name.isEmpty()
                    ? "so I wanted you to know"
                    : "so I wanted you to know, " + f.name)
                + ".");
    String reason =
        pick(
            lead,
            19,
            "Work on " + f.lastTopic + " pays off most when it starts early in a quarter.",
            cap(f.whoseTopic) + " is the kind of work we like to give a full quarter.",
            "The teams that start on " + f.topic + " now see the results before the year is out.",
            "From what I have read about "
                + f.companyRef
                + ", "
                + f.topic
                + " would be the place to start.",
            "A first month on " + f.lastTopic + " is mostly listening, which is why we plan ahead.",
            "For "
                + f.companyRef
                + ", "
                + f.lastTopic
                + " would get our full attention from day one.",
            "Starting on " + f.topicAt + " early leaves room to adjust before the busy season.");
    String condition =
        pick(
            lead,
            5,
            "If " + f.topicAt + " is on your list for the coming months",
            "If improving " + f.topic + " is on " + f.whose + " plan this year",
            "Should "
                + f.lastTopic
                + " be a priority for "
                + f.companyRef
                + " before the year turns",
            "If " + f.companyRef + " wants momentum on " + f.lastTopic + " next quarter",
            "If there is appetite at " + f.companyRef + " to move on " + f.topic + " soon",
            "If " + f.lastTopic + " is where " + f.companyRef + " wants to grow next",
            "Should " + f.topicAt + " need outside help this year",
            "If the timing works for " + f.companyRef + " and " + f.topic);
    String proposal =
        pick(
            lead,
            16,
            "a 20-minute call this month would tell us both whether it fits.",
            "now is the window where we can give it proper time.",
            "a short call soon would settle whether we are the right fit.",
            "a reply with a good week for you is all it takes.",
            "one line back is enough and I will hold a place.",
            "tell me a week that suits " + f.companyRef + " and I will keep it free.",
            "a quick yes or no is all I need" + (f.name.isEmpty() ? "" : ", " + f.name) + ".",
            "I can keep one of those places open for " + f.companyRef + " until you decide.");
    String close =
        pick(
            lead,
            14,
            "If the timing is wrong, no more notes from me on this.",
            "Either way, no more notes from me after this one.",
            "If not, no more notes from me; thank you for reading.",
            "Should it not fit "
                + f.companyRef
                + " right now, no more notes from me; I hope "
                + f.topic
                + " has a strong year.",
            "If it is not for "
                + f.companyRef
                + ", no more notes from me, and thanks for your time.",
            "If the answer is no, that is fine: no more notes from me"
                + (f.name.isEmpty() ? "" : ", " + f.name)
                + ".");
    return greeting
        + "\n\n"
        + cap(opener)
        + " "
        + capacity
        + "; "
        + timing
        + " "
        + reason
        + "\n\n"
        + cap(condition)
        + ", "
        + proposal
        + "\n\n"
        + close
        + "\n\n"
        + signOff;
  }
}
