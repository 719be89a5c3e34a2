package com.fourrunr.campaign.quality;

import static com.fourrunr.campaign.quality.QualityGatesTest.ADA;
import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Lead;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules that read a message against the lead's own data, each with its detail and score. */
class CopyRulesTest {

  @Test
  void theLeadsOwnSizeBucketCountsEvenWithoutAPeopleWord() {
    Verdict own = CopyRules.sizeBuckets(ADA, "A team in the 11-50 range.");
    Verdict prose = CopyRules.sizeBuckets(ADA, "Teams of 200+ employees move slowly.");
    Verdict words =
        CopyRules.sizeBuckets(ADA.toBuilder().companySize("Large").build(), "Large teams.");
    Verdict clean = CopyRules.sizeBuckets(ADA, "A small team.");

    assertThat(own.passed()).isFalse();
    assertThat(own.score()).isEqualTo(0.0);
    assertThat(own.detail()).isEqualTo("raw size bucket in prose: 11-50");
    assertThat(prose.detail()).isEqualTo("raw size bucket in prose: 200+ employees");
    assertThat(words.passed()).isTrue();
    assertThat(clean.passed()).isTrue();
    assertThat(clean.score()).isEqualTo(1.0);
    assertThat(clean.detail()).isEqualTo("no raw company-size bucket");
  }

  @Test
  void aNameEndingInSTakesABareApostrophe() {
    Verdict broken = CopyRules.possessives("Analytical Engines's machines and Ada's notes.");
    Verdict fine = CopyRules.possessives("Analytical Engines' machines and the boss's desk.");

    assertThat(broken.passed()).isFalse();
    assertThat(broken.score()).isEqualTo(0.0);
    assertThat(broken.detail()).isEqualTo("a name ending in s takes a bare apostrophe: Engines's");
    assertThat(fine.passed()).isTrue();
    assertThat(fine.score()).isEqualTo(1.0);
    assertThat(fine.detail()).isEqualTo("possessives well formed");
  }

  @Test
  void theLeadsNamesKeepTheirCapitalsOnceReportedPerName() {
    Lead ada = ADA.toBuilder().lastName("Lovelace").build();

    Verdict v =
        CopyRules.properNames(
            ada, "I hear analytical engines and analytical engines again; ada lovelace agrees.");
    Verdict fine = CopyRules.properNames(ada, "Analytical Engines and Ada Lovelace.");

    assertThat(v.passed()).isFalse();
    assertThat(v.score()).isEqualTo(0.0);
    assertThat(v.detail()).isEqualTo("lower-cased name: analytical engines, ada lovelace");
    assertThat(fine.passed()).isTrue();
    assertThat(fine.score()).isEqualTo(1.0);
    assertThat(fine.detail()).isEqualTo("the lead's names keep their capitals");
  }

  @Test
  void aLowerCasedFirstNameInAGreetingIsReported() {
    Verdict v = CopyRules.properNames(ADA, "Hi ada,\n\nThanks, ada, for the note.");

    assertThat(v.detail()).isEqualTo("lower-cased name: Hi ada, Thanks, ada");
    assertThat(CopyRules.properNames(ADA, "Hi ada and welcome.").passed()).isTrue();
  }

  @Test
  void twoLetterNamesKeepTheirCapitalsToo() {
    Lead hp = ADA.toBuilder().company("HP").firstName("Al").companyDescription("Printers.").build();

    assertThat(CopyRules.properNames(hp, "Hi al,\n\nhp makes printers.").detail())
        .isEqualTo("lower-cased name: hp, Hi al");
  }

  @Test
  void namesTheLeadsDataWritesInLowerCaseOrTooShortAreLeftAlone() {
    Lead lowerBrand =
        ADA.toBuilder()
            .company("eBay")
            .firstName("A")
            .companyDescription("ebay is a marketplace")
            .build();
    Lead describedLower =
        ADA.toBuilder()
            .companyDescription("We are analytical engines, a calculating firm.")
            .build();

    assertThat(CopyRules.properNames(lowerBrand, "ebay is big. Hi a,").passed()).isTrue();
    assertThat(CopyRules.properNames(describedLower, "as analytical engines says").passed())
        .isTrue();
  }

  @Test
  void eachServiceOrIndustryOutsideTheLeadsDataLowersTheScore() {
    List<String> phrases = List.of("software", "retail", "logistics");
    PhraseScanner patterns = new PhraseScanner(phrases, phrases);

    Verdict one = CopyRules.leadFacts(ADA, "Great software.", patterns, phrases);
    Verdict two = CopyRules.leadFacts(ADA, "Software for retail.", patterns, phrases);
    Verdict partOfAWord =
        CopyRules.leadFacts(ADA, "Retailers and softwarehouses.", patterns, phrases);
    Verdict named =
        CopyRules.leadFacts(
            ADA.toBuilder().title("Head of Logistics").build(), "Logistics.", patterns, phrases);

    assertThat(one.passed()).isFalse();
    assertThat(one.score()).isEqualTo(1.0 / 3);
    assertThat(one.detail()).isEqualTo("not in the lead's data: software");
    assertThat(two.score()).isEqualTo(0.25);
    assertThat(two.detail()).isEqualTo("not in the lead's data: software, retail");
    assertThat(partOfAWord.passed()).isTrue();
    assertThat(named.passed()).isTrue();
    assertThat(named.score()).isEqualTo(1.0);
    assertThat(named.detail()).isEqualTo("every service or industry named is in the lead's data");
  }

  @Test
  void aPhraseIsMatchedAsWholeWordsOnlyWhereItStartsOrEndsWithALetterOrDigit() {
    assertThat(found("saas", "a saas tool")).isTrue();
    assertThat(found("saas", "saasy")).isFalse();
    assertThat(found("saas", "mysaas")).isFalse();
    assertThat(found("e-", "e-commerce")).isTrue();
    assertThat(found("-commerce", "e-commerce")).isTrue();
  }

  private static boolean found(String phrase, String text) {
    return new PhraseScanner(List.of(phrase), List.of(phrase)).find(text)[0];
  }
}
