package com.fourrunr.campaign;

import com.fourrunr.campaign.EventPayload.AddressSuppressed;
import com.fourrunr.campaign.EventPayload.AlertRaised;
import com.fourrunr.campaign.EventPayload.CampaignApproved;
import com.fourrunr.campaign.EventPayload.CampaignCompleted;
import com.fourrunr.campaign.EventPayload.CampaignCreated;
import com.fourrunr.campaign.EventPayload.CampaignHeld;
import com.fourrunr.campaign.EventPayload.CampaignPaused;
import com.fourrunr.campaign.EventPayload.CampaignResponded;
import com.fourrunr.campaign.EventPayload.CampaignResumed;
import com.fourrunr.campaign.EventPayload.CampaignStopped;
import com.fourrunr.campaign.EventPayload.ChannelTaskCancelled;
import com.fourrunr.campaign.EventPayload.ChannelTaskCreated;
import com.fourrunr.campaign.EventPayload.ChannelTaskReported;
import com.fourrunr.campaign.EventPayload.LeadFlagged;
import com.fourrunr.campaign.EventPayload.LeadSkipped;
import com.fourrunr.campaign.EventPayload.LinkClicked;
import com.fourrunr.campaign.EventPayload.MailboxPaused;
import com.fourrunr.campaign.EventPayload.MailboxResumed;
import com.fourrunr.campaign.EventPayload.MessageBounced;
import com.fourrunr.campaign.EventPayload.MessageCancelled;
import com.fourrunr.campaign.EventPayload.MessageChecked;
import com.fourrunr.campaign.EventPayload.MessageDeadLettered;
import com.fourrunr.campaign.EventPayload.MessageFailed;
import com.fourrunr.campaign.EventPayload.MessageOpened;
import com.fourrunr.campaign.EventPayload.MessageReplayed;
import com.fourrunr.campaign.EventPayload.MessageRetryScheduled;
import com.fourrunr.campaign.EventPayload.MessageScheduled;
import com.fourrunr.campaign.EventPayload.MessageSent;
import com.fourrunr.campaign.EventPayload.ReplyClassified;
import com.fourrunr.campaign.EventPayload.ReplyReceived;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The one place where an {@link EventPayload} becomes the string map that stores keep, and back.
 *
 * <p>Format 1 is the map written before payloads were typed (no marker); format 2 is the same keys
 * with the marker {@value #FORMAT_KEY}. Reading never fails on an old row: a missing key reads as
 * empty, 0, false or null, a value that does not parse reads as missing, and a key no payload knows
 * is dropped (kept, for the payloads with open facts: the schedule facts of a creation, the details
 * of an alert, the verdicts of a check).
 */
final class EventCodec {
  /** The key of the format marker in the stored map. */
  static final String FORMAT_KEY = "@format";

  /** The format written now. */
  static final String FORMAT = "2";

  private static final String VERDICT = "verdict.";

  private EventCodec() {}

  /** The stored form: the marker, then the payload's keys. */
  static Map<String, String> stored(EventPayload payload) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(FORMAT_KEY, FORMAT);
    m.putAll(encode(payload));
    return m;
  }

  /** The payload's keys, as the engine wrote them before payloads were typed (no marker). */
  static Map<String, String> encode(EventPayload payload) {
    W w = new W();
    if (payload instanceof CampaignCreated p) {
      w.put("sequence", p.sequence())
          .put("steps", p.steps())
          .put("tokens", p.tokens())
          .all(p.schedule());
    } else if (payload instanceof LeadSkipped p) {
      w.put("location", p.location()).put("reason", p.reason()).put("detail", p.detail());
    } else if (payload instanceof MessageScheduled p) {
      w.put("step", p.step()).opt("scheduledAt", p.scheduledAt()).opt("reason", p.reason());
    } else if (payload instanceof MessageSent p) {
      w.put("step", p.step()).put("messageId", p.messageId());
    } else if (payload instanceof MessageRetryScheduled p) {
      w.put("error", p.error()).put("attempt", p.attempt()).opt("retryAt", p.retryAt());
    } else if (payload instanceof MessageFailed p) {
      w.put("error", p.error())
          .put("attempts", p.attempts())
          .put("permanent", String.valueOf(p.permanent()));
    } else if (payload instanceof MessageDeadLettered p) {
      w.put("error", p.error()).put("attempts", p.attempts());
    } else if (payload instanceof MessageReplayed p) {
      w.put("from", p.from()).put("reason", p.reason());
    } else if (payload instanceof MessageBounced p) {
      w.put("error", p.error()).put("replyCode", p.replyCode()).opt("step", p.step());
    } else if (payload instanceof MessageCancelled p) {
      w.put("step", p.step()).put("reason", p.reason());
    } else if (payload instanceof MessageOpened p) {
      w.opt("step", p.step()).opt("traffic", p.traffic()).opt("machineReason", p.machineReason());
    } else if (payload instanceof LinkClicked p) {
      w.opt("step", p.step())
          .opt("traffic", p.traffic())
          .opt("machineReason", p.machineReason())
          .opt("url", p.url())
          .opt("link", p.link())
          .opt("linkCount", p.linkCount());
    } else if (payload instanceof CampaignPaused p) {
      w.put("reason", p.reason()).opt("resumeAt", p.resumeAt());
    } else if (payload instanceof CampaignResumed p) {
      w.put("reason", p.reason());
    } else if (payload instanceof CampaignResponded p) {
      w.opt("channel", p.channel())
          .opt("taskKind", p.taskKind())
          .opt("taskId", p.taskId())
          .opt("category", p.category())
          .opt("step", p.step())
          .opt("respondedAt", p.respondedAt())
          .opt("reason", p.reason());
    } else if (payload instanceof CampaignStopped p) {
      w.put("reason", p.reason());
    } else if (payload instanceof ReplyReceived p) {
      w.put("replyId", p.replyId()).put("from", p.from()).put("source", p.source());
    } else if (payload instanceof ReplyClassified p) {
      w.put("replyId", p.replyId())
          .opt("category", p.category())
          .put("action", p.action())
          .put("evidence", p.evidence())
          .put("confidence", String.valueOf(p.confidence()))
          .opt("receivedAt", p.receivedAt())
          .opt("step", p.step())
          .opt("returnDate", p.returnDate())
          .opt("bounceReason", p.reason() == null ? null : p.reason().name());
    } else if (payload instanceof AddressSuppressed p) {
      w.put("email", p.email()).put("reason", p.reason());
    } else if (payload instanceof MessageChecked p) {
      w.put("step", p.step())
          .put("stepIndex", p.stepIndex())
          .put("passed", String.valueOf(p.passed()))
          .put("generator", p.generator())
          .put("promptVersion", p.promptVersion())
          .put("model", p.model())
          .put("promptTokens", p.promptTokens())
          .put("completionTokens", p.completionTokens())
          .put("attempts", p.attempts())
          .put("generatorCalls", p.generatorCalls())
          .put("fallback", p.fallback())
          .put("fallbackReason", p.fallbackReason());
      p.verdicts().forEach((rule, verdict) -> w.put(VERDICT + rule, verdict));
    } else if (payload instanceof CampaignHeld p) {
      w.put("reason", p.reason());
    } else if (payload instanceof CampaignApproved p) {
      w.put("reason", p.reason());
    } else if (payload instanceof LeadFlagged p) {
      w.opt("category", p.category()).put("step", p.step()).put("reason", p.reason());
    } else if (payload instanceof AlertRaised p) {
      w.all(p.details())
          .opt("rule", p.rule())
          .put("reason", p.reason())
          .opt("category", p.category())
          .opt("step", p.step());
    } else if (payload instanceof ChannelTaskCreated p) {
      w.task(p.channel(), p.taskKind(), p.taskId())
          .put("account", p.account())
          .opt("dueAt", p.dueAt())
          .put("step", p.step())
          .put("generator", p.generator())
          .put("passed", String.valueOf(p.passed()))
          .put("characters", p.characters())
          .put("limit", p.limit())
          .put("verdicts", p.verdicts());
    } else if (payload instanceof ChannelTaskCancelled p) {
      w.task(p.channel(), p.taskKind(), p.taskId()).put("reason", p.reason());
    } else if (payload instanceof ChannelTaskReported p) {
      w.task(p.channel(), p.taskKind(), p.taskId())
          .put("outcome", p.outcome())
          .opt("step", p.step());
    } else if (payload instanceof MailboxPaused p) {
      w.put("mailbox", p.mailbox()).put("reason", p.reason());
    } else if (payload instanceof MailboxResumed p) {
      w.put("mailbox", p.mailbox()).put("reason", p.reason());
    } else if (payload instanceof EventPayload.FollowUpScheduled p) {
      w.opt("followUpAfter", p.followUpAfter())
          .opt("category", p.category())
          .put("reason", p.reason());
    } else if (payload instanceof EventPayload.SuppressionRemoved p) {
      w.put("email", p.email()).put("reason", p.reason()).put("operator", p.operator());
    } else if (payload instanceof EventPayload.MessageMarkedSent p) {
      w.put("step", p.step())
          .put("messageId", p.messageId())
          .put("operator", p.operator())
          .put("reason", p.reason());
    } else if (payload instanceof EventPayload.LeadReferred p) {
      w.put("direction", p.direction())
          .put("otherCampaignId", p.otherCampaignId())
          .put("otherLeadId", p.otherLeadId())
          .put("name", p.name())
          .put("email", p.email())
          .put("outcome", p.outcome());
    } else if (!(payload instanceof CampaignCompleted)) {
      throw new IllegalArgumentException("no stored form for " + payload.getClass().getName());
    }
    w.opt("variant", payload.variant());
    if (payload.variantTiming()) {
      w.put("variantTiming", "true");
    }
    return w.map;
  }

  /** The payload of a stored map of either format; never fails on missing or unreadable values. */
  static EventPayload decode(EventType type, @Nullable Map<String, String> stored) {
    R r = new R(stored == null ? Map.of() : stored);
    String variant = r.opt("variant");
    boolean timing = r.bool("variantTiming");
    return switch (type) {
      case CAMPAIGN_CREATED ->
          new CampaignCreated(
              r.str("sequence"),
              r.integer("steps"),
              r.lng("tokens"),
              r.rest(Set.of("sequence", "steps", "tokens")));
      case LEAD_SKIPPED -> new LeadSkipped(r.str("location"), r.str("reason"), r.str("detail"));
      case MESSAGE_SCHEDULED ->
          new MessageScheduled(
              r.str("step"), r.instant("scheduledAt"), r.opt("reason"), variant, timing);
      case MESSAGE_SENT -> new MessageSent(r.str("step"), r.str("messageId"), variant, timing);
      case MESSAGE_RETRY_SCHEDULED ->
          new MessageRetryScheduled(
              r.str("error"), r.integer("attempt"), r.instant("retryAt"), variant, timing);
      case MESSAGE_FAILED ->
          new MessageFailed(
              r.str("error"), r.integer("attempts"), r.bool("permanent"), variant, timing);
      case MESSAGE_DEAD_LETTERED ->
          new MessageDeadLettered(r.str("error"), r.integer("attempts"), variant, timing);
      case MESSAGE_REPLAYED -> new MessageReplayed(r.str("from"), r.str("reason"), variant, timing);
      case MESSAGE_BOUNCED ->
          new MessageBounced(
              r.str("error"), r.integer("replyCode"), r.opt("step"), variant, timing);
      case MESSAGE_CANCELLED ->
          new MessageCancelled(r.str("step"), r.str("reason"), variant, timing);
      case MESSAGE_OPENED ->
          new MessageOpened(r.opt("step"), r.opt("traffic"), r.opt("machineReason"));
      case LINK_CLICKED ->
          new LinkClicked(
              r.opt("step"),
              r.opt("traffic"),
              r.opt("machineReason"),
              r.opt("url"),
              r.optInteger("link"),
              r.optInteger("linkCount"));
      case CAMPAIGN_PAUSED -> new CampaignPaused(r.str("reason"), r.instant("resumeAt"));
      case CAMPAIGN_RESUMED -> new CampaignResumed(r.str("reason"));
      case CAMPAIGN_COMPLETED -> new CampaignCompleted();
      case CAMPAIGN_RESPONDED ->
          new CampaignResponded(
              r.opt("channel"),
              r.opt("taskKind"),
              r.opt("taskId"),
              r.category(),
              r.opt("step"),
              r.instant("respondedAt"),
              r.opt("reason"),
              variant,
              timing);
      case CAMPAIGN_STOPPED -> new CampaignStopped(r.str("reason"));
      case REPLY_RECEIVED -> new ReplyReceived(r.str("replyId"), r.str("from"), r.str("source"));
      case REPLY_CLASSIFIED ->
          new ReplyClassified(
              r.str("replyId"),
              r.category(),
              r.str("action"),
              r.str("evidence"),
              r.dbl("confidence"),
              r.instant("receivedAt"),
              r.opt("step"),
              r.date("returnDate"),
              r.bounceReason());
      case ADDRESS_SUPPRESSED -> new AddressSuppressed(r.str("email"), r.str("reason"));
      case MESSAGE_CHECKED ->
          new MessageChecked(
              r.str("step"),
              r.integer("stepIndex"),
              r.bool("passed"),
              r.str("generator"),
              r.str("promptVersion"),
              r.str("model"),
              r.lng("promptTokens"),
              r.lng("completionTokens"),
              r.integer("attempts"),
              r.integer("generatorCalls"),
              r.str("fallback"),
              r.str("fallbackReason"),
              r.verdicts(),
              variant,
              timing);
      case CAMPAIGN_HELD -> new CampaignHeld(r.str("reason"));
      case CAMPAIGN_APPROVED -> new CampaignApproved(r.str("reason"));
      case LEAD_FLAGGED ->
          new LeadFlagged(r.category(), r.str("step"), r.str("reason"), variant, timing);
      case ALERT_RAISED ->
          new AlertRaised(
              r.rest(Set.of("rule", "reason", "category", "step")),
              r.opt("rule"),
              r.str("reason"),
              r.category(),
              r.opt("step"),
              variant,
              timing);
      case CHANNEL_TASK_CREATED ->
          new ChannelTaskCreated(
              r.str("channel"),
              r.str("taskKind"),
              r.str("taskId"),
              r.str("account"),
              r.instant("dueAt"),
              r.str("step"),
              r.str("generator"),
              r.bool("passed"),
              r.integer("characters"),
              r.integer("limit"),
              r.str("verdicts"));
      case CHANNEL_TASK_CANCELLED ->
          new ChannelTaskCancelled(
              r.str("channel"), r.str("taskKind"), r.str("taskId"), r.str("reason"));
      case CHANNEL_TASK_REPORTED ->
          new ChannelTaskReported(
              r.str("channel"),
              r.str("taskKind"),
              r.str("taskId"),
              r.str("outcome"),
              r.opt("step"));
      case MAILBOX_PAUSED -> new MailboxPaused(r.str("mailbox"), r.str("reason"));
      case MAILBOX_RESUMED -> new MailboxResumed(r.str("mailbox"), r.str("reason"));
      case FOLLOW_UP_SCHEDULED ->
          new EventPayload.FollowUpScheduled(
              r.date("followUpAfter"), r.category(), r.str("reason"));
      case SUPPRESSION_REMOVED ->
          new EventPayload.SuppressionRemoved(r.str("email"), r.str("reason"), r.str("operator"));
      case MESSAGE_MARKED_SENT ->
          new EventPayload.MessageMarkedSent(
              r.str("step"), r.str("messageId"), r.str("operator"), r.str("reason"));
      case LEAD_REFERRED ->
          new EventPayload.LeadReferred(
              r.str("direction"),
              r.str("otherCampaignId"),
              r.str("otherLeadId"),
              r.str("name"),
              r.str("email"),
              r.str("outcome"));
    };
  }

  /** Writes keys in order. */
  private static final class W {
    final Map<String, String> map = new LinkedHashMap<>();

    W put(String key, String value) {
      map.put(key, value);
      return this;
    }

    W put(String key, long value) {
      return put(key, String.valueOf(value));
    }

    W opt(String key, @Nullable Object value) {
      if (value != null) {
        map.put(key, value instanceof Enum<?> e ? e.name() : value.toString());
      }
      return this;
    }

    W all(Map<String, String> facts) {
      map.putAll(facts);
      return this;
    }

    W task(String channel, String taskKind, String taskId) {
      return put("channel", channel).put("taskKind", taskKind).put("taskId", taskId);
    }
  }

  /** Reads keys leniently. */
  private static final class R {
    private final Map<String, String> map;

    R(Map<String, String> map) {
      this.map = map;
    }

    String str(String key) {
      String v = map.get(key);
      return v == null ? "" : v;
    }

    @Nullable String opt(String key) {
      return map.get(key);
    }

    boolean bool(String key) {
      return "true".equals(map.get(key));
    }

    int integer(String key) {
      Integer v = optInteger(key);
      return v == null ? 0 : v;
    }

    @Nullable Integer optInteger(String key) {
      String v = map.get(key);
      try {
        return v == null ? null : Integer.valueOf(v.strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }

    long lng(String key) {
      String v = map.get(key);
      try {
        return v == null ? 0 : Long.parseLong(v.strip());
      } catch (NumberFormatException e) {
        return 0;
      }
    }

    double dbl(String key) {
      String v = map.get(key);
      try {
        return v == null ? 0 : Double.parseDouble(v.strip());
      } catch (NumberFormatException e) {
        return 0;
      }
    }

    @Nullable Instant instant(String key) {
      String v = map.get(key);
      try {
        return v == null ? null : Instant.parse(v.strip());
      } catch (DateTimeParseException e) {
        return null;
      }
    }

    @Nullable LocalDate date(String key) {
      String v = map.get(key);
      try {
        return v == null ? null : LocalDate.parse(v.strip());
      } catch (DateTimeParseException e) {
        return null;
      }
    }

    /** The stored bounce reason; null when absent (older events) or unknown. */
    @Nullable BounceReason bounceReason() {
      String v = map.get("bounceReason");
      try {
        return v == null ? null : BounceReason.valueOf(v.strip());
      } catch (IllegalArgumentException e) {
        return null;
      }
    }

    @Nullable ReplyCategory category() {
      String v = map.get("category");
      try {
        return v == null ? null : ReplyCategory.valueOf(v.strip());
      } catch (IllegalArgumentException e) {
        return null;
      }
    }

    /** The keys not named, nor the marker or the variant: the open facts of a payload. */
    Map<String, String> rest(Set<String> known) {
      Map<String, String> rest = new LinkedHashMap<>();
      map.forEach(
          (k, v) -> {
            if (v != null
                && !known.contains(k)
                && !k.equals(FORMAT_KEY)
                && !k.equals("variant")
                && !k.equals("variantTiming")) {
              rest.put(k, v);
            }
          });
      return rest;
    }

    Map<String, String> verdicts() {
      Map<String, String> verdicts = new LinkedHashMap<>();
      map.forEach(
          (k, v) -> {
            if (k.startsWith(VERDICT)) {
              verdicts.put(k.substring(VERDICT.length()), v);
            }
          });
      return verdicts;
    }
  }
}
