package com.fourrunr.campaign.spi;

import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.ReplyCategory;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An incoming mail as the store keeps it: stored first as received, then again once matched,
 * categorised and acted on.
 *
 * @param id its id: its Message-ID, or a digest of its content when it has none
 * @param reply the mail
 * @param campaignId the campaign it was matched to, or null (unmatched mail is kept and visible)
 * @param category its category, or null until classified
 * @param action what the engine did about it, or empty until then
 */
public record StoredReply(
    String id,
    InboundReply reply,
    @Nullable String campaignId,
    @Nullable ReplyCategory category,
    String action) {
  /** Checks the required fields. */
  public StoredReply {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(reply, "reply");
    action = action == null ? "" : action;
  }
}
