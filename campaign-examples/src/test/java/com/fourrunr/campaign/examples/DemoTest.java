package com.fourrunr.campaign.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.LeadRecord;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.SchedulePolicy;
import com.fourrunr.campaign.Skip;
import com.fourrunr.campaign.SkipReason;
import com.fourrunr.campaign.csv.CsvLeadSource;
import com.fourrunr.campaign.schedule.BusinessSchedule;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoTest {
  private static DemoReport report;
  private static String output;

  private static java.nio.file.Path reportFile;

  @BeforeAll
  static void runDemoOnce() throws java.io.IOException {
    StringWriter text = new StringWriter();
    reportFile =
        java.nio.file.Files.createTempDirectory("demo-report-").resolve("demo-report.html");
    report = new Demo(null, Demo.DEFAULT_DAYS, new PrintWriter(text)).reportTo(reportFile).run();
    output = text.toString();
  }

  @Test
  void writesTheAnalyticsReportAndPrintsItsPath() throws java.io.IOException {
    assertThat(output).contains("report: " + reportFile.toAbsolutePath());
    String html = java.nio.file.Files.readString(reportFile);
    assertThat(html)
        .contains("<svg id=\"funnel-chart\"")
        .doesNotContain("<script", "http://", "https://");
    String csv = java.nio.file.Files.readString(reportFile.resolveSibling("demo-report.csv"));
    assertThat(csv).startsWith(String.join(",", com.fourrunr.campaign.analytics.CsvExport.COLUMNS));
    // the Hook row of all leads counts every Hook the demo sent, split by the A/B variant
    long hooks =
        csv.lines()
            .filter(l -> l.contains(",Hook,") && l.contains(",all,all,"))
            .mapToLong(l -> Long.parseLong(l.split(",")[6]))
            .sum();
    assertThat(hooks).isEqualTo((long) report.sentByStep().get("Hook"));
    assertThat(java.nio.file.Files.readString(reportFile.resolveSibling("demo-report.json")))
        .startsWith("{\"generated_at\":");
  }

  @Test
  void theHtmlReportRendersInHeadlessChromiumWithItsCharts() throws Exception {
    String dom = HeadlessChromium.dumpDom(reportFile);
    // each email step sent, each LinkedIn task kind with a reported outcome, then RESPONSE
    long linkedInStages =
        report.linkedIn().tasks().stream()
            .filter(t -> t.outcome() != null)
            .map(t -> t.kind())
            .distinct()
            .count();
    long stages = report.sentByStep().size() + linkedInStages + 1;
    assertThat(HeadlessChromium.svg(dom, "funnel-chart"))
        .as("funnel chart")
        .satisfies(
            svg ->
                assertThat(HeadlessChromium.count(svg, "<rect class=\"bar\"")).isEqualTo(stages));
    assertThat(HeadlessChromium.svg(dom, "step-rates-chart"))
        .as("per-step rates chart")
        .satisfies(
            svg ->
                assertThat(HeadlessChromium.count(svg, "<rect class=\"bar3\""))
                    .isEqualTo(report.sentByStep().size() + linkedInStages));
    assertThat(HeadlessChromium.svg(dom, "variants-chart"))
        .as("variants chart with intervals")
        .satisfies(
            svg -> {
              assertThat(HeadlessChromium.count(svg, "<rect class=\"bar\"")).isEqualTo(2);
              assertThat(HeadlessChromium.count(svg, "<line class=\"ci\"")).isEqualTo(2);
            });
    assertThat(HeadlessChromium.svg(dom, "segments-chart"))
        .as("segments chart")
        .satisfies(
            svg -> assertThat(HeadlessChromium.count(svg, "<rect class=\"bar\"")).isPositive());
  }

  @Test
  void withTrackingOffTheReportSaysNotTrackedInsteadOfZeroInChromiumAndTheCli() throws Exception {
    String dom = HeadlessChromium.dumpDom(reportFile);
    assertThat(dom).contains("id=\"not-tracked\"", "Reply rate = replies / delivered messages");
    String rates = HeadlessChromium.svg(dom, "step-rates-chart");
    // Per step: open and click say "not tracked", the reply rate is a percentage.
    assertThat(HeadlessChromium.count(rates, ">not tracked<"))
        .isEqualTo(2L * HeadlessChromium.count(rates, "<rect class=\"bar3\""));
    assertThat(dom).contains("RESPONSE (leads who replied)").contains(" positive</td>");
    assertThat(dom).containsAnyOf("<table id=\"content\"", "id=\"content-empty\"");
    assertThat(output)
        .contains("opens and clicks: not tracked")
        .contains("reply rate = replies / delivered messages");
    // A line per simulated day.
    for (int day = 1; day <= Demo.DEFAULT_DAYS; day++) {
      assertThat(output).contains("  day " + day + " of " + Demo.DEFAULT_DAYS + ": ");
    }
  }

  @Test
  void theCliAndTheHtmlReportGiveEachStepTheSameReplyRateOverOneDenominator() throws Exception {
    String dom = HeadlessChromium.dumpDom(reportFile);
    // the funnel's last row counts leads who replied: its reply column is named as positive replies
    assertThat(dom)
        .contains("RESPONSE (leads who replied)")
        .contains("replies attributed (last row: positive replies)");
    String rates = HeadlessChromium.svg(dom, "step-rates-chart");
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "  (Hook|Proof) reply rate (\\d+\\.\\d%) \\((\\d+) replies / (\\d+) delivered\\)")
            .matcher(output);
    int steps = 0;
    while (m.find()) {
      steps++;
      String step = m.group(1);
      // the chart's rows for this step: from its label to the next step's label
      int from = rates.indexOf(">" + step + "</text>");
      assertThat(from).as("%s in the chart", step).isNotNegative();
      int to = rates.indexOf("<text x=\"8\"", from);
      String row = rates.substring(from, to < 0 ? rates.length() : to);
      assertThat(row).as("%s's reply rate in the HTML", step).contains(">" + m.group(2) + "<");
      double rate = 100.0 * Integer.parseInt(m.group(3)) / Integer.parseInt(m.group(4));
      assertThat(String.format(java.util.Locale.ROOT, "%.1f%%", rate)).isEqualTo(m.group(2));
    }
    assertThat(steps).as(output).isEqualTo(2);
  }

  @Test
  void theClockJumpsStraightToTheNextDueMomentInsteadOfTickingEveryFiveMinutes() {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "  " + Demo.DEFAULT_DAYS + " simulated days in (\\d+) steps of the clock")
            .matcher(output);
    assertThat(m.find()).as(output).isTrue();
    int steps = Integer.parseInt(m.group(1));
    // Every tick would be 14 * 288 = 4032 steps; an hourly cap alone over 14 * 24 = 336. The
    // demo's due moments (sends, scripted replies, LinkedIn tasks and answers, resumptions, one
    // per day for the day line) number well under 150.
    assertThat(steps).isBetween(Demo.DEFAULT_DAYS, 150);
  }

  @Test
  void sendsHookProofAndFomoOverSmtpToTheInProcessServer() {
    assertThat(report.sentByStep()).containsKeys("Hook", "Proof", "FOMO");
    assertThat(report.sentByStep().get("Hook")).isEqualTo(report.enrolment().enrolled());
    assertThat(report.deliveredToServer()).isEqualTo(report.totalSent());
  }

  @Test
  void sendsTheStepsOnBusinessDaysZeroThreeAndSevenInTheLeadsLocalTime() {
    // Lagos, UTC+1: the demo starts Monday 30 November at 09:00 local time, inside the window.
    DemoReport.LeadLine plain = report.lead("L-001");
    assertThat(plain.sentSteps()).containsExactly("Hook", "Proof", "FOMO");
    assertThat(plain.status()).isEqualTo(CampaignStatus.COMPLETED);
    ZoneId lagos = ZoneId.of("Africa/Lagos");
    assertThat(plain.sent())
        .extracting(s -> LocalDate.ofInstant(s.at(), lagos))
        .containsExactly(
            LocalDate.of(2026, 11, 30), // Monday, business day 0
            LocalDate.of(2026, 12, 3), // Thursday, 3 business days later
            LocalDate.of(
                2026, 12, 9)); // Wednesday, 4 business days after that (over the weekend): day 7
  }

  @Test
  void everySendFallsInItsLeadsLocalWindowOnABusinessDayWithTheSequencesSpacing() {
    BusinessSchedule schedule = BusinessSchedule.create();
    SchedulePolicy policy = SchedulePolicy.defaults();
    Map<String, Lead> leads = sampleLeads();
    int checked = 0;
    for (DemoReport.LeadLine line : report.leads()) {
      Lead lead = leads.get(line.leadId());
      ZoneId zone = ZoneId.of(line.zone());
      assertThat(zone).isEqualTo(schedule.resolveZone(lead, policy).zone());
      LocalDate previous = null;
      int[] gaps = {0, 3, 4};
      for (int i = 0; i < line.sent().size(); i++) {
        LocalDateTime local = LocalDateTime.ofInstant(line.sent().get(i).at(), zone);
        assertThat(local.toLocalTime())
            .as("%s step %d", line.leadId(), i + 1)
            .isBetween(LocalTime.of(9, 0), LocalTime.of(11, 29, 59));
        assertThat(schedule.isBusinessDay(lead, local.toLocalDate(), policy))
            .as("%s %s", line.leadId(), local)
            .isTrue();
        if (previous != null) {
          long businessDays = 0;
          for (LocalDate d = previous.plusDays(1);
              !d.isAfter(local.toLocalDate());
              d = d.plusDays(1)) {
            businessDays += schedule.isBusinessDay(lead, d, policy) ? 1 : 0;
          }
          assertThat(businessDays)
              .as("%s step %d spacing", line.leadId(), i + 1)
              .isGreaterThanOrEqualTo(gaps[i]);
        }
        previous = local.toLocalDate();
        checked++;
      }
    }
    assertThat(checked).isEqualTo(report.totalSent());
    // The Chicago lead has no timezone field: its city gave the zone.
    assertThat(report.lead("L-020").zone()).isEqualTo("America/Chicago");
  }

  private static Map<String, Lead> sampleLeads() {
    Map<String, Lead> leads = new HashMap<>();
    try (var records =
        CsvLeadSource.of(
                Demo.SAMPLE_LEADS,
                () ->
                    new InputStreamReader(
                        Objects.requireNonNull(
                            DemoTest.class.getClassLoader().getResourceAsStream(Demo.SAMPLE_LEADS)),
                        StandardCharsets.UTF_8))
            .read()) {
      records.forEach(
          r -> {
            if (r instanceof LeadRecord.Valid v) {
              leads.put(v.lead().id(), v.lead());
            }
          });
    }
    return leads;
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
    // Away until Friday 4 December (Los Angeles): the campaign resumes on the business day after,
    // Monday
    // 7 December, and the Proof goes in that day's window, 09:00-11:30 Pacific (17:00-19:30 UTC).
    assertThat(away.sentSteps()).containsExactly("Hook", "Proof", "FOMO");
    assertThat(away.status()).isEqualTo(CampaignStatus.COMPLETED);
    assertThat(away.sent().get(1).at())
        .isAfterOrEqualTo(java.time.Instant.parse("2026-12-07T17:00:00Z"))
        .isBefore(java.time.Instant.parse("2026-12-07T19:30:00Z"));
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
    assertThat(skips)
        .filteredOn(s -> s.reason() == SkipReason.EMAIL_CONFIDENCE_TOO_LOW)
        .extracting(Skip::leadId)
        .containsExactly("L-008", "L-013", "L-017", "L-021");
    assertThat(skips)
        .filteredOn(s -> s.reason() == SkipReason.INVALID_LEAD)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.location()).isEqualTo("row 23");
              assertThat(s.detail()).contains("email").contains("sam.lee@@westwind.example");
            });
    assertThat(output)
        .contains("EMAIL_CONFIDENCE_TOO_LOW")
        .contains("GUESS addresses are not mailed");
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
  void keepsItsCampaignsInANewEmbeddedDatabaseAndPrintsItsPath() {
    assertThat(output).containsPattern("store +embedded database \\(H2\\), .*campaign\\.mv\\.db");
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

  @Test
  void leadsWhoDidNotAnswerGetALinkedInTaskAndOnlyThey() {
    LinkedInSummary linkedIn = report.linkedIn();
    // Every lead with a LinkedIn profile whose emails all went out unanswered, and no other.
    List<String> expected =
        report.leads().stream()
            .filter(l -> sampleLeads().get(l.leadId()).linkedinUrl() != null)
            .filter(
                l -> l.reply() == null && l.sentSteps().equals(List.of("Hook", "Proof", "FOMO")))
            .map(DemoReport.LeadLine::leadId)
            .toList();
    assertThat(expected).hasSizeGreaterThanOrEqualTo(4);
    assertThat(linkedIn.leadsWithTasks()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(linkedIn.notEligible())
        .anySatisfy(n -> assertThat(n).startsWith(Demo.INTERESTED_LEAD + ":"))
        .anySatisfy(n -> assertThat(n).startsWith(Demo.BOUNCING_LEAD + ":"))
        .anySatisfy(n -> assertThat(n).startsWith(Demo.NOT_INTERESTED_LEAD + ":"));
    for (com.fourrunr.campaign.channel.ChannelTask t : linkedIn.tasks()) {
      DemoReport.LeadLine line = report.lead(t.leadId());
      // Created after the last email, never before.
      assertThat(t.createdAt()).isAfterOrEqualTo(line.sent().get(2).at());
      if (t.kind() == com.fourrunr.campaign.channel.TaskKind.CONNECTION_NOTE) {
        assertThat(t.text().length()).isLessThanOrEqualTo(300);
        assertThat(t.text()).doesNotContain("http").doesNotContain("www.");
      }
    }
  }

  @Test
  void theTeamsReportsMoveTheLinkedInLeads() {
    LinkedInSummary linkedIn = report.linkedIn();
    assertThat(report.lead(Demo.LINKEDIN_REPLY_LEAD).status()).isEqualTo(CampaignStatus.RESPONDED);
    assertThat(linkedIn.tasks())
        .filteredOn(t -> t.leadId().equals(Demo.LINKEDIN_REPLY_LEAD))
        .extracting(t -> t.kind() + " " + t.outcome())
        .containsExactly("CONNECTION_NOTE ACCEPTED", "FOLLOW_UP REPLIED");
    assertThat(linkedIn.tasks())
        .filteredOn(t -> t.leadId().equals(Demo.LINKEDIN_DECLINE_LEAD))
        .extracting(t -> t.kind() + " " + t.outcome())
        .containsExactly("CONNECTION_NOTE DECLINED");
    assertThat(report.lead(Demo.LINKEDIN_DECLINE_LEAD).status())
        .isEqualTo(CampaignStatus.COMPLETED);
  }

  @Test
  void printsTheLinkedInTasksAndTheAnalyticsByChannel() {
    LinkedInSummary linkedIn = report.linkedIn();
    assertThat(output)
        .contains("LinkedIn tasks (prepared for leads who did not answer the emails")
        .contains("With a LinkedIn profile but no task:")
        .contains("Analytics by channel");
    for (com.fourrunr.campaign.channel.ChannelTask t : linkedIn.tasks()) {
      assertThat(output).contains(t.text());
    }
    var channels = linkedIn.channels();
    assertThat(channels.fallbackEligible()).isEqualTo(linkedIn.leadsWithTasks().size());
    assertThat(channels.fallbackResponses()).isEqualTo(1);
    assertThat(output)
        .containsPattern("EMAIL +reached +17 +responses +2")
        .containsPattern("LINKEDIN +LinkedInFollowUp +reached +1 +responses +1")
        .contains("Fallback lift: 1 of " + channels.fallbackEligible());
  }
}
