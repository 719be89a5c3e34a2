package com.fourrunr.campaign.bench;

import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.testing.DistinctLeads;
import java.util.List;
import java.util.Locale;

/** Synthetic leads for the benchmarks: varied, valid, deterministic. */
final class BenchLeads {
  private static final String[] INDUSTRIES = {
    "Logistics", "Healthcare", "Software", "Retail", "Fintech"
  };
  private static final String[] ZONES = {
    "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Africa/Lagos", ""
  };
  private static final String[] COUNTRIES = {"DE", "US", "JP", "NG", "GB"};

  private BenchLeads() {}

  /** A leads CSV with {@code rows} rows in the documented format. */
  static String csv(int rows) {
    StringBuilder s = new StringBuilder(rows * 260);
    s.append(
        "id,email,first_name,last_name,title,company,domain,industry,company_size,city,region,country,"
            + "timezone,email_confidence,company_description,top_services,tone,linkedin_url\n");
    for (int i = 0; i < rows; i++) {
      int k = i % 5;
      s.append("L-")
          .append(i)
          .append(',')
          .append("person")
          .append(i)
          .append("@company")
          .append(i)
          .append(".example,")
          .append("First")
          .append(i)
          .append(",Last")
          .append(i)
          .append(",Head of Growth,")
          .append("Company ")
          .append(i)
          .append(",company")
          .append(i)
          .append(".example,")
          .append(INDUSTRIES[k])
          .append(",51-200,City,Region,")
          .append(COUNTRIES[k])
          .append(',')
          .append(ZONES[k])
          .append(',')
          .append(k == 4 ? "Guess" : "Real")
          .append(',')
          .append("\"Company ")
          .append(i)
          .append(" builds things for ")
          .append(INDUSTRIES[k].toLowerCase(Locale.ROOT))
          .append(" teams, with care.\",")
          .append("Service A;Service B,,\n");
    }
    return s.toString();
  }

  /**
   * A leads CSV with {@code rows} rows of distinct data ({@link DistinctLeads}: no two share a
   * company, description or services), spread over the same five zones and countries, every address
   * {@code Real}: the list the scale goals are set for.
   */
  static String distinctCsv(int rows) {
    StringBuilder s = new StringBuilder(rows * 320);
    s.append(
        "id,email,first_name,last_name,title,company,domain,industry,company_size,city,region,country,"
            + "timezone,email_confidence,company_description,top_services,tone,linkedin_url\n");
    for (int i = 0; i < rows; i++) {
      Lead lead = DistinctLeads.lead(i);
      int k = i % 5;
      String domain = lead.email().substring(lead.email().indexOf('@') + 1);
      List<String> fields =
          List.of(
              lead.id(),
              lead.email(),
              lead.firstName(),
              lead.lastName(),
              lead.title(),
              lead.company(),
              domain,
              lead.industry(),
              lead.companySize(),
              lead.city(),
              "",
              COUNTRIES[k],
              ZONES[k],
              "Real",
              lead.companyDescription(),
              String.join(";", lead.topServices()),
              lead.tone(),
              "");
      for (int f = 0; f < fields.size(); f++) {
        if (f > 0) {
          s.append(',');
        }
        s.append('"').append(fields.get(f).replace("\"", "\"\"")).append('"');
      }
      s.append('\n');
    }
    return s.toString();
  }
}
