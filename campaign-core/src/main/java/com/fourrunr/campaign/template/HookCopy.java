package com.fourrunr.campaign.template;

import static com.fourrunr.campaign.template.Wording.cap;

import com.fourrunr.campaign.Lead;

/**
 * The body of the Hook: an opening about the lead's company, its own description, one observation
 * about its market and one light question. Every sentence has many phrasings and small variations
 * inside them (see {@link Phrasing}), chosen per lead, and each carries something of the lead's
 * own, so a large list does not repeat itself. A phrasing never needs a field the lead lacks.
 */
final class HookCopy {
  private HookCopy() {}

  static String write(LeadFacts f, Lead lead, String greeting, String signOff) {
    Phrasing p = new Phrasing(lead, 0);
    String lately = p.any(" this week| recently| the other day| this month");
    String opening =
        p.one(
            cap(f.workOn)
                + " "
                + p.any("caught my eye|stood out to me|held my attention")
                + lately
                + ".",
            "I spent "
                + p.any("some time|an hour|part of this week|a while")
                + " reading about "
                + f.topicAt
                + f.place
                + ".",
            cap(f.companyRef)
                + " came up while I was "
                + p.any("looking at|reading about|researching")
                + " "
                + f.topic
                + f.place
                + ".",
            "I have been "
                + p.any("following|reading about|keeping an eye on")
                + " "
                + f.workOn
                + " "
                + p.any("for a while|for some months|since earlier this year")
                + ".",
            "Reading about "
                + f.topicAt
                + " "
                + p.any("made me want to write|prompted this note|is the reason for this note")
                + ".",
            cap(f.topicAt)
                + " "
                + p.any("came up in my reading|crossed my desk|came to my attention")
                + lately
                + ".",
            "I came across "
                + f.workOn
                + f.place
                + " "
                + p.any("and kept reading|and wanted to write|and it stayed with me")
                + ".",
            "It was " + f.workOn + " that " + p.any("prompted this note|made me write") + ".",
            "A short note about "
                + f.topicAt
                + ", which "
                + p.any("caught my eye|stood out to me|I have been reading about")
                + lately
                + ".",
            "I wanted to write about "
                + f.workOn
                + p.any(
                    ", which I have been reading about|, which stood out to me|, after some reading")
                + ".",
            cap(f.whoseTopic) + " is why I am writing" + lately + ".");
    String about;
    if (f.description.isEmpty()) {
      about =
          p.one(
              " It says a lot about how you want buyers to see " + f.companyRef + ".",
              " Few teams" + f.inIndustry + " put it this close to the front of what they offer.",
              " It is rarely the first thing a company"
                  + f.inIndustry
                  + " chooses to be known for.",
              " Not many teams" + f.inIndustry + " lead with it so plainly.",
              " It tells a buyer quickly what " + f.companyRef + " stands for.",
              " It is a clear choice of what to be known for"
                  + p.any("|, and a rare one| among peers")
                  + ".");
    } else {
      String end = f.description.endsWith("...") ? "" : ".";
      about =
          p.one(
                  " What stood out: ",
                  " The line that stayed with me: ",
                  " One detail I kept coming back to: ",
                  " In your own words: ",
                  " The detail I noticed first: ",
                  " As you put it: ",
                  " Your own summary: ",
                  " What I noted down: ",
                  " The part I remembered: ",
                  " From your own description: ")
              + f.description
              + end;
    }
    String firms = f.industry.isEmpty() ? "firms" : f.industry + " firms";
    String ahead = p.any("pulling ahead|doing well|growing fastest");
    String observation =
        p.one(
            (f.industry.isEmpty() ? "Most teams" : "In " + f.industry + ", most teams")
                + " treat "
                + f.topic
                + " as "
                + p.any("a line item|a cost to manage|a side task")
                + "; the few "
                + ahead
                + " treat it as the part of the business their buyers remember.",
            "The "
                + firms
                + " "
                + ahead
                + " tend to make "
                + f.topic
                + " easy to understand long before a buyer "
                + p.any("picks up the phone|asks for a meeting|sends a first message")
                + ".",
            "What interests me is how "
                + (f.people.isEmpty() ? f.companyRef : "a team of " + f.people)
                + " keeps "
                + f.topic
                + f.alsoService
                + " "
                + p.any("personal|close to its buyers|consistent")
                + " as it grows.",
            "With "
                + f.topic
                + f.alsoService
                + ", the first conversation often decides more than the "
                + p.any("tenth|fifth|next ten")
                + (f.industry.isEmpty() ? "" : ", especially in " + f.industry)
                + ".",
            "Buyers"
                + f.inIndustry
                + " rarely compare "
                + f.lastTopic
                + " on "
                + p.any("price|cost|fees")
                + " alone; they compare how clearly "
                + f.companyRef
                + " explains it.",
            "In my experience, "
                + f.topic
                + " is won "
                + p.any("in the first reply|in the first week|early")
                + ", long before "
                + p.any("a proposal is written|the fees come up|a contract is discussed")
                + ".",
            "The teams that do well with "
                + f.lastTopic
                + p.any(" tend to| usually| often")
                + " explain it in the buyer's words, not their own.",
            (f.people.isEmpty() ? "For a team like " + f.companyRef : "For a team of " + f.people)
                + ", the hard part of "
                + f.topic
                + " is "
                + p.any("staying visible|being remembered|keeping the message simple")
                + " while "
                + p.any("the work grows|demand shifts|the market moves")
                + ".",
            "Most "
                + firms
                + " describe "
                + f.lastTopic
                + " "
                + p.any("the same way|in the same words|with the same promises")
                + "; the ones buyers remember say something only they can say.",
            "There is a quiet shift"
                + f.inIndustry
                + ": buyers of "
                + f.topic
                + " "
                + p.any("do more of their research alone|decide earlier|arrive better informed")
                + " than they did a few years ago.");
    String aside =
        p.one(
            "",
            "",
            " "
                + cap(f.companyRef)
                + " "
                + p.any("seems well placed here|looks well placed for it")
                + ".",
            " I suspect "
                + f.companyRef
                + " "
                + p.any("sees this already|has noticed the same|sees it every week")
                + ".",
            " It is "
                + p.any("a pattern|a shift|a habit")
                + " I see "
                + p.any("often|more each year|again and again")
                + f.inIndustry
                + ".",
            " It is "
                + p.any("simple to say|easy to describe")
                + " and "
                + p.any("harder to do|rarely done well")
                + ".");
    String question =
        p.one(
            "Curious: where do you want " + f.topicAt + " to be a year from now?",
            f.service.isEmpty()
                ? "Which part of " + f.companyRef + " do you most want to grow this year?"
                : "Is "
                    + f.service
                    + " the part of "
                    + f.companyRef
                    + " you most want to grow this year?",
            "How are you thinking about "
                + f.lastTopic
                + (f.company.isEmpty() || f.service.isEmpty() ? "" : " at " + f.company)
                + " for the "
                + p.any("next twelve months|year ahead|coming year")
                + "?",
            "What would you change first about " + f.topicAt + ", given a free month?",
            "Which part of "
                + f.topicAt
                + " gets most of your attention right now"
                + (f.name.isEmpty() ? "" : ", " + f.name)
                + "?",
            "What does a good year for " + f.topicAt + " look like from where you sit?",
            "Where do you want to take " + f.whoseTopic + " next?",
            "What is the one thing about "
                + f.topicAt
                + " you would like buyers to "
                + p.any("understand better|notice first|remember")
                + "?",
            "If you could improve one thing about "
                + f.topicAt
                + p.any(" this year| in the next quarter| before the summer")
                + ", what would it be?",
            "How much of "
                + f.whoseTopic
                + " comes from referrals today, and how much from new buyers?");
    return greeting
        + "\n\n"
        + cap(opening.strip())
        + about
        + "\n\n"
        + observation
        + aside
        + "\n\n"
        + question
        + "\n\n"
        + signOff;
  }
}
