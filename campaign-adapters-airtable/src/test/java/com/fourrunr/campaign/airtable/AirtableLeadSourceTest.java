package com.fourrunr.campaign.airtable;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.LeadRecord;
import com.fourrunr.campaign.testing.SettableClock;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AirtableLeadSourceTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final FakeAirtable airtable = new FakeAirtable(clock);
  private final MockWebServer server = new MockWebServer();
  private final OkHttpClient http = new OkHttpClient();

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(airtable);
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  private AirtableLeadSource source(AirtableConfig.Builder config) {
    return AirtableLeadSource.create(
        AirtableClient.builder(config.baseUrl(server.url("/v0/").uri()).build())
            .clock(clock)
            .sleeper(clock::advance)
            .httpClient(http)
            .build());
  }

  private static AirtableConfig.Builder config() {
    return AirtableConfig.builder(FakeAirtable.TOKEN, FakeAirtable.BASE, FakeAirtable.TABLE);
  }

  private static Map<String, Object> lead(String email, String confidence) {
    Map<String, Object> f = new HashMap<>();
    f.put("Email", email);
    f.put("First_Name", "Ada");
    f.put("Company", "Example Ltd");
    f.put("Company_Description", "Builds analytical engines");
    f.put("Email_Confidence_Level", confidence);
    return f;
  }

  private List<LeadRecord> read(AirtableLeadSource source) {
    try (Stream<LeadRecord> records = source.read()) {
      return records.toList();
    }
  }

  @Test
  void mapsAirtableFieldsToALeadWithTheRecordIdAsLeadIdAndLocation() {
    Map<String, Object> f = lead("Ada@Example.com", "Real");
    f.put("Top_Services", List.of("Engines", "Tables"));
    f.put("Tone", "warm");
    f.put("Timezone", "Europe/London");
    f.put("Country", "United Kingdom");
    f.put("Lead_Score", 87);
    f.put("Engagement_Status", "New");
    String id = airtable.add(f);

    List<LeadRecord> records = read(source(config().customField("Lead_Score", "score")));

    assertThat(records).hasSize(1);
    LeadRecord.Valid valid = (LeadRecord.Valid) records.get(0);
    assertThat(valid.location()).isEqualTo(id);
    Lead lead = valid.lead();
    assertThat(lead.id()).isEqualTo(id);
    assertThat(lead.email()).isEqualTo("ada@example.com");
    assertThat(lead.topServices()).containsExactly("Engines", "Tables");
    assertThat(lead.tone()).isEqualTo("warm");
    assertThat(lead.companyDescription()).isEqualTo("Builds analytical engines");
    assertThat(lead.timezone()).isEqualTo(ZoneId.of("Europe/London"));
    assertThat(lead.country()).isEqualTo("GB");
    assertThat(lead.emailConfidence()).isEqualTo(EmailConfidence.REAL);
    assertThat(lead.customFields()).containsEntry("score", "87");
  }

  @Test
  void fieldMapReadsOtherFieldNamesAndLeadIdField() {
    Map<String, Object> f = new HashMap<>();
    f.put("Work Email", "grace@example.com");
    f.put("Organisation", "Navy");
    f.put("About", "Compilers");
    f.put("Confidence", "pattern");
    f.put("Lead_ID", "L-7");
    airtable.add(f);

    List<LeadRecord> records =
        read(
            source(
                config()
                    .leadField(LeadField.EMAIL, "Work Email")
                    .leadField(LeadField.COMPANY, "Organisation")
                    .leadField(LeadField.COMPANY_DESCRIPTION, "About")
                    .leadField(LeadField.EMAIL_CONFIDENCE, "Confidence")
                    .leadIdField("Lead_ID")));

    Lead lead = ((LeadRecord.Valid) records.get(0)).lead();
    assertThat(lead.id()).isEqualTo("L-7");
    assertThat(lead.email()).isEqualTo("grace@example.com");
    assertThat(lead.company()).isEqualTo("Navy");
    assertThat(lead.emailConfidence()).isEqualTo(EmailConfidence.PATTERN);
  }

  @Test
  void leadsFailingAGateOrLackingDataAreSkippedNamingTheFieldAndWhy() {
    String guess = airtable.add(lead("guess@example.com", "Guess"));
    Map<String, Object> engaged = lead("engaged@example.com", "Real");
    engaged.put("Engagement_Status", "Engaged");
    String engagedId = airtable.add(engaged);
    Map<String, Object> inCampaign = lead("busy@example.com", "Real");
    inCampaign.put("Campaign_Status", "Paused");
    inCampaign.put("Campaign_ID", "c-1");
    String busy = airtable.add(inCampaign);
    Map<String, Object> thin = lead("thin@example.com", "Real");
    thin.remove("Company_Description");
    String thinId = airtable.add(thin);
    String badEmail = airtable.add(lead("not-an-address", "Real"));
    String good = airtable.add(lead("ok@example.com", "Pattern"));

    Map<String, List<FieldError>> invalid = new HashMap<>();
    List<String> valid = new java.util.ArrayList<>();
    for (LeadRecord r : read(source(config()))) {
      if (r instanceof LeadRecord.Invalid i) {
        invalid.put(i.location(), i.errors());
      } else {
        valid.add(r.location());
      }
    }

    assertThat(valid).containsExactly(good);
    assertThat(invalid.get(guess))
        .extracting(FieldError::field)
        .containsExactly("Email_Confidence_Level");
    assertThat(invalid.get(guess).get(0).problem()).contains("GUESS").contains("Real or Pattern");
    assertThat(invalid.get(engagedId))
        .extracting(FieldError::field)
        .containsExactly("Engagement_Status");
    assertThat(invalid.get(busy))
        .extracting(FieldError::toString)
        .containsExactly("Campaign_Status: lead is already in campaign 'c-1' (Paused)");
    assertThat(invalid.get(thinId))
        .extracting(FieldError::field)
        .containsExactly("Company_Description");
    assertThat(invalid.get(thinId).get(0).problem()).contains("not enough data");
    assertThat(invalid.get(badEmail)).extracting(FieldError::field).containsExactly("email");
  }

  @Test
  void gatesAndTheHostsFormulaAndViewAreSentToAirtable() {
    airtable.add(lead("ok@example.com", "Real"));

    read(source(config().view("Qualified").filterByFormula("{Lead_Score} >= 60")));

    assertThat(airtable.formulas())
        .containsExactly(
            "AND(OR(LOWER({Email_Confidence_Level})='real',LOWER({Email_Confidence_Level})='pattern'),"
                + "NOT(OR(LOWER({Engagement_Status})='engaged',LOWER({Engagement_Status})='do not contact',"
                + "LOWER({Engagement_Status})='do_not_contact')),"
                + "NOT(OR({Campaign_Status}='Active',{Campaign_Status}='Paused')),({Lead_Score} >= 60))");
    assertThat(airtable.calls().get(0).query()).contains("view=Qualified");
  }
}
