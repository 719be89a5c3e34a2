package com.fourrunr.campaign.airtable;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where the leads live in Airtable and how to talk to it: the personal access token, the base,
 * table and view, an optional {@code filterByFormula}, the field map, the campaign field names and
 * the limits. Immutable; made by {@link #builder(String, String, String)}, which rejects bad values
 * at once naming the field. {@link #toString()} never shows the token.
 *
 * <pre>{@code
 * AirtableConfig config = AirtableConfig.builder(System.getenv("AIRTABLE_TOKEN"), "appXXXXXXXXXXXXXX", "Leads")
 *     .view("Qualified")
 *     .filterByFormula("{Lead_Score} >= 60")
 *     .leadField(LeadField.EMAIL, "Work_Email")
 *     .build();
 * }</pre>
 */
public final class AirtableConfig {
  /** Airtable's REST endpoint. */
  public static final URI DEFAULT_BASE_URL = URI.create("https://api.airtable.com/v0/");

  /** Airtable's limit: 5 requests a second per base. */
  public static final int DEFAULT_REQUESTS_PER_SECOND = 5;

  /** Airtable's largest page. */
  public static final int DEFAULT_PAGE_SIZE = 100;

  /** Airtable asks for 30 seconds of quiet after a 429. */
  public static final Duration DEFAULT_RATE_LIMIT_PAUSE = Duration.ofSeconds(30);

  /** The first wait after a 5xx or a network failure; it doubles with each further try. */
  public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(1);

  /** Tries of one request after a 429, a 5xx or a network failure before it is given up. */
  public static final int DEFAULT_MAX_RETRIES = 5;

  /** Airtable's limit of records in one create or update. */
  public static final int MAX_RECORDS_PER_WRITE = 10;

  private static final Pattern BASE_ID = Pattern.compile("app[A-Za-z0-9]{14}");

  private final String token;
  private final String baseId;
  private final String table;
  private final @Nullable String view;
  private final @Nullable String filterByFormula;
  private final URI baseUrl;
  private final int requestsPerSecond;
  private final int pageSize;
  private final Duration rateLimitPause;
  private final Duration retryBackoff;
  private final int maxRetries;
  private final Map<LeadField, String> leadFields;
  private final Map<String, String> customFields;
  private final Set<LeadField> requiredFields;
  private final boolean gatesInFormula;
  private final @Nullable String leadIdField;
  private final AirtableCampaignFields campaignFields;

  private AirtableConfig(Builder b) {
    this.token = b.token;
    this.baseId = b.baseId;
    this.table = b.table;
    this.view = b.view;
    this.filterByFormula = b.filterByFormula;
    this.baseUrl = b.baseUrl;
    this.requestsPerSecond = b.requestsPerSecond;
    this.pageSize = b.pageSize;
    this.rateLimitPause = b.rateLimitPause;
    this.retryBackoff = b.retryBackoff;
    this.maxRetries = b.maxRetries;
    this.leadFields = Collections.unmodifiableMap(new EnumMap<>(b.leadFields));
    this.customFields = Collections.unmodifiableMap(new LinkedHashMap<>(b.customFields));
    this.requiredFields = Collections.unmodifiableSet(EnumSet.copyOf(b.requiredFields));
    this.gatesInFormula = b.gatesInFormula;
    this.leadIdField = b.leadIdField;
    this.campaignFields = b.campaignFields;
  }

  /**
   * Starts a configuration.
   *
   * @param token a personal access token with {@code data.records:read} and {@code
   *     data.records:write} on the base
   * @param baseId the base id, {@code app} and 14 letters or digits
   * @param table the table's name or id
   */
  public static Builder builder(String token, String baseId, String table) {
    return new Builder(token, baseId, table);
  }

  /** The personal access token; never logged. */
  public String token() {
    return token;
  }

  /** The base id. */
  public String baseId() {
    return baseId;
  }

  /** The table's name or id. */
  public String table() {
    return table;
  }

  /** The view leads are read from, or null for the whole table. */
  public @Nullable String view() {
    return view;
  }

  /** The host's own formula leads must also pass, or null. */
  public @Nullable String filterByFormula() {
    return filterByFormula;
  }

  /** The REST endpoint, ending in {@code /v0/}. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** Requests a second to the base, shared by every call through one {@link AirtableClient}. */
  public int requestsPerSecond() {
    return requestsPerSecond;
  }

  /** Records per page when reading. */
  public int pageSize() {
    return pageSize;
  }

  /** The wait after a 429. */
  public Duration rateLimitPause() {
    return rateLimitPause;
  }

  /** The first wait after a 5xx or network failure, doubled with each further try. */
  public Duration retryBackoff() {
    return retryBackoff;
  }

  /** Tries of one request after a passing failure before it is given up. */
  public int maxRetries() {
    return maxRetries;
  }

  /** The Airtable field each lead field is read from. */
  public String leadField(LeadField field) {
    return leadFields.getOrDefault(field, field.defaultName());
  }

  /**
   * Further Airtable fields copied into {@link com.fourrunr.campaign.Lead#customFields()}: Airtable
   * name to key.
   */
  public Map<String, String> customFields() {
    return customFields;
  }

  /** Lead fields without which a record is skipped as having insufficient data. */
  public Set<LeadField> requiredFields() {
    return requiredFields;
  }

  /**
   * Whether the validation gates are also sent in {@code filterByFormula}, so Airtable leaves out
   * what fails.
   */
  public boolean gatesInFormula() {
    return gatesInFormula;
  }

  /**
   * The Airtable field holding the lead id, or null when the Airtable record id is the lead id (the
   * default). With a field, campaign fields are written with {@code performUpsert} merging on it.
   */
  public @Nullable String leadIdField() {
    return leadIdField;
  }

  /** The names of the campaign fields written back. */
  public AirtableCampaignFields campaignFields() {
    return campaignFields;
  }

  @Override
  public String toString() {
    return "AirtableConfig[baseId="
        + baseId
        + ", table="
        + table
        + ", view="
        + view
        + ", baseUrl="
        + baseUrl
        + ", token=***]";
  }

  /** Collects and checks an {@link AirtableConfig}. Not thread-safe. */
  public static final class Builder {
    private final String token;
    private final String baseId;
    private final String table;
    private @Nullable String view;
    private @Nullable String filterByFormula;
    private URI baseUrl = DEFAULT_BASE_URL;
    private int requestsPerSecond = DEFAULT_REQUESTS_PER_SECOND;
    private int pageSize = DEFAULT_PAGE_SIZE;
    private Duration rateLimitPause = DEFAULT_RATE_LIMIT_PAUSE;
    private Duration retryBackoff = DEFAULT_RETRY_BACKOFF;
    private int maxRetries = DEFAULT_MAX_RETRIES;
    private final Map<LeadField, String> leadFields = new EnumMap<>(LeadField.class);
    private final Map<String, String> customFields = new LinkedHashMap<>();
    private Set<LeadField> requiredFields =
        EnumSet.of(LeadField.EMAIL, LeadField.COMPANY, LeadField.COMPANY_DESCRIPTION);
    private boolean gatesInFormula = true;
    private @Nullable String leadIdField;
    private AirtableCampaignFields campaignFields = AirtableCampaignFields.defaults();

    private Builder(String token, String baseId, String table) {
      this.token = token == null ? "" : token.strip();
      this.baseId = baseId == null ? "" : baseId.strip();
      this.table = table == null ? "" : table.strip();
    }

    /** The view to read; only its records, in its order. */
    public Builder view(@Nullable String view) {
      this.view = view == null || view.isBlank() ? null : view.strip();
      return this;
    }

    /** A formula every lead must also pass, for example {@code {Lead_Score} >= 60}. */
    public Builder filterByFormula(@Nullable String formula) {
      this.filterByFormula = formula == null || formula.isBlank() ? null : formula.strip();
      return this;
    }

    /**
     * Another endpoint, for a proxy or a test server; must end in {@code /v0/} or an equivalent
     * path.
     */
    public Builder baseUrl(URI baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      return this;
    }

    /** Requests a second to the base; at most Airtable's 5. */
    public Builder requestsPerSecond(int requestsPerSecond) {
      this.requestsPerSecond = requestsPerSecond;
      return this;
    }

    /** Records per page, 1 to 100. */
    public Builder pageSize(int pageSize) {
      this.pageSize = pageSize;
      return this;
    }

    /** The wait after a 429; Airtable asks for 30 seconds. */
    public Builder rateLimitPause(Duration pause) {
      this.rateLimitPause = Objects.requireNonNull(pause, "rateLimitPause");
      return this;
    }

    /** The first wait after a 5xx or a network failure. */
    public Builder retryBackoff(Duration backoff) {
      this.retryBackoff = Objects.requireNonNull(backoff, "retryBackoff");
      return this;
    }

    /** Tries of one request after passing failures, 0 to 20. */
    public Builder maxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
      return this;
    }

    /** Reads {@code field} from the Airtable field {@code airtableName}. */
    public Builder leadField(LeadField field, String airtableName) {
      leadFields.put(
          Objects.requireNonNull(field, "field"),
          Objects.requireNonNull(airtableName, "airtableName"));
      return this;
    }

    /** Copies the Airtable field {@code airtableName} into the lead's custom field {@code key}. */
    public Builder customField(String airtableName, String key) {
      customFields.put(
          Objects.requireNonNull(airtableName, "airtableName"), Objects.requireNonNull(key, "key"));
      return this;
    }

    /**
     * The lead fields without which a record is skipped; {@link LeadField#EMAIL} is always
     * required.
     */
    public Builder requiredFields(Set<LeadField> fields) {
      EnumSet<LeadField> set = EnumSet.of(LeadField.EMAIL);
      set.addAll(fields);
      this.requiredFields = set;
      return this;
    }

    /** Whether to send the validation gates in {@code filterByFormula} as well (default true). */
    public Builder gatesInFormula(boolean gatesInFormula) {
      this.gatesInFormula = gatesInFormula;
      return this;
    }

    /** Reads the lead id from this field instead of using the Airtable record id. */
    public Builder leadIdField(@Nullable String leadIdField) {
      this.leadIdField = leadIdField == null || leadIdField.isBlank() ? null : leadIdField.strip();
      return this;
    }

    /** Other names for the campaign fields written back. */
    public Builder campaignFields(AirtableCampaignFields campaignFields) {
      this.campaignFields = Objects.requireNonNull(campaignFields, "campaignFields");
      return this;
    }

    /**
     * Checks every value.
     *
     * @throws InvalidInputException listing every problem by field name
     */
    public AirtableConfig build() {
      List<FieldError> errors = new ArrayList<>();
      if (token.isEmpty()) {
        errors.add(new FieldError("token", "is required (an Airtable personal access token)"));
      }
      if (!BASE_ID.matcher(baseId).matches()) {
        errors.add(
            new FieldError(
                "baseId", "'" + baseId + "' is not a base id (app and 14 letters or digits)"));
      }
      if (table.isEmpty()) {
        errors.add(new FieldError("table", "is required"));
      }
      String scheme = baseUrl.getScheme();
      if (scheme == null
          || !(scheme.equals("https") || scheme.equals("http"))
          || baseUrl.getHost() == null) {
        errors.add(new FieldError("baseUrl", "'" + baseUrl + "' is not an http(s) URL"));
      }
      if (requestsPerSecond < 1 || requestsPerSecond > DEFAULT_REQUESTS_PER_SECOND) {
        errors.add(
            new FieldError(
                "requestsPerSecond",
                requestsPerSecond
                    + " is outside 1.."
                    + DEFAULT_REQUESTS_PER_SECOND
                    + " (Airtable's limit per base)"));
      }
      if (pageSize < 1 || pageSize > DEFAULT_PAGE_SIZE) {
        errors.add(new FieldError("pageSize", pageSize + " is outside 1..100"));
      }
      if (rateLimitPause.isNegative()) {
        errors.add(new FieldError("rateLimitPause", "must not be negative"));
      }
      if (retryBackoff.isNegative()) {
        errors.add(new FieldError("retryBackoff", "must not be negative"));
      }
      if (maxRetries < 0 || maxRetries > 20) {
        errors.add(new FieldError("maxRetries", maxRetries + " is outside 0..20"));
      }
      leadFields.forEach(
          (field, name) -> {
            if (name.isBlank()) {
              errors.add(new FieldError("leadField." + field, "Airtable field name is blank"));
            }
          });
      customFields.forEach(
          (name, key) -> {
            if (name.isBlank() || key.isBlank()) {
              errors.add(new FieldError("customField", "Airtable name and key must not be blank"));
            }
          });
      if (!errors.isEmpty()) {
        throw new InvalidInputException("AirtableConfig", errors);
      }
      return new AirtableConfig(this);
    }
  }
}
