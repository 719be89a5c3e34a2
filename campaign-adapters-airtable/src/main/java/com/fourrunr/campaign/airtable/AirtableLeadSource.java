package com.fourrunr.campaign.airtable;

import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.EngagementStatus;
import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.LeadRecord;
import com.fourrunr.campaign.LeadSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reads leads from an Airtable table and view, page by page in bounded memory. Only leads that pass
 * the validation gates are given as {@link LeadRecord.Valid}: email confidence Real or Pattern,
 * engagement status neither Engaged nor Do not contact, and no open campaign already ({@code
 * Campaign_Status} not Active or Paused). The gates are sent to Airtable in {@code filterByFormula}
 * (with the host's own formula, see {@link AirtableConfig}) and checked again here; a record that
 * fails one, or lacks a {@link AirtableConfig#requiredFields() required field}, or does not make a
 * valid lead, is given as a {@link LeadRecord.Invalid} naming the Airtable field and why, so the
 * engine reports it as skipped. The suppression list is the engine's gate. Each record's location
 * is its Airtable record id.
 *
 * <pre>{@code
 * EnrolmentReport report = engine.enrol(AirtableLeadSource.create(client));
 * }</pre>
 */
public final class AirtableLeadSource implements LeadSource {
  private final AirtableClient client;
  private final AirtableConfig config;

  private AirtableLeadSource(AirtableClient client) {
    this.client = Objects.requireNonNull(client, "client");
    this.config = client.config();
  }

  /** A source over the table and view of {@code client}'s configuration. */
  public static AirtableLeadSource create(AirtableClient client) {
    return new AirtableLeadSource(client);
  }

  /**
   * Reads the view lazily. Close the stream when done.
   *
   * @throws AirtableException when Airtable cannot be read (after the client's retries)
   */
  @Override
  public Stream<LeadRecord> read() {
    return client.listRecords(formula(), null, true).map(this::toRecord);
  }

  /** The {@code filterByFormula} sent: the gates (unless turned off) and the host's formula. */
  @Nullable String formula() {
    String host = config.filterByFormula();
    if (!config.gatesInFormula()) {
      return host;
    }
    String confidence = ref(config.leadField(LeadField.EMAIL_CONFIDENCE));
    String engagement = ref(config.leadField(LeadField.ENGAGEMENT_STATUS));
    String status = ref(config.campaignFields().campaignStatus());
    String gates =
        "OR(LOWER("
            + confidence
            + ")='real',LOWER("
            + confidence
            + ")='pattern'),"
            + "NOT(OR(LOWER("
            + engagement
            + ")='engaged',LOWER("
            + engagement
            + ")='do not contact',LOWER("
            + engagement
            + ")='do_not_contact')),"
            + "NOT(OR("
            + status
            + "='Active',"
            + status
            + "='Paused'))";
    return host == null ? "AND(" + gates + ")" : "AND(" + gates + ",(" + host + "))";
  }

  static String ref(String field) {
    return "{" + field.replace("}", "\\}") + "}";
  }

  LeadRecord toRecord(AirtableRecord r) {
    String location = r.id();
    List<FieldError> errors = new ArrayList<>();
    String leadId = r.id();
    if (config.leadIdField() != null) {
      leadId = r.text(config.leadIdField());
      if (leadId.isBlank()) {
        errors.add(new FieldError(config.leadIdField(), "is empty: the lead has no id"));
      }
    }
    for (LeadField required : config.requiredFields()) {
      String name = config.leadField(required);
      if (r.text(name).isBlank()) {
        errors.add(new FieldError(name, "is empty: not enough data to write to this lead"));
      }
    }
    String confidenceName = config.leadField(LeadField.EMAIL_CONFIDENCE);
    try {
      EmailConfidence c = EmailConfidence.parse(r.text(confidenceName));
      if (!c.isSendable()) {
        errors.add(
            new FieldError(
                confidenceName, c + " addresses are not mailed (Real or Pattern needed)"));
      }
    } catch (IllegalArgumentException e) {
      errors.add(FieldError.of(confidenceName, e));
    }
    String engagementName = config.leadField(LeadField.ENGAGEMENT_STATUS);
    try {
      EngagementStatus s = EngagementStatus.parse(r.text(engagementName));
      if (s == EngagementStatus.ENGAGED || s == EngagementStatus.DO_NOT_CONTACT) {
        errors.add(new FieldError(engagementName, "lead is " + s + ": no outreach starts"));
      }
    } catch (IllegalArgumentException e) {
      errors.add(FieldError.of(engagementName, e));
    }
    String statusName = config.campaignFields().campaignStatus();
    String status = r.text(statusName).toLowerCase(Locale.ROOT);
    if (status.equals("active") || status.equals("paused")) {
      errors.add(
          new FieldError(
              statusName,
              "lead is already in campaign '"
                  + r.text(config.campaignFields().campaignId())
                  + "' ("
                  + r.text(statusName)
                  + ")"));
    }
    if (!errors.isEmpty()) {
      return new LeadRecord.Invalid(location, errors);
    }
    try {
      Lead.Builder b =
          Lead.builder(leadId, r.text(config.leadField(LeadField.EMAIL)))
              .firstName(r.text(config.leadField(LeadField.FIRST_NAME)))
              .lastName(r.text(config.leadField(LeadField.LAST_NAME)))
              .title(r.text(config.leadField(LeadField.TITLE)))
              .company(r.text(config.leadField(LeadField.COMPANY)))
              .companyDomain(r.text(config.leadField(LeadField.COMPANY_DOMAIN)))
              .industry(r.text(config.leadField(LeadField.INDUSTRY)))
              .companySize(r.text(config.leadField(LeadField.COMPANY_SIZE)))
              .city(r.text(config.leadField(LeadField.CITY)))
              .region(r.text(config.leadField(LeadField.REGION)))
              .country(r.text(config.leadField(LeadField.COUNTRY)))
              .timezone(r.text(config.leadField(LeadField.TIMEZONE)))
              .emailConfidence(r.text(confidenceName))
              .companyDescription(r.text(config.leadField(LeadField.COMPANY_DESCRIPTION)))
              .topServices(r.text(config.leadField(LeadField.TOP_SERVICES)))
              .tone(r.text(config.leadField(LeadField.TONE)))
              .linkedinUrl(r.text(config.leadField(LeadField.LINKEDIN_URL)))
              .engagementStatus(r.text(engagementName));
      for (Map.Entry<String, String> custom : config.customFields().entrySet()) {
        String value = r.text(custom.getKey());
        if (!value.isBlank()) {
          b.customField(custom.getValue(), value);
        }
      }
      return new LeadRecord.Valid(location, b.build());
    } catch (InvalidInputException e) {
      return new LeadRecord.Invalid(location, e.errors());
    }
  }

  @Override
  public String toString() {
    return "AirtableLeadSource[" + config + "]";
  }
}
