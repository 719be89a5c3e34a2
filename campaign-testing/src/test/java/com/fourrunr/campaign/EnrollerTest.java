package com.fourrunr.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.quality.SequenceWriter;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.spi.Suppression;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Enrolment: the gates skip with a reason, the rest get a campaign each, mailboxes taken in turn.
 */
class EnrollerTest {
  private final EngineParts p = new EngineParts();
  private static final Mailbox SECOND = new Mailbox("team@4runr.test", "4Runr");

  private static Lead lead(String n) {
    return Lead.builder("L-" + n, n + "@" + n + "-works.example")
        .firstName(n)
        .company(n + " Works")
        .companyDescription(n + " Works makes " + n + " instruments by hand.")
        .topServices(n + " instruments")
        .emailConfidence(EmailConfidence.REAL)
        .build();
  }

  @Test
  void suppressedAndRepeatedLeadsAreSkippedAndNewCampaignsAlternateMailboxes() {
    Enroller enroller =
        new Enroller(
            p.ctx,
            SequenceWriter.builder(new TemplateMessageGenerator()).build(),
            List.of(EngineParts.FROM, SECOND));
    p.store.commit(
        StoreChanges.builder()
            .suppression(new Suppression("cedar@cedar-works.example", "TEST", p.clock.instant()))
            .build());

    EnrolmentReport report =
        enroller.enrol(List.of(lead("ash"), lead("birch"), lead("ash"), lead("cedar")));

    assertThat(report.read()).isEqualTo(4);
    assertThat(report.enrolled()).isEqualTo(2);
    assertThat(report.skips())
        .extracting(Skip::reason)
        .containsExactly(SkipReason.ALREADY_IN_CAMPAIGN, SkipReason.SUPPRESSED);
    Campaign ash = p.store.findCampaignsByLead("L-ash").get(0);
    Campaign birch = p.store.findCampaignsByLead("L-birch").get(0);
    assertThat(List.of(ash.config().from(), birch.config().from()))
        .containsExactly(EngineParts.FROM, SECOND);
    assertThat(p.store.findMessages(ash.id()))
        .singleElement()
        .satisfies(m -> assertThat(m.status()).isEqualTo(DeliveryStatus.SCHEDULED));
  }
}
