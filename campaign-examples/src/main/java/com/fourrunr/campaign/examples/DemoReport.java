package com.fourrunr.campaign.examples;

import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.EnrolmentReport;
import com.fourrunr.campaign.ReplyCategory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a demo run did, for the summary and for tests.
 *
 * @param enrolment the enrolment's counts and skips
 * @param leads one line per enrolled lead, in lead id order
 * @param sentByStep messages accepted by the mail server, by step name
 * @param deliveredToServer messages the in-process mail server received
 * @param replies replies handled, by category
 * @param statuses campaigns by final status
 * @param linkedIn the LinkedIn fallback's tasks and the analytics by channel
 */
public record DemoReport(
    EnrolmentReport enrolment,
    List<LeadLine> leads,
    Map<String, Integer> sentByStep,
    int deliveredToServer,
    Map<ReplyCategory, Integer> replies,
    Map<CampaignStatus, Integer> statuses,
    LinkedInSummary linkedIn) {

  /** The messages accepted, all steps together. */
  public int totalSent() {
    return sentByStep.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** The line of one lead, or null. */
  public @Nullable LeadLine lead(String leadId) {
    return leads.stream().filter(l -> l.leadId().equals(leadId)).findFirst().orElse(null);
  }

  /**
   * One lead's campaign.
   *
   * @param leadId the lead
   * @param name the person's name
   * @param company the company
   * @param zone the lead's time zone, or empty
   * @param status the campaign's status at the end
   * @param statusReason why
   * @param sent the steps sent, in order
   * @param reply the category of the lead's reply, or null
   * @param answeredStep the step the reply answered, or empty
   */
  public record LeadLine(
      String leadId,
      String name,
      String company,
      String zone,
      CampaignStatus status,
      String statusReason,
      List<SentStep> sent,
      @Nullable ReplyCategory reply,
      String answeredStep) {

    /** The names of the steps sent, in order. */
    public List<String> sentSteps() {
      return sent.stream().map(SentStep::step).toList();
    }
  }

  /**
   * A step that was sent.
   *
   * @param step the step's name
   * @param at when the mail server accepted it
   */
  public record SentStep(String step, Instant at) {}
}
