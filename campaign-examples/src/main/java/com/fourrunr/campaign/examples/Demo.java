package com.fourrunr.campaign.examples;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.ChannelPlan;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.EnrolmentReport;
import com.fourrunr.campaign.EventPayload;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.Experiment;
import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.IntervalUnit;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.LeadSource;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyOutcome;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.SequenceStep;
import com.fourrunr.campaign.Skip;
import com.fourrunr.campaign.Variant;
import com.fourrunr.campaign.analytics.AnalyticsOptions;
import com.fourrunr.campaign.analytics.AnalyticsReport;
import com.fourrunr.campaign.analytics.CsvExport;
import com.fourrunr.campaign.analytics.HtmlReport;
import com.fourrunr.campaign.analytics.JsonExport;
import com.fourrunr.campaign.analytics.StoreAnalytics;
import com.fourrunr.campaign.analytics.VariantComparison;
import com.fourrunr.campaign.channel.ChannelTask;
import com.fourrunr.campaign.channel.LinkedInAccount;
import com.fourrunr.campaign.channel.LinkedInSettings;
import com.fourrunr.campaign.channel.TaskKind;
import com.fourrunr.campaign.channel.TaskOutcome;
import com.fourrunr.campaign.channel.TaskStatus;
import com.fourrunr.campaign.csv.CsvLeadSource;
import com.fourrunr.campaign.jdbc.EmbeddedDatabase;
import com.fourrunr.campaign.jdbc.JdbcCampaignStore;
import com.fourrunr.campaign.smtp.SmtpConfig;
import com.fourrunr.campaign.smtp.SmtpSender;
import com.fourrunr.campaign.spi.CampaignStore;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The demo: a whole campaign run from a fresh clone with nothing configured. Sample leads from a
 * CSV, the template generator (or the OpenAI adapter when {@code OPENAI_API_KEY} is set) checked by
 * the quality gates, the default Hook/Proof/FOMO sequence on business days 0, 3 and 7 inside each
 * lead's 09:00-11:30 local send window (the engine's default schedule), delivery over real SMTP to
 * an in-process GreenMail server, a simulated clock moved from day 0 to day 14 five minutes at a
 * time (as a host calling {@code runDue()} every five minutes would), and scripted replies fed back
 * through the reply source: an interested answer to a Hook, an out-of-office with a return date, a
 * hard bounce, and a "not interested" to a Proof. Fourteen days, not ten, because business days
 * stretch the seven-day sequence over a weekend and leads west of UTC get their last step late on
 * day 10.
 */
public final class Demo {
  /** The demo's day 0: Monday 30 November 2026, 08:00 UTC. */
  public static final Instant START = Instant.parse("2026-11-30T08:00:00Z");

  /** Simulated days run by default. */
  public static final int DEFAULT_DAYS = 14;

  /** Simulated time between two calls of {@code runDue()}. */
  public static final Duration TICK = Duration.ofMinutes(5);

  /** Where the HTML analytics report is written by default (CSV and JSON beside it). */
  public static final Path DEFAULT_REPORT = Path.of("target", "demo-report.html");

  /**
   * The demo's A/B test: the Hook's subject, the template's own (A) against a short question (B).
   */
  public static final Experiment HOOK_EXPERIMENT =
      Experiment.of(
          "demo-hook-subject",
          Variant.of("A", 1),
          Variant.of("B", 1).withSubjectHint("A quick idea for {company}"));

  /** The sample leads shipped with the examples. */
  public static final String SAMPLE_LEADS = "com/fourrunr/campaign/examples/demo-leads.csv";

  static final String INTERESTED_LEAD = "L-003";
  static final String OUT_OF_OFFICE_LEAD = "L-007";
  static final String BOUNCING_LEAD = "L-011";
  static final String NOT_INTERESTED_LEAD = "L-015";

  /** Accepts the LinkedIn connection request and answers the follow-up there. */
  static final String LINKEDIN_REPLY_LEAD = "L-006";

  /** Declines the LinkedIn connection request. */
  static final String LINKEDIN_DECLINE_LEAD = "L-014";

