package com.fourrunr.campaign.testing;

import static com.fourrunr.campaign.testing.OpsFixture.FROM;
import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.SendException;
import com.fourrunr.campaign.ops.ComponentHealth;
import com.fourrunr.campaign.ops.HealthMonitor;
import com.fourrunr.campaign.ops.HealthReport;
import com.fourrunr.campaign.ops.HealthStatus;
import com.fourrunr.campaign.spi.CampaignStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthMonitorTest {
  private final OpsFixture f = new OpsFixture();

  private static ComponentHealth component(HealthReport r, String name) {
    assertThat(r.components()).containsKey(name);
    return r.components().get(name);
  }

  @Test
  void aHealthyEngineIsUpInEveryComponent() {
    CampaignEngine engine = f.engine().replySource(new ScriptedReplySource(f.clock)).build();
    HealthMonitor health = HealthMonitor.builder(engine).activity(f.activity).build();
    f.due(2);
    engine.runDue();
    engine.pollReplies();

    HealthReport r = health.check();

    assertThat(r.status()).isEqualTo(HealthStatus.UP);
    assertThat(r.checkedAt()).isEqualTo(f.clock.instant());
    assertThat(r.components())
        .containsOnlyKeys(
            "store", "mailbox:" + FROM.address(), "replyIntake", "queue", "deadLetters");
    assertThat(component(r, "mailbox:" + FROM.address()).data())
        .containsEntry("sent", 2L)
        .containsEntry("paused", false);
  }

  @Test
  void aStuckQueueIsDownAndMakesTheWholeReportDown() {
    CampaignEngine engine = f.engine().build();
    HealthMonitor health =
        HealthMonitor.builder(engine).maxOldestDueAge(Duration.ofMinutes(15)).build();
    f.due(1);
    f.clock.advance(Duration.ofMinutes(16));

    HealthReport r = health.check();

    assertThat(r.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(component(r, "queue").status()).isEqualTo(HealthStatus.DOWN);
    assertThat(component(r, "queue").detail()).contains("stuck");
    assertThat(component(r, "store").status()).isEqualTo(HealthStatus.UP);

    engine.runDue();
    assertThat(health.check().status()).isEqualTo(HealthStatus.UP);
  }

  @Test
  void deadLettersAboveTheThresholdAreDown() {
    CampaignEngine engine = f.engine().deadLetterQueue(true).build();
    HealthMonitor health = HealthMonitor.builder(engine).maxDeadLetters(0).build();
    f.due(1);
    for (int attempt = 1; attempt <= OpsFixture.ONE_STEP.maxAttempts(); attempt++) {
      f.sender.failNext(SendException.transientFailure("421 try later", 421));
      engine.runDue();
      f.clock.advance(Duration.ofHours(1));
    }

    HealthReport r = health.check();

    assertThat(component(r, "deadLetters").status()).isEqualTo(HealthStatus.DOWN);
    assertThat(component(r, "deadLetters").data()).containsEntry("count", 1L);
  }

  @Test
  void aPausedMailboxAndAMailboxWithManyFailuresAreDown() {
    CampaignEngine engine = f.engine().maxMessagesPerRun(1).build();
    HealthMonitor health =
        HealthMonitor.builder(engine)
            .activity(f.activity)
            .mailboxes(java.util.List.of("Sales@4runr.test"))
            .mailboxFailures(2, Duration.ofHours(1))
            .build();
    f.due(2);
    f.sender.failNext(SendException.transientFailure("421 busy", 421));
    engine.runDue();
    assertThat(health.check().status()).isEqualTo(HealthStatus.UP);
    f.sender.failNext(SendException.transientFailure("421 busy", 421));
    engine.runDue();

    assertThat(component(health.check(), "mailbox:" + FROM.address()).detail())
        .contains("2 failed sends");

    engine.pauseMailbox("sales@4runr.test", "warming up");
    ComponentHealth sales = component(health.check(), "mailbox:sales@4runr.test");
    assertThat(sales.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(sales.detail()).isEqualTo("paused: warming up");
  }

  @Test
  void aReplyIntakeNotPolledWithinTheThresholdIsDown() {
    CampaignEngine engine = f.engine().replySource(new ScriptedReplySource(f.clock)).build();
    HealthMonitor health =
        HealthMonitor.builder(engine).replyIntakeMaxAge(Duration.ofMinutes(10)).build();
    assertThat(component(health.check(), "replyIntake").detail()).isEqualTo("not polled yet");
    f.clock.advance(Duration.ofMinutes(11));
    assertThat(component(health.check(), "replyIntake").status()).isEqualTo(HealthStatus.DOWN);

    engine.pollReplies();
    f.clock.advance(Duration.ofMinutes(5));
    assertThat(component(health.check(), "replyIntake").status()).isEqualTo(HealthStatus.UP);
    f.clock.advance(Duration.ofMinutes(6));
    ComponentHealth stale = component(health.check(), "replyIntake");
    assertThat(stale.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(stale.data()).containsEntry("ageSeconds", 660L);
  }

  @Test
  void anUnreachableStoreIsDownWithoutItsErrorMessage() {
    CampaignStore broken =
        (CampaignStore)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {CampaignStore.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("listCampaigns")
                      || method.getName().equals("countQueue")) {
                    throw new IllegalStateException(
                        "connection to jdbc:postgresql://admin:secret@db refused");
                  }
                  try {
                    return method.invoke(f.store, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    CampaignEngine engine = f.engine().store(broken).build();

    HealthReport r = HealthMonitor.builder(engine).build().check();

    assertThat(r.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(component(r, "store").detail()).isEqualTo("unreachable: IllegalStateException");
    assertThat(component(r, "queue").status()).isEqualTo(HealthStatus.DOWN);
    assertThat(r.toString()).doesNotContain("secret");
    assertThat(Map.copyOf(r.components())).hasSize(4);
  }
}
