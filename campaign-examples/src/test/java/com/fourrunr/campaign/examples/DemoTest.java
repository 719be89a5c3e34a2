package com.fourrunr.campaign.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.Skip;
import com.fourrunr.campaign.SkipReason;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoTest {
  private static DemoReport report;
  private static String output;

  @BeforeAll
  static void runDemoOnce() {
    StringWriter text = new StringWriter();
    report = new Demo(null, 10, new PrintWriter(text)).run();
    output = text.toString();
  }

  @Test
  void sendsHookProofAndFomoOverSmtpToTheInProcessServer() {
    assertThat(report.sentByStep()).containsKeys("Hook", "Proof", "FOMO");
    assertThat(report.sentByStep().get("Hook")).isEqualTo(report.enrolment().enrolled());
    assertThat(report.deliveredToServer()).isEqualTo(report.totalSent());
  }

  @Test
  void sendsTheStepsOnDaysZeroThreeAndSeven() {
    DemoReport.LeadLine plain = report.lead("L-001");
    assertThat(plain.sentSteps()).containsExactly("Hook", "Proof", "FOMO");
    assertThat(plain.status()).isEqualTo(CampaignStatus.COMPLETED);
    assertThat(Duration.between(Demo.START, plain.sent().get(0).at()).toDays()).isZero();
    assertThat(Duration.between(Demo.START, plain.sent().get(1).at()).toDays()).isEqualTo(3);
    assertThat(Duration.between(Demo.START, plain.sent().get(2).at()).toDays()).isEqualTo(7);
  }

  @Test
  void interestedLeadIsStoppedAfterTheHook() {
    DemoReport.LeadLine interested = report.lead(Demo.INTERESTED_LEAD);
    assertThat(interested.status()).isEqualTo(CampaignStatus.RESPONDED);
    assertThat(interested.reply()).isEqualTo(ReplyCategory.INTERESTED);
    assertThat(interested.sentSteps()).containsExactly("Hook");
    assertThat(interested.answeredStep()).isEqualTo("Hook");
  }

  @Test
  void outOfOfficeLeadPausesUntilTheBusinessDayAfterItsReturnDate() {
    DemoReport.LeadLine away = report.lead(Demo.OUT_OF_OFFICE_LEAD);
    assertThat(away.reply()).isEqualTo(ReplyCategory.OUT_OF_OFFICE);
    // away until Friday 4 December (Los Angeles): the Proof due on day 3 waits until Monday 7 December;
    // the FOMO, four days after it, falls after the demo's ten days
    assertThat(away.status()).isEqualTo(CampaignStatus.ACTIVE);
    assertThat(away.sentSteps()).containsExactly("Hook", "Proof");
    assertThat(away.sent().get(1).at()).isEqualTo(java.time.Instant.parse("2026-12-07T08:00:00Z"));
  }

  @Test
  void bounceStopsTheCampaignAndNotInterestedEndsItAfterTheProof() {
    DemoReport.LeadLine bounced = report.lead(Demo.BOUNCING_LEAD);
    assertThat(bounced.status()).isEqualTo(CampaignStatus.STOPPED);
    assertThat(bounced.reply()).isEqualTo(ReplyCategory.BOUNCE_HARD);
    assertThat(bounced.sentSteps()).containsExactly("Hook");

    DemoReport.LeadLine declined = report.lead(Demo.NOT_INTERESTED_LEAD);
    assertThat(declined.status()).isEqualTo(CampaignStatus.RESPONDED);
    assertThat(declined.reply()).isEqualTo(ReplyCategory.NOT_INTERESTED);
    assertThat(declined.sentSteps()).containsExactly("Hook", "Proof");
    assertThat(declined.answeredStep()).isEqualTo("Proof");
  }

  @Test
  void guessAndUnknownLeadsAreSkippedWithTheirReasonAndTheBadRowIsReported() {
    List<Skip> skips = report.enrolment().skips();
    assertThat(skips).filteredOn(s -> s.reason() == SkipReason.EMAIL_CONFIDENCE_TOO_LOW)
        .extracting(Skip::leadId).containsExactly("L-008", "L-013", "L-017", "L-021");
    assertThat(skips).filteredOn(s -> s.reason() == SkipReason.INVALID_LEAD)
        .singleElement()
        .satisfies(s -> {
          assertThat(s.location()).isEqualTo("row 23");
          assertThat(s.detail()).contains("email").contains("sam.lee@@westwind.example");
        });
    assertThat(output).contains("EMAIL_CONFIDENCE_TOO_LOW").contains("GUESS addresses are not mailed");
  }

  @Test
  void printsASummaryWithEveryEnrolledLeadAndTotals() {
    assertThat(output).contains("Leads: 22 read, 17 enrolled, 5 skipped");
    for (DemoReport.LeadLine line : report.leads()) {
      assertThat(output).contains(line.leadId());
    }
    assertThat(output).contains("Totals").contains("messages sent").contains("received by server");
  }

  @Test
  void commandLineDemoExitsZero() {
    StringWriter text = new StringWriter();
    CommandLine cli = CampaignCli.newCommandLine();
    cli.setOut(new PrintWriter(text));
    int exit = cli.execute("demo", "--days", "1");
    assertThat(exit).isZero();
    assertThat(text.toString()).contains("4Runr Campaigns demo").contains("Totals");
  }

  @Test
  void commandLineRejectsBadDays() {
    StringWriter err = new StringWriter();
    CommandLine cli = CampaignCli.newCommandLine();
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute("demo", "--days", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--days");
  }
}
