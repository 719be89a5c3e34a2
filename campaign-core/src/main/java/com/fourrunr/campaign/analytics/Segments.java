package com.fourrunr.campaign.analytics;

import com.fourrunr.campaign.Lead;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How leads are put into segments: company size bands and seniority from the job title. The rules
 * are documented in {@code docs/analytics.md}.
 */
public final class Segments {
  /** The dimension (and segment) holding every lead. */
  public static final String ALL = "all";

  /** The segment of leads without a value. */
  public static final String UNKNOWN = "(unknown)";

  /** The segment of values beyond the bound on distinct values of a dimension. */
  public static final String OTHER = "(other)";

  /** Dimension: the lead's industry, as written. */
  public static final String INDUSTRY = "industry";

  /** Dimension: the company size band, see {@link #sizeBand(String)}. */
  public static final String COMPANY_SIZE = "company_size";

  /** Dimension: seniority, see {@link #seniority(String)}. */
  public static final String SENIORITY = "seniority";

  /** Dimension: ISO country code. */
  public static final String COUNTRY = "country";

  /** Prefix of custom lead field dimensions. */
  public static final String CUSTOM_PREFIX = "custom:";

  private static final Pattern NUMBER = Pattern.compile("\\d[\\d,. ]*");
  private static final Pattern C_LEVEL =
      Pattern.compile(
          "\\b(chief|c[a-z]o|founder|co-founder|cofounder|owner|president|managing director|partner)\\b");
  private static final Pattern VP =
      Pattern.compile("\\b(vp|svp|evp|vice president|vice-president)\\b");
  private static final Pattern DIRECTOR = Pattern.compile("\\b(director|head)\\b");
  private static final Pattern MANAGER =
      Pattern.compile("\\b(manager|lead|supervisor|team lead)\\b");

  private Segments() {}

  /**
   * The size band of a company size as the lead pipeline writes it ({@code 51-200}, {@code 1,000+},
   * {@code 35}): the band holding its lower bound, one of {@code 1-10}, {@code 11-50}, {@code
   * 51-200}, {@code 201-500}, {@code 501-1000}, {@code 1001-5000}, {@code 5001+}; {@link #UNKNOWN}
   * without a number.
   */
  public static String sizeBand(String companySize) {
    Matcher m = NUMBER.matcher(companySize);
    if (!m.find()) {
      return UNKNOWN;
    }
    String digits = m.group().replaceAll("[^0-9]", "");
    if (digits.isEmpty() || digits.length() > 9) {
      return digits.isEmpty() ? UNKNOWN : "5001+";
    }
    long n = Long.parseLong(digits);
    if (n <= 10) {
      return "1-10";
    } else if (n <= 50) {
      return "11-50";
    } else if (n <= 200) {
      return "51-200";
    } else if (n <= 500) {
      return "201-500";
    } else if (n <= 1000) {
      return "501-1000";
    } else if (n <= 5000) {
      return "1001-5000";
    }
    return "5001+";
  }

  /**
   * Seniority derived from a job title, the first rule that matches (whole words, any case): {@code
   * vp} (VP, SVP, EVP, vice president), {@code c-level} (chief, CEO/CTO/C?O, founder, owner,
   * president, managing director, partner), {@code director} (director, head), {@code manager}
   * (manager, lead, supervisor), else {@code individual}; {@link #UNKNOWN} for an empty title.
   */
  public static String seniority(String title) {
    String t = title.strip().toLowerCase(Locale.ROOT);
    if (t.isEmpty()) {
      return UNKNOWN;
    }
    if (VP.matcher(t).find()) {
      return "vp"; // before c-level: "vice president" holds "president"
    }
    if (C_LEVEL.matcher(t).find()) {
      return "c-level";
    }
    if (DIRECTOR.matcher(t).find()) {
      return "director";
    }
    if (MANAGER.matcher(t).find()) {
      return "manager";
    }
    return "individual";
  }

  /** The value of a lead in a dimension (never empty: {@link #UNKNOWN} stands for none). */
  public static String valueOf(Lead lead, String dimension) {
    String v =
        switch (dimension) {
          case ALL -> ALL;
          case INDUSTRY -> lead.industry();
          case COMPANY_SIZE -> sizeBand(lead.companySize());
          case SENIORITY -> seniority(lead.title());
          case COUNTRY -> lead.country();
          default ->
              dimension.startsWith(CUSTOM_PREFIX)
                  ? lead.customFields()
                      .getOrDefault(dimension.substring(CUSTOM_PREFIX.length()), "")
                  : "";
        };
    v = v.strip();
    return v.isEmpty() ? UNKNOWN : v;
  }
}
