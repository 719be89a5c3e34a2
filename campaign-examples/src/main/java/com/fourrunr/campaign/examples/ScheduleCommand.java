package com.fourrunr.campaign.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fourrunr.campaign.EnrolmentRules;
import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.IntervalUnit;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.LeadRecord;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.SchedulePolicy;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.SequenceStep;
import com.fourrunr.campaign.csv.CsvLeadSource;
import com.fourrunr.campaign.schedule.BusinessSchedule;
import com.fourrunr.campaign.schedule.PlannedSend;
import com.fourrunr.campaign.schedule.ZoneResolution;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code campaign schedule}: the planned send times of every lead in a CSV, computed by {@link
 * BusinessSchedule} as the engine would, without sending anything. One JSON object per line per
 * message: {@code leadId}, {@code step} (from 1), {@code type}, {@code sendAt} (ISO-8601 instant),
 * {@code zone} (IANA id), {@code localSendAt} (ISO local date-time), {@code zoneSource} and, for a
 * fallback zone, {@code zoneWarning}. A record that cannot be scheduled prints one line with {@code
 * leadId} (null when the row has no valid lead), {@code location}, {@code error} and, for a row of
 * the file that makes no lead (a bad value, invalid UTF-8, a quote never closed), the file's {@code
 * line}; the rest go on. Exit status: 0 when the file was read (rows in error included), 1 when the
 * file as a whole is unusable (empty, no {@code id} or {@code email} column, header only, a read
 * error), 2 for a bad option or a file that cannot be opened.
 */
@Command(
    name = "schedule",
    mixinStandardHelpOptions = true,
    description =
        "Prints when each message of each lead in a CSV would go out (JSON lines), without sending.")
