package com.fourrunr.campaign.esp;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.ReplyClassification;
import com.fourrunr.campaign.ReplyOutcome;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Hands verified ESP reports to the engine as classified replies: each report becomes an {@link
 * InboundReply} whose Message-ID is derived from the provider's event id (so a redelivery is found
 * already received) and which carries the failed recipient and the original Message-ID in the
 * delivery-report headers the engine matches on.
 */
final class EspIntake {
  /** The header naming the provider. */
  static final String PROVIDER_HEADER = "X-4Runr-ESP";

  /** The header carrying the provider's event id. */
  static final String EVENT_HEADER = "X-4Runr-ESP-Event";

  /** The header carrying a second provider id ({@link EspReport#detailId()}). */
  static final String DETAIL_HEADER = "X-4Runr-ESP-Detail";

  private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  private final CampaignEngine engine;
  private final Clock clock;

  EspIntake(CampaignEngine engine, Clock clock) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  CampaignEngine engine() {
    return engine;
  }

  /** The reply id the engine stores a report of this provider and event under. */
  static String replyId(String provider, String eventId) {
    String id = PLAIN_ID.matcher(eventId).matches() ? eventId : sha256(eventId);
    return "<" + provider + "." + id + "@esp.4runr.invalid>";
  }

  List<ReplyOutcome> deliver(List<EspReport> reports) {
    List<ReplyOutcome> outcomes = new ArrayList<>();
    for (EspReport report : reports) {
      outcomes.add(deliver(report));
    }
    return outcomes;
  }

  ReplyOutcome deliver(EspReport r) {
    InboundReply.Builder reply =
        InboundReply.builder("", clock.instant())
            .messageId(replyId(r.provider(), r.eventId()))
            .to(r.recipient())
            .subject(r.provider() + " report: " + r.category())
            .text(r.evidence() + (r.diagnostic().isEmpty() ? "" : "\n" + r.diagnostic()))
            .header(PROVIDER_HEADER, r.provider())
            .header(EVENT_HEADER, r.eventId())
            .header(InboundReply.DSN_FINAL_RECIPIENT, r.recipient())
            .source("esp:" + r.provider());
    String original = messageId(r.originalMessageId());
    if (original != null) {
      reply.header(InboundReply.DSN_ORIGINAL_MESSAGE_ID, original);
    }
    if (r.detailId() != null) {
      reply.header(DETAIL_HEADER, r.detailId());
    }
    if (r.status() != null) {
      reply.header(InboundReply.DSN_STATUS, r.status());
    }
    if (!r.diagnostic().isEmpty()) {
      reply.header(InboundReply.DSN_DIAGNOSTIC, r.diagnostic());
    }
    ReplyClassification classification =
        new ReplyClassification(
            r.category(),
            null,
            r.provider() + " " + r.evidence(),
            ReplyClassification.DEFAULT_CONFIDENCE,
            r.reason());
    return engine.receive(reply.build(), classification);
  }

  /** A Message-ID with its angle brackets, or null when there is none. */
  static @Nullable String messageId(@Nullable String id) {
    if (id == null || id.isBlank()) {
      return null;
    }
    String s = id.strip();
    return s.startsWith("<") ? s : "<" + s + ">";
  }

  static String normaliseAddress(String address) {
    return address.strip().toLowerCase(Locale.ROOT);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
