package com.fourrunr.campaign;

import com.fourrunr.campaign.spi.CampaignStore;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How many messages stand where in the send queue at one moment, as counted by {@link
 * CampaignStore#countQueue(Instant)}.
 *
 * @param scheduled {@link DeliveryStatus#SCHEDULED} and not yet due (retries included)
 * @param due {@link DeliveryStatus#SCHEDULED} and due now (retries included)
 * @param retrying {@link DeliveryStatus#SCHEDULED} after at least one failed attempt, due or not
 * @param inFlight {@link DeliveryStatus#SENDING}: being handed over, or uncertain after a crash
 * @param deadLettered {@link DeliveryStatus#DEAD_LETTERED}
 * @param sent {@link DeliveryStatus#SENT}
 * @param oldestDueAt when the longest-waiting due message fell due, or null when none is due
 */
public record QueueCounts(
    long scheduled,
    long due,
    long retrying,
    long inFlight,
    long deadLettered,
    long sent,
    @Nullable Instant oldestDueAt) {}