  /**
   * Business days after the last email before the LinkedIn task: 1 in the demo, so that tasks fall
   * inside its fourteen days (the library's default is {@link
   * ChannelPlan#DEFAULT_LINKEDIN_BUSINESS_DAYS}).
   */
  static final int DEMO_LINKEDIN_DAYS = 1;

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private final @Nullable Path leadsFile;
  private final int days;
  private final PrintWriter out;
  private final Database database;
  private final Map<String, String> env;
  private Path reportFile = DEFAULT_REPORT;

  /**
   * Where the demo keeps its campaigns: a new embedded database file (the default), or PostgreSQL.
   *
   * @param jdbcUrl a PostgreSQL JDBC URL, or null for a new embedded database in a temporary folder
   * @param user the database user (PostgreSQL only), or null
   * @param password the password (PostgreSQL only), or null; never printed
   */
  public record Database(
      @Nullable String jdbcUrl, @Nullable String user, @Nullable String password) {
    /** A new embedded database file. */
    public static Database embedded() {
      return new Database(null, null, null);
    }

    @Override
    public String toString() {
      return jdbcUrl == null ? "embedded" : jdbcUrl;
    }
  }

  /**
   * @param leadsFile a leads CSV to use instead of the sample leads, or null
   * @param days how many simulated days to run (1 to 60)
   * @param out where the summary is printed
   */
  public Demo(@Nullable Path leadsFile, int days, PrintWriter out) {
    this(leadsFile, days, out, Database.embedded(), System.getenv());
  }

  /**
   * As {@link #Demo(Path, int, PrintWriter)}, reading {@code OPENAI_API_KEY}, {@code
   * OPENAI_BASE_URL} and {@code OPENAI_MODEL} from {@code env}: with a key the OpenAI adapter
   * writes the copy (the template is its fallback), without one the template generator does.
   */
  public Demo(@Nullable Path leadsFile, int days, PrintWriter out, Map<String, String> env) {
    this(leadsFile, days, out, Database.embedded(), env);
  }

  /** As {@link #Demo(Path, int, PrintWriter)}, keeping the campaigns in {@code database}. */
  public Demo(@Nullable Path leadsFile, int days, PrintWriter out, Database database) {
    this(leadsFile, days, out, database, System.getenv());
  }

  /**
   * @param leadsFile a leads CSV to use instead of the sample leads, or null
   * @param days how many simulated days to run (1 to 60)
   * @param out where the summary is printed
   * @param database where campaigns are kept
   * @param env the environment to read the OpenAI settings from
   */
  public Demo(
      @Nullable Path leadsFile,
      int days,
      PrintWriter out,
      Database database,
      Map<String, String> env) {
    this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    if (days < 1 || days > 60) {
      throw new IllegalArgumentException("days: " + days + " is not between 1 and 60");
    }
    this.leadsFile = leadsFile;
    this.days = days;
    this.out = Objects.requireNonNull(out, "out");
    this.database = Objects.requireNonNull(database, "database");
  }

  /**
   * Writes the analytics report to {@code file} (an HTML file; CSV and JSON exports go beside it
   * with the same name) instead of {@link #DEFAULT_REPORT}.
   */
  public Demo reportTo(Path file) {
    this.reportFile = Objects.requireNonNull(file, "file");
    return this;
  }

  /** Where the analytics report is written. */
  public Path reportFile() {
    return reportFile;
  }

