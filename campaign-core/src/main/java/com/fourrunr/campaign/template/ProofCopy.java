package com.fourrunr.campaign.template;

import static com.fourrunr.campaign.template.Wording.cap;

import com.fourrunr.campaign.GeneratedMessage;
import com.fourrunr.campaign.Lead;
import java.util.List;

/**
 * The body of the Proof: it refers back to the Hook, names a pattern seen in the lead's industry
 * (always named when known) and ties it to the lead's company, then speaks to the lead's role with
 * a light offer. Phrasings are chosen per lead (see {@link Phrasing}).
 */
final class ProofCopy {
  private ProofCopy() {}

  static String write(
      LeadFacts f, Lead lead, List<GeneratedMessage> previous, String greeting, String signOff) {
    Phrasing p = new Phrasing(lead, 1);
    String kind = p.any("pattern|observation|finding");
    String link =
        previous.isEmpty()
            ? "One observation on " + f.topic + "."
            : p.one(
                "A follow-on to my note about " + f.topic + ".",
                "A short follow-on to my note on " + f.whoseTopic + ".",
                "This is a follow-on to my note about " + f.topic + f.place + ".",
                "A brief follow-on to my note about " + f.topicAt + ", with one " + kind + ".",
                "As a follow-on to my note about "
                    + f.whoseTopic
                    + ", one "
                    + kind
                    + " from our own work.",
                "One " + kind + " as a follow-on to my note on " + f.topicAt + ".",
                "A quick follow-on to my note on "
                    + f.topicAt
                    + ": one "
                    + kind
                    + " "
                    + p.any("worth sharing|worth a minute|I left out")
                    + ".",
                "Here is a follow-on to my note about " + f.workOn + ".",
                "Consider this a follow-on to my note about " + f.whoseTopic + ".",
                "Briefly, a follow-on to my note about "
                    + f.topicAt
                    + ", "
                    + p.any("since one pattern keeps coming to mind|with one more thought")
                    + ".",
                "A follow-on to my note on "
                    + f.topicAt
                    + ", "
                    + p.any("with a second thought|with one thing I left out|from our own work")
                    + ".");
    String yours = f.company.isEmpty() ? "yours" : f.company;
    String companies = f.industry.isEmpty() ? "companies" : f.industry + " companies";
    String teams = f.industry.isEmpty() ? "teams" : f.industry + " teams";
    String size = f.people.isEmpty() ? " like yours" : " of " + f.people;
    String context =
        p.one(
            "Across " + companies + size + ",",
            "Working with " + teams + size + ",",
            "In what we see"
                + (f.industry.isEmpty() ? " across teams like yours" : f.inIndustry)
                + ",",
            "Among the " + (f.industry.isEmpty() ? "" : f.industry + " ") + "firms we work with,",
            "Looking at " + teams + size + f.place + ",",
            "In our work with "
                + (f.industry.isEmpty() ? "" : f.industry + " ")
                + "firms like "
                + yours
                + ",",
            "Talking to " + teams + size + " this year,",
            "From the " + companies + " we have worked with" + f.place + ",",
            "Over the last " + p.any("year|two years|few quarters") + " with " + teams + size + ",",
            (f.industry.isEmpty() ? "In our own client work" : "In " + f.industry + " client work")
                + p.any("| this year| of late")
                + ",");
    String finding =
        p.one(
            "the ones that answer a new enquiry about "
                + f.lastTopic
                + " "
                + p.any("within the hour|the same morning|before the day is out")
                + " win the work far more often than those with the better "
                + p.any("brochure|website|deck")
                + ".",
            "growth tends to follow the team that shows its expertise"
                + (f.service.isEmpty() ? "" : " in " + f.lastTopic)
                + " before the buyer asks, not the one that spends most on reach.",
            "teams that move their first answer on "
                + f.lastTopic
                + " from days to the same morning see "
                + p.any("clearly|noticeably|markedly")
                + " more qualified conversations, on the same budget.",
            "the teams winning larger accounts publish one useful piece on "
                + f.lastTopic
                + " a "
                + p.any("month|fortnight")
                + " and answer questions about it in person.",
            "the ones pulling ahead on "
                + f.lastTopic
                + " write down their "
                + p.any("three|five|few")
                + " most common buyer questions and answer each one "
                + p.any("better than anyone else|more plainly than anyone else|in writing")
                + ".",
            "one team that rewrote how it explains "
                + f.lastTopic
                + " on the first call "
                + p.any("doubled|nearly doubled")
                + " the share of enquiries that became proposals.",
            "the firms that name one owner for every new enquiry about "
                + f.lastTopic
                + " "
                + p.any("lose far fewer of them|convert more of them|keep more of them")
                + " than those "
                + p.any("that share an inbox|where it is everyone's job|without one")
                + ".",
            "buyers of "
                + f.lastTopic
                + " "
                + p.any("shortlist|remember|come back to")
                + " the team that sent them something useful before any proposal.",
            "the teams that follow a first meeting on "
                + f.lastTopic
                + " with a one-page summary "
                + p.any("win more of the work|reach a proposal faster|are remembered longer")
                + ".",
            "a clear example of past work on "
                + f.lastTopic
                + " "
                + p.any("does more than|outweighs|counts for more than")
                + " a long list of capabilities.");
    String bridge =
        p.one(
            "It maps closely onto how " + f.companyRef + " presents " + f.topic + ".",
            f.company.isEmpty()
                ? "The same move would suit " + f.topic + "."
                : "For " + f.company + ", the same move would start with " + f.topic + ".",
            cap(f.topicAt) + " looks like a natural place for it.",
            "I suspect " + f.whoseTopic + " is closer to this than most.",
            "Nothing about it is specific to one "
                + p.any("market|sector|kind of firm")
                + "; "
                + f.whoseTopic
                + " fits it well.",
            "With " + f.topicAt + ", the first step would be small.",
            cap(f.companyRef) + " could try it on " + f.lastTopic + " within a month.",
            "It seems a " + p.any("good|natural|close") + " fit for " + f.whoseTopic + ".",
            cap(f.whoseTopic)
                + " "
                + p.any("would lend itself to it|could show it quickly|is a good candidate for it")
                + ".",
            "I "
                + p.any("kept thinking of|thought of|had in mind")
                + " "
                + f.companyRef
                + " while "
                + p.any("writing this down|looking at the numbers|going through it")
                + ".");
    String pattern = context + " " + finding + " " + bridge;
    String lever =
        p.one(
            "it is usually a small change in process, not a new budget line.",
            "the lever is usually process rather than spend: who answers first, and with what.",
            "it is rarely a question of budget; mostly of who owns the first reply.",
            "the change costs little more than a clear owner and a weekly review.",
            "the first step is deciding who owns that first reply, and "
                + p.any("by when|how soon it goes out|what it says")
                + ".",
            "the work is mostly deciding what a buyer hears first, and from whom.",
            "budget matters less than a named owner for every new enquiry.",
            "this tends to sit with one person and a simple weekly habit.",
            "the real work is agreeing what a buyer hears first, and "
                + p.any("who says it|how fast|in what words")
                + ".",
            "the shift is mostly one of habit: a named owner and a "
                + p.any("weekly|regular|short")
                + " review.");
    String role =
        f.title.isEmpty()
            ? cap(lever)
            : "For " + LeadFacts.article(f.title) + " " + f.title + ", " + lever;
    String offer =
        p.one(
            "Happy to share what it looked like for a firm like " + yours + " if useful.",
            "If useful, I can sketch what the same change could look like for "
                + f.companyRef
                + ".",
            "I can walk through how it might apply to " + f.whoseTopic + ", if that helps.",
            "If it helps, I can send the short version of what changed, with notes for "
                + f.companyRef
                + ".",
            "Glad to share the details, applied to " + f.whoseTopic + ", whenever it suits.",
            p.any("Say the word|Just reply|A short reply will do")
                + " and I will put the example in terms of "
                + f.topic
                + ".",
            "A reply is enough if you want the example written up for "
                + f.companyRef
                + p.any(".|, in a page.|, with the steps."),
            "If it would be useful, I can "
                + p.any("outline|summarise|write up")
                + " the steps "
                + p.any("in a page|in a few lines|briefly")
                + " for "
                + f.whoseTopic
                + ".",
            "I am glad to share the details if "
                + f.companyRef
                + " would find them "
                + p.any("useful|helpful|worth a look")
                + ".",
            "Should it be of interest, I can "
                + p.any("map|apply")
                + " it to "
                + f.topicAt
                + " in a short note.");
    return greeting + "\n\n" + cap(link) + "\n\n" + pattern + "\n\n" + role + " " + offer + "\n\n"
        + signOff;
  }
}
