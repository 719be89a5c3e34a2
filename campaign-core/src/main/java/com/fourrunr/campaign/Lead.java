package com.fourrunr.campaign;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A person the campaign writes to, with what the lead pipeline knows of them and their company.
 *
 * <p>A {@code Lead} is always valid: construction checks every field and throws an {@link
 * InvalidInputException} listing each problem by field name. Text fields are never null (absent
 * text is the empty string, surrounding whitespace is removed); the email address is normalised
 * ({@link EmailAddresses#normalise}: lower-cased, Unicode NFC, the domain in ASCII), the country is
 * reduced to its ISO 3166-1 alpha-2 code. Build one with {@link #builder(String, String)}:
 *
 * <pre>{@code
 * Lead lead = Lead.builder("L-17", "ada@example.com")
 *     .firstName("Ada").company("Example Ltd").country("GB")
 *     .timezone("Europe/London").emailConfidence(EmailConfidence.REAL)
 *     .build();
 * }</pre>
 *
 * @param id the lead's id in the lead system of record; required
 * @param email the address to write to; required, normalised by {@link EmailAddresses#normalise}
 * @param firstName first name
 * @param lastName last name
 * @param title job title or role
 * @param company company name
 * @param companyDomain the company's web domain, lower-cased, for example {@code example.com}
 * @param industry the company's industry
 * @param companySize the company's size as the pipeline writes it, for example {@code 51-200}
 * @param city city
 * @param region state, province or region
 * @param country ISO 3166-1 alpha-2 country code, or empty when unknown
 * @param timezone the lead's own time zone when the pipeline knows it, or null
 * @param emailConfidence how sure the pipeline is of the address
 * @param companyDescription what the company does, often scraped from its site
 * @param topServices the company's main services, in order
 * @param tone a register the messages should take within the brand voice, for example {@code warm}
 * @param linkedinUrl the person's LinkedIn profile, or null
 * @param engagementStatus where the lead stands with 4Runr
 * @param customFields any further fields, by name, in the order given
 */
public record Lead(
    String id,
    String email,
    String firstName,
    String lastName,
    String title,
    String company,
    String companyDomain,
    String industry,
    String companySize,
    String city,
    String region,
    String country,
    @Nullable ZoneId timezone,
    EmailConfidence emailConfidence,
    String companyDescription,
    List<String> topServices,
    String tone,
    @Nullable URI linkedinUrl,
    EngagementStatus engagementStatus,
    Map<String, String> customFields) {

  private static final int MAX_ID_LENGTH = 200;
  private static final int MAX_EMAIL_LENGTH = 254;
  // Pragmatic address check: one @, a local part without spaces whose dots separate non-empty parts
  // (RFC
  // 5321 dot-string: no leading, trailing or doubled dot; letters, digits and marks beyond ASCII as
  // RFC 6531
  // allows), a domain with a dot and a TLD (checked in its ASCII form: see EmailAddresses).
  private static final String ATOM =
      "(?:[a-z0-9!#$%&'*+/=?^_`{|}~-]|[\\p{L}\\p{M}\\p{N}&&[^\\x00-\\x7F]])+";
  private static final Pattern EMAIL =
      Pattern.compile(
          "^"
              + ATOM
              + "(?:\\."
              + ATOM
              + ")*"
              + "@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");
  private static final Pattern DOMAIN =
      Pattern.compile("^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");

  /** Normalises the fields and checks them all, listing every problem at once. */
  public Lead {
    id = text(id);
    email = EmailAddresses.normalise(text(email));
    firstName = text(firstName);
    lastName = text(lastName);
    title = text(title);
    company = text(company);
    companyDomain = text(companyDomain).toLowerCase(Locale.ROOT);
    industry = text(industry);
    companySize = text(companySize);
    city = text(city);
    region = text(region);
    country = text(country);
    emailConfidence = emailConfidence == null ? EmailConfidence.UNKNOWN : emailConfidence;
    companyDescription = text(companyDescription);
    topServices =
        topServices == null
            ? List.of()
            : topServices.stream().map(Lead::text).filter(s -> !s.isEmpty()).toList();
    tone = text(tone);
    engagementStatus = engagementStatus == null ? EngagementStatus.NEW : engagementStatus;
    customFields =
        customFields == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(customFields));

    List<FieldError> errors = new ArrayList<>();
    if (id.isEmpty()) {
      errors.add(new FieldError("id", "is required"));
    } else if (id.length() > MAX_ID_LENGTH) {
      errors.add(new FieldError("id", "is longer than " + MAX_ID_LENGTH + " characters"));
    }
    if (email.isEmpty()) {
      errors.add(new FieldError("email", "is required"));
    } else if (email.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(email).matches()) {
      errors.add(new FieldError("email", "'" + email + "' is not a valid email address"));
    }
    if (!companyDomain.isEmpty() && !DOMAIN.matcher(companyDomain).matches()) {
      errors.add(new FieldError("domain", "'" + companyDomain + "' is not a domain name"));
    }
    if (!country.isEmpty()) {
      String code = Countries.toCode(country);
      if (code == null) {
        errors.add(
            new FieldError("country", "'" + country + "' is not an ISO 3166 country code or name"));
      } else {
        country = code;
      }
    }
    if (linkedinUrl != null) {
      String scheme = linkedinUrl.getScheme();
      String host = linkedinUrl.getHost();
      if (scheme == null
          || !(scheme.equals("https") || scheme.equals("http"))
          || host == null
          || !(host.equals("linkedin.com") || host.endsWith(".linkedin.com"))) {
        errors.add(new FieldError("linkedin_url", "'" + linkedinUrl + "' is not a LinkedIn URL"));
      }
    }
    for (String key : customFields.keySet()) {
      if (key == null || key.isBlank()) {
        errors.add(new FieldError("custom_fields", "has a blank field name"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(subject(id), errors);
    }
  }

  /** Starts a lead with its two required fields. */
  public static Builder builder(String id, String email) {
    return new Builder().id(id).email(email);
  }

  /** Starts an empty lead, for readers that fill fields one by one. */
  public static Builder builder() {
    return new Builder();
  }

  /** The person's name as it should appear in a greeting: first name, or full name, or empty. */
  public String displayName() {
    return firstName.isEmpty() ? (lastName.isEmpty() ? "" : lastName) : firstName;
  }

  /** A builder holding this lead's fields, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.email = email;
    b.firstName = firstName;
    b.lastName = lastName;
    b.title = title;
    b.company = company;
    b.companyDomain = companyDomain;
    b.industry = industry;
    b.companySize = companySize;
    b.city = city;
    b.region = region;
    b.country = country;
    b.timezone = timezone == null ? "" : timezone.getId();
    b.emailConfidence = emailConfidence.name();
    b.companyDescription = companyDescription;
    b.topServices = topServices;
    b.tone = tone;
    b.linkedinUrl = linkedinUrl == null ? "" : linkedinUrl.toString();
    b.engagementStatus = engagementStatus.name();
    b.customFields.putAll(customFields);
    return b;
  }

  private static String text(@Nullable String s) {
    return s == null ? "" : s.strip();
  }

  private static String subject(String id) {
    return id.isEmpty() ? "lead" : "lead '" + id + "'";
  }

  /**
   * Collects a lead's fields as text, as they come from a CSV file or a table, and parses them in
   * {@link #build()}, which reports every problem at once. Not thread-safe.
   */
  public static final class Builder {
    private String id = "";
    private String email = "";
    private String firstName = "";
    private String lastName = "";
    private String title = "";
    private String company = "";
    private String companyDomain = "";
    private String industry = "";
    private String companySize = "";
    private String city = "";
    private String region = "";
    private String country = "";
    private String timezone = "";
    private String emailConfidence = "";
    private String companyDescription = "";
    private List<String> topServices = List.of();
    private String tone = "";
    private String linkedinUrl = "";
    private String engagementStatus = "";
    private final Map<String, String> customFields = new LinkedHashMap<>();

    private Builder() {}

    /** The lead's id in the system of record. */
    public Builder id(String id) {
      this.id = Objects.requireNonNull(id, "id");
      return this;
    }

    /** The address to write to. */
    public Builder email(String email) {
      this.email = Objects.requireNonNull(email, "email");
      return this;
    }

    /** First name. */
    public Builder firstName(String firstName) {
      this.firstName = Objects.requireNonNull(firstName, "firstName");
      return this;
    }

    /** Last name. */
    public Builder lastName(String lastName) {
      this.lastName = Objects.requireNonNull(lastName, "lastName");
      return this;
    }

    /** Job title or role. */
    public Builder title(String title) {
      this.title = Objects.requireNonNull(title, "title");
      return this;
    }

    /** Company name. */
    public Builder company(String company) {
      this.company = Objects.requireNonNull(company, "company");
      return this;
    }

    /** The company's web domain. */
    public Builder companyDomain(String companyDomain) {
      this.companyDomain = Objects.requireNonNull(companyDomain, "companyDomain");
      return this;
    }

    /** The company's industry. */
    public Builder industry(String industry) {
      this.industry = Objects.requireNonNull(industry, "industry");
      return this;
    }

    /** The company's size as the pipeline writes it. */
    public Builder companySize(String companySize) {
      this.companySize = Objects.requireNonNull(companySize, "companySize");
      return this;
    }

    /** City. */
    public Builder city(String city) {
      this.city = Objects.requireNonNull(city, "city");
      return this;
    }

    /** State, province or region. */
    public Builder region(String region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /** ISO 3166-1 alpha-2 code or English name of the country. */
    public Builder country(String country) {
      this.country = Objects.requireNonNull(country, "country");
      return this;
    }

    /** IANA time zone id such as {@code America/Chicago}; blank when unknown. */
    public Builder timezone(String timezone) {
      this.timezone = Objects.requireNonNull(timezone, "timezone");
      return this;
    }

    /** The lead's time zone. */
    public Builder timezone(ZoneId timezone) {
      return timezone(timezone.getId());
    }

    /** Email confidence as text ({@code Real}, {@code PATTERN}, ...); blank means UNKNOWN. */
    public Builder emailConfidence(String emailConfidence) {
      this.emailConfidence = Objects.requireNonNull(emailConfidence, "emailConfidence");
      return this;
    }

    /** Email confidence. */
    public Builder emailConfidence(EmailConfidence emailConfidence) {
      return emailConfidence(emailConfidence.name());
    }

    /** What the company does. */
    public Builder companyDescription(String companyDescription) {
      this.companyDescription = Objects.requireNonNull(companyDescription, "companyDescription");
      return this;
    }

    /** The company's main services. */
    public Builder topServices(List<String> topServices) {
      this.topServices = List.copyOf(topServices);
      return this;
    }

    /** The company's main services as one text, separated by {@code ;} or {@code |}. */
    public Builder topServices(String topServices) {
      return topServices(Arrays.asList(topServices.split("[;|]")));
    }

    /** The register the messages should take. */
    public Builder tone(String tone) {
      this.tone = Objects.requireNonNull(tone, "tone");
      return this;
    }

    /** The person's LinkedIn profile URL; blank when unknown. */
    public Builder linkedinUrl(String linkedinUrl) {
      this.linkedinUrl = Objects.requireNonNull(linkedinUrl, "linkedinUrl");
      return this;
    }

    /** Engagement status as text; blank means NEW. */
    public Builder engagementStatus(String engagementStatus) {
      this.engagementStatus = Objects.requireNonNull(engagementStatus, "engagementStatus");
      return this;
    }

    /** Engagement status. */
    public Builder engagementStatus(EngagementStatus engagementStatus) {
      return engagementStatus(engagementStatus.name());
    }

    /** Adds or replaces one custom field. */
    public Builder customField(String name, String value) {
      customFields.put(
          Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Parses and checks every field.
     *
     * @throws InvalidInputException listing every problem, each by field name
     */
    public Lead build() {
      List<FieldError> errors = new ArrayList<>();
      ZoneId zone = null;
      if (!timezone.isBlank()) {
        try {
          zone = ZoneId.of(timezone.strip());
        } catch (DateTimeException e) {
          errors.add(
              new FieldError("timezone", "'" + timezone.strip() + "' is not an IANA time zone id"));
        }
      }
      EmailConfidence confidence = EmailConfidence.UNKNOWN;
      try {
        confidence = EmailConfidence.parse(emailConfidence);
      } catch (IllegalArgumentException e) {
        errors.add(FieldError.of("email_confidence", e));
      }
      EngagementStatus engagement = EngagementStatus.NEW;
      try {
        engagement = EngagementStatus.parse(engagementStatus);
      } catch (IllegalArgumentException e) {
        errors.add(FieldError.of("engagement_status", e));
      }
      URI linkedin = null;
      if (!linkedinUrl.isBlank()) {
        try {
          linkedin = new URI(linkedinUrl.strip());
        } catch (URISyntaxException e) {
          errors.add(new FieldError("linkedin_url", "'" + linkedinUrl.strip() + "' is not a URL"));
        }
      }
      try {
        Lead lead =
            new Lead(
                id,
                email,
                firstName,
                lastName,
                title,
                company,
                companyDomain,
                industry,
                companySize,
                city,
                region,
                country,
                zone,
                confidence,
                companyDescription,
                topServices,
                tone,
                linkedin,
                engagement,
                customFields);
        if (!errors.isEmpty()) {
          throw new InvalidInputException(subject(lead.id()), errors);
        }
        return lead;
      } catch (InvalidInputException e) {
        if (errors.isEmpty() || e.errors().containsAll(errors)) {
          throw e;
        }
        List<FieldError> all = new ArrayList<>(e.errors());
        all.addAll(errors);
        throw new InvalidInputException(e.subject(), all);
      }
    }
  }
}
