package com.fourrunr.campaign.airtable;

/**
 * A {@link com.fourrunr.campaign.Lead} field read from Airtable, with the Airtable field name it is
 * read from unless {@link AirtableConfig.Builder#leadField(LeadField, String)} names another.
 */
public enum LeadField {
  /** The address to write to; required. */
  EMAIL("Email"),
  /** First name. */
  FIRST_NAME("First_Name"),
  /** Last name. */
  LAST_NAME("Last_Name"),
  /** Job title. */
  TITLE("Title"),
  /** Company name. */
  COMPANY("Company"),
  /** The company's web domain. */
  COMPANY_DOMAIN("Company_Domain"),
  /** Industry. */
  INDUSTRY("Industry"),
  /** Company size. */
  COMPANY_SIZE("Company_Size"),
  /** City. */
  CITY("City"),
  /** State or region. */
  REGION("Region"),
  /** Country code or name. */
  COUNTRY("Country"),
  /** IANA time zone id. */
  TIMEZONE("Timezone"),
  /** Real, Pattern, Guess or Unknown. */
  EMAIL_CONFIDENCE("Email_Confidence_Level"),
  /** What the company does. */
  COMPANY_DESCRIPTION("Company_Description"),
  /** Main services: a multiple select, or text separated by {@code ;} or {@code |}. */
  TOP_SERVICES("Top_Services"),
  /** The register the messages should take. */
  TONE("Tone"),
  /** LinkedIn profile URL. */
  LINKEDIN_URL("LinkedIn_URL"),
  /**
   * New, Contacted, Engaged or Do not contact; also watched by {@link AirtableSync#pollChanges}.
   */
  ENGAGEMENT_STATUS("Engagement_Status");

  private final String defaultName;

  LeadField(String defaultName) {
    this.defaultName = defaultName;
  }

  /** The Airtable field name used when none is configured. */
  public String defaultName() {
    return defaultName;
  }
}
