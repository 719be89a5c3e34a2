package com.fourrunr.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.ZoneId;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LeadTest {

  private static InvalidInputException rejection(Lead.Builder builder) {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, builder::build);
    assertThat(e).as("build() should have been rejected").isNotNull();
    return e;
  }

  private static List<String> fields(InvalidInputException e) {
    return e.errors().stream().map(FieldError::field).toList();
  }

  // ---------------------------------------------------------------------------------------------
  // Valid leads and normalisation

  @Test
  void minimalLeadNeedsOnlyIdAndEmail() {
    Lead lead = Lead.builder("L-1", "ada@example.com").build();

    assertThat(lead.id()).isEqualTo("L-1");
    assertThat(lead.email()).isEqualTo("ada@example.com");
    assertThat(lead.firstName()).isEmpty();
    assertThat(lead.company()).isEmpty();
    assertThat(lead.country()).isEmpty();
    assertThat(lead.timezone()).isNull();
    assertThat(lead.linkedinUrl()).isNull();
    assertThat(lead.emailConfidence()).isEqualTo(EmailConfidence.UNKNOWN);
    assertThat(lead.engagementStatus()).isEqualTo(EngagementStatus.NEW);
    assertThat(lead.topServices()).isEmpty();
    assertThat(lead.customFields()).isEmpty();
  }

  @Test
  void emailIsLowerCasedAndStripped() {
    Lead lead = Lead.builder("L-1", "  Ada.Lovelace@Example.COM \t").build();

    assertThat(lead.email()).isEqualTo("ada.lovelace@example.com");
  }

  @Test
  void everyTextFieldIsStripped() {
    Lead lead =
        Lead.builder(" L-1 ", " ada@example.com ")
            .firstName("  Ada ")
            .lastName(" Lovelace\t")
            .title(" CTO ")
            .company(" Analytical Engines Ltd ")
            .companyDomain(" Analytical-Engines.CO.UK ")
            .industry(" Computing ")
            .companySize(" 11-50 ")
            .city(" London ")
            .region(" Greater London ")
            .country(" GB ")
            .timezone(" Europe/London ")
            .emailConfidence(" Real ")
            .companyDescription(" We build engines. ")
            .tone(" warm ")
            .linkedinUrl(" https://www.linkedin.com/in/ada ")
            .engagementStatus(" contacted ")
            .build();

    assertThat(lead.id()).isEqualTo("L-1");
    assertThat(lead.firstName()).isEqualTo("Ada");
    assertThat(lead.lastName()).isEqualTo("Lovelace");
    assertThat(lead.title()).isEqualTo("CTO");
    assertThat(lead.company()).isEqualTo("Analytical Engines Ltd");
    assertThat(lead.companyDomain()).isEqualTo("analytical-engines.co.uk");
    assertThat(lead.industry()).isEqualTo("Computing");
    assertThat(lead.companySize()).isEqualTo("11-50");
    assertThat(lead.city()).isEqualTo("London");
    assertThat(lead.region()).isEqualTo("Greater London");
    assertThat(lead.country()).isEqualTo("GB");
    assertThat(lead.timezone()).isEqualTo(ZoneId.of("Europe/London"));
    assertThat(lead.emailConfidence()).isEqualTo(EmailConfidence.REAL);
    assertThat(lead.companyDescription()).isEqualTo("We build engines.");
    assertThat(lead.tone()).isEqualTo("warm");
    assertThat(lead.linkedinUrl()).isEqualTo(URI.create("https://www.linkedin.com/in/ada"));
    assertThat(lead.engagementStatus()).isEqualTo(EngagementStatus.CONTACTED);
  }

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @org.junit.jupiter.params.provider.CsvSource({
    "United Kingdom, GB",
    "united kingdom, GB",
    "Germany, DE",
    "UK, GB",
    "USA, US",
    "United States, US",
    "gb, GB",
    "de, DE",
    "France, FR"
  })
  void countryNameOrCodeBecomesTheIsoCode(String country, String code) {
    assertThat(Lead.builder("L-1", "ada@example.com").country(country).build().country())
        .isEqualTo(code);
  }

  @Test
  void topServicesAreSplitOnSemicolonAndPipeAndStripped() {
    Lead lead =
        Lead.builder("L-1", "ada@example.com")
            .topServices(" Brand design ;Web builds| SEO audits ;; | ")
            .build();

    assertThat(lead.topServices()).containsExactly("Brand design", "Web builds", "SEO audits");
  }

  @Test
  void topServicesGivenAsListAreStrippedAndBlanksDropped() {
    Lead lead =
        Lead.builder("L-1", "ada@example.com")
            .topServices(List.of(" Design ", "", "  ", "Build"))
            .build();

    assertThat(lead.topServices()).containsExactly("Design", "Build");
  }

  @Test
  void customFieldsKeepTheOrderGiven() {
    Lead lead =
        Lead.builder("L-1", "ada@example.com")
            .customField("zeta", "1")
            .customField("alpha", "2")
            .customField("mid", "3")
            .customField("Beta", "4")
            .build();

    assertThat(lead.customFields().keySet()).containsExactly("zeta", "alpha", "mid", "Beta");
    assertThat(lead.customFields()).containsEntry("alpha", "2");
  }

  @Test
  void customFieldsCannotBeChangedAfterBuild() {
    Lead lead = Lead.builder("L-1", "ada@example.com").customField("source", "fair").build();

    assertThatThrownBy(() -> lead.customFields().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void blankCustomFieldNameIsRejected() {
    InvalidInputException e =
        rejection(Lead.builder("L-1", "ada@example.com").customField("  ", "value"));

    assertThat(fields(e)).containsExactly("custom_fields");
  }

  @ParameterizedTest
  @ValueSource(strings = {"REAL", "real", "Real", "PATTERN", "pattern", "GUESS", "unknown"})
  void emailConfidenceIsReadWithoutRegardToCase(String text) {
    Lead lead = Lead.builder("L-1", "ada@example.com").emailConfidence(text).build();

    assertThat(lead.emailConfidence().name()).isEqualToIgnoringCase(text);
  }

  @Test
  void engagementStatusIsReadAsTablesWriteIt() {
    assertThat(
            Lead.builder("L-1", "ada@example.com")
                .engagementStatus("do not contact")
                .build()
                .engagementStatus())
        .isEqualTo(EngagementStatus.DO_NOT_CONTACT);
    assertThat(
            Lead.builder("L-1", "ada@example.com")
                .engagementStatus("Engaged")
                .build()
                .engagementStatus())
        .isEqualTo(EngagementStatus.ENGAGED);
  }

  @Test
  void displayNameFallsBackFromFirstToLastName() {
    assertThat(
            Lead.builder("L-1", "a@example.com")
                .firstName("Ada")
                .lastName("L")
                .build()
                .displayName())
        .isEqualTo("Ada");
    assertThat(Lead.builder("L-1", "a@example.com").lastName("Lovelace").build().displayName())
        .isEqualTo("Lovelace");
    assertThat(Lead.builder("L-1", "a@example.com").build().displayName()).isEmpty();
  }

  @Test
  void toBuilderMakesAnEqualLead() {
    Lead lead =
        Lead.builder("L-1", "ada@example.com")
            .firstName("Ada")
            .company("Engines")
            .country("United Kingdom")
            .timezone("Europe/London")
            .emailConfidence(EmailConfidence.PATTERN)
            .topServices("Design;Build")
            .linkedinUrl("https://linkedin.com/in/ada")
            .engagementStatus(EngagementStatus.CONTACTED)
            .customField("source", "fair")
            .build();

    assertThat(lead.toBuilder().build()).isEqualTo(lead);
    assertThat(lead.toBuilder().firstName("Augusta").build().firstName()).isEqualTo("Augusta");
  }

  // ---------------------------------------------------------------------------------------------
  // Rejections

  @ParameterizedTest(name = "\"{0}\" is not an email address")
  @ValueSource(
      strings = {
        "ada",
        "ada@",
        "@example.com",
        "ada@example",
        "ada@@example.com",
        "ada@lovelace@example.com",
        "ada lovelace@example.com",
        "ada@exa mple.com",
        "ada@example..com",
        "ada@.example.com",
        "ada@-example.com",
        "ada@example.c",
        "ada@exam_ple.com",
        "ada..lovelace@example.com",
        ".ada@example.com",
        "ada.@example.com",
        "<ada@example.com>",
        "Ada Lovelace <ada@example.com>",
        "ada@example.com,bob@example.com"
      })
  void malformedEmailIsRejectedNamingTheEmailField(String email) {
    InvalidInputException e = rejection(Lead.builder("L-1", email));

    assertThat(fields(e)).containsExactly("email");
    assertThat(e.errors().get(0).problem()).contains("not a valid email address");
    assertThat(e.getMessage()).contains("lead 'L-1'").contains("email");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\t"})
  void missingEmailIsRequired(String email) {
    InvalidInputException e = rejection(Lead.builder("L-1", email));

    assertThat(e.errors()).containsExactly(new FieldError("email", "is required"));
  }

  @Test
  void leadWithoutEmailAtAllIsRejected() {
    InvalidInputException e = rejection(Lead.builder().id("L-1"));

    assertThat(e.errors()).containsExactly(new FieldError("email", "is required"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  "})
  void missingIdIsRequired(String id) {
    InvalidInputException e = rejection(Lead.builder(id, "ada@example.com"));

    assertThat(e.errors()).containsExactly(new FieldError("id", "is required"));
    assertThat(e.subject()).isEqualTo("lead");
  }

  @Test
  void leadWithNeitherIdNorEmailReportsBoth() {
    InvalidInputException e = rejection(Lead.builder());

    assertThat(fields(e)).containsExactlyInAnyOrder("id", "email");
  }

  @Test
  void overlongIdIsRejected() {
    InvalidInputException e = rejection(Lead.builder("L".repeat(201), "ada@example.com"));

    assertThat(fields(e)).containsExactly("id");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Mars/Olympus_Mons", "Europe/Londn", "GMT+25", "not a zone"})
  void unknownTimezoneIsRejectedNamingTheTimezoneField(String zone) {
    InvalidInputException e = rejection(Lead.builder("L-1", "ada@example.com").timezone(zone));

    assertThat(fields(e)).containsExactly("timezone");
    assertThat(e.errors().get(0).problem()).contains(zone).contains("time zone");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Narnia", "XX", "ZZ", "U.K.", "Deutschland1"})
  void badCountryIsRejectedNamingTheCountryField(String country) {
    InvalidInputException e = rejection(Lead.builder("L-1", "ada@example.com").country(country));

    assertThat(fields(e)).containsExactly("country");
    assertThat(e.errors().get(0).problem()).contains(country);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://example.com/in/ada",
        "https://notlinkedin.com/in/ada",
        "ftp://linkedin.com/in/ada",
        "linkedin.com/in/ada",
        "not a url at all",
        "https://linkedin.com.evil.example/in/ada"
      })
  void badLinkedinUrlIsRejectedNamingTheLinkedinField(String url) {
    InvalidInputException e = rejection(Lead.builder("L-1", "ada@example.com").linkedinUrl(url));

    assertThat(fields(e)).containsExactly("linkedin_url");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://www.linkedin.com/in/ada-lovelace",
        "http://linkedin.com/in/ada",
        "https://uk.linkedin.com/in/ada"
      })
  void linkedinProfileUrlIsAccepted(String url) {
    assertThat(Lead.builder("L-1", "ada@example.com").linkedinUrl(url).build().linkedinUrl())
        .isEqualTo(URI.create(url));
  }

  @ParameterizedTest
  @ValueSource(strings = {"maybe", "verified!", "REALLY", "1"})
  void badEmailConfidenceIsRejectedNamingTheField(String confidence) {
    InvalidInputException e =
        rejection(Lead.builder("L-1", "ada@example.com").emailConfidence(confidence));

    assertThat(fields(e)).containsExactly("email_confidence");
    assertThat(e.errors().get(0).problem())
        .contains(confidence)
        .contains("REAL")
        .contains("PATTERN");
  }

  @Test
  void badEngagementStatusIsRejectedNamingTheField() {
    InvalidInputException e =
        rejection(Lead.builder("L-1", "ada@example.com").engagementStatus("hot lead"));

    assertThat(fields(e)).containsExactly("engagement_status");
  }

  @Test
  void badDomainIsRejectedNamingTheDomainField() {
    InvalidInputException e =
        rejection(Lead.builder("L-1", "ada@example.com").companyDomain("https://example.com/"));

    assertThat(fields(e)).containsExactly("domain");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    InvalidInputException e =
        rejection(
            Lead.builder("", "ada(at)example.com")
                .country("Narnia")
                .timezone("Mars/Olympus_Mons")
                .emailConfidence("maybe")
                .engagementStatus("hot lead")
                .linkedinUrl("https://example.com/in/ada")
                .companyDomain("not a domain"));

    assertThat(fields(e))
        .containsExactlyInAnyOrder(
            "id",
            "email",
            "domain",
            "country",
            "linkedin_url",
            "timezone",
            "email_confidence",
            "engagement_status");
    assertThat(e.getMessage())
        .contains("id: is required")
        .contains("email: ")
        .contains("timezone: ")
        .contains("country: ")
        .contains("email_confidence: ");
  }

  @Test
  void builderErrorsAloneAreReportedTogether() {
    InvalidInputException e =
        rejection(
            Lead.builder("L-1", "ada@example.com")
                .timezone("Nowhere/Special")
                .emailConfidence("perhaps")
                .linkedinUrl("not a url"));

    assertThat(fields(e)).containsExactlyInAnyOrder("timezone", "email_confidence", "linkedin_url");
    assertThat(e.subject()).isEqualTo("lead 'L-1'");
  }

  // ---------------------------------------------------------------------------------------------
  // Properties

  @Property(tries = 500)
  void anyTextWithoutAnAtSignIsRejectedAsEmail(@ForAll("textWithoutAt") String email) {
    InvalidInputException e = rejection(Lead.builder("L-1", email));

    assertThat(fields(e)).containsExactly("email");
  }

  @Provide
  Arbitrary<String> textWithoutAt() {
    Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(300);
    Arbitrary<String> addressLike =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withChars('.', '-', '_', '+', ' ')
            .ofMinLength(1)
            .ofMaxLength(40)
            .map(s -> s + ".example.com");
    return Arbitraries.oneOf(anything, addressLike).filter(s -> s.indexOf('@') < 0);
  }

  @Property(tries = 200)
  void wellFormedAddressIsAcceptedAndLowerCased(
      @ForAll("localParts") String local, @ForAll("domains") String domain) {
    Lead lead = Lead.builder("L-1", local + "@" + domain).build();

    assertThat(lead.email()).isEqualTo((local + "@" + domain).toLowerCase(java.util.Locale.ROOT));
  }

  @Provide
  Arbitrary<String> localParts() {
    Arbitrary<String> atom =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('A', 'Z')
            .withCharRange('0', '9')
            .withChars('+', '_', '-')
            .ofMinLength(1)
            .ofMaxLength(12);
    return atom.list().ofMinSize(1).ofMaxSize(3).map(parts -> String.join(".", parts));
  }

  @Provide
  Arbitrary<String> domains() {
    Arbitrary<String> label =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('0', '9')
            .ofMinLength(1)
            .ofMaxLength(12);
    Arbitrary<String> tld =
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2).ofMaxLength(6);
    return net.jqwik.api.Combinators.combine(label.list().ofMinSize(1).ofMaxSize(3), tld)
        .as((labels, t) -> String.join(".", labels) + "." + t);
  }
}
