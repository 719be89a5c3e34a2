package com.fourrunr.campaign.analytics;

import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignListener;
import com.fourrunr.campaign.EventPayload;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.ReplyCategory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Computes analytics incrementally, event by event: feed it every {@link CampaignEvent} (register
 * it as a {@link CampaignListener}, or let {@link StoreAnalytics} page through a store), take an
 * immutable {@link #report()} at any time.
 *
 * <p><b>Memory.</b> Bounded by the number of groups, not the number of events: one row of ten
 * counters per (sequence, step, variant, channel, dimension, segment), with at most {@link
 * AnalyticsOptions#maxSegmentValues()} segments per dimension; plus a small state per campaign (its
 * lead's segments, each step's message id and what was already counted for it) for at most {@link
 * AnalyticsOptions#maxCampaignStates()} campaigns, least recently used evicted first. That state
 * makes opens, clicks and replies count once per message without keeping any set of message ids. An
 * open, click or reply whose campaign state was evicted counts in {@link
 * AnalyticsReport#unattributed()} instead.
 *
 * <p><b>What counts.</b> See {@code docs/analytics.md}: {@code MESSAGE_SENT} and synchronous {@code
 * MESSAGE_BOUNCED} are sends; opens and clicks with attribute {@code traffic=machine} count in the
 * raw figures only; a {@code REPLY_CLASSIFIED} reply is attributed to the message it answered (by
 * message id, else its {@code step} attribute); LinkedIn tasks count from {@code
 * CHANNEL_TASK_REPORTED} events.
 *
 * <p>Thread-safe: every method is synchronized.
 */
public final class EventAggregator implements CampaignListener {
  private static final String EMAIL = "EMAIL";

  static final int SENT = 0;
  static final int BOUNCED = 1;
  static final int OPEN_HUMAN = 2;
  static final int OPEN_RAW = 3;
  static final int CLICK_HUMAN = 4;
  static final int CLICK_RAW = 5;
  static final int REPLIED = 6;
  static final int POSITIVE = 7;
  static final int UNSUBSCRIBED = 8;
  static final int COMPLAINT = 9;
  private static final int COUNTERS = 10;
  private static final int CACHE_SIZE = 4096;

  /** The sequence name of campaigns whose creation event was not seen. */
  public static final String UNKNOWN_SEQUENCE = "(unknown)";

  private final AnalyticsOptions options;
  private final Function<String, Optional<Lead>> leads;
  private final Clock clock;
  private final List<String> dimensions;
  private final Map<Key, long[]> groups = new HashMap<>();
  private final Map<String, Set<String>> segmentValues = new HashMap<>();
  private final Map<String, long[]> responses =
      new LinkedHashMap<>(); // sequence -> {responded, positive}
  private final LinkedHashMap<String, CampaignState> campaigns;
  private final ExperimentData experimentData = new ExperimentData();
  // Caches of derived values, each bounded: they save work, never hold data the counts depend on.
  private final Map<String, String[]> profiles = lru(CACHE_SIZE); // lead id -> segment values
  private final Map<Cell, long[][]> cells =
      lru(CACHE_SIZE); // a step's group counters, one per dimension
  private long eventsRead;
  private long unattributed;

  private EventAggregator(
      AnalyticsOptions options, Function<String, Optional<Lead>> leads, Clock clock) {
    this.options = options;
    this.leads = leads;
    this.clock = clock;
    this.dimensions = options.dimensions();
    int max = options.maxCampaignStates();
    this.campaigns =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, CampaignState> eldest) {
            return size() > max;
          }
        };
  }

  /**
   * An empty aggregator.
   *
   * @param options grouping, bounds and statistics
   * @param leads finds a lead by id, called once when a campaign is first seen (for example {@code
   *     store::findLead}); a lead not found counts in segment {@link Segments#UNKNOWN}
   * @param clock stamps the reports
   */
  public static EventAggregator create(
      AnalyticsOptions options, Function<String, Optional<Lead>> leads, Clock clock) {
    return new EventAggregator(
        Objects.requireNonNull(options, "options"),
        Objects.requireNonNull(leads, "leads"),
        Objects.requireNonNull(clock, "clock"));
  }

  @Override
  public void onEvent(CampaignEvent event) {
    accept(event);
  }

  /** Reads one event, looking its lead up on the campaign's first event. */
  public synchronized void accept(CampaignEvent event) {
    accept(event, null);
  }

  /** Reads one event with its lead (null: look it up if the campaign is new). */
  public synchronized void accept(CampaignEvent event, @Nullable Lead lead) {
    eventsRead++;
    String campaignId = event.campaignId();
    if (campaignId == null) {
      return; // skipped leads, unmatched replies: no campaign to count for
    }
    EventType type = event.type();
    CampaignState c = campaigns.get(campaignId);
    if (c == null) {
      if (!starts(type)) {
        if (counts(type)) {
          unattributed++;
        }
        return;
      }
      c = new CampaignState(profileOf(event.leadId(), lead));
      campaigns.put(campaignId, c);
    }
    if (type == EventType.CAMPAIGN_CREATED) {
      c.sequence =
          orUnknown(((EventPayload.CampaignCreated) event.payload()).sequence(), UNKNOWN_SEQUENCE);
    }
    assign(c, event);
    switch (type) {
      case CAMPAIGN_CREATED -> {}
      case MESSAGE_SENT -> {
        experimentData.sent(c.sequence, orUnknown(stepOf(event), "(unknown)"), event.occurredAt());
        StepState s = c.step(stepOf(event), EMAIL);
        s.messageId = event.messageId();
        s.variant = orUnknown(variantOf(event), MetricsRow.NO_VARIANT);
        once(c, s, SENT);
      }
      case MESSAGE_BOUNCED -> {
        StepState s = c.step(stepOf(event), EMAIL);
        s.variant = orUnknown(variantOf(event), MetricsRow.NO_VARIANT);
        once(c, s, SENT);
        once(c, s, BOUNCED);
        leadOutcome(c, ExperimentData.BOUNCED);
      }
      case MESSAGE_OPENED, LINK_CLICKED -> {
        StepState s = c.find(event.messageId(), stepOf(event));
        if (s == null) {
          unattributed++;
          return;
        }
        boolean open = type == EventType.MESSAGE_OPENED;
        once(c, s, open ? OPEN_RAW : CLICK_RAW);
        if (!machine(event.payload())) {
          once(c, s, open ? OPEN_HUMAN : CLICK_HUMAN);
        }
      }
      case REPLY_CLASSIFIED -> reply(c, event);
      case ADDRESS_SUPPRESSED -> {
        if (((EventPayload.AddressSuppressed) event.payload())
            .reason()
            .toLowerCase(Locale.ROOT)
            .contains("unsubscri")) {
          unsubscribed(c, event);
        }
      }
      default -> {
        if (type == EventType.CHANNEL_TASK_REPORTED) {
          channelTask(c, event);
        }
      }
    }
  }

  /** Drops a campaign's state (for example once its events are all read); its counts stay. */
  public synchronized void forget(String campaignId) {
    campaigns.remove(campaignId);
  }

  /** The number of groups (rows) held: what the memory grows with. */
  public synchronized int groupCount() {
    return groups.size();
  }

  /** The number of campaign states held (at most {@link AnalyticsOptions#maxCampaignStates()}). */
  public synchronized int campaignStateCount() {
    return campaigns.size();
  }

  /** An immutable snapshot of everything read so far. */
  public synchronized AnalyticsReport report() {
    return Reports.build(
        clock.instant(),
        eventsRead,
        unattributed,
        groups,
        responses,
        experimentData.copy(),
        options);
  }

  // ------------------------------------------------------------------------------------------------

  private static boolean starts(EventType type) {
    return type == EventType.CAMPAIGN_CREATED
        || type == EventType.MESSAGE_SENT
        || type == EventType.MESSAGE_BOUNCED
        || type == EventType.CHANNEL_TASK_REPORTED;
  }

  private static boolean counts(EventType type) {
    return type == EventType.MESSAGE_OPENED
        || type == EventType.LINK_CLICKED
        || type == EventType.REPLY_CLASSIFIED;
  }

  private void reply(CampaignState c, CampaignEvent event) {
    ReplyCategory category = event.payload().category();
    if (category == null) {
      return;
    }
    StepState s = c.find(event.messageId(), stepOf(event));
    if (s == null) {
      unattributed++;
      return;
    }
    if (category.isFromPerson()) {
      once(c, s, REPLIED);
      responded(c);
    }
    switch (category) {
      case INTERESTED -> {
        once(c, s, POSITIVE);
        if (!c.positive) {
          c.positive = true;
          responses.computeIfAbsent(c.sequence, k -> new long[2])[1]++;
          leadOutcome(c, ExperimentData.POSITIVE);
        }
      }
      case UNSUBSCRIBE_REQUEST -> unsubscribe(c, s);
      case COMPLAINT -> {
        once(c, s, COMPLAINT);
        leadOutcome(c, ExperimentData.COMPLAINT);
      }
      case BOUNCE_HARD -> {
        once(c, s, BOUNCED);
        leadOutcome(c, ExperimentData.BOUNCED);
      }
      default -> {}
    }
  }

  private void unsubscribed(CampaignState c, CampaignEvent event) {
    StepState s = c.find(event.messageId(), stepOf(event));
    if (s == null) {
      s = c.lastSent();
    }
    if (s != null) {
      unsubscribe(c, s);
    }
  }

  /** A person unsubscribes once: the reply asking so and the suppression it causes count once. */
  private void unsubscribe(CampaignState c, StepState s) {
    if (!c.unsubscribed) {
      c.unsubscribed = true;
      once(c, s, UNSUBSCRIBED);
      leadOutcome(c, ExperimentData.UNSUBSCRIBED);
    }
  }

  private void channelTask(CampaignState c, CampaignEvent event) {
    EventPayload.ChannelTaskReported task = (EventPayload.ChannelTaskReported) event.payload();
    String channel = orUnknown(task.channel(), "LINKEDIN");
    String step = orUnknown(stepOf(event), orUnknown(task.taskKind(), "TASK"));
    StepState s = c.step(step, channel);
    s.variant = orUnknown(variantOf(event), s.variant);
    switch (task.outcome()) {
      case "SENT", "ACCEPTED" -> once(c, s, SENT);
      case "REPLIED" -> {
        once(c, s, SENT);
        once(c, s, REPLIED);
        responded(c);
      }
      default -> {}
    }
  }

  private void responded(CampaignState c) {
    if (!c.responded) {
      c.responded = true;
      responses.computeIfAbsent(c.sequence, k -> new long[2])[0]++;
      leadOutcome(c, ExperimentData.REPLIED);
    }
  }

  /**
   * Timing experiments are judged per lead on the whole sequence: a campaign counts once in the
   * variant each experiment step assigned it, from the first event naming that variant (the
   * messages are checked at enrolment), whatever its later outcome.
   */
  private void assign(CampaignState c, CampaignEvent event) {
    String variant = variantOf(event);
    String step = stepOf(event);
    if (variant.isEmpty() || step.isEmpty() || c.arms.containsKey(step)) {
      return;
    }
    c.arms.put(step, variant);
    experimentData.enrol(c.sequence, step, variant, event.payload().variantTiming(), c.outcomes);
  }

  /** A lead's outcome, once per campaign, in each variant it is enrolled in. */
  private void leadOutcome(CampaignState c, int outcome) {
    int bit = 1 << outcome;
    if ((c.outcomes & bit) != 0) {
      return;
    }
    c.outcomes |= bit;
    c.arms.forEach((step, variant) -> experimentData.outcome(c.sequence, step, variant, outcome));
  }

  /** Counts one fact for a message, once: the step's flag says whether it was counted already. */
  private void once(CampaignState c, StepState s, int counter) {
    int bit = 1 << counter;
    if ((s.flags & bit) != 0) {
      return;
    }
    if (counter == BOUNCED && (s.flags & (1 << SENT)) == 0) {
      return; // a bounce of a message not counted as sent (its send was before the data read)
    }
    s.flags |= bit;
    if (s.rows == null || !s.variant.equals(s.rowsVariant)) {
      s.rows = rowsOf(new Cell(c.sequence, s.step, s.variant, s.channel, c.segments));
      s.rowsVariant = s.variant;
    }
    for (long[] row : s.rows) {
      row[counter]++;
    }
  }

  /** The counters of each dimension's group of one step's messages. */
  private long[][] rowsOf(Cell cell) {
    long[][] rows = cells.get(cell);
    if (rows == null) {
      rows = new long[dimensions.size()][];
      for (int i = 0; i < rows.length; i++) {
        rows[i] =
            groups.computeIfAbsent(
                new Key(
                    cell.sequence,
                    cell.step,
                    cell.variant,
                    cell.channel,
                    dimensions.get(i),
                    cell.segments[i]),
                x -> new long[COUNTERS]);
      }
      cells.put(cell, rows);
    }
    return rows;
  }

  private String[] profileOf(@Nullable String leadId, @Nullable Lead given) {
    String[] p = leadId == null ? null : profiles.get(leadId);
    if (p == null) {
      p = segmentsOf(given != null ? given : lookup(leadId));
      if (leadId != null) {
        profiles.put(leadId, p);
      }
    }
    return p;
  }

  private static <K, V> Map<K, V> lru(int max) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > max;
      }
    };
  }

  /** A step's identity for its counters; segments compared by content (a lead profile). */
  private record Cell(
      String sequence, String step, String variant, String channel, String[] segments) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Cell c
          && sequence.equals(c.sequence)
          && step.equals(c.step)
          && variant.equals(c.variant)
          && channel.equals(c.channel)
          && java.util.Arrays.equals(segments, c.segments);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(sequence, step, variant, channel) * 31
          + java.util.Arrays.hashCode(segments);
    }

    @Override
    public String toString() {
      return sequence + "/" + step + "/" + variant + "/" + channel;
    }
  }

  private @Nullable Lead lookup(@Nullable String leadId) {
    if (leadId == null) {
      return null;
    }
    try {
      return leads.apply(leadId).orElse(null);
    } catch (RuntimeException e) {
      return null; // a lead that cannot be read counts as unknown; the figures go on
    }
  }

  private String[] segmentsOf(@Nullable Lead lead) {
    String[] out = new String[dimensions.size()];
    for (int i = 0; i < out.length; i++) {
      String d = dimensions.get(i);
      String v =
          d.equals(Segments.ALL)
              ? Segments.ALL
              : lead == null ? Segments.UNKNOWN : Segments.valueOf(lead, d);
      Set<String> seen = segmentValues.computeIfAbsent(d, k -> new HashSet<>());
      if (!seen.contains(v)) {
        if (seen.size() >= options.maxSegmentValues()) {
          v = Segments.OTHER;
        } else {
          seen.add(v);
        }
      }
      out[i] = v;
    }
    return out;
  }

  /** The step an event names, or empty. */
  private static String stepOf(CampaignEvent e) {
    String step = e.payload().step();
    return step == null ? "" : step;
  }

  /** The A/B variant an event names, or empty. */
  private static String variantOf(CampaignEvent e) {
    String variant = e.payload().variant();
    return variant == null ? "" : variant;
  }

  /** Whether an open or a click was a machine's. */
  private static boolean machine(EventPayload p) {
    return p instanceof EventPayload.MessageOpened o
        ? o.machine()
        : p instanceof EventPayload.LinkClicked c && c.machine();
  }

  private static String orUnknown(String s, String fallback) {
    return s.isEmpty() ? fallback : s;
  }

  /** A group's identity. */
  record Key(
      String sequence,
      String step,
      String variant,
      String channel,
      String dimension,
      String segment) {}

  private static final class CampaignState {
    String sequence = UNKNOWN_SEQUENCE;
    final String[] segments;
    final List<StepState> steps = new ArrayList<>(3);
    boolean responded;
    boolean positive;
    boolean unsubscribed;
    final Map<String, String> arms = new HashMap<>(2); // experiment step -> the lead's variant
    int outcomes; // bits of ExperimentData's outcomes already counted

    CampaignState(String[] segments) {
      this.segments = segments;
    }

    StepState step(String step, String channel) {
      String name = orUnknown(step, "(unknown)");
      for (StepState s : steps) {
        if (s.step.equals(name) && s.channel.equals(channel)) {
          return s;
        }
      }
      StepState s = new StepState(name, channel);
      steps.add(s);
      return s;
    }

    @Nullable StepState find(@Nullable String messageId, String step) {
      if (messageId != null) {
        for (StepState s : steps) {
          if (messageId.equals(s.messageId)) {
            return s;
          }
        }
      }
      for (StepState s : steps) {
        if (s.step.equals(step) && s.channel.equals("EMAIL")) {
          return s;
        }
      }
      return null;
    }

    @Nullable StepState lastSent() {
      for (int i = steps.size() - 1; i >= 0; i--) {
        if ((steps.get(i).flags & (1 << SENT)) != 0) {
          return steps.get(i);
        }
      }
      return null;
    }
  }

  private static final class StepState {
    final String step;
    final String channel;
    String variant = MetricsRow.NO_VARIANT;
    @Nullable String messageId;
    int flags;
    long @Nullable [][] rows;
    @Nullable String rowsVariant;

    StepState(String step, String channel) {
      this.step = step;
      this.channel = channel;
    }
  }

  static Comparator<MetricsRow> rowOrder(List<String> dimensions) {
    return Comparator.comparing(MetricsRow::sequence)
        .thenComparingInt(
            r -> {
              int i = dimensions.indexOf(r.dimension());
              return i < 0 ? Integer.MAX_VALUE : i;
            })
        .thenComparing(MetricsRow::segment)
        .thenComparing(MetricsRow::step)
        .thenComparing(MetricsRow::variant)
        .thenComparing(MetricsRow::channel);
  }
}