  /** Runs the demo and prints its summary. */
  public DemoReport run() {
    DemoClock clock = new DemoClock(START);
    List<AutoCloseable> closeables = new ArrayList<>();
    GreenMail mailServer =
        new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mailServer.start();
    try {
      int smtpPort = mailServer.getSmtp().getPort();
      String storeLine;
      CampaignStore store;
      if (database.jdbcUrl() == null) {
        Path file = java.nio.file.Files.createTempDirectory("campaign-demo-").resolve("campaign");
        store = JdbcCampaignStore.create(EmbeddedDatabase.file(file));
        storeLine = "embedded database (H2), " + EmbeddedDatabase.dataFile(file);
      } else {
        com.zaxxer.hikari.HikariConfig pool = new com.zaxxer.hikari.HikariConfig();
        pool.setJdbcUrl(database.jdbcUrl());
        pool.setUsername(database.user());
        pool.setPassword(database.password());
        pool.setMaximumPoolSize(4);
        pool.setPoolName("campaign-demo");
        com.zaxxer.hikari.HikariDataSource pg = new com.zaxxer.hikari.HikariDataSource(pool);
        closeables.add(pg);
        store = JdbcCampaignStore.create(pg);
        storeLine = "PostgreSQL, " + database.jdbcUrl();
      }
      DemoReplies replies = new DemoReplies(clock);
      GeneratorChoice choice = GeneratorChoice.fromEnvironment(env);
      CampaignEngine engine =
          CampaignEngine.builder()
              .store(store)
              .sender(SmtpSender.create(SmtpConfig.builder("127.0.0.1", smtpPort).build(), clock))
              .from(new Mailbox("hello@4runr.example", "4Runr"))
              .replySource(replies)
              .clock(clock)
              .listener(new ScriptedAnswers(store, replies))
              .generator(choice.generator())
              .fallback(choice.fallback())
              .sequence(demoSequence())
              // LinkedIn as the fallback: a task for a person after the emails went unanswered.
              .channels(ChannelPlan.email(), ChannelPlan.linkedIn(DEMO_LINKEDIN_DAYS))
              .linkedIn(LinkedInSettings.of(LinkedInAccount.premium("sales-1")))
              .build();
      ScriptedTeam team = new ScriptedTeam(engine, clock);

      out.println("4Runr Campaigns demo");
      out.println("  mail server  GreenMail SMTP, in process, 127.0.0.1:" + smtpPort);
      out.println("  store        " + storeLine);
      out.println("  generator    " + choice.description());
      out.println("  sequence     " + describe(engine));
      out.println(
          "  schedule     "
              + engine
                  .config()
                  .schedule()
                  .intervalUnit()
                  .name()
                  .toLowerCase(java.util.Locale.ROOT)
                  .replace('_', ' ')
              + ", window "
              + engine.config().schedule().windowText()
              + " lead's local time, "
              + engine.config().schedule().sendDays().size()
              + " send days a week, holidays of the lead's country");
      out.println(
          "  linkedin     fallback "
              + DEMO_LINKEDIN_DAYS
              + " business day after the last email without an"
              + " answer (library default "
              + ChannelPlan.DEFAULT_LINKEDIN_BUSINESS_DAYS
              + "), account sales-1: "
              + LinkedInAccount.DEFAULT_WEEKLY_INVITATIONS
              + " invitations a week, "
              + LinkedInAccount.DEFAULT_DAILY_TASKS
              + " tasks a day, "
              + LinkedInAccount.DEFAULT_SPACING.toMinutes()
              + " minutes apart");
      out.println(
          "  clock        simulated, "
              + START
              + " (day 0) to "
              + START.plus(Duration.ofDays(days))
              + " (day "
              + days
              + "), five-minute ticks, jumping over those with nothing due");
      out.println();

      EnrolmentReport enrolment = engine.enrol(leadSource());
      Map<String, ReplyCategory> replyByCampaign = new LinkedHashMap<>();
      Map<ReplyCategory, Integer> replyCounts = new EnumMap<>(ReplyCategory.class);
      Instant end = START.plus(Duration.ofDays(days));
      DemoTimeline timeline = new DemoTimeline(START, end, TICK);
      while (!clock.instant().isAfter(end)) {
        // A line per simulated day, so a long run shows it is alive.
        timeline
            .dayLine(clock.instant(), days, mailServer.getReceivedMessages().length, replyCounts)
            .ifPresent(out::println);
        out.flush();
        engine.runDue();
        for (ReplyOutcome outcome : engine.pollReplies()) {
          if (outcome.category() != null) {
            replyCounts.merge(outcome.category(), 1, Integer::sum);
            if (outcome.campaignId() != null) {
              replyByCampaign.put(outcome.campaignId(), outcome.category());
            }
          }
        }
        team.work();
        Instant now = clock.instant();
        clock.advance(
            Duration.between(
                now,
                timeline.next(now, store, engine, replies.nextAt(), team.replyLater.values())));
      }
      out.println(timeline.stepsLine(days));
      DemoReport report =
          report(
              store,
              enrolment,
              replyByCampaign,
              replyCounts,
              mailServer.getReceivedMessages().length,
              linkedIn(engine, store));
      print(report);
      writeAnalytics(store, clock);
      out.flush();
      return report;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(
          "cannot write the demo database or report: " + e.getMessage(), e);
    } finally {
      for (AutoCloseable c : closeables) {
        try {
          c.close();
        } catch (Exception e) {
          out.println("could not close " + c + ": " + e.getMessage());
        }
      }
      mailServer.stop();
    }
  }

