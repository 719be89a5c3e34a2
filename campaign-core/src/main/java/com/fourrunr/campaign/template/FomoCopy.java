package com.fourrunr.campaign.template;

import static com.fourrunr.campaign.template.Wording.cap;

import com.fourrunr.campaign.Lead;

/**
 * The body of the FOMO: it refers back to the earlier notes, gives a real constraint (onboarding
 * places per quarter) and its timing, one reason to start early, a light proposal, and says there
 * will be no more notes. Phrasings are chosen per lead (see {@link Phrasing}).
 */
final class FomoCopy {
  private FomoCopy() {}

  static String write(LeadFacts f, Lead lead, String greeting, String signOff) {
    Phrasing p = new Phrasing(lead, 2);
    String point = p.any("one practical point|one practical detail|one last detail");
    String opener =
        p.one(
            "Closing the loop on my notes about "
                + f.topicAt
                + p.any(".|, with " + "one practical point.|, briefly.|, with one last detail."),
            "One last note after my earlier messages on " + f.topic + ".",
            "A final note, following my earlier "
                + p.any("emails|messages|notes")
                + " to "
                + f.companyRef
                + f.place
                + ".",
            "Building on my last two notes about " + f.lastTopic + ", " + point + ".",
            "Closing the loop on "
                + (f.company.isEmpty() ? f.lastTopic : f.company + " and " + f.lastTopic)
                + ".",
            "A final note on "
                + f.whoseTopic
                + ", since my earlier emails may have arrived at a busy "
                + p.any("time|moment|week")
                + ".",
            "My last note on " + f.topicAt + ", with " + point + ".",
            "To close the loop on " + f.whoseTopic + ", one last thing.",
            "Following my earlier notes to " + f.companyRef + ", " + point + ".",
            "A final note on "
                + f.topicAt
                + ", "
                + p.any("and then I will leave it there|with one piece of timing|to close the loop")
                + ".",
            "Building on my earlier notes to "
                + f.companyRef
                + ", "
                + p.any("one piece of timing|a word on timing|one honest constraint")
                + ".");
    String sector = f.industry.isEmpty() ? "" : f.industry + " ";
    String capacity =
        p.one(
            "We onboard a small number of "
                + (sector.isEmpty() ? "new " : sector)
                + p.any("partners|clients|teams")
                + " each quarter",
            "Our calendar for new " + sector + "clients is planned a quarter ahead",
            "We take on only a few new "
                + sector
                + "teams each quarter so the work stays "
                + p.any("senior-led|hands-on|with senior people"),
            "Capacity is the honest constraint: a handful of onboarding "
                + p.any("slots|places")
                + " per quarter",
            f.people.isEmpty()
                ? "Onboarding a team properly takes us about a month, so places are limited"
                : "A team of "
                    + f.people
                    + " takes us about "
                    + p.any("a month|four weeks|six weeks")
                    + " to onboard properly, so places are limited",
            p.any(
                    "Each quarter we keep room for|Every quarter we make room for|Each quarter we hold places for")
                + " a few teams working on "
                + (f.service.isEmpty() ? "work like yours" : f.lastTopic),
            "We limit how many "
                + sector
                + "teams we start with each quarter, "
                + f.companyRef
                + " included",
            "Our onboarding capacity is "
                + p.any("small by design|deliberately small|kept small on purpose")
                + ", with "
                + (f.people.isEmpty() ? "each team" : "a team of " + f.people)
                + " given senior time "
                + p.any("from the first week|from day one|from the start"),
            "We keep "
                + p.any("a few|a small number of|only a handful of")
                + " onboarding places each quarter for "
                + (sector.isEmpty() ? "new teams" : sector + "teams"),
            "Our "
                + p.any("senior team|onboarding team|team")
                + " can take on only a few new "
                + (sector.isEmpty() ? "partners" : sector + "partners")
                + " at a time"
                + p.any("| each quarter"));
    String timing =
        p.one(
            "the next quarter's " + p.any("slots|places") + " are being allocated now.",
            "the list for the next round is being drawn up over the coming weeks.",
            "those places are planned well ahead, and I would rather "
                + f.companyRef
                + " heard it from me now.",
            "the next round is being planned this month.",
            "we fix the next intake for "
                + (f.industry.isEmpty() ? "new" : f.industry)
                + " teams this month.",
            "the coming weeks decide who starts "
                + p.any("next|next quarter|in the new quarter")
                + ".",
            "the next quarter's calendar is set in the coming weeks, "
                + (f.name.isEmpty()
                    ? "so I wanted you to know"
                    : "so I wanted you to know, " + f.name)
                + ".",
            "the next " + p.any("intake|round|cohort") + " closes by the end of this month.",
            "we settle who starts next quarter "
                + p.any("over the coming weeks|within the month|this month")
                + ".");
    String reason =
        p.one(
            "Work on "
                + f.lastTopic
                + " pays off most when it starts "
                + p.any("early in a quarter|at the start of a quarter|early")
                + ".",
            cap(f.whoseTopic)
                + " is the kind of work we "
                + p.any("like to give|prefer to give|would want to give")
                + " a full quarter.",
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
            "Starting on " + f.topicAt + " early leaves room to adjust before the busy season.",
            "With "
                + f.lastTopic
                + ", the first "
                + p.any("weeks|month|few weeks")
                + " set the pace for the rest of the year.",
            "I would rather "
                + f.companyRef
                + " had a fair chance at a place than heard about it "
                + p.any("too late|after the fact|once it is gone")
                + ".",
            cap(f.topic)
                + " "
                + p.any("rewards|benefits from|repays")
                + " an early start more than most work.");
    String condition =
        p.one(
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
            "If the timing works for " + f.companyRef + " and " + f.topic,
            "If "
                + f.whoseTopic
                + " could use "
                + p.any("a fresh pair of hands|senior help|outside help")
                + " this year",
            "Should "
                + f.companyRef
                + " want to "
                + p.any("start on|look at|move on")
                + " "
                + f.lastTopic
                + " soon");
    String proposal =
        p.one(
            "a 20-minute call this month would tell us both whether it fits.",
            "now is the window where we can give it proper time.",
            "a short call soon would settle whether we are the right fit.",
            "a reply with a good week for you is all it takes.",
            "one line back is enough and I will hold a place.",
            "tell me a week that suits " + f.companyRef + " and I will keep it free.",
            "a quick yes or no is "
                + p.any("all I need|enough|plenty")
                + (f.name.isEmpty() ? "" : ", " + f.name)
                + ".",
            "I can keep one of those places open for " + f.companyRef + " until you decide.",
            "a one-line reply "
                + p.any("is enough|will do")
                + " and I will keep a place for "
                + f.companyRef
                + ".",
            "let me know "
                + p.any("this month|in the next few weeks|before the quarter turns")
                + " and we will plan around you.");
    String close =
        p.one(
            "If the timing is "
                + p.any("wrong|not right|off")
                + ", no more notes from me on "
                + p.any("this|the subject|it")
                + ".",
            "Either way, no more notes from me after this one"
                + p.any(".|; thank you for reading.|; I appreciate your time."),
            "If not, no more notes from me; "
                + p.any(
                    "thank you for reading|thanks for reading this far|I wish "
                        + "you a strong quarter")
                + ".",
            "Should it not fit "
                + f.companyRef
                + " right now, no more notes from me; I hope "
                + f.topic
                + " has a strong year.",
            "If it is not for "
                + f.companyRef
                + ", no more notes from me, and thanks for your time.",
            "If the answer is no, "
                + p.any("that is fine|I understand|no problem at all")
                + ": no more notes from me"
                + (f.name.isEmpty() ? "" : ", " + f.name)
                + ".",
            "If now is not the moment, no more notes from me; "
                + p.any("thank you for reading|thanks for your time|I wish you a good quarter")
                + ".",
            "Whatever you decide, no more notes from me"
                + p.any(" on this| after this one|")
                + "; "
                + p.any("good luck with|all the best with|my best wishes for")
                + " "
                + f.whoseTopic
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
