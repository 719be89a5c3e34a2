package com.fourrunr.campaign.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.LeadRecord;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.csv.CsvLeadSource;
import com.fourrunr.campaign.quality.QualityGates;
import com.fourrunr.campaign.quality.SequenceWriter;
import com.fourrunr.campaign.quality.Verdict;
import com.fourrunr.campaign.quality.WrittenMessage;
import com.fourrunr.campaign.quality.WrittenSequence;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The template generator's copy for every demo lead passes every quality gate, uniqueness across
 * leads included.
 */
class TemplateCopyPassesGatesTest {

  static List<Lead> demoLeads() {
    CsvLeadSource source =
        CsvLeadSource.of(
            Demo.SAMPLE_LEADS,
            () ->
                new InputStreamReader(
                    Objects.requireNonNull(
                        Demo.class.getClassLoader().getResourceAsStream(Demo.SAMPLE_LEADS)),
                    StandardCharsets.UTF_8));
    try (Stream<LeadRecord> records = source.read()) {
      return records
          .filter(r -> r instanceof LeadRecord.Valid)
          .map(r -> ((LeadRecord.Valid) r).lead())
          .toList();
    }
  }

  @Test
  void templateCopyForEveryDemoLeadPassesEveryGate() {
    List<Lead> leads = demoLeads();
    assertThat(leads).hasSize(21);
    SequenceWriter writer =
        SequenceWriter.builder(new TemplateMessageGenerator())
            .gates(QualityGates.defaults())
            .build();

    for (Lead lead : leads) {
      WrittenSequence written = writer.write(lead, Sequence.hookProofFomo());

      assertThat(written.outcome())
          .as("lead %s: %s", lead.id(), written.reason())
          .isEqualTo(WrittenSequence.Outcome.READY);
      for (WrittenMessage m : written.messages()) {
        assertThat(m.verdicts())
            .as("lead %s %s", lead.id(), m.type())
            .extracting(Verdict::rule)
            .contains(
                "brand.banned-phrases",
                "brand.body-length",
                "brand.subject-length",
                "brand.placeholders",
                "brand.subject-characters",
                "brand.personalisation",
                "progression.order",
                "progression.distinct",
                "uniqueness.recent");
        assertThat(m.verdicts())
            .as("lead %s %s\n%s", lead.id(), m.type(), m.message().textBody())
            .allSatisfy(v -> assertThat(v.passed()).as(v.rule() + " " + v.detail()).isTrue());
        assertThat(m.fallback()).isEqualTo("none");
      }
      writer.accept(lead, written);
    }
    assertThat(writer.gates().recentMessages()).isEqualTo(leads.size() * 3);
  }
}
