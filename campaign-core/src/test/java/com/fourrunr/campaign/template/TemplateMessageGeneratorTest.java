package com.fourrunr.campaign.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.GeneratedMessage;
import com.fourrunr.campaign.GenerationRequest;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.SequenceStep;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateMessageGeneratorTest {

  /** Any character that ends a line: CR, LF, VT, FF, NEL, LINE and PARAGRAPH SEPARATOR. */
  private static final Pattern LINE_BREAK = Pattern.compile("\\R|[\\u000B\\u000C]");

  private static final Lead ADA =
      Lead.builder("L-1", "ada@example.com")
          .firstName("Ada")
          .lastName("Lovelace")
          .title("CTO")
          .company("Analytical Engines")
          .industry("Computing")
          .companySize("11-50")
          .companyDescription(
              "Analytical Engines builds programmable calculating machines. Founded 1843.")
          .topServices("Engine design;Punch-card programming")
          .build();

  private static final Lead BARE = Lead.builder("L-bare", "someone@example.com").build();

  private final TemplateMessageGenerator generator = new TemplateMessageGenerator();

  /** Writes every step of the sequence for the lead, each step seeing the earlier ones. */
  private static List<GeneratedMessage> writeAll(
      TemplateMessageGenerator g, Lead lead, Sequence sequence) {
    List<GeneratedMessage> written = new ArrayList<>();
    for (int i = 0; i < sequence.size(); i++) {
      written.add(g.generate(new GenerationRequest(lead, sequence, i, written)));
    }
    return written;
  }

  private List<GeneratedMessage> hookProofFomo(Lead lead) {
    return writeAll(generator, lead, Sequence.hookProofFomo());
  }

  private static void assertWellFormedSubject(String subject) {
    assertThat(subject).isNotBlank().hasSizeLessThanOrEqualTo(60).isEqualTo(subject.strip());
    assertThat(LINE_BREAK.matcher(subject).find())
        .as("line break in subject '%s'", subject)
        .isFalse();
  }

  @Test
  void hookProofAndFomoAreDistinctMessages() {
    List<GeneratedMessage> m = hookProofFomo(ADA);

    assertThat(m).hasSize(3);
    assertThat(m).extracting(GeneratedMessage::subject).doesNotHaveDuplicates();
    assertThat(m).extracting(GeneratedMessage::textBody).doesNotHaveDuplicates();
  }

  @Test
  void everyStepIsPersonalisedWithFirstNameAndCompany() {
    for (GeneratedMessage m : hookProofFomo(ADA)) {
      assertThat(m.textBody()).contains("Ada").contains("Analytical Engines");
    }
  }

  @Test
  void hookMentionsTheLeadsServiceAndWhatTheCompanyDoes() {
    GeneratedMessage hook = hookProofFomo(ADA).get(0);

    assertThat(hook.textBody())
        .contains("engine design")
        .contains("programmable calculating machines")
        .doesNotContain("Founded 1843");
    // The company's own name keeps its capital where the description starts with it.
    assertThat(hook.textBody()).doesNotContain("analytical Engines");
  }

  @Test
  void proofBuildsOnTheHookAndNamesTheIndustryAndRole() {
    GeneratedMessage proof = hookProofFomo(ADA).get(1);

    assertThat(proof.textBody())
        .contains("follow-on to my note")
        .contains("computing")
        .contains("For a CTO");
  }

  @Test
  void fomoClosesTheLoop() {
    GeneratedMessage fomo = hookProofFomo(ADA).get(2);

    assertThat(fomo.textBody()).contains("no more notes from me");
  }

  @Test
  void sameLeadAlwaysGetsTheSameText() {
    List<GeneratedMessage> first = hookProofFomo(ADA);
    List<GeneratedMessage> again = hookProofFomo(ADA);
    List<GeneratedMessage> otherInstance =
        writeAll(new TemplateMessageGenerator(), ADA, Sequence.hookProofFomo());
    List<GeneratedMessage> equalLead = hookProofFomo(ADA.toBuilder().build());

    assertThat(again).isEqualTo(first);
    assertThat(otherInstance).isEqualTo(first);
    assertThat(equalLead).isEqualTo(first);
  }

  @Test
  void textIsPlainOnly() {
    assertThat(hookProofFomo(ADA)).allSatisfy(m -> assertThat(m.htmlBody()).isNull());
  }

  @Test
  void subjectsAreShortSingleLines() {
    hookProofFomo(ADA).forEach(m -> assertWellFormedSubject(m.subject()));
  }

  @Test
  void longCompanyNamesStillGiveSubjectsOfAtMostSixtyCharacters() {
    Lead lead =
        Lead.builder("L-2", "x@example.com")
            .firstName("Maximiliana")
            .company("The Extraordinarily Long Named International Holding Company of Everything")
            .topServices("Comprehensive end-to-end enterprise transformation consulting")
            .industry("Management consulting and professional services")
            .build();

    for (GeneratedMessage m : hookProofFomo(lead)) {
      assertWellFormedSubject(m.subject());
    }
    assertThat(hookProofFomo(lead).get(0).subject())
        .containsAnyOf("The Extraordinarily", "A question on");
  }

  @Test
  void lineBreaksInLeadFieldsNeverReachTheSubject() {
    Lead lead =
        Lead.builder("L-3", "x@example.com")
            .firstName("Ada")
            .company("Engines\r\nLtd\u2028Group")
            .topServices("Design\nBuild\u0085Run")
            .industry("Com\u2029puting")
            .build();

    for (GeneratedMessage m : hookProofFomo(lead)) {
      assertWellFormedSubject(m.subject());
    }
  }

  @Test
  void leadWithOnlyIdAndEmailGetsSensibleMessages() {
    List<GeneratedMessage> m = hookProofFomo(BARE);

    assertThat(m).hasSize(3);
    assertThat(m).extracting(GeneratedMessage::subject).doesNotHaveDuplicates();
    assertThat(m).extracting(GeneratedMessage::textBody).doesNotHaveDuplicates();
    for (GeneratedMessage message : m) {
      assertWellFormedSubject(message.subject());
      assertThat(message.textBody())
          .startsWith("Hi there,")
          .contains("The 4Runr team")
          .doesNotContain("null")
          .doesNotContain("  ")
          .doesNotContain(" ,")
          .doesNotContain(" .")
          .doesNotContain("''")
          .doesNotContain("..");
      for (String paragraph : message.textBody().split("\n\n")) {
        assertThat(Character.isUpperCase(paragraph.codePointAt(0)))
            .as("paragraph starts with a capital: '%s'", paragraph)
            .isTrue();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"L-1", "L-2", "L-3", "L-4", "L-5", "L-6", "L-7", "L-8", "abc", "xyz"})
  void everyPhrasingReadsWellForABareLead(String id) {
    for (GeneratedMessage message :
        hookProofFomo(Lead.builder(id, "someone@example.com").build())) {
      assertWellFormedSubject(message.subject());
      for (String paragraph : message.textBody().split("\n\n")) {
        assertThat(Character.isUpperCase(paragraph.codePointAt(0)))
            .as("paragraph starts with a capital: '%s'", paragraph)
            .isTrue();
      }
    }
  }

  @Test
  void formalToneGreetsWithDearAndSignsWithKindRegards() {
    GeneratedMessage hook = hookProofFomo(ADA.toBuilder().tone("Formal").build()).get(0);

    assertThat(hook.textBody()).startsWith("Dear Ada,").endsWith("Kind regards,\nThe 4Runr team");
  }

  @Test
  void warmToneSignsWithAllTheBest() {
    GeneratedMessage hook = hookProofFomo(ADA.toBuilder().tone("warm").build()).get(0);

    assertThat(hook.textBody()).startsWith("Hi Ada,").endsWith("All the best,\nThe 4Runr team");
  }

  @Test
  void signatureIsUsedInEveryMessage() {
    List<GeneratedMessage> m =
        writeAll(new TemplateMessageGenerator("  Sam at 4Runr "), ADA, Sequence.hookProofFomo());

    assertThat(m).allSatisfy(g -> assertThat(g.textBody()).endsWith("\nSam at 4Runr"));
  }

  @Test
  void blankSignatureIsRejected() {
    assertThatThrownBy(() -> new TemplateMessageGenerator(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("signature");
  }

  @Test
  void otherStepTypesGetAPoliteFollowUp() {
    Sequence five =
        new Sequence(
            "five",
            List.of(
                new SequenceStep(MessageType.HOOK, 0),
                new SequenceStep(new MessageType("Nudge"), 2),
                new SequenceStep(MessageType.PROOF, 2),
                new SequenceStep(new MessageType("Breakup"), 3),
                new SequenceStep(MessageType.FOMO, 3)));

    List<GeneratedMessage> m = writeAll(generator, ADA, five);

    assertThat(m).hasSize(5);
    assertThat(m.get(1).textBody())
        .contains("follow-up")
        .contains("Analytical Engines")
        .startsWith("Hi Ada,");
    m.forEach(g -> assertWellFormedSubject(g.subject()));
  }

  @Property(tries = 300)
  void subjectIsAlwaysOneShortLine(
      @ForAll("names") String firstName,
      @ForAll("names") String company,
      @ForAll("names") String service,
      @ForAll("names") String industry) {
    Lead lead =
        Lead.builder("L-p", "p@example.com")
            .firstName(firstName)
            .company(company)
            .topServices(List.of(service))
            .industry(industry)
            .build();

    for (GeneratedMessage m : hookProofFomo(lead)) {
      assertWellFormedSubject(m.subject());
      assertThat(m.textBody()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withCharRange('A', 'Z')
        .withChars(
            ' ', '\'', '-', '&', ',', '.', '\n', '\r', '\t', '\u2028', '\u2029', '\u0085', 'é', 'ß')
        .ofMaxLength(120);
  }

  @Test
  void copyReadsNaturallyForEveryCombinationOfPresentAndMissingFields() {
    com.fourrunr.campaign.quality.QualityGates gates =
        com.fourrunr.campaign.quality.QualityGates.builder().uniqueness(false).build();
    Sequence hpf = Sequence.hookProofFomo();
    for (int mask = 0; mask < 128; mask++) {
      Lead.Builder b = Lead.builder("L-" + mask, "x@example.com");
      if ((mask & 1) != 0) b.firstName("Priya");
      if ((mask & 2) != 0) b.company((mask & 64) != 0 ? "Kestrel Analytics" : "Gamma");
      if ((mask & 4) != 0) b.topServices("Demand forecasting;Inventory analytics");
      if ((mask & 8) != 0) b.industry("Computing");
      if ((mask & 16) != 0) b.companySize((mask & 64) != 0 ? "5000+" : "51-200");
      if ((mask & 32) != 0) {
        b.companyDescription(
            (mask & 2) != 0 && (mask & 64) == 0
                ? "Gamma sells software to mid-size retailers."
                : "Kestrel Analytics builds forecasting tools.");
      }
      if ((mask & 64) != 0) b.title("CTO").city("London");
      Lead lead = b.build();
      List<GeneratedMessage> written = hookProofFomo(lead);
      for (int i = 0; i < written.size(); i++) {
        String text = written.get(i).subject() + "\n" + written.get(i).textBody();
        assertThat(text)
            .as("lead %d", mask)
            .doesNotContain("Analytics's")
            .doesNotContain("gamma")
            .doesNotContain("your market")
            .doesNotContain("your size")
            .doesNotContain("client acquisition")
            .doesNotContain("51-200")
            .doesNotContain("5000+")
            .doesNotContain("  ")
            .doesNotContain(" ,")
            .doesNotContain("..")
            .doesNotContain("null");
        for (var v :
            gates.check(
                new GenerationRequest(lead, hpf, i, written.subList(0, i)), written.get(i))) {
          if (v.rule().startsWith("brand.")
              && !v.rule().equals("brand.personalisation")
              && !v.rule().equals("brand.body-length")) {
            assertThat(v.passed())
                .as("lead %d %s %s\n%s", mask, v.rule(), v.detail(), text)
                .isTrue();
          }
        }
      }
    }
  }

  @Test
  void sizeBucketsReadAsPeople() {
    assertThat(LeadFacts.people("51-200")).isEqualTo("51 to 200 people");
    assertThat(LeadFacts.people("1-10")).isEqualTo("up to ten people");
    assertThat(LeadFacts.people("5000+")).isEqualTo("more than 5,000 people");
    assertThat(LeadFacts.people("1001-5000 employees")).isEqualTo("1,001 to 5,000 people");
    assertThat(LeadFacts.people("Mid-size")).isEmpty();
    assertThat(LeadFacts.possessive("Kestrel Analytics")).isEqualTo("Kestrel Analytics'");
    assertThat(LeadFacts.possessive("Gamma")).isEqualTo("Gamma's");
  }

  @org.junit.jupiter.api.Test
  void servicesReadInSentencesLowerCasedButAcronymsKept() {
    assertThat(TemplateMessageGenerator.casual("Family dentistry")).isEqualTo("family dentistry");
    assertThat(TemplateMessageGenerator.casual("Power-management ICs"))
        .isEqualTo("power-management ICs");
    assertThat(TemplateMessageGenerator.casual("IT Services for SaaS teams"))
        .isEqualTo("IT services for SaaS teams");
    assertThat(TemplateMessageGenerator.casual("")).isEmpty();
  }
}
