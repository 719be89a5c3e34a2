package com.fourrunr.campaign.testing;

import static com.fourrunr.campaign.testing.OpsFixture.FROM;
import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.SendException;
import com.fourrunr.campaign.config.Redaction;
import com.fourrunr.campaign.config.Secret;
import com.fourrunr.campaign.ops.ComponentHealth;
import com.fourrunr.campaign.ops.HealthMonitor;
import com.fourrunr.campaign.ops.HealthReport;
import com.fourrunr.campaign.ops.HealthStatus;
import com.fourrunr.campaign.ops.PollHealth;
import com.fourrunr.campaign.spi.CampaignStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Health that says what fails: failing sends, failing polls, a store that does not answer. */
class TruthfulHealthTest {
  private final OpsFixture f = new OpsFixture();

  @Test
  void aMailboxWhoseLastSendsAllFailedIsDownWithItsLastErrorRedactedAndUpAgainAfterASuccess() {
    CampaignEngine engine = f.engine().build();
    HealthMonitor health =
        HealthMonitor.builder(engine)
            .activity(f.activity)
            .redaction(Redaction.of(List.of(Secret.of("smtp-pass-123"))))
            .build();
    f.due(4);
    for (int i = 0; i < 3; i++) {
      f.sender.failNext(
          SendException.transientFailure(
              "SMTP relay: connection refused (login smtp-pass-123)", 0));
    }
    engine.runDue(); // one tick: three attempts fail, the fourth goes out

    // The fourth was accepted: the streak ended, so the mailbox is up again.
    assertThat(health.check().status()).isEqualTo(HealthStatus.UP);

    f.due(3);
    for (int i = 0; i < 3; i++) {
      f.sender.failNext(
          SendException.transientFailure(
              "SMTP relay: connection refused (login smtp-pass-123)", 0));
    }
    engine.runDue();
    HealthReport r = health.check();

    ComponentHealth mailbox = r.components().get("mailbox:" + FROM.address());
    assertThat(mailbox.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(mailbox.detail())
        .contains("the last 3 send attempts failed")
        .contains("connection refused")
        .contains("last success 20")
        .doesNotContain("smtp-pass-123")
        .contains("****");
    assertThat(mailbox.data()).containsEntry("consecutiveFailures", 3);
    // The only mailbox cannot send: the service is DOWN.
    assertThat(r.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(r.toString()).doesNotContain("smtp-pass-123");
  }

  @Test
  void oneFailingMailboxAmongWorkingOnesMakesTheServiceDegradedNotDown() {
    Mailbox other = new Mailbox("sales@4runr.test", "Sales");
    CampaignEngine engine = f.engine().build();
    HealthMonitor health =
        HealthMonitor.builder(engine)
            .activity(f.activity)
            .mailboxes(List.of(other.address()))
            .mailboxFailureStreak(2)
            .build();
    f.due(2);
    f.sender.failNext(SendException.transientFailure("421 busy", 421));
    f.sender.failNext(SendException.transientFailure("421 busy", 421));
    engine.runDue();

    HealthReport r = health.check();

    assertThat(r.components().get("mailbox:" + FROM.address()).status())
        .isEqualTo(HealthStatus.DOWN);
    assertThat(r.components().get("mailbox:sales@4runr.test").status()).isEqualTo(HealthStatus.UP);
    assertThat(r.status()).isEqualTo(HealthStatus.DEGRADED);
  }

  @Test
  void aFailingReplyIntakeIsDegradedWithItsLastSuccessThenDownPastTheMaximumAge() {
    CampaignEngine engine = f.engine().build();
    PollHealth polls = PollHealth.create(f.clock);
    HealthMonitor health =
        HealthMonitor.builder(engine)
            .replyIntake(polls::snapshot)
            .replyIntakeMaxAge(Duration.ofMinutes(30))
            .build();

    polls.failure("MailConnectException: connection refused");
    ComponentHealth never = health.check().components().get("replyIntake");
    assertThat(never.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(never.detail()).contains("last success: never").contains("MailConnectException");
    assertThat(never.data()).containsEntry("lastSuccess", "never");

    polls.success();
    f.clock.advance(Duration.ofMinutes(1));
    assertThat(health.check().components().get("replyIntake").status()).isEqualTo(HealthStatus.UP);

    polls.failure("MailConnectException: connection refused");
    HealthReport r = health.check();
    assertThat(r.components().get("replyIntake").status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(r.components().get("replyIntake").detail())
        .contains("last success: 2026-03-02T15:00:00Z (PT1M ago)");
    assertThat(r.status()).isEqualTo(HealthStatus.DEGRADED);

    f.clock.advance(Duration.ofMinutes(31));
    polls.failure("MailConnectException: connection refused");
    assertThat(health.check().components().get("replyIntake").status())
        .isEqualTo(HealthStatus.DOWN);
    assertThat(health.check().status()).isEqualTo(HealthStatus.DOWN);
  }

  @Test
  void aStoreThatDoesNotAnswerIsDownWithinTheTimeout() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CampaignStore hanging =
        (CampaignStore)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {CampaignStore.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("listCampaigns")) {
                    release.await();
                  }
                  try {
                    return method.invoke(f.store, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    CampaignEngine engine = f.engine().store(hanging).build();
    HealthMonitor health =
        HealthMonitor.builder(engine).storeTimeout(Duration.ofMillis(200)).build();
    try {
      long start = System.nanoTime();
      HealthReport r = health.check();
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertThat(r.status()).isEqualTo(HealthStatus.DOWN);
      assertThat(r.components().get("store").detail())
          .isEqualTo("unreachable: no answer within PT0.2S");
      assertThat(r.components().get("queue").detail()).contains("not read");
      assertThat(millis).isLessThan(5_000);
      // The next check does not stack another read on the hanging one.
      assertThat(health.check().components().get("store").detail())
          .contains("has not answered yet");
    } finally {
      release.countDown();
    }
  }
}