final class ScheduleCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final java.time.format.DateTimeFormatter LOCAL_SECONDS =
      java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--leads", required = true, paramLabel = "FILE", description = "The leads CSV.")
  Path leads;

  @Option(
      names = "--start",
      required = true,
      paramLabel = "INSTANT",
      description = "Enrolment time, an ISO-8601 instant such as 2026-11-30T08:00:00Z.")
  String start;

  @Option(
      names = "--intervals",
      paramLabel = "DAYS",
      defaultValue = "0,3,7",
      description =
          "The day of each step counted from the start, non-decreasing (default: ${DEFAULT-VALUE},"
              + " Hook day 0, Proof day 3, FOMO day 7). Each gap is counted from the previous step's send in"
              + " --interval-unit days.")
  String intervals;

  @Option(
      names = "--interval-unit",
      paramLabel = "UNIT",
      defaultValue = "business",
      description = "business (default: weekends and holidays do not count) or calendar.")
  String intervalUnit;

  @Option(
      names = "--window",
      paramLabel = "HH:mm-HH:mm",
      defaultValue = "09:00-11:30",
      description = "Send window in each lead's local time (default: ${DEFAULT-VALUE}).")
  String window;

  @Option(
      names = {"--send-days", "--days"},
      paramLabel = "DAYS",
      defaultValue = "MON-FRI",
      description =
          "Send days, such as MON-FRI or SUN-THU or MON,WED,FRI (default: ${DEFAULT-VALUE})."
              + " --days is the old spelling, deprecated.")
  String days;

  @Option(
      names = "--company-zone",
      paramLabel = "ZONE",
      description =
          "IANA zone for leads whose timezone and location say nothing usable (default: UTC).")
  @Nullable String companyZone;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    if (DeprecatedNames.used(spec, "--days")) {
      err.println("schedule: --days is deprecated; use --send-days");
    }
    if (!Files.isReadable(leads)) {
      err.println("--leads: cannot read " + leads);
      return 2;
    }
    List<FieldError> problems = new ArrayList<>();
    Instant startAt = parse(this::parseStart, problems);
    Sequence sequence = parse(this::parseIntervals, problems);
    SchedulePolicy policy = parse(this::parsePolicy, problems);
    if (startAt == null || sequence == null || policy == null) {
      err.println(
          problems.stream()
              .map(f -> "--" + f.field() + ": " + f.problem())
              .collect(Collectors.joining(System.lineSeparator())));
      return 2;
    }
    BusinessSchedule schedule = BusinessSchedule.builder().policy(policy).build();
    int rows = 0;
    try (Stream<LeadRecord> records = CsvLeadSource.of(leads).read()) {
      for (LeadRecord record : (Iterable<LeadRecord>) records::iterator) {
        rows++;
        if (record instanceof LeadRecord.Invalid invalid) {
          out.println(
              error(
                  null,
                  invalid.location(),
                  invalid.errors().stream()
                      .map(FieldError::toString)
                      .collect(Collectors.joining("; ")),
                  invalid.line()));
        } else if (record instanceof LeadRecord.Valid valid) {
          out.println(plan(schedule, policy, sequence, startAt, valid));
        }
      }
    } catch (UncheckedIOException | InvalidInputException e) {
      // The file as a whole: empty, a header without id or email, or a read that failed.
      out.flush();
      err.println("--leads: " + e.getMessage());
      return 1;
    }
    out.flush();
    if (rows == 0) {
      err.println("--leads: " + leads + ": has a header but no rows");
      return 1;
    }
    return 0;
  }

  private static <T> @Nullable T parse(
      java.util.function.Supplier<T> parser, List<FieldError> problems) {
    try {
      return parser.get();
    } catch (InvalidInputException e) {
      problems.addAll(e.errors());
      return null;
    }
  }

  private static String plan(
      BusinessSchedule schedule,
      SchedulePolicy policy,
      Sequence sequence,
      Instant start,
      LeadRecord.Valid valid) {
    Lead lead = valid.lead();
    // The engine's own rule: a lead enrolment would skip is not scheduled, only its reason.
    EnrolmentRules.Skip rule = EnrolmentRules.check(lead);
    if (rule != null) {
      return error(lead.id(), valid.location(), rule.toString(), 0);
    }
    try {
      ZoneResolution zone = schedule.resolveZone(lead, policy);
      StringBuilder lines = new StringBuilder();
      for (PlannedSend p : schedule.plan(lead, sequence, start, policy)) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("leadId", lead.id());
        line.put("step", p.step());
        line.put("type", p.type().name());
        line.put("sendAt", p.sendAt().toString());
        line.put("zone", p.zone().getId());
        // Always with seconds, also when they are zero.
        line.put("localSendAt", LOCAL_SECONDS.format(p.localSendAt()));
        line.put("zoneSource", zone.source());
        if (zone.warning() != null) {
          line.put("zoneWarning", zone.warning());
        }
        if (lines.length() > 0) {
          lines.append(System.lineSeparator());
        }
        lines.append(json(line));
      }
      return lines.toString();
    } catch (RuntimeException e) {
      return error(lead.id(), valid.location(), e.getMessage(), 0);
    }
  }

  private static String error(
      @Nullable String leadId, String location, @Nullable String error, int fileLine) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("leadId", leadId);
    line.put("location", location);
    line.put("error", error == null ? "cannot be scheduled" : error);
    if (fileLine > 0) {
      line.put("line", fileLine);
    }
    return json(line);
  }

  private static String json(Map<String, Object> line) {
    try {
      return JSON.writeValueAsString(line);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings and numbers did not serialise", e);
    }
  }

  private Instant parseStart() {
    try {
      return Instant.parse(start.strip());
    } catch (DateTimeException e) {
      throw InvalidInputException.of(
          "schedule",
          "start",
          "'" + start + "' is not an ISO-8601 instant such as 2026-11-30T08:00:00Z");
    }
  }

  private Sequence parseIntervals() {
    List<Integer> dayOfStep = new ArrayList<>();
    try {
      for (String part : intervals.split(",")) {
        dayOfStep.add(Integer.parseInt(part.strip()));
      }
    } catch (NumberFormatException e) {
      throw InvalidInputException.of(
          "schedule", "intervals", "'" + intervals + "' is not a list of days such as 0,3,7");
    }
    List<SequenceStep> steps = new ArrayList<>();
    int previous = 0;
    for (int i = 0; i < dayOfStep.size(); i++) {
      int day = dayOfStep.get(i);
      if (day < previous) {
        throw InvalidInputException.of(
            "schedule",
            "intervals",
            "'" + intervals + "' must not decrease (each number is a step's day from the start)");
      }
      MessageType type =
          switch (i) {
            case 0 -> MessageType.HOOK;
            case 1 -> MessageType.PROOF;
            case 2 -> MessageType.FOMO;
            default -> new MessageType("Step" + (i + 1));
          };
      try {
        steps.add(new SequenceStep(type, day - previous));
      } catch (InvalidInputException e) {
        throw InvalidInputException.of("schedule", "intervals", e.errors().get(0).problem());
      }
      previous = day;
    }
    try {
      return new Sequence("cli", steps);
    } catch (InvalidInputException e) {
      throw InvalidInputException.of("schedule", "intervals", e.errors().get(0).problem());
    }
  }

  private SchedulePolicy parsePolicy() {
    List<FieldError> errors = new ArrayList<>();
    SchedulePolicy.Builder b = SchedulePolicy.builder().window(window).days(days);
    try {
      b.intervalUnit(IntervalUnit.parse(intervalUnit));
    } catch (IllegalArgumentException e) {
      errors.add(FieldError.of("interval-unit", e));
    }
    if (companyZone != null) {
      try {
        b.companyZone(ZoneId.of(companyZone.strip()));
      } catch (DateTimeException e) {
        errors.add(
            new FieldError("company-zone", "'" + companyZone + "' is not an IANA time zone id"));
      }
    }
    try {
      SchedulePolicy policy = b.build();
      if (!errors.isEmpty()) {
        throw new InvalidInputException("schedule", errors);
      }
      return policy;
    } catch (InvalidInputException e) {
      if (e.subject().equals("schedule")) {
        throw e;
      }
      errors.addAll(e.errors());
      throw new InvalidInputException("schedule", errors);
    }
  }
}
