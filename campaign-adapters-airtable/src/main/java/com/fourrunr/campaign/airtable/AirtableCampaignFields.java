package com.fourrunr.campaign.airtable;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * The names of the campaign fields {@link AirtableSync} writes back: the schema extension to add to
 * the base (see {@code docs/airtable.md}). Per-step fields are named {@code <Step><suffix>}, for
 * example {@code Hook_Message_Subject}.
 *
 * @param campaignId the campaign's id (single line text)
 * @param campaignStatus Active, Paused, Completed, Responded or Stopped (single select); a person
 *     may set Paused, Stopped or Active here
 * @param messageSubjectSuffix suffix of each step's subject field (single line text)
 * @param messageSentDateSuffix suffix of each step's send time field (date with time, GMT)
 * @param stepStatusSuffix suffix of each step's status field (single select: Scheduled, Sent,
 *     Retrying, Failed, Cancelled)
 * @param totalOpens opens counted so far (number)
 * @param totalClicks clicks counted so far (number)
 * @param responseDate when the person answered (date with time)
 * @param responseType the answer's category, for example INTERESTED (single select)
 * @param respondedStep the step answered, for example Hook (single line text)
 * @param lastEvent the latest campaign event and its time (single line text)
 */
public record AirtableCampaignFields(
    String campaignId,
    String campaignStatus,
    String messageSubjectSuffix,
    String messageSentDateSuffix,
    String stepStatusSuffix,
    String totalOpens,
    String totalClicks,
    String responseDate,
    String responseType,
    String respondedStep,
    String lastEvent) {

  /** Checks that no name is blank. */
  public AirtableCampaignFields {
    List<FieldError> errors = new ArrayList<>();
    check(errors, "campaignId", campaignId);
    check(errors, "campaignStatus", campaignStatus);
    check(errors, "messageSubjectSuffix", messageSubjectSuffix);
    check(errors, "messageSentDateSuffix", messageSentDateSuffix);
    check(errors, "stepStatusSuffix", stepStatusSuffix);
    check(errors, "totalOpens", totalOpens);
    check(errors, "totalClicks", totalClicks);
    check(errors, "responseDate", responseDate);
    check(errors, "responseType", responseType);
    check(errors, "respondedStep", respondedStep);
    check(errors, "lastEvent", lastEvent);
    if (!errors.isEmpty()) {
      throw new InvalidInputException("AirtableCampaignFields", errors);
    }
  }

  /**
   * The names listed in {@code docs/airtable.md}: Campaign_ID, Campaign_Status,
   * Hook_Message_Subject...
   */
  public static AirtableCampaignFields defaults() {
    return new AirtableCampaignFields(
        "Campaign_ID",
        "Campaign_Status",
        "_Message_Subject",
        "_Message_Sent_Date",
        "_Status",
        "Total_Campaign_Opens",
        "Total_Campaign_Clicks",
        "Campaign_Response_Date",
        "Response_Type",
        "Responded_Step",
        "Last_Campaign_Event");
  }

  /** The subject field of a step, for example {@code Hook_Message_Subject}. */
  public String messageSubject(String step) {
    return step + messageSubjectSuffix;
  }

  /** The send time field of a step, for example {@code Hook_Message_Sent_Date}. */
  public String messageSentDate(String step) {
    return step + messageSentDateSuffix;
  }

  /** The status field of a step, for example {@code Hook_Status}. */
  public String stepStatus(String step) {
    return step + stepStatusSuffix;
  }

  private static void check(List<FieldError> errors, String name, String value) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(name, "is required"));
    }
  }
}
