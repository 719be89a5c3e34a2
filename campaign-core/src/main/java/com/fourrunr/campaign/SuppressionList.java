package com.fourrunr.campaign;

import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.spi.Suppression;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The suppression list as operators keep it: addresses and whole domains added with a reason,
 * searched, and removed with an event.
 */
final class SuppressionList {
  private final EngineContext ctx;
  private final CampaignStore store;

  SuppressionList(EngineContext ctx) {
    this.ctx = ctx;
    this.store = ctx.store();
  }

  /** See {@link CampaignEngine#suppressions}. */
  List<Suppression> list(@Nullable String query, @Nullable String afterKey, int limit) {
    return store.findSuppressions(
        query == null ? "" : query.strip().toLowerCase(Locale.ROOT),
        afterKey,
        QueueOperations.checkLimit(limit));
  }

  /** See {@link CampaignEngine#suppress}. */
  boolean suppress(String entry, String reason, String operator) {
    Suppression s = parse(entry, required(reason, "reason"), ctx.clock().instant());
    required(operator, "operator");
    if (find(s.email()) != null) {
      return false;
    }
    CampaignEvent e =
        new CampaignEvent(
            ctx.ids().get(),
            s.at(),
            null,
            null,
            null,
            new EventPayload.AddressSuppressed(
                s.email(), s.reason() + " (by " + operator.strip() + ")"));
    ctx.commitAndPublish(StoreChanges.builder().suppression(s).event(e), List.of(e));
    return true;
  }

  /** See {@link CampaignEngine#removeSuppression}. */
  boolean remove(String entry, String reason, String operator) {
    String key = parse(entry, "-", Instant.EPOCH).email();
    String why = required(reason, "reason");
    String who = required(operator, "operator");
    if (find(key) == null) {
      return false;
    }
    CampaignEvent e =
        new CampaignEvent(
            ctx.ids().get(),
            ctx.clock().instant(),
            null,
            null,
            null,
            new EventPayload.SuppressionRemoved(key, why, who));
    ctx.commitAndPublish(StoreChanges.builder().unsuppress(key).event(e), List.of(e));
    return true;
  }

  /** The entry stored under exactly this key, or null. */
  @Nullable Suppression find(String key) {
    String after = null;
    while (true) {
      List<Suppression> page = store.findSuppressions(key, after, 500);
      for (Suppression s : page) {
        if (s.email().equals(key)) {
          return s;
        }
      }
      if (page.size() < 500) {
        return null;
      }
      after = page.get(page.size() - 1).email();
    }
  }

  /** An address ({@code name@domain}) or a domain ({@code domain} or {@code @domain}). */
  static Suppression parse(String entry, String reason, Instant at) {
    return Suppression.parse(required(entry, "entry"), reason, at);
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw InvalidInputException.of("suppression", field, "is required");
    }
    return value.strip();
  }
}
