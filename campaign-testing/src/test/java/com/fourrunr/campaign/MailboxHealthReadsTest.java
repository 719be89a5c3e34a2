package com.fourrunr.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.spi.CampaignStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Without a throttle the mailbox health counts only what its one rule (the pause after blocks)
 * needs: sends, hard and soft bounces, deferred sends and complaints are passed over without a
 * store read, and only a block reads its campaign's mailbox. With a throttle every signal counts.
 * The store's reads are counted by a store that records each call.
 */
class MailboxHealthReadsTest {
  private final EngineParts p = new EngineParts();
  private final List<String> reads = new ArrayList<>();

  /** {@link EngineParts#store}, recording the name of each method called. */
  private CampaignStore countingStore() {
    CampaignStore real = p.store;
    return (CampaignStore)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {CampaignStore.class},
            (proxy, method, args) -> {
              reads.add(method.getName());
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /** For each campaign: a send, a refused send, a deferred send, a soft bounce and a complaint. */
  private List<CampaignEvent> everythingButBlocks(String... ns) {
    List<CampaignEvent> events = new ArrayList<>();
    for (String n : ns) {
      events.add(event(n, "s", new EventPayload.MessageSent("HOOK", "<m-" + n + ">", null, false)));
      events.add(
          event(
              n, "b", new EventPayload.MessageBounced("550 no such user", 550, null, null, false)));
      events.add(
          event(
              n,
              "d",
              new EventPayload.MessageRetryScheduled("421 try later", 1, null, null, false)));
      events.add(event(n, "f", classified(ReplyCategory.BOUNCE_SOFT, BounceReason.MAILBOX_FULL)));
      events.add(event(n, "c", classified(ReplyCategory.COMPLAINT, null)));
      events.add(event(n, "i", classified(ReplyCategory.INTERESTED, null)));
    }
    return events;
  }

  private static EventPayload.ReplyClassified classified(
      ReplyCategory category, BounceReason reason) {
    return new EventPayload.ReplyClassified(
        "R-1", category, "test", "test", 1.0, null, null, null, reason);
  }

  private CampaignEvent event(String n, String suffix, EventPayload payload) {
    return new CampaignEvent(
        "E-" + n + "-" + suffix, p.clock.instant(), "C-" + n, "L-" + n, "M-" + n, payload);
  }

  @Test
  void withoutAThrottleOnlyBlocksAreCountedAndOnlyTheyReadTheStore() {
    p.due("1");
    p.due("2");
    MailboxHealth health = new MailboxHealth(countingStore(), p.mailboxPauses, null);

    everythingButBlocks("1", "2").forEach(health::onEvent);

    assertThat(reads).as("store reads for sends, bounces and complaints").isEmpty();

    health.onEvent(event("1", "x", classified(ReplyCategory.BOUNCE_SOFT, BounceReason.BLOCKED)));

    assertThat(reads).containsExactly("findCampaign");
    assertThat(health.blocked(EngineParts.FROM.address(), BounceReason.BLOCKED, p.clock.instant()))
        .contains("(1 BLOCKED)")
        .doesNotContain("paused");
    assertThat(health.factor(EngineParts.FROM.address(), p.clock.instant())).isEqualTo(1.0);
  }

  @Test
  void withAThrottleEverySignalIsCounted() {
    p.due("1");
    p.due("2");
    HealthThrottle throttle = new HealthThrottle(2, 0.5, 0.9, Duration.ofHours(24));
    MailboxHealth health = new MailboxHealth(countingStore(), p.mailboxPauses, throttle);

    everythingButBlocks("1", "2").forEach(health::onEvent);

    // each campaign's mailbox read once, then kept
    assertThat(reads).containsExactly("findCampaign", "findCampaign");
    // 2 sends, 6 troubles (2 soft bounces, 2 deferred, 2 complaints): rate 3 per send, quartered
    assertThat(health.factor(EngineParts.FROM.address(), p.clock.instant())).isEqualTo(0.25);
  }
}
