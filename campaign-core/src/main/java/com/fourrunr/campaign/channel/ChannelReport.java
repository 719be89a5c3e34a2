package com.fourrunr.campaign.channel;

import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.Channel;
import com.fourrunr.campaign.EventPayload;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.spi.CampaignStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Response rates by channel and step, and the lift the LinkedIn fallback adds, computed from the
 * stored events: {@code MESSAGE_SENT} and {@code CAMPAIGN_RESPONDED} for email (a response without
 * a channel attribute, or with {@code EMAIL}, is an email response, counted at the step answered),
 * {@code CHANNEL_TASK_CREATED}, {@code CHANNEL_TASK_REPORTED} and {@code CAMPAIGN_RESPONDED} with
 * {@code channel=LINKEDIN} for LinkedIn. Events are read page by page; the ids of the campaigns
 * reached are held to count each once.
 *
 * @param channels one line per channel: campaigns reached and campaigns that answered on it
 * @param steps one line per channel and step: reached (emails sent; LinkedIn tasks a person
 *     reported doing) and responses to that step
 * @param fallbackEligible campaigns whose emails got no answer and that got a LinkedIn
 *     connection-note task
 * @param fallbackResponses of those, campaigns that answered on LinkedIn
 */
public record ChannelReport(
    List<ChannelRate> channels,
    List<StepRate> steps,
    long fallbackEligible,
    long fallbackResponses) {
  private static final int PAGE = 1_000;

  /** Freezes the lists. */
  public ChannelReport {
    channels = List.copyOf(channels);
    steps = List.copyOf(steps);
  }

  /** One channel's campaigns reached and answered. */
  public record ChannelRate(Channel channel, long reached, long responses) {
    /** Responses over campaigns reached, 0 when none was reached. */
    public double rate() {
      return reached == 0 ? 0 : (double) responses / reached;
    }
  }

  /** One step of one channel: how often it went out and how often it was answered. */
  public record StepRate(Channel channel, String step, long reached, long responses) {
    /** Responses over times reached, 0 when it never went out. */
    public double rate() {
      return reached == 0 ? 0 : (double) responses / reached;
    }
  }

  /**
   * The lift the fallback adds: LinkedIn responses over the campaigns eligible for it (email got no
   * answer), 0 when none was.
   */
  public double lift() {
    return fallbackEligible == 0 ? 0 : (double) fallbackResponses / fallbackEligible;
  }

  /** Reads the store's events and computes the report. */
  public static ChannelReport compute(CampaignStore store) {
    Map<String, long[]> email = new LinkedHashMap<>();
    Map<String, long[]> linkedIn = new LinkedHashMap<>();
    Set<String> emailReached = new HashSet<>();
    Set<String> emailAnswered = new HashSet<>();
    Set<String> eligible = new HashSet<>();
    Set<String> linkedInReached = new HashSet<>();
    Set<String> linkedInAnswered = new HashSet<>();
    Set<String> tasksDone = new HashSet<>();
    for (CampaignEvent e : all(store, EventType.MESSAGE_SENT)) {
      // Sent mails are email: the other channels' steps are channel tasks.
      if (e.payload() instanceof EventPayload.MessageSent sent) {
        email.computeIfAbsent(sent.step(), k -> new long[2])[0]++;
        if (e.campaignId() != null) {
          emailReached.add(e.campaignId());
        }
      }
    }
    for (CampaignEvent e : all(store, EventType.CHANNEL_TASK_CREATED)) {
      if (e.payload() instanceof EventPayload.ChannelTaskCreated created
          && TaskKind.CONNECTION_NOTE.name().equals(created.taskKind())
          && e.campaignId() != null) {
        eligible.add(e.campaignId());
      }
    }
    for (CampaignEvent e : all(store, EventType.CHANNEL_TASK_REPORTED)) {
      if (!(e.payload() instanceof EventPayload.ChannelTaskReported reported)) {
        continue;
      }
      String kind = reported.taskKind();
      if (tasksDone.add(reported.taskId())) {
        linkedIn.computeIfAbsent(stepOf(kind), k -> new long[2])[0]++;
        if (e.campaignId() != null) {
          linkedInReached.add(e.campaignId());
        }
      }
    }
    for (CampaignEvent e : all(store, EventType.CAMPAIGN_RESPONDED)) {
      if (e.campaignId() == null) {
        continue;
      }
      if (!(e.payload() instanceof EventPayload.CampaignResponded responded)) {
        continue;
      }
      String answered = responded.step() == null ? "" : responded.step();
      if (Channel.LINKEDIN.name().equals(responded.channel())) {
        String taskKind = responded.taskKind() == null ? "" : responded.taskKind();
        String step = answered.isEmpty() ? stepOf(taskKind) : answered;
        linkedIn.computeIfAbsent(step, k -> new long[2])[1]++;
        linkedInAnswered.add(e.campaignId());
      } else if (emailAnswered.add(e.campaignId())) {
        email.computeIfAbsent(answered, k -> new long[2])[1]++;
      }
    }
    List<StepRate> steps = new ArrayList<>();
    email.forEach((step, n) -> steps.add(new StepRate(Channel.EMAIL, step, n[0], n[1])));
    linkedIn.forEach((step, n) -> steps.add(new StepRate(Channel.LINKEDIN, step, n[0], n[1])));
    long lift = linkedInAnswered.stream().filter(eligible::contains).count();
    return new ChannelReport(
        List.of(
            new ChannelRate(Channel.EMAIL, emailReached.size(), emailAnswered.size()),
            new ChannelRate(Channel.LINKEDIN, linkedInReached.size(), linkedInAnswered.size())),
        steps,
        eligible.size(),
        lift);
  }

  private static String stepOf(String taskKind) {
    try {
      return TaskKind.valueOf(taskKind).messageType().name();
    } catch (IllegalArgumentException e) {
      return taskKind;
    }
  }

  private static Iterable<CampaignEvent> all(CampaignStore store, EventType type) {
    return () ->
        new java.util.Iterator<>() {
          private List<CampaignEvent> page = store.findEventsByType(type, null, PAGE);
          private int i;

          @Override
          public boolean hasNext() {
            if (i < page.size()) {
              return true;
            }
            if (page.size() < PAGE) {
              return false;
            }
            page = store.findEventsByType(type, page.get(page.size() - 1).id(), PAGE);
            i = 0;
            return !page.isEmpty();
          }

          @Override
          public CampaignEvent next() {
            if (!hasNext()) {
              throw new java.util.NoSuchElementException();
            }
            return page.get(i++);
          }
        };
  }

  /** The report as a few lines of text, as the demo prints it. */
  public String toText() {
    StringBuilder b = new StringBuilder();
    for (ChannelRate c : channels) {
      b.append(
          String.format(
              Locale.ROOT,
              "%-9s reached %4d  responses %4d  rate %5.1f%%%n",
              c.channel(),
              c.reached(),
              c.responses(),
              100 * c.rate()));
    }
    for (StepRate s : steps) {
      b.append(
          String.format(
              Locale.ROOT,
              "  %-9s %-17s reached %4d  responses %4d  rate %5.1f%%%n",
              s.channel(),
              s.step().isEmpty() ? "(unknown)" : s.step(),
              s.reached(),
              s.responses(),
              100 * s.rate()));
    }
    b.append(
        String.format(
            Locale.ROOT,
            "Fallback lift: %d of %d leads eligible for LinkedIn answered there" + " (+%.1f%%)%n",
            fallbackResponses,
            fallbackEligible,
            100 * lift()));
    return b.toString();
  }
}
