package com.fourrunr.campaign;

import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.StoreChanges;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The send queue as operators see it: dead letters and uncertain sends listed and sent again after
 * review, and the queue's counts and mailbox usage.
 */
final class QueueOperations {
  private final EngineContext ctx;
  private final CampaignChanges campaigns;
  private final CampaignStore store;
  private final Clock clock;

  /** Whether this instance is handing a message (by its id) to the sender right now. */
  private final Predicate<String> inFlight;

  private final UncertainPolicy uncertainPolicy;
  private final SendLedger ledger;
  private final List<Mailbox> mailboxes;

  QueueOperations(
      EngineContext ctx,
      CampaignChanges campaigns,
      Predicate<String> inFlight,
      UncertainPolicy uncertainPolicy,
      SendLedger ledger,
      List<Mailbox> mailboxes) {
    this.ctx = ctx;
    this.campaigns = campaigns;
    this.store = ctx.store();
    this.clock = ctx.clock();
    this.inFlight = inFlight;
    this.uncertainPolicy = uncertainPolicy;
    this.ledger = ledger;
    this.mailboxes = List.copyOf(mailboxes);
  }

  /** See {@link CampaignEngine#deadLetters}. */
  List<CampaignMessage> deadLetters(@Nullable String afterId, int limit) {
    return store.findMessagesByStatus(DeliveryStatus.DEAD_LETTERED, afterId, checkLimit(limit));
  }

  /** See {@link CampaignEngine#replayDeadLetter}. */
  CampaignMessage replayDeadLetter(String messageId) {
    return reschedule(
        messageId, DeliveryStatus.DEAD_LETTERED, "replayed from the dead-letter queue");
  }

  /** See {@link CampaignEngine#uncertainMessages}. */
  List<CampaignMessage> uncertainMessages(@Nullable String afterId, int limit) {
    List<CampaignMessage> sending =
        store.findMessagesByStatus(DeliveryStatus.SENDING, afterId, checkLimit(limit));
    if (sending.isEmpty()) {
      return sending;
    }
    // held by a running instance's claim until their hand-over: in flight, not uncertain
    Set<String> held =
        store.findSendingInFlight(
            sending.stream().map(CampaignMessage::id).toList(), clock.instant());
    List<CampaignMessage> result = new ArrayList<>();
    for (CampaignMessage m : sending) {
      if (!inFlight.test(m.id()) && !held.contains(m.id())) {
        result.add(m);
      }
    }
    return result;
  }

  /** See {@link CampaignEngine#resendUncertain}. */
  CampaignMessage resendUncertain(String messageId) {
    if (uncertainPolicy == UncertainPolicy.NEVER_RESEND) {
      throw new IllegalStateException(
          "uncertain messages are never resent (UncertainPolicy.NEVER_RESEND);"
              + " build the engine with UncertainPolicy.RESEND_AFTER_REVIEW to allow it");
    }
    CampaignMessage m =
        store.findMessageByMessageId(messageId == null ? "" : messageId.strip()).orElse(null);
    if (m != null
        && (inFlight.test(m.id())
            || !store.findSendingInFlight(List.of(m.id()), clock.instant()).isEmpty())) {
      throw new IllegalStateException("message " + messageId + " is being sent right now");
    }
    return reschedule(messageId, DeliveryStatus.SENDING, "uncertain send resent after review");
  }

  private CampaignMessage reschedule(String messageId, DeliveryStatus expected, String reason) {
    if (messageId == null || messageId.isBlank()) {
      throw InvalidInputException.of("message", "messageId", "is required");
    }
    CampaignMessage m =
        store
            .findMessageByMessageId(messageId.strip())
            .orElseThrow(
                () ->
                    InvalidInputException.of(
                        "message", "messageId", "no message was sent under " + messageId.strip()));
    if (m.status() != expected) {
      throw new IllegalStateException(
          "message " + m.messageId() + " is " + m.status() + ", not " + expected);
    }
    Campaign campaign = campaigns.requireCampaign(m.campaignId());
    if (campaign.status() != CampaignStatus.ACTIVE) {
      throw new IllegalStateException(
          "campaign '"
              + campaign.id()
              + "' is "
              + campaign.status()
              + "; only an active campaign's message is sent (resume it first)");
    }
    Instant now = clock.instant();
    CampaignMessage scheduled =
        new CampaignMessage(
            m.id(),
            m.campaignId(),
            m.leadId(),
            m.stepIndex(),
            m.type(),
            m.subject(),
            m.textBody(),
            m.htmlBody(),
            DeliveryStatus.SCHEDULED,
            now,
            null,
            m.messageId(),
            0,
            m.lastError(),
            m.providerResponse());
    CampaignEvent e =
        ctx.event(
            now,
            campaign,
            scheduled,
            new EventPayload.MessageReplayed(expected.name(), reason, null, false));
    ctx.commitAndPublish(StoreChanges.builder().message(scheduled).event(e), List.of(e));
    return scheduled;
  }

  /** See {@link CampaignEngine#queueStatus}. */
  QueueStatus queueStatus() {
    Instant now = clock.instant();
    QueueCounts counts = store.countQueue(now);
    Duration oldest =
        counts.oldestDueAt() == null ? null : Duration.between(counts.oldestDueAt(), now);
    return new QueueStatus(
        now, counts, oldest, ledger.usage(now, mailboxes.stream().map(Mailbox::address).toList()));
  }

  /** A page size between 1 and 10,000, else a clear error. */
  static int checkLimit(int limit) {
    if (limit < 1 || limit > 10_000) {
      throw InvalidInputException.of("page", "limit", limit + " is not between 1 and 10000");
    }
    return limit;
  }
}
