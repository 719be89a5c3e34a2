package com.fourrunr.campaign;

import com.fourrunr.campaign.Dispatcher.SendResult;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.StoreChanges;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a failed send leads to: a passing failure is retried after a backoff until the campaign's
 * attempts run out, then dead-lettered (with the dead-letter queue on) or failed; a refusal fails
 * at once, a 5xx is a synchronous bounce, and a refused mailbox (550/551/553) is suppressed. A
 * failure that ends the message stops its campaign.
 */
final class SendFailures {
  private static final Logger log = LoggerFactory.getLogger(CampaignEngine.class);

  private final EngineContext ctx;
  private final CampaignChanges campaigns;
  private final CampaignStore store;
  private final Clock clock;
  private final @Nullable IntervalFunction retryIntervals;
  private final boolean deadLetterQueue;

  SendFailures(
      EngineContext ctx,
      CampaignChanges campaigns,
      @Nullable IntervalFunction retryIntervals,
      boolean deadLetterQueue) {
    this.ctx = ctx;
    this.campaigns = campaigns;
    this.store = ctx.store();
    this.clock = ctx.clock();
    this.retryIntervals = retryIntervals;
    this.deadLetterQueue = deadLetterQueue;
  }

  SendResult failed(
      Campaign campaign,
      Lead lead,
      CampaignMessage sending,
      @Nullable String error,
      boolean transientFailure,
      int replyCode) {
    Instant now = clock.instant();
    String reason = error == null ? "send failed" : error;
    StoreChanges.Builder changes = StoreChanges.builder();
    List<CampaignEvent> events = new ArrayList<>();
    CampaignConfig cfg = campaign.config();
    if (transientFailure && sending.attempts() < cfg.maxAttempts()) {
      Duration wait =
          retryIntervals != null
              ? Duration.ofMillis(Math.max(0L, retryIntervals.apply(sending.attempts())))
              : cfg.retryBackoff().multipliedBy(1L << Math.min(sending.attempts() - 1, 20));
      Instant retryAt = now.plus(wait);
      CampaignMessage retry = sending.withRetry(retryAt, reason);
      changes.message(retry);
      events.add(
          ctx.event(
              now,
              campaign,
              retry,
              new EventPayload.MessageRetryScheduled(
                  reason, sending.attempts(), retryAt, null, false)));
      events.forEach(changes::event);
      ctx.commitAndPublish(changes, events);
      return SendResult.RETRYING;
    }
    if (transientFailure && deadLetterQueue) {
      return deadLettered(campaign, sending, reason, now);
    }
    CampaignMessage failedMessage = sending.withFailed(reason);
    changes.message(failedMessage);
    events.add(
        ctx.event(
            now,
            campaign,
            failedMessage,
            new EventPayload.MessageFailed(
                reason, sending.attempts(), !transientFailure, null, false)));
    if (!transientFailure && replyCode >= 500 && replyCode < 600) {
      // The server refused during the send: a synchronous bounce, never retried.
      events.add(
          ctx.event(
              now,
              campaign,
              failedMessage,
              new EventPayload.MessageBounced(reason, replyCode, null, null, false)));
    }
    // 550/551/553 refuse the mailbox itself: the address must not be tried again.
    if (!transientFailure && (replyCode == 550 || replyCode == 551 || replyCode == 553)) {
      campaigns.suppress(lead.email(), "BOUNCE_HARD", now, campaign, changes, events);
    }
    Campaign current = store.findCampaign(campaign.id()).orElse(campaign);
    String why =
        transientFailure
            ? "delivery failed after " + sending.attempts() + " attempts: " + reason
            : "delivery refused: " + reason;
    if (current.status().canTransitionTo(CampaignStatus.STOPPED)) {
      campaigns.end(current, CampaignStatus.STOPPED, why, now, changes, events);
    } else {
      events.forEach(changes::event);
      ctx.commitAndPublish(changes, events);
    }
    return SendResult.FAILED;
  }

  /**
   * Sets a message whose every attempt failed aside: DEAD_LETTERED with its reason, written only
   * while this instance still holds the claim it sent under. Its campaign stays active, waiting on
   * it.
   */
  private SendResult deadLettered(
      Campaign campaign, CampaignMessage sending, String reason, Instant now) {
    CampaignMessage dead =
        new CampaignMessage(
            sending.id(),
            sending.campaignId(),
            sending.leadId(),
            sending.stepIndex(),
            sending.type(),
            sending.subject(),
            sending.textBody(),
            sending.htmlBody(),
            DeliveryStatus.DEAD_LETTERED,
            sending.scheduledAt(),
            null,
            sending.messageId(),
            sending.attempts(),
            reason,
            sending.providerResponse());
    CampaignEvent e =
        ctx.event(
            now,
            campaign,
            dead,
            new EventPayload.MessageDeadLettered(reason, sending.attempts(), null, false));
    ctx.commitAndPublish(StoreChanges.builder().message(dead).event(e), List.of(e));
    log.warn(
        "message {} dead-lettered after {} attempts: {}", sending.id(), sending.attempts(), reason);
    return SendResult.FAILED;
  }
}
