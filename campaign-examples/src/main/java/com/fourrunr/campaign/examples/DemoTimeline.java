package com.fourrunr.campaign.examples;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.channel.ChannelTask;
import com.fourrunr.campaign.channel.TaskOutcome;
import com.fourrunr.campaign.channel.TaskStatus;
import com.fourrunr.campaign.spi.CampaignStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * The demo's next moment on its five-minute grid: the first tick at which something is due (the
 * earliest scheduled message, a scripted reply, a LinkedIn task or the team's answer to one, a
 * paused campaign's resumption, the next simulated day, where the demo prints its day line),
 * instead of every tick. The clock jumps straight there: nothing else in the demo happens between
 * two such moments, so the run does the same work as one that ran every tick, in under a hundred
 * steps instead of four thousand (fourteen days of five-minute ticks).
 */
final class DemoTimeline {
  private final Instant start;
  private final Instant end;
  private final Duration tick;

  DemoTimeline(Instant start, Instant end, Duration tick) {
    this.start = start;
    this.end = end;
    this.tick = tick;
  }

  /**
   * The tick after {@code now} to run next: the earliest due moment rounded up to the grid, at
   * least one tick and at most the next simulated day ahead; {@code end} is always run.
   */
  Instant next(
      Instant now,
      CampaignStore store,
      CampaignEngine engine,
      @org.jspecify.annotations.Nullable Instant nextReply,
      Collection<Instant> teamMoments) {
    steps++;
    // The next simulated day (where the day line is printed) bounds every jump.
    long days = Duration.between(start, now).toDays();
    Instant due = start.plus(Duration.ofDays(days + 1));
    due = earlier(due, nextReply);
    for (Instant at : teamMoments) {
      due = earlier(due, at);
    }
    for (CampaignMessage m : store.findDueMessages(end, 1)) {
      due = earlier(due, m.scheduledAt());
    }
    for (ChannelTask t : engine.channelTasks(TaskStatus.WAITING, null, 500)) {
      due = earlier(due, t.dueAt());
    }
    for (ChannelTask t : engine.channelTasks(TaskStatus.OPEN, null, 500)) {
      // The team answers a sent task a day after it was reported, at the first step at or after
      // that moment; one whose day has passed was answered then (or is never answered: the team
      // answers only some leads), so only moments still ahead are due.
      if (t.outcome() == TaskOutcome.SENT && t.reportedAt() != null) {
        Instant answer = t.reportedAt().plus(Duration.ofDays(1));
        if (answer.isAfter(now)) {
          due = earlier(due, answer);
        }
      }
    }
    for (Campaign c : store.findCampaignsToResume(end, 500)) {
      due = earlier(due, c.resumeAt());
    }
    // Round up to the grid, at least one tick ahead.
    long ticks = Math.max(1, ceilDiv(Duration.between(now, due).toMillis(), tick.toMillis()));
    Instant next = now.plus(tick.multipliedBy(ticks));
    if (now.isBefore(end) && next.isAfter(end)) {
      return end;
    }
    return next;
  }

  private long dayShown;

  private int steps;

  /** The line printed after the last simulated day: how many steps of the clock the run took. */
  String stepsLine(int days) {
    return "  " + days + " simulated days in " + steps + " steps of the clock";
  }

  /**
   * The line to print when the clock has entered a new simulated day: the day, the messages sent
   * and the replies so far; empty within a day already shown.
   */
  java.util.Optional<String> dayLine(
      Instant now, int days, int sent, java.util.Map<?, Integer> replyCounts) {
    long day = Duration.between(start, now).toDays();
    if (day <= dayShown) {
      return java.util.Optional.empty();
    }
    dayShown = day;
    int replies = replyCounts.values().stream().mapToInt(Integer::intValue).sum();
    return java.util.Optional.of(
        "  day " + day + " of " + days + ": " + sent + " sent, " + replies + " replies so far");
  }

  /**
   * The analytics summary's added lines: that opens and clicks are not tracked, and each email
   * step's reply rate over the report's one denominator, delivered messages.
   */
  static java.util.List<String> analyticsLines(
      com.fourrunr.campaign.analytics.AnalyticsReport report) {
    java.util.List<String> lines = new java.util.ArrayList<>();
    lines.add("opens and clicks: not tracked (tracking is off in the demo)");
    lines.add("reply rate = replies / delivered messages (sent minus bounced), as in the report");
    java.util.Set<String> steps = new java.util.LinkedHashSet<>();
    for (com.fourrunr.campaign.analytics.FunnelStage f : report.funnel()) {
      if (!f.stage().equals(com.fourrunr.campaign.analytics.FunnelStage.RESPONSE)) {
        steps.add(f.stage());
      }
    }
    for (String step : steps) {
      com.fourrunr.campaign.analytics.Metrics m = report.total(step, null);
      lines.add(
          String.format(
              java.util.Locale.ROOT,
              "%s reply rate %.1f%% (%d replies / %d delivered)",
              step,
              100 * m.replyRate(),
              m.replied(),
              m.delivered()));
    }
    return lines;
  }

  private static long ceilDiv(long a, long b) {
    return a <= 0 ? 0 : (a + b - 1) / b;
  }

  private static Instant earlier(Instant a, @org.jspecify.annotations.Nullable Instant b) {
    return b != null && b.isBefore(a) ? b : a;
  }
}
