package com.fourrunr.campaign;

import com.fourrunr.campaign.quality.FallbackPolicy;
import com.fourrunr.campaign.quality.QualityGates;
import com.fourrunr.campaign.reply.RuleBasedReplyClassifier;
import com.fourrunr.campaign.schedule.BusinessSchedule;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.SendLog;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import com.fourrunr.campaign.tracking.LinkTracker;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link CampaignEngine}. Required: {@link #store}, {@link #sender}, and {@link #from} or
 * {@link #config}. Everything else has a default. {@link #build()} lists every missing or bad
 * setting at once.
 */
public final class CampaignEngineBuilder {
  @Nullable CampaignStore store;
  MessageGenerator generator = new TemplateMessageGenerator();
  @Nullable Sender sender;
  @Nullable ReplySource replySource;
  ReplyClassifier classifier = new RuleBasedReplyClassifier();
  ReplyPolicy replyPolicy = ReplyPolicy.defaults();
  boolean referralLeads;
  SendSchedule schedule = BusinessSchedule.create();
  Clock clock = Clock.systemUTC();
  @Nullable CampaignConfig config;
  @Nullable Mailbox from;
  @Nullable Sequence sequence;
  @Nullable SchedulePolicy schedulePolicy;
  final List<CampaignListener> listeners = new ArrayList<>();
  int batchSize = CampaignEngine.DEFAULT_BATCH_SIZE;

  /**
   * Null: {@link #batchSize} when it was set, else {@link
   * CampaignEngine#DEFAULT_ENROLMENT_BATCH_SIZE}.
   */
  @Nullable Integer enrolmentBatchSize;

  boolean batchSizeGiven;
  int maxMessagesPerRun = CampaignEngine.DEFAULT_MAX_MESSAGES_PER_RUN;

  /** Null: {@link TimeOrderedIds} on the engine's clock. */
  @Nullable Supplier<String> ids;

  boolean idsGiven;
  String instanceId = defaultInstanceId();
  Duration claimLease = CampaignEngine.DEFAULT_CLAIM_LEASE;
  boolean deadLetterQueue;
  UncertainPolicy uncertainPolicy = UncertainPolicy.NEVER_RESEND;
  SendLimits sendLimits = SendLimits.NONE;
  @Nullable IntervalFunction retryIntervals;
  QueuePriority queuePriority = QueuePriority.FOLLOW_UPS_FIRST;
  final List<Mailbox> mailboxes = new ArrayList<>();
  java.util.random.RandomGenerator random = new java.util.Random();
  final Map<String, RateLimiter> providerLimiters = new java.util.HashMap<>();
  @Nullable RateLimiter providerLimiter;
  SendLog sendLog = SendLog.inMemory();
  @Nullable LinkTracker linkTracker;
  @Nullable List<ChannelPlan> channels = List.of(ChannelPlan.email());
  com.fourrunr.campaign.channel.LinkedInSettings linkedInSettings =
      com.fourrunr.campaign.channel.LinkedInSettings.defaults();
  com.fourrunr.campaign.channel.TaskSink taskSink =
      com.fourrunr.campaign.channel.TaskSink.storeOnly();
  com.fourrunr.campaign.channel.@Nullable ChannelTaskStore taskStore;

  AddressVerifier addressVerifier = AddressVerifier.NONE;
  @Nullable WarmUp warmUp;
  @Nullable HealthThrottle healthThrottle;
  com.fourrunr.campaign.spi.WarmUpLog warmUpLog = com.fourrunr.campaign.spi.WarmUpLog.inMemory();
  QualityGates qualityGates = QualityGates.defaults();
  FallbackPolicy fallback = FallbackPolicy.HOLD;
  MessageGenerator fallbackGenerator = new TemplateMessageGenerator();
  @Nullable BatchGenerator batchGenerator;
  Duration copyBatchPollInterval = Duration.ofMinutes(5);
  ModelPrices modelPrices = ModelPrices.defaults();

  CampaignEngineBuilder() {}

  /**
   * The quality gates every generated message must pass. Default: {@link QualityGates#defaults()},
   * whose uniqueness window starts empty with the engine. A campaign whose copy fails is created
   * {@link CampaignStatus#HELD} and nothing of it is sent until {@link CampaignEngine#approve
   * approved}.
   */
  public CampaignEngineBuilder qualityGates(QualityGates qualityGates) {
    this.qualityGates = qualityGates;
    return this;
  }

  /**
   * What happens when the generator fails after its retries or its text fails the gates twice.
   * Default: {@link FallbackPolicy#HOLD} (a generator that wrote nothing skips the lead as
   * GENERATION_FAILED); {@link FallbackPolicy#TEMPLATE} writes the step with the {@link
   * #fallbackGenerator} instead.
   */
  public CampaignEngineBuilder fallback(FallbackPolicy fallback) {
    this.fallback = fallback;
    return this;
  }

  /**
   * The generator {@link FallbackPolicy#TEMPLATE} uses. Default: {@link TemplateMessageGenerator}.
   */
  public CampaignEngineBuilder fallbackGenerator(MessageGenerator fallbackGenerator) {
    this.fallbackGenerator = fallbackGenerator;
    return this;
  }

  private static String defaultInstanceId() {
    String host = System.getenv().getOrDefault("HOSTNAME", "host");
    return host
        + "-"
        + ProcessHandle.current().pid()
        + "-"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The store where everything is kept. Required; no default. */
  public CampaignEngineBuilder store(CampaignStore store) {
    this.store = store;
    return this;
  }

  /** Writes the messages. Default: {@link TemplateMessageGenerator}, which needs no network. */
  public CampaignEngineBuilder generator(MessageGenerator generator) {
    this.generator = generator;
    return this;
  }

  /**
   * Writes new campaigns' copy through a model's batch interface instead of during enrolment: each
   * enrolled campaign is stored {@link CampaignStatus#PENDING_COPY} (nothing queued or sent) and
   * one batch is submitted for all their steps; {@link CampaignEngine#runDue()} checks the pending
   * batches every {@link #copyBatchPollInterval} and, once a batch has ended, puts each campaign's
   * copy through the quality gates and makes it {@link CampaignStatus#ACTIVE} or {@link
   * CampaignStatus#HELD}. Default: none (copy is written during enrolment by {@link #generator}).
   */
  public CampaignEngineBuilder batchGenerator(@Nullable BatchGenerator batchGenerator) {
    this.batchGenerator = batchGenerator;
    return this;
  }

  /**
   * How often {@link CampaignEngine#runDue()} checks pending copy batches (1 minute to 24 hours).
   * Default: 5 minutes.
   */
  public CampaignEngineBuilder copyBatchPollInterval(Duration interval) {
    this.copyBatchPollInterval = interval;
    return this;
  }

  /**
   * The token prices for the {@link EnrolmentReport}'s cost estimate. Default: {@link
   * ModelPrices#defaults()}.
   */
  public CampaignEngineBuilder modelPrices(ModelPrices prices) {
    this.modelPrices = prices;
    return this;
  }

  /** The sender that delivers the messages. Required; no default. */
  public CampaignEngineBuilder sender(Sender sender) {
    this.sender = sender;
    return this;
  }

  /**
   * Where replies come from; needed only for {@link CampaignEngine#pollReplies()}. Default: none.
   */
  public CampaignEngineBuilder replySource(ReplySource replySource) {
    this.replySource = replySource;
    return this;
  }

  /** Categorises replies. Default: {@link RuleBasedReplyClassifier}. */
  public CampaignEngineBuilder classifier(ReplyClassifier classifier) {
    this.classifier = classifier;
    return this;
  }

  /**
   * Whether a reply that points to someone else at the lead's company ({@link
   * ReplyCategory#WRONG_PERSON} with a {@link ReplyClassification#referral()} address at the lead's
   * domain) enrols that person as a new lead, through the normal enrolment (gates, suppression, one
   * person one campaign), with a {@link EventType#LEAD_REFERRED} event on both campaigns. Default:
   * false (the referral is only recorded in the reply's evidence).
   */
  public CampaignEngineBuilder referralLeads(boolean referralLeads) {
    this.referralLeads = referralLeads;
    return this;
  }

  /** What each reply category does to its campaign. Default: {@link ReplyPolicy#defaults()}. */
  public CampaignEngineBuilder replyPolicy(ReplyPolicy replyPolicy) {
    this.replyPolicy = replyPolicy;
    return this;
  }

  /**
   * Decides send times. Default: {@link BusinessSchedule#create()}: the lead's business days, time
   * zone and send window, as B2B outreach is expected to behave; give {@link
   * SendSchedule#calendarDays()} for plain 24-hour days at any hour.
   */
  public CampaignEngineBuilder schedule(SendSchedule schedule) {
    this.schedule = schedule;
    return this;
  }

  /** The source of all time. Default: {@link Clock#systemUTC()}. */
  public CampaignEngineBuilder clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /**
   * The whole configuration of new campaigns; overrides {@link #from} and {@link #sequence}.
   * Default: {@link CampaignConfig#defaults(Mailbox)} of the {@link #from} mailbox (or the first of
   * the {@link #mailboxes}).
   */
  public CampaignEngineBuilder config(CampaignConfig config) {
    this.config = config;
    return this;
  }

  /**
   * The mailbox new campaigns send from (with default retries and the default sequence). Required
   * unless a {@link #config} or {@link #mailboxes} is given; no default.
   */
  public CampaignEngineBuilder from(Mailbox from) {
    this.from = from;
    return this;
  }

  /** The sequence new campaigns follow. Default: {@link Sequence#hookProofFomo()}. */
  public CampaignEngineBuilder sequence(Sequence sequence) {
    this.sequence = sequence;
    return this;
  }

  /**
   * When new campaigns may send (window, days, interval unit, holidays, fallback zones). Default:
   * {@link SchedulePolicy#defaults()}. Running campaigns keep the policy they were created with.
   */
  public CampaignEngineBuilder schedulePolicy(SchedulePolicy schedulePolicy) {
    this.schedulePolicy = schedulePolicy;
    return this;
  }

  /** Adds a listener told of every stored event. Default: no listeners. */
  public CampaignEngineBuilder listener(CampaignListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Records per commit during enrolment and messages per query while sending (1 to 10,000). Default
   * {@link CampaignEngine#DEFAULT_BATCH_SIZE}.
   */
  public CampaignEngineBuilder batchSize(int batchSize) {
    this.batchSize = batchSize;
    this.batchSizeGiven = true;
    return this;
  }

  /**
   * Records per commit during enrolment (1 to 10,000), apart from {@link #batchSize}. Default: the
   * {@link #batchSize} when one was set, else {@link CampaignEngine#DEFAULT_ENROLMENT_BATCH_SIZE}
   * (a batch is committed while the next one is written; larger batches mean fewer commits, but
   * each one's writes are held in memory until it commits).
   */
  public CampaignEngineBuilder enrolmentBatchSize(int records) {
    this.enrolmentBatchSize = records;
    return this;
  }

  /** The records per commit during enrolment, as set or by default. */
  int enrolmentBatch() {
    if (enrolmentBatchSize != null) {
      return enrolmentBatchSize;
    }
    return batchSizeGiven ? batchSize : CampaignEngine.DEFAULT_ENROLMENT_BATCH_SIZE;
  }

  /**
   * At most this many messages per {@link CampaignEngine#runDue()} (at least 1). Default {@link
   * CampaignEngine#DEFAULT_MAX_MESSAGES_PER_RUN}.
   */
  public CampaignEngineBuilder maxMessagesPerRun(int maxMessagesPerRun) {
    this.maxMessagesPerRun = maxMessagesPerRun;
    return this;
  }

  /**
   * Makes ids for campaigns, messages and events. Default: time-ordered UUIDs (the layout of UUID
   * version 7: the engine clock's milliseconds, a counter, then random bits), which a database adds
   * at the end of its indexes, so enrolling many leads stays fast once the tables are large. Any
   * unique strings will do (random UUIDs, say); ids sorting in the order they are made keep inserts
   * cheap.
   */
  public CampaignEngineBuilder idGenerator(Supplier<String> ids) {
    this.ids = ids;
    this.idsGiven = true;
    return this;
  }

  /**
   * The name this instance claims due messages under; unique per running instance. Default: host
   * name, process id and a random suffix. Give a name that stays the same across restarts of the
   * same instance (and differs from every other running instance) so that, restarted after a crash,
   * it takes back the messages it had claimed at once instead of after {@link #claimLease(Duration)
   * the lease}.
   */
  public CampaignEngineBuilder instanceId(String instanceId) {
    this.instanceId = instanceId;
    return this;
  }

  /**
   * How long due messages claimed by this instance stay its own before another instance sharing the
   * store may take them over (when this one died). It must be longer than one batch takes to send
   * plus the largest clock difference between instances. Default {@link
   * CampaignEngine#DEFAULT_CLAIM_LEASE}; 1 second to 1 day.
   */
  public CampaignEngineBuilder claimLease(Duration claimLease) {
    this.claimLease = claimLease;
    return this;
  }

  /**
   * Whether a message whose every attempt failed for passing reasons goes to the dead-letter queue
   * ({@link DeliveryStatus#DEAD_LETTERED}, its campaign kept active and waiting on it, replayable
   * with {@link CampaignEngine#replayDeadLetter}) instead of failing and stopping its campaign.
   * Default false.
   */
  public CampaignEngineBuilder deadLetterQueue(boolean deadLetterQueue) {
    this.deadLetterQueue = deadLetterQueue;
    return this;
  }

  /**
   * Caps per sending mailbox and per recipient domain; a message that would break one is deferred
   * to the next allowed moment, never dropped. Counted from the {@link #sendLog(SendLog) send log}.
   * Default {@link SendLimits#NONE}.
   */
  public CampaignEngineBuilder sendLimits(SendLimits sendLimits) {
    this.sendLimits = sendLimits;
    return this;
  }

  /**
   * The wait before each retry of a passing failure, given the number of attempts made so far (1
   * after the first failure), in milliseconds: for example {@code
   * IntervalFunction.ofExponentialRandomBackoff(Duration.ofMinutes(5), 2.0, 0.5)} for exponential
   * backoff with jitter. Default: none, the campaign's {@link CampaignConfig#retryBackoff()}
   * doubled after each attempt, without jitter. The number of attempts stays {@link
   * CampaignConfig#maxAttempts()}.
   */
  public CampaignEngineBuilder retryIntervals(IntervalFunction retryIntervals) {
    this.retryIntervals = Objects.requireNonNull(retryIntervals, "retryIntervals");
    return this;
  }

  /**
   * The order due messages are taken in. Default {@link QueuePriority#FOLLOW_UPS_FIRST}: follow-ups
   * of running campaigns before new first messages, then the earliest scheduled first.
   */
  public CampaignEngineBuilder queuePriority(QueuePriority queuePriority) {
    this.queuePriority = queuePriority;
    return this;
  }

  /**
   * The channels campaigns use, in order, with the wait before each. Default: email only, and a
   * campaign completes after its last email. {@code channels(ChannelPlan.email(),
   * ChannelPlan.linkedIn())} adds LinkedIn as the fallback: {@link
   * ChannelPlan#DEFAULT_LINKEDIN_BUSINESS_DAYS} business days (by the {@link #schedule}) after the
   * last email step went out without an answer, an eligible lead (a LinkedIn URL, no reply, not
   * bounced, not suppressed, not paused) gets a connection-note task; the campaign stays active
   * until the note is reported sent or declined. Email comes first; LinkedIn may follow it once.
   */
  public CampaignEngineBuilder channels(ChannelPlan... channels) {
    this.channels = channels == null ? null : java.util.Arrays.asList(channels.clone());
    return this;
  }

  /**
   * The LinkedIn accounts and their caps. Default: {@link
   * com.fourrunr.campaign.channel.LinkedInSettings#defaults()}.
   */
  public CampaignEngineBuilder linkedIn(
      com.fourrunr.campaign.channel.LinkedInSettings linkedInSettings) {
    this.linkedInSettings = linkedInSettings;
    return this;
  }

  /**
   * Where channel tasks go out. Default: {@link
   * com.fourrunr.campaign.channel.TaskSink#storeOnly()}.
   */
  public CampaignEngineBuilder taskSink(com.fourrunr.campaign.channel.TaskSink taskSink) {
    this.taskSink = taskSink;
    return this;
  }

  /**
   * Several mailboxes to send from: each new campaign is given the next one in turn (round robin in
   * the order given, counted by this engine) and keeps it for all its steps; the {@link SendLimits}
   * mailbox caps apply to each mailbox apart. Replaces {@link #from}; the first one is the
   * configuration's {@link CampaignConfig#from()} when no {@link #config} is given. Default: none
   * (only {@link #from}).
   */
  public CampaignEngineBuilder mailboxes(List<Mailbox> mailboxes) {
    this.mailboxes.clear();
    this.mailboxes.addAll(mailboxes);
    return this;
  }

  /** As {@link #mailboxes(List)}: the mailboxes new campaigns are spread over. Default: none. */
  public CampaignEngineBuilder mailboxes(Mailbox... mailboxes) {
    return mailboxes(Arrays.asList(mailboxes));
  }

  /**
   * Where the sends {@link SendLimits} count are kept. Default {@link SendLog#inMemory()}: per
   * engine instance, forgotten on restart. Give the database's log ({@code JdbcSendLog}) so the
   * caps hold across restarts and for all the instances sharing it.
   */
  public CampaignEngineBuilder sendLog(SendLog sendLog) {
    this.sendLog = sendLog;
    return this;
  }

  /**
   * Where random choices come from: the spread of the minimum gap ({@link SendLimits#gapSpread()}).
   * Give a seeded generator for repeatable runs. Default: a new {@link java.util.Random}.
   */
  public CampaignEngineBuilder random(java.util.random.RandomGenerator random) {
    this.random = random;
    return this;
  }

  /**
   * A resilience4j {@link RateLimiter} every send from any mailbox must get a permit from: the rate
   * of the mail provider. The engine waits for a permit up to the limiter's timeout; without one
   * the message is deferred by the limiter's refresh period, never dropped. Give the same limiter
   * to the mailboxes of one provider with {@link #providerRateLimiter(Mailbox, RateLimiter)}.
   * Default: none, no provider rate.
   */
  public CampaignEngineBuilder providerRateLimiter(RateLimiter limiter) {
    this.providerLimiter = Objects.requireNonNull(limiter, "providerRateLimiter");
    return this;
  }

  /**
   * As {@link #providerRateLimiter(RateLimiter)} for the sends of one mailbox; overrides that one.
   * Default: none.
   */
  public CampaignEngineBuilder providerRateLimiter(Mailbox mailbox, RateLimiter limiter) {
    this.providerLimiters.put(
        Objects.requireNonNull(mailbox, "mailbox").address(),
        Objects.requireNonNull(limiter, "providerRateLimiter"));
    return this;
  }

  /**
   * Tracks opens and clicks: every outgoing email is rewritten by the tracker (links to signed
   * click URLs, an open pixel in HTML) just before it goes to the sender, so any {@link Sender}
   * carries tracked links. Default: none, nothing is tracked (the privacy-safe default).
   * Unsubscribe links are never rewritten. See {@link
   * com.fourrunr.campaign.tracking.TrackingHandler} for the endpoints.
   */
  public CampaignEngineBuilder linkTracking(LinkTracker linkTracker) {
    this.linkTracker = Objects.requireNonNull(linkTracker, "linkTracker");
    return this;
  }

  /**
   * Where channel tasks are kept. Default: the {@link #store} when it is a {@link
   * com.fourrunr.campaign.channel.ChannelTaskStore} (the in-memory and JDBC stores are); otherwise
   * none.
   */
  public CampaignEngineBuilder taskStore(com.fourrunr.campaign.channel.ChannelTaskStore taskStore) {
    this.taskStore = taskStore;
    return this;
  }

  /**
   * Whether uncertain messages may be resent after review. Default {@link
   * UncertainPolicy#NEVER_RESEND}.
   */
  public CampaignEngineBuilder uncertainPolicy(UncertainPolicy uncertainPolicy) {
    this.uncertainPolicy = uncertainPolicy;
    return this;
  }

  /**
   * Checks each lead's address before it is enrolled (its domain takes mail; disposable and role
   * addresses by the verifier's policy): a bad address is skipped with a reason, one that could not
   * be checked is enrolled with a warning in the {@link EnrolmentReport}. Default: {@link
   * AddressVerifier#NONE}, nothing is checked. {@code campaign-adapters-dns} has a verifier that
   * asks DNS ({@code DnsAddressVerifier}).
   */
  public CampaignEngineBuilder addressVerifier(AddressVerifier addressVerifier) {
    this.addressVerifier = Objects.requireNonNull(addressVerifier, "addressVerifier");
    return this;
  }

  /**
   * Warms up every sending mailbox: its daily cap follows the {@link WarmUp} ramp from the day it
   * first sends, the days kept in {@code log} (give {@code JdbcWarmUpLog} so a restart keeps each
   * mailbox's place; {@link com.fourrunr.campaign.spi.WarmUpLog#inMemory()} forgets). Messages over
   * the cap wait, never dropped. Default: no warm-up.
   */
  public CampaignEngineBuilder warmUp(WarmUp warmUp, com.fourrunr.campaign.spi.WarmUpLog log) {
    this.warmUp = Objects.requireNonNull(warmUp, "warmUp");
    this.warmUpLog = Objects.requireNonNull(log, "warmUpLog");
    return this;
  }

  /**
   * Slows a mailbox whose soft bounces, blocks, deferred sends or complaints rise: its day cap is
   * halved or quartered by the {@link HealthThrottle} (before the bounce-rate alert rule, which
   * counts soft bounces and blocks too, pauses it); new campaigns go to the healthiest mailbox with
   * room left today. Default: none.
   */
  public CampaignEngineBuilder healthThrottle(HealthThrottle healthThrottle) {
    this.healthThrottle = Objects.requireNonNull(healthThrottle, "healthThrottle");
    return this;
  }

  /**
   * Checks the settings and builds the engine.
   *
   * @throws InvalidInputException listing every missing or bad setting
   */
  public CampaignEngine build() {
    List<FieldError> errors = new ArrayList<>();
    if (store == null) {
      errors.add(new FieldError("store", "is required"));
    }
    if (sender == null) {
      errors.add(new FieldError("sender", "is required"));
    }
    if (generator == null) {
      errors.add(new FieldError("generator", "must not be null"));
    }
    if (copyBatchPollInterval == null
        || copyBatchPollInterval.compareTo(Duration.ofMinutes(1)) < 0
        || copyBatchPollInterval.compareTo(Duration.ofHours(24)) > 0) {
      errors.add(
          new FieldError(
              "copyBatchPollInterval",
              copyBatchPollInterval + " is not between 1 minute and 24 hours"));
    }
    if (modelPrices == null) {
      errors.add(new FieldError("modelPrices", "must not be null"));
    }
    if (classifier == null) {
      errors.add(new FieldError("classifier", "must not be null"));
    }
    if (replyPolicy == null) {
      errors.add(new FieldError("replyPolicy", "must not be null"));
    }
    if (schedule == null) {
      errors.add(new FieldError("schedule", "must not be null"));
    }
    if (clock == null) {
      errors.add(new FieldError("clock", "must not be null"));
    }
    if (idsGiven && ids == null) {
      errors.add(new FieldError("idGenerator", "must not be null"));
    }
    if (qualityGates == null) {
      errors.add(new FieldError("qualityGates", "must not be null"));
    }
    if (fallback == null) {
      errors.add(new FieldError("fallback", "must not be null"));
    }
    if (fallbackGenerator == null) {
      errors.add(new FieldError("fallbackGenerator", "must not be null"));
    }
    if (config == null && from == null && mailboxes.isEmpty()) {
      errors.add(new FieldError("from", "is required (or give a config or mailboxes)"));
    }
    if (queuePriority == null) {
      errors.add(new FieldError("queuePriority", "must not be null"));
    }
    if (random == null) {
      errors.add(new FieldError("random", "must not be null"));
    }
    if (sendLog == null) {
      errors.add(new FieldError("sendLog", "must not be null"));
    }
    if (mailboxes.stream().anyMatch(Objects::isNull)) {
      errors.add(new FieldError("mailboxes", "must not hold null"));
    } else if (mailboxes.stream().map(Mailbox::address).distinct().count() < mailboxes.size()) {
      errors.add(new FieldError("mailboxes", "holds the same address twice"));
    }
    if (batchSize < 1 || batchSize > 10_000) {
      errors.add(new FieldError("batchSize", batchSize + " is not between 1 and 10000"));
    }
    if (enrolmentBatchSize != null && (enrolmentBatchSize < 1 || enrolmentBatchSize > 10_000)) {
      errors.add(
          new FieldError("enrolmentBatchSize", enrolmentBatchSize + " is not between 1 and 10000"));
    }
    if (instanceId == null || instanceId.isBlank() || instanceId.length() > 200) {
      errors.add(new FieldError("instanceId", "must be 1 to 200 characters"));
    }
    if (claimLease == null
        || claimLease.compareTo(Duration.ofSeconds(1)) < 0
        || claimLease.compareTo(Duration.ofDays(1)) > 0) {
      errors.add(new FieldError("claimLease", claimLease + " is not between 1 second and 1 day"));
    }
    if (sendLimits == null) {
      errors.add(new FieldError("sendLimits", "must not be null"));
    }
    if (uncertainPolicy == null) {
      errors.add(new FieldError("uncertainPolicy", "must not be null"));
    }
    if (maxMessagesPerRun < 1) {
      errors.add(new FieldError("maxMessagesPerRun", maxMessagesPerRun + " is less than 1"));
    }
    checkChannels(errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException("CampaignEngine", errors);
    }
    if (config == null) {
      config = CampaignConfig.defaults(from != null ? from : mailboxes.get(0));
    }
    if (sequence != null) {
      config = config.withSequence(sequence);
    }
    if (schedulePolicy != null) {
      config = config.withSchedule(schedulePolicy);
    }
    return new CampaignEngine(this);
  }

  private void checkChannels(List<FieldError> errors) {
    if (channels == null || channels.isEmpty() || channels.stream().anyMatch(Objects::isNull)) {
      errors.add(new FieldError("channels", "must list one or more channels, email first"));
      return;
    }
    if (channels.get(0).channel() != Channel.EMAIL) {
      errors.add(
          new FieldError(
              "channels", "must start with EMAIL (LinkedIn is a fallback after the emails)"));
    }
    long linkedIns = channels.stream().filter(p -> p.channel() == Channel.LINKEDIN).count();
    if (channels.size() != 1 + linkedIns || linkedIns > 1) {
      errors.add(
          new FieldError(
              "channels",
              channels.stream().map(p -> p.channel().name()).toList()
                  + " is not supported: EMAIL, then LINKEDIN at most once"));
    }
    if (linkedIns > 0) {
      if (linkedInSettings == null) {
        errors.add(new FieldError("linkedIn", "must not be null"));
      }
      if (taskSink == null) {
        errors.add(new FieldError("taskSink", "must not be null"));
      }
      if (taskStore == null && !(store instanceof com.fourrunr.campaign.channel.ChannelTaskStore)) {
        errors.add(
            new FieldError(
                "taskStore", "is required for LinkedIn: the store keeps no channel tasks"));
      }
    }
  }
}
