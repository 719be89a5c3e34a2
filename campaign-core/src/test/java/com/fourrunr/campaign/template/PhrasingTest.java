package com.fourrunr.campaign.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.GeneratedMessage;
import com.fourrunr.campaign.GenerationRequest;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Sequence;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PhrasingTest {

  @Test
  void sameLeadAndPartAlwaysGetTheSameChoices() {
    Lead lead = Lead.builder("L-42", "x@example.com").build();
    Phrasing a = new Phrasing(lead, 1);
    Phrasing b = new Phrasing(lead.toBuilder().build(), 1);

    for (int i = 0; i < 20; i++) {
      assertThat(a.any("a|b|c|d")).isEqualTo(b.any("a|b|c|d"));
      assertThat(a.one("x", "y", "z")).isEqualTo(b.one("x", "y", "z"));
    }
  }

  @Test
  void everyAlternativeIsChosenForSomeLeadAndNothingElse() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      seen.add(new Phrasing(Lead.builder("L-" + i, "x@example.com").build(), 0).any("a|bb||ccc"));
    }

    assertThat(seen).containsExactlyInAnyOrder("a", "bb", "", "ccc");
  }

  @Test
  void leadsWithTheSameDataStillGetTheirOwnWording() {
    TemplateMessageGenerator generator = new TemplateMessageGenerator();
    Sequence sequence = Sequence.hookProofFomo();
    List<Set<String>> bodies = List.of(new HashSet<>(), new HashSet<>(), new HashSet<>());
    int leads = 300;
    for (int n = 0; n < leads; n++) {
      Lead lead =
          Lead.builder("L-" + n, "x@example.com")
              .firstName("Priya")
              .company("Kestrel Analytics")
              .industry("Computing")
              .companySize("51-200")
              .companyDescription("Kestrel Analytics builds forecasting tools.")
              .topServices("Demand forecasting;Inventory analytics")
              .build();
      List<GeneratedMessage> written = new ArrayList<>();
      for (int i = 0; i < sequence.size(); i++) {
        GeneratedMessage m = generator.generate(new GenerationRequest(lead, sequence, i, written));
        written.add(m);
        bodies.get(i).add(m.textBody());
      }
    }

    // Many independent choices per message: identical data almost never gives identical text.
    assertThat(bodies).allSatisfy(b -> assertThat(b).hasSizeGreaterThan(leads * 95 / 100));
  }
}
