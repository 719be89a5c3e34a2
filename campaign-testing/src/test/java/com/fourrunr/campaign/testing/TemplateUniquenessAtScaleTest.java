package com.fourrunr.campaign.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.quality.QualityGates;
import com.fourrunr.campaign.quality.SequenceWriter;
import com.fourrunr.campaign.quality.WrittenSequence;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A large list with distinct data passes the default uniqueness gate honestly: the template varies
 * its wording per lead, so fewer than 1% of 10,000 leads are held as repeats. ({@code
 * TemplateHeldShareBenchmark} in campaign-bench measures 100,000.)
 */
class TemplateUniquenessAtScaleTest {

  @Test
  void fewerThanOnePercentOfTenThousandDistinctLeadsAreHeldForUniqueness() {
    SequenceWriter writer =
        SequenceWriter.builder(new TemplateMessageGenerator())
            .gates(QualityGates.defaults())
            .build();
    Sequence sequence = Sequence.hookProofFomo();
    int leads = 10_000;
    int heldForUniqueness = 0;
    List<String> otherHolds = new ArrayList<>();
    for (int i = 0; i < leads; i++) {
      Lead lead = DistinctLeads.lead(i);
      WrittenSequence written = writer.write(lead, sequence);
      if (written.outcome() == WrittenSequence.Outcome.READY) {
        writer.accept(lead, written);
      } else if (written.reason().contains("uniqueness.recent")) {
        heldForUniqueness++;
      } else if (otherHolds.size() < 5) {
        otherHolds.add(lead.id() + ": " + written.reason());
      }
    }
    double share = (double) heldForUniqueness / leads;
    System.out.printf(
        "held for uniqueness: %d of %d (%.2f%%)%n", heldForUniqueness, leads, share * 100);

    assertThat(otherHolds).as("leads held for another rule").isEmpty();
    assertThat(share).as("%d of %d held for uniqueness", heldForUniqueness, leads).isLessThan(0.01);
  }

  @Test
  void distinctLeadsHaveDistinctCompaniesDescriptionsAndServices() {
    List<Lead> leads = DistinctLeads.first(20_000);

    assertThat(leads).extracting(Lead::company).doesNotHaveDuplicates();
    assertThat(leads).extracting(Lead::companyDescription).doesNotHaveDuplicates();
    assertThat(leads).extracting(Lead::topServices).doesNotHaveDuplicates();
  }
}