  private static Sequence demoSequence() {
    Sequence base = Sequence.hookProofFomo();
    List<SequenceStep> steps = new ArrayList<>(base.steps());
    steps.set(0, steps.get(0).withExperiment(HOOK_EXPERIMENT));
    return new Sequence(base.name(), steps);
  }

  /**
   * Builds the analytics from the store and writes them as HTML, CSV and JSON; prints the paths.
   */
  private void writeAnalytics(CampaignStore store, DemoClock clock) throws java.io.IOException {
    AnalyticsReport analytics = StoreAnalytics.build(store, AnalyticsOptions.defaults(), clock);
    Path html = reportFile.toAbsolutePath();
    if (html.getParent() != null) {
      java.nio.file.Files.createDirectories(html.getParent());
    }
    String base = html.getFileName().toString().replaceFirst("\\.html?$", "");
    Path csv = html.resolveSibling(base + ".csv");
    Path json = html.resolveSibling(base + ".json");
    java.nio.file.Files.writeString(
        html,
        // The demo does not track opens and clicks: the report says so instead of 0.0%.
        HtmlReport.render(analytics, "4Runr Campaigns demo: analytics", false),
        StandardCharsets.UTF_8);
    java.nio.file.Files.writeString(csv, CsvExport.toCsv(analytics), StandardCharsets.UTF_8);
    java.nio.file.Files.writeString(json, JsonExport.toJson(analytics), StandardCharsets.UTF_8);
    out.println();
    out.println("Analytics");
    DemoTimeline.analyticsLines(analytics).forEach(l -> out.println("  " + l));
    for (VariantComparison v : analytics.experiments()) {
      out.println("  " + v.verdict());
    }
    out.println("report: " + html);
    out.println("report csv: " + csv);
    out.println("report json: " + json);
  }

  private LeadSource leadSource() {
    if (leadsFile != null) {
      return CsvLeadSource.of(leadsFile);
    }
    return CsvLeadSource.of(
        SAMPLE_LEADS,
        () -> {
          InputStream in = Demo.class.getClassLoader().getResourceAsStream(SAMPLE_LEADS);
          if (in == null) {
            throw new java.io.FileNotFoundException("classpath:" + SAMPLE_LEADS);
          }
          return new InputStreamReader(in, StandardCharsets.UTF_8);
        });
  }

  private static String describe(CampaignEngine engine) {
    StringBuilder s = new StringBuilder();
    int day = 0;
    for (var step : engine.config().sequence().steps()) {
      day += step.daysAfterPrevious();
      if (s.length() > 0) {
        s.append(", ");
      }
      s.append(step.type()).append(" day ").append(day);
    }
    return s.append(" (")
        .append(
            engine.config().schedule().intervalUnit() == IntervalUnit.BUSINESS_DAYS
                ? "business"
                : "calendar")
        .append(" days)")
        .toString();
  }

  /** The tasks of every campaign, and the leads with a profile that got none. */
  private static LinkedInSummary linkedIn(CampaignEngine engine, CampaignStore store) {
    List<ChannelTask> tasks = new ArrayList<>();
    List<String> notEligible = new ArrayList<>();
    TreeMap<String, Campaign> byLead = new TreeMap<>();
    String after = null;
    while (true) {
      List<Campaign> page = store.listCampaigns(after, 100);
      if (page.isEmpty()) {
        break;
      }
      page.forEach(c -> byLead.put(c.leadId(), c));
      after = page.get(page.size() - 1).id();
    }
    for (Campaign c : byLead.values()) {
      List<ChannelTask> own = engine.channelTasksOf(c.id());
      tasks.addAll(own);
      Lead lead = store.findLead(c.leadId()).orElseThrow();
      if (own.isEmpty() && lead.linkedinUrl() != null) {
        notEligible.add(lead.id() + ": campaign " + c.status() + " (" + c.statusReason() + ")");
      }
    }
    return new LinkedInSummary(tasks, notEligible, engine.channelReport());
  }

