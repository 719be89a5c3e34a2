package com.fourrunr.campaign.ops;

import com.fourrunr.campaign.QueueStatus;
import com.fourrunr.campaign.config.Redaction;
import com.fourrunr.campaign.spi.CampaignClient;
import com.fourrunr.campaign.spi.CampaignStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Checks the parts a campaign service depends on against thresholds and reports each as UP,
 * DEGRADED or DOWN:
 *
 * <ul>
 *   <li>{@code store}: answers a cheap read within {@link Builder#storeTimeout(Duration)} (default
 *       5 s), else DOWN (and the queue is not read);
 *   <li>{@code mailbox:<address>}: DOWN when paused ({@link CampaignClient#pauseMailbox}), when its
 *       last {@link Builder#mailboxFailureStreak(int) N} send attempts all failed (default 3: the
 *       server is unreachable or refuses the login), or with {@link Builder#mailboxFailures(int,
 *       Duration) the allowed failures} in the recent window; the last error is shown (needs a
 *       {@link CampaignActivity});
 *   <li>{@code replyIntake}: DEGRADED when the last poll failed (with {@link
 *       Builder#replyIntake(Supplier)}: the time of the last success, or "never"), DOWN when the
 *       last successful poll is older than {@link Builder#replyIntakeMaxAge(Duration)} (only when
 *       the engine has a reply source, or a source of the last success is given);
 *   <li>{@code queue}: the longest-waiting due message has waited less than {@link
 *       Builder#maxOldestDueAge(Duration)} (the queue is not stuck);
 *   <li>{@code deadLetters}: at most {@link Builder#maxDeadLetters(long)} messages are
 *       dead-lettered.
 * </ul>
 *
 * The report as a whole follows {@link HealthReport#of}: DOWN when the store, the queue, the dead
 * letters or the reply intake is DOWN or every mailbox is; DEGRADED when some mailboxes are DOWN or
 * any component is DEGRADED. Ages are judged on the engine's clock. Error text shown passes through
 * the {@link Builder#redaction(Redaction) redaction}. {@link #check()} does a few reads (a queue
 * count among them) and is meant for a health endpoint polled every few seconds, not for a tight
 * loop. Thread-safe.
 *
 * <pre>{@code
 * HealthMonitor health = HealthMonitor.builder(engine).activity(activity).build();
 * HealthReport report = health.check();   // report.status() == HealthStatus.UP
 * }</pre>
 */
public final class HealthMonitor {
  /** A due message waiting longer than this means the queue is stuck. */
  public static final Duration DEFAULT_MAX_OLDEST_DUE_AGE = Duration.ofMinutes(30);

  /** More dead letters than this is DOWN. */
  public static final long DEFAULT_MAX_DEAD_LETTERS = 50;

  /** A reply source not read successfully for longer than this is DOWN. */
  public static final Duration DEFAULT_REPLY_INTAKE_MAX_AGE = Duration.ofMinutes(30);

  /** A mailbox with this many failed sends in {@link #DEFAULT_MAILBOX_FAILURE_WINDOW} is DOWN. */
  public static final int DEFAULT_MAILBOX_FAILURES = 10;

  /** The window mailbox failures are counted over. */
  public static final Duration DEFAULT_MAILBOX_FAILURE_WINDOW = Duration.ofHours(1);

  /** A mailbox whose last this many send attempts failed, none accepted in between, is DOWN. */
  public static final int DEFAULT_MAILBOX_FAILURE_STREAK = 3;

  /** How long the store may take to answer the health read. */
  public static final Duration DEFAULT_STORE_TIMEOUT = Duration.ofSeconds(5);

  private final CampaignClient engine;
  private final CampaignStore store;
  private final Clock clock;
  private final @Nullable CampaignActivity activity;
  private final List<String> mailboxes;
  private final Duration maxOldestDueAge;
  private final long maxDeadLetters;
  private final Duration replyIntakeMaxAge;
  private final int mailboxFailures;
  private final Duration mailboxFailureWindow;
  private final @Nullable Supplier<Optional<Instant>> replyIntakeLastSuccess;
  private final @Nullable Supplier<PollHealth.Snapshot> replyIntake;
  private final int mailboxFailureStreak;
  private final Duration storeTimeout;
  private final Redaction redaction;
  private final Instant startedAt;

  /** The store read runs here, so a store that does not answer cannot hold the health check. */
  private final ExecutorService storeProbe =
      new ThreadPoolExecutor(
          0,
          1,
          30,
          TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(),
          r -> {
            Thread t = new Thread(r, "campaign-health-store");
            t.setDaemon(true);
            return t;
          });

  private @Nullable Future<?> pendingStoreRead;

  private HealthMonitor(Builder b) {
    this.engine = b.engine;
    this.store = b.engine.store();
    this.clock = b.engine.clock();
    this.activity = b.activity;
    this.mailboxes = List.copyOf(b.mailboxes);
    this.maxOldestDueAge = b.maxOldestDueAge;
    this.maxDeadLetters = b.maxDeadLetters;
    this.replyIntakeMaxAge = b.replyIntakeMaxAge;
    this.mailboxFailures = b.mailboxFailures;
    this.mailboxFailureWindow = b.mailboxFailureWindow;
    this.replyIntakeLastSuccess =
        b.replyIntakeLastSuccess != null
            ? b.replyIntakeLastSuccess
            : b.engine.hasReplySource() ? b.engine::lastReplyPoll : null;
    this.replyIntake = b.replyIntake;
    this.mailboxFailureStreak = b.mailboxFailureStreak;
    this.storeTimeout = b.storeTimeout;
    this.redaction = b.redaction;
    this.startedAt = clock.instant();
  }

  /** Starts a builder over the engine (its store, clock, queue and paused mailboxes). */
  public static Builder builder(CampaignClient engine) {
    return new Builder(engine);
  }

  /** Checks every component now. Never throws for a failing component: it reports it DOWN. */
  public HealthReport check() {
    Instant now = clock.instant();
    Map<String, ComponentHealth> components = new LinkedHashMap<>();
    ComponentHealth storeHealth = checkStore();
    components.put("store", storeHealth);
    Map<String, String> paused = safePaused();
    Set<String> all = new LinkedHashSet<>(mailboxes);
    if (activity != null) {
      all.addAll(activity.mailboxes());
    }
    all.addAll(paused.keySet());
    for (String mailbox : all) {
      components.put("mailbox:" + mailbox, checkMailbox(mailbox, paused.get(mailbox)));
    }
    if (replyIntake != null) {
      components.put("replyIntake", checkPolls(now));
    } else if (replyIntakeLastSuccess != null) {
      components.put("replyIntake", checkReplyIntake(now));
    }
    QueueStatus queue = null;
    ComponentHealth queueHealth;
    if (storeHealth.status() == HealthStatus.DOWN) {
      // The queue lives in the store: reading it would wait as long again.
      components.put(
          "queue", ComponentHealth.down("not read: the store does not answer", Map.of()));
      components.put("deadLetters", checkDeadLetters(null));
      return HealthReport.of(now, components);
    }
    try {
      queue = engine.queueStatus();
      queueHealth = checkQueue(queue);
    } catch (RuntimeException e) {
      queueHealth =
          ComponentHealth.down(
              "queue could not be read: " + e.getClass().getSimpleName(), Map.of());
    }
    components.put("queue", queueHealth);
    components.put("deadLetters", checkDeadLetters(queue));
    return HealthReport.of(now, components);
  }

  private Map<String, String> safePaused() {
    try {
      return engine.pausedMailboxes();
    } catch (RuntimeException e) {
      return Map.of();
    }
  }

  private ComponentHealth checkStore() {
    long start = System.nanoTime();
    Future<?> read;
    synchronized (this) {
      if (pendingStoreRead != null && !pendingStoreRead.isDone()) {
        return ComponentHealth.down("unreachable: an earlier read has not answered yet", Map.of());
      }
      read = storeProbe.submit(() -> store.listCampaigns(null, 1));
      pendingStoreRead = read;
    }
    try {
      read.get(storeTimeout.toMillis(), TimeUnit.MILLISECONDS);
      long millis = (System.nanoTime() - start) / 1_000_000;
      return ComponentHealth.up("reachable", Map.of("latencyMillis", millis));
    } catch (TimeoutException e) {
      return ComponentHealth.down(
          "unreachable: no answer within " + storeTimeout,
          Map.of("timeoutMillis", storeTimeout.toMillis()));
    } catch (ExecutionException e) {
      // The exception's class only: a driver's message may carry a URL with credentials.
      return ComponentHealth.down(
          "unreachable: " + (e.getCause() == null ? e : e.getCause()).getClass().getSimpleName(),
          Map.of());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ComponentHealth.down("unreachable: interrupted while waiting", Map.of());
    }
  }

  private ComponentHealth checkMailbox(String mailbox, @Nullable String pausedFor) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("paused", pausedFor != null);
    long failures = 0;
    if (activity != null) {
      failures =
          activity.count(CampaignActivity.Kind.FAILED, mailbox, mailboxFailureWindow)
              + activity.count(CampaignActivity.Kind.RETRY, mailbox, mailboxFailureWindow);
      data.put("sent", activity.count(CampaignActivity.Kind.SENT, mailbox, mailboxFailureWindow));
      data.put("failures", failures);
      data.put("windowSeconds", mailboxFailureWindow.toSeconds());
    }
    if (pausedFor != null) {
      data.put("reason", pausedFor);
      return ComponentHealth.down("paused: " + pausedFor, data);
    }
    CampaignActivity.SendAttempts attempts = activity == null ? null : activity.attempts(mailbox);
    if (attempts != null && attempts.consecutiveFailures() > 0) {
      data.put("consecutiveFailures", attempts.consecutiveFailures());
      data.put("lastFailure", String.valueOf(attempts.lastFailure()));
      data.put(
          "lastSuccess",
          attempts.lastSuccess() == null ? "never" : attempts.lastSuccess().toString());
      data.put("lastError", redaction.apply(attempts.lastError()));
    }
    if (attempts != null && attempts.consecutiveFailures() >= mailboxFailureStreak) {
      return ComponentHealth.down(
          "the last "
              + attempts.consecutiveFailures()
              + " send attempts failed (limit "
              + mailboxFailureStreak
              + "), last success "
              + (attempts.lastSuccess() == null ? "never" : attempts.lastSuccess().toString())
              + "; last error: "
              + redaction.apply(attempts.lastError()),
          data);
    }
    if (failures >= mailboxFailures) {
      return ComponentHealth.down(
          failures
              + " failed sends in the last "
              + mailboxFailureWindow
              + " (limit "
              + mailboxFailures
              + ")",
          data);
    }
    return ComponentHealth.up("sending", data);
  }

  /**
   * The reply intake from its recorded polls: failing is DEGRADED, no success for too long is DOWN.
   */
  private ComponentHealth checkPolls(Instant now) {
    PollHealth.Snapshot polls;
    try {
      polls = Objects.requireNonNull(replyIntake).get();
    } catch (RuntimeException e) {
      return ComponentHealth.down("last poll unknown: " + e.getClass().getSimpleName(), Map.of());
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("maxAgeSeconds", replyIntakeMaxAge.toSeconds());
    data.put("lastSuccess", polls.lastSuccess() == null ? "never" : polls.lastSuccess().toString());
    data.put("consecutiveFailures", polls.consecutiveFailures());
    String error = redaction.apply(polls.lastError());
    if (polls.failing()) {
      data.put("lastFailure", String.valueOf(polls.lastFailure()));
      data.put("lastError", error);
    }
    Instant since = polls.lastSuccess() != null ? polls.lastSuccess() : startedAt;
    Duration age = Duration.between(since, now);
    String last =
        polls.lastSuccess() == null ? "never" : polls.lastSuccess() + " (" + age + " ago)";
    if (polls.lastSuccess() != null) {
      data.put("ageSeconds", age.toSeconds());
    }
    if (age.compareTo(replyIntakeMaxAge) > 0 && (polls.failing() || polls.lastSuccess() != null)) {
      return ComponentHealth.down(
          "no successful poll for "
              + age
              + " (limit "
              + replyIntakeMaxAge
              + "); last success: "
              + last
              + (polls.failing() ? "; last error: " + error : ""),
          data);
    }
    if (polls.failing()) {
      return ComponentHealth.degraded(
          "the last "
              + polls.consecutiveFailures()
              + " polls failed; last success: "
              + last
              + "; last error: "
              + error,
          data);
    }
    return polls.lastSuccess() == null
        ? ComponentHealth.up("not polled yet", data)
        : ComponentHealth.up("last successful poll " + age + " ago", data);
  }

  private ComponentHealth checkReplyIntake(Instant now) {
    Optional<Instant> last;
    try {
      last = Objects.requireNonNull(replyIntakeLastSuccess).get();
    } catch (RuntimeException e) {
      return ComponentHealth.down("last poll unknown: " + e.getClass().getSimpleName(), Map.of());
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("maxAgeSeconds", replyIntakeMaxAge.toSeconds());
    if (last.isEmpty()) {
      Duration up = Duration.between(startedAt, now);
      data.put("lastSuccess", null);
      return up.compareTo(replyIntakeMaxAge) > 0
          ? ComponentHealth.down("never polled successfully in " + up, data)
          : ComponentHealth.up("not polled yet", data);
    }
    Duration age = Duration.between(last.get(), now);
    data.put("lastSuccess", last.get().toString());
    data.put("ageSeconds", age.toSeconds());
    return age.compareTo(replyIntakeMaxAge) > 0
        ? ComponentHealth.down(
            "last successful poll " + age + " ago (limit " + replyIntakeMaxAge + ")", data)
        : ComponentHealth.up("last successful poll " + age + " ago", data);
  }

  private ComponentHealth checkQueue(QueueStatus queue) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("scheduled", queue.counts().scheduled());
    data.put("due", queue.counts().due());
    data.put("retrying", queue.counts().retrying());
    data.put("inFlight", queue.counts().inFlight());
    Duration age = queue.oldestDueAge();
    data.put("oldestDueAgeSeconds", age == null ? 0 : age.toSeconds());
    data.put("maxOldestDueAgeSeconds", maxOldestDueAge.toSeconds());
    if (age != null && age.compareTo(maxOldestDueAge) > 0) {
      return ComponentHealth.down(
          "stuck: a message has been due for " + age + " (limit " + maxOldestDueAge + ")", data);
    }
    return ComponentHealth.up(queue.counts().due() + " due", data);
  }

  private ComponentHealth checkDeadLetters(@Nullable QueueStatus queue) {
    if (queue == null) {
      return ComponentHealth.down("queue could not be read", Map.of());
    }
    long n = queue.counts().deadLettered();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("count", n);
    data.put("max", maxDeadLetters);
    return n > maxDeadLetters
        ? ComponentHealth.down(n + " dead-lettered messages (limit " + maxDeadLetters + ")", data)
        : ComponentHealth.up(n + " dead-lettered", data);
  }

  /** Collects a {@link HealthMonitor}'s thresholds. Not thread-safe. */
  public static final class Builder {
    private final CampaignClient engine;
    private @Nullable CampaignActivity activity;
    private final List<String> mailboxes = new ArrayList<>();
    private Duration maxOldestDueAge = DEFAULT_MAX_OLDEST_DUE_AGE;
    private long maxDeadLetters = DEFAULT_MAX_DEAD_LETTERS;
    private Duration replyIntakeMaxAge = DEFAULT_REPLY_INTAKE_MAX_AGE;
    private int mailboxFailures = DEFAULT_MAILBOX_FAILURES;
    private Duration mailboxFailureWindow = DEFAULT_MAILBOX_FAILURE_WINDOW;
    private @Nullable Supplier<Optional<Instant>> replyIntakeLastSuccess;
    private @Nullable Supplier<PollHealth.Snapshot> replyIntake;
    private int mailboxFailureStreak = DEFAULT_MAILBOX_FAILURE_STREAK;
    private Duration storeTimeout = DEFAULT_STORE_TIMEOUT;
    private Redaction redaction = Redaction.none();

    private Builder(CampaignClient engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
      mailboxes.add(engine.config().from().address());
    }

    /**
     * The activity counts that mailbox failures are judged on; without it only pauses are checked.
     */
    public Builder activity(CampaignActivity activity) {
      this.activity = Objects.requireNonNull(activity, "activity");
      return this;
    }

    /**
     * Further sending mailboxes to report even before they sent anything (the engine's default
     * mailbox is always reported, and every mailbox the activity has seen).
     */
    public Builder mailboxes(java.util.Collection<String> addresses) {
      for (String a : addresses) {
        String m = a.strip().toLowerCase(java.util.Locale.ROOT);
        if (!mailboxes.contains(m)) {
          mailboxes.add(m);
        }
      }
      return this;
    }

    /**
     * The queue is stuck when a due message has waited longer. Default {@link
     * #DEFAULT_MAX_OLDEST_DUE_AGE}.
     */
    public Builder maxOldestDueAge(Duration maxOldestDueAge) {
      this.maxOldestDueAge = positive("maxOldestDueAge", maxOldestDueAge);
      return this;
    }

    /** DOWN above this many dead letters. Default {@link #DEFAULT_MAX_DEAD_LETTERS}. */
    public Builder maxDeadLetters(long maxDeadLetters) {
      if (maxDeadLetters < 0) {
        throw com.fourrunr.campaign.InvalidInputException.of(
            "HealthMonitor", "maxDeadLetters", "is negative");
      }
      this.maxDeadLetters = maxDeadLetters;
      return this;
    }

    /** The reply intake is DOWN when not polled successfully for longer. Default 30 minutes. */
    public Builder replyIntakeMaxAge(Duration replyIntakeMaxAge) {
      this.replyIntakeMaxAge = positive("replyIntakeMaxAge", replyIntakeMaxAge);
      return this;
    }

    /**
     * Where the last successful reply intake is read, when replies do not come through the engine's
     * own reply source (for example an inbound-mail webhook that records its last delivery).
     */
    public Builder replyIntakeLastSuccess(Supplier<Optional<Instant>> lastSuccess) {
      this.replyIntakeLastSuccess = Objects.requireNonNull(lastSuccess, "lastSuccess");
      return this;
    }

    /**
     * A mailbox is DOWN with this many failed or retried sends within the window. Default 10 per
     * hour.
     */
    public Builder mailboxFailures(int failures, Duration window) {
      if (failures < 1) {
        throw com.fourrunr.campaign.InvalidInputException.of(
            "HealthMonitor", "mailboxFailures", "is less than 1");
      }
      this.mailboxFailures = failures;
      this.mailboxFailureWindow = positive("mailboxFailureWindow", window);
      return this;
    }

    /**
     * Where the reply intake's recent polls are read (for example {@code imapSource::pollHealth}):
     * a failing poll makes the intake DEGRADED, with the time of the last success; no success for
     * longer than {@link #replyIntakeMaxAge(Duration)} makes it DOWN. Takes the place of {@link
     * #replyIntakeLastSuccess}.
     */
    public Builder replyIntake(Supplier<PollHealth.Snapshot> polls) {
      this.replyIntake = Objects.requireNonNull(polls, "polls");
      return this;
    }

    /**
     * A mailbox is DOWN when this many send attempts in a row failed. Default {@value
     * #DEFAULT_MAILBOX_FAILURE_STREAK}.
     */
    public Builder mailboxFailureStreak(int attempts) {
      if (attempts < 1) {
        throw com.fourrunr.campaign.InvalidInputException.of(
            "HealthMonitor", "mailboxFailureStreak", "is less than 1");
      }
      this.mailboxFailureStreak = attempts;
      return this;
    }

    /**
     * How long the store may take to answer the health read before it is DOWN. Default 5 seconds.
     */
    public Builder storeTimeout(Duration timeout) {
      this.storeTimeout = positive("storeTimeout", timeout);
      return this;
    }

    /**
     * The redaction applied to error text in the report (for example {@code settings.redaction()}).
     */
    public Builder redaction(Redaction redaction) {
      this.redaction = Objects.requireNonNull(redaction, "redaction");
      return this;
    }

    private static Duration positive(String field, Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw com.fourrunr.campaign.InvalidInputException.of(
            "HealthMonitor", field, "must be a positive duration");
      }
      return d;
    }

    /** Makes the monitor. */
    public HealthMonitor build() {
      return new HealthMonitor(this);
    }
  }
}