  private static DemoReport report(
      CampaignStore store,
      EnrolmentReport enrolment,
      Map<String, ReplyCategory> replyByCampaign,
      Map<ReplyCategory, Integer> replyCounts,
      int delivered,
      LinkedInSummary linkedIn) {
    List<DemoReport.LeadLine> lines = new ArrayList<>();
    Map<String, Integer> sentByStep = new LinkedHashMap<>();
    Map<CampaignStatus, Integer> statuses = new EnumMap<>(CampaignStatus.class);
    TreeMap<String, DemoReport.LeadLine> byLead = new TreeMap<>();
    String after = null;
    while (true) {
      List<Campaign> page = store.listCampaigns(after, 100);
      if (page.isEmpty()) {
        break;
      }
      for (Campaign c : page) {
        Lead lead = store.findLead(c.leadId()).orElseThrow();
        List<DemoReport.SentStep> sent = new ArrayList<>();
        for (CampaignMessage m : store.findMessages(c.id())) {
          if (m.status() == DeliveryStatus.SENT && m.sentAt() != null) {
            sent.add(new DemoReport.SentStep(m.type().name(), m.sentAt()));
            sentByStep.merge(m.type().name(), 1, Integer::sum);
          }
        }
        statuses.merge(c.status(), 1, Integer::sum);
        String answered = "";
        for (CampaignEvent event : store.findEvents(c.id())) {
          if (event.type() == EventType.REPLY_CLASSIFIED && event.messageId() != null) {
            for (CampaignMessage m : store.findMessages(c.id())) {
              if (m.id().equals(event.messageId())) {
                answered = m.type().name();
              }
            }
          }
        }
        String name = (lead.firstName() + " " + lead.lastName()).strip();
        // The zone the schedule used (the lead's own, or found from its location) is kept on the
        // campaign.
        String zone =
            store.findEvents(c.id()).stream()
                .filter(e -> e.type() == EventType.CAMPAIGN_CREATED)
                .map(e -> ((EventPayload.CampaignCreated) e.payload()).zone())
                .findFirst()
                .orElse("");
        byLead.put(
            lead.id(),
            new DemoReport.LeadLine(
                lead.id(),
                name,
                lead.company(),
                zone,
                c.status(),
                c.statusReason(),
                sent,
                replyByCampaign.get(c.id()),
                answered));
      }
      after = page.get(page.size() - 1).id();
    }
    lines.addAll(byLead.values());
    return new DemoReport(enrolment, lines, sentByStep, delivered, replyCounts, statuses, linkedIn);
  }

  private void print(DemoReport r) {
    EnrolmentReport e = r.enrolment();
    out.println(
        "Leads: " + e.read() + " read, " + e.enrolled() + " enrolled, " + e.skipped() + " skipped");
    out.println();
    out.println("Campaigns (times in UTC)");
    out.printf(
        "  %-6s %-20s %-24s %-20s %-10s %-53s %s%n",
        "LEAD", "NAME", "COMPANY", "TIME ZONE", "STATUS", "STEPS SENT", "REPLY");
    for (DemoReport.LeadLine l : r.leads()) {
      StringBuilder steps = new StringBuilder();
      for (DemoReport.SentStep s : l.sent()) {
        if (steps.length() > 0) {
          steps.append(", ");
        }
        steps.append(s.step()).append(' ').append(DAY.format(s.at()));
      }
      String reply =
          l.reply() == null
              ? "-"
              : l.reply() + (l.answeredStep().isEmpty() ? "" : " to " + l.answeredStep());
      out.printf(
          "  %-6s %-20s %-24s %-20s %-10s %-53s %s%n",
          l.leadId(),
          cut(l.name(), 20),
          cut(l.company(), 24),
          l.zone().isEmpty() ? "(unknown)" : l.zone(),
          l.status(),
          steps.length() == 0 ? "-" : steps,
          reply);
    }
    out.println();
    out.println("Skipped");
    if (e.skips().isEmpty()) {
      out.println("  (none)");
    }
    for (Skip s : e.skips()) {
      out.printf(
          "  %-7s %-6s %-24s %s%n",
          s.location(), s.leadId() == null ? "-" : s.leadId(), s.reason(), s.detail());
    }
    out.println();
    out.println("Totals");
    StringBuilder bySteps = new StringBuilder();
    r.sentByStep()
        .forEach(
            (step, n) ->
                bySteps
                    .append(bySteps.length() == 0 ? "" : ", ")
                    .append(step)
                    .append(' ')
                    .append(n));
    out.println(
        "  messages sent       "
            + r.totalSent()
            + (bySteps.length() == 0 ? "" : " (" + bySteps + ")"));
    out.println("  received by server  " + r.deliveredToServer());
    StringBuilder replies = new StringBuilder();
    r.replies()
        .forEach(
            (c, n) ->
                replies.append(replies.length() == 0 ? "" : ", ").append(c).append(' ').append(n));
    int replyTotal = r.replies().values().stream().mapToInt(Integer::intValue).sum();
    out.println(
        "  replies             "
            + replyTotal
            + (replies.length() == 0 ? "" : " (" + replies + ")"));
    StringBuilder statuses = new StringBuilder();
    r.statuses()
        .forEach(
            (s, n) ->
                statuses
                    .append(statuses.length() == 0 ? "" : ", ")
                    .append(s)
                    .append(' ')
                    .append(n));
    out.println("  campaigns           " + statuses);
    printLinkedIn(r.linkedIn());
  }

  private void printLinkedIn(LinkedInSummary l) {
    out.println();
    out.println(
        "LinkedIn tasks (prepared for leads who did not answer the emails; a person sends them)");
    out.printf(
        "  %-6s %-15s %-8s %-9s %-8s %-11s %-11s %s%n",
        "LEAD", "KIND", "ACCOUNT", "STATUS", "OUTCOME", "DUE", "HANDED OUT", "TEXT");
    if (l.tasks().isEmpty()) {
      out.println("  (none)");
    }
    for (ChannelTask t : l.tasks()) {
      out.printf(
          "  %-6s %-15s %-8s %-9s %-8s %-11s %-11s %s%n",
          t.leadId(),
          t.kind(),
          t.account(),
          t.status(),
          t.outcome() == null ? "-" : t.outcome(),
          DAY.format(t.dueAt()),
          t.releasedAt() == null ? "-" : DAY.format(t.releasedAt()),
          "\"" + t.text().replace("\n", " ") + "\" (" + t.text().length() + " chars)");
    }
    out.println("  With a LinkedIn profile but no task:");
    if (l.notEligible().isEmpty()) {
      out.println("    (none)");
    }
    l.notEligible().forEach(n -> out.println("    " + n));
    out.println();
    out.println("Analytics by channel");
    for (String line : l.channels().toText().split("\n")) {
      out.println("  " + line);
    }
  }

  private static String cut(String s, int width) {
    return s.length() <= width ? s : s.substring(0, width - 1) + "~";
  }

  /**
   * The sales team working through the LinkedIn tasks: each task handed out is sent at once; one
   * lead accepts the connection request a day later and answers the follow-up the day after,
   * another declines.
   */
  private static final class ScriptedTeam {
    private final CampaignEngine engine;
    private final DemoClock clock;

    ScriptedTeam(CampaignEngine engine, DemoClock clock) {
      this.engine = engine;
      this.clock = clock;
    }

    void work() {
      Instant now = clock.instant();
      String after = null;
      while (true) {
        List<ChannelTask> open = engine.channelTasks(TaskStatus.OPEN, after, 100);
        if (open.isEmpty()) {
          break;
        }
        for (ChannelTask t : open) {
          after = t.id();
          if (t.outcome() == null) {
            ChannelTask sent = engine.reportTask(t.id(), TaskOutcome.SENT);
            if (sent.kind() == TaskKind.FOLLOW_UP && sent.leadId().equals(LINKEDIN_REPLY_LEAD)) {
              replyLater.put(sent.id(), now.plus(Duration.ofDays(1)));
            }
          } else if (t.outcome() == TaskOutcome.SENT
              && t.reportedAt() != null
              && !t.reportedAt().plus(Duration.ofDays(1)).isAfter(now)) {
            if (t.leadId().equals(LINKEDIN_REPLY_LEAD)) {
              engine.reportTask(t.id(), TaskOutcome.ACCEPTED);
            } else if (t.leadId().equals(LINKEDIN_DECLINE_LEAD)) {
              engine.reportTask(t.id(), TaskOutcome.DECLINED);
            }
          }
        }
      }
      for (var it = replyLater.entrySet().iterator(); it.hasNext(); ) {
        var e = it.next();
        if (!e.getValue().isAfter(now)) {
          engine.reportTask(e.getKey(), TaskOutcome.REPLIED);
          it.remove();
        }
      }
    }

    private final Map<String, Instant> replyLater = new LinkedHashMap<>();
  }

  /** Answers some leads' messages as real people and machines would, through the reply source. */
  private static final class ScriptedAnswers implements com.fourrunr.campaign.CampaignListener {
    private final CampaignStore store;
    private final DemoReplies replies;

    ScriptedAnswers(CampaignStore store, DemoReplies replies) {
      this.store = store;
      this.replies = replies;
    }

    @Override
    public void onEvent(CampaignEvent event) {
      if (event.type() != EventType.MESSAGE_SENT || event.leadId() == null) {
        return;
      }
      if (!(event.payload() instanceof EventPayload.MessageSent payload)) {
        return;
      }
      String step = payload.step();
      String messageId = payload.messageId();
      Lead lead = store.findLead(event.leadId()).orElse(null);
      CampaignMessage sent =
          event.messageId() == null ? null : store.findMessageByMessageId(messageId).orElse(null);
      if (lead == null || sent == null) {
        return;
      }
      Instant at = event.occurredAt();
      String subject = "Re: " + sent.subject();
      switch (lead.id()) {
        case INTERESTED_LEAD -> {
          if (step.equals("Hook")) {
            replies.add(
                InboundReply.builder(lead.email(), at.plus(Duration.ofHours(3)))
                    .messageId("<reply-" + lead.id() + "@kolamanalytics.example>")
                    .to("hello@4runr.example")
                    .subject(subject)
                    .inReplyTo(messageId)
                    .references(List.of(messageId))
                    .source("demo")
                    .text(
                        "Hi,\n\nGood timing, this is on our list for Q1. Let's talk next week:"
                            + " what times work for you?\n\nPriya\n\nOn Mon, 30 Nov 2026, 4Runr wrote:\n> "
                            + sent.textBody().replace("\n", "\n> "))
                    .build());
          }
        }
        case OUT_OF_OFFICE_LEAD -> {
          if (step.equals("Hook")) {
            replies.add(
                InboundReply.builder(lead.email(), at.plus(Duration.ofMinutes(2)))
                    .messageId("<ooo-" + lead.id() + "@redwoodclinics.example>")
                    .to("hello@4runr.example")
                    .subject("Automatic reply: " + sent.subject())
                    .inReplyTo(messageId)
                    .references(List.of(messageId))
                    .source("demo")
                    .header("Auto-Submitted", "auto-replied")
                    .text(
                        "Thank you for your message. I am out of the office until December 4 with limited"
                            + " access to email. For urgent matters please call the front desk.")
                    .build());
          }
        }
        case BOUNCING_LEAD -> {
          if (step.equals("Hook")) {
            replies.add(
                InboundReply.builder(
                        "mailer-daemon@mx.savannapay.example", at.plus(Duration.ofMinutes(1)))
                    .messageId("<dsn-" + lead.id() + "@mx.savannapay.example>")
                    .to("hello@4runr.example")
                    .subject("Undelivered Mail Returned to Sender")
                    .source("demo")
                    .header("Content-Type", "multipart/report; report-type=delivery-status")
                    .text(
                        "This is the mail system at host mx.savannapay.example.\n\nI'm sorry to have to"
                            + " inform you that your message could not be delivered.\n\nFinal-Recipient: rfc822; "
                            + lead.email()
                            + "\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1"
                            + " user unknown\n\nMessage-ID: "
                            + messageId
                            + "\n")
                    .build());
          }
        }
        case NOT_INTERESTED_LEAD -> {
          if (step.equals("Proof")) {
            replies.add(
                InboundReply.builder(lead.email(), at.plus(Duration.ofHours(20)))
                    .messageId("<reply-" + lead.id() + "@thamesphysio.example>")
                    .to("hello@4runr.example")
                    .subject(subject)
                    .inReplyTo(messageId)
                    .references(List.of(messageId))
                    .source("demo")
                    .text(
                        "Thanks for following up, but we're not interested at the moment.\n\nOlivia")
                    .build());
          }
        }
        default -> {}
      }
    }
  }
}
