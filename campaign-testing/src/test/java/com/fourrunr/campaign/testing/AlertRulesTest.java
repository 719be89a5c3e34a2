package com.fourrunr.campaign.testing;

import static com.fourrunr.campaign.testing.OpsFixture.FROM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyClassification;
import com.fourrunr.campaign.SendException;
import com.fourrunr.campaign.config.Secret;
import com.fourrunr.campaign.ops.Alert;
import com.fourrunr.campaign.ops.AlertMonitor;
import com.fourrunr.campaign.ops.AlertRule;
import com.fourrunr.campaign.ops.CampaignActivity.Kind;
import com.fourrunr.campaign.ops.WebhookAlertSink;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Alert rules on the settable clock: thresholds, windows, the automatic pause of a mailbox, the
 * sinks.
 */
class AlertRulesTest {
  private final OpsFixture f = new OpsFixture();
  private final List<Alert> delivered = new ArrayList<>();

  private AlertMonitor monitor(CampaignEngine engine, AlertRule... rules) {
    AlertMonitor.Builder b = AlertMonitor.builder(engine, f.activity).sink(delivered::add);
    for (AlertRule r : rules) {
      b.rule(r);
    }
    return b.build();
  }

  private List<CampaignEvent> events(EventType type) {
    return f.store.findEventsByType(type, null, 1000);
  }

  @Test
  void aMailboxWhoseBounceRatePassesTheLimitIsPausedAndSendsNothingAfterwardsEvenAfterARestart() {
    CampaignEngine engine = f.engine().maxMessagesPerRun(1).build();
    AlertMonitor alerts = monitor(engine, AlertRule.bounceRate(0.05, Duration.ofHours(24), 5));
    f.due(10);
    for (int i = 0; i < 10; i++) {
      if (i < 3) {
        f.sender.failNext(SendException.permanentFailure("550 5.1.1 no such user", 550));
      }
      engine.runDue();
    }
    assertThat(f.sender.sent()).hasSize(7);
    assertThat(f.activity.bounceRate(FROM.address(), Duration.ofHours(24))).isEqualTo(0.3);

    List<Alert> raised = alerts.evaluate();

    assertThat(raised)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.rule()).isEqualTo("bounce-rate");
              assertThat(a.subject()).isEqualTo(FROM.address());
              assertThat(a.pausesMailbox()).isTrue();
              assertThat(a.message()).contains("30.0%").contains("3 of 10");
            });
    assertThat(delivered).hasSize(1);
    assertThat(engine.pausedMailboxes()).containsOnlyKeys(FROM.address());
    assertThat(events(EventType.MAILBOX_PAUSED))
        .singleElement()
        .satisfies(e -> assertThat(e.attribute("mailbox")).isEqualTo(FROM.address()));
    assertThat(events(EventType.ALERT_RAISED))
        .singleElement()
        .satisfies(e -> assertThat(e.attribute("rule")).isEqualTo("bounce-rate"));

    // New mail from the paused mailbox stays unsent, however often the engine runs.
    String next = f.due(4);
    for (int i = 0; i < 5; i++) {
      engine.runDue();
    }
    assertThat(f.sender.sent()).hasSize(7);
    assertThat(f.store.findMessages(next))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.status()).isEqualTo(DeliveryStatus.SCHEDULED);
              assertThat(m.scheduledAt())
                  .isEqualTo(f.clock.instant().plus(CampaignEngine.MAILBOX_PAUSE_RECHECK));
            });
    assertThat(events(EventType.MESSAGE_SCHEDULED))
        .anySatisfy(e -> assertThat(e.attribute("reason")).isEqualTo("mailbox paused"));

    // Still holding: not raised again.
    assertThat(alerts.evaluate()).isEmpty();
    assertThat(delivered).hasSize(1);

    // A restarted engine reads the pause from the store, when the deferred messages come up again.
    f.clock.advance(CampaignEngine.MAILBOX_PAUSE_RECHECK);
    CampaignEngine restarted = f.engine().build();
    assertThat(restarted.pausedMailboxes()).containsKey(FROM.address());
    restarted.runDue();
    assertThat(f.sender.sent()).hasSize(7);

    // Resumed by a person: the deferred messages go out when they next come up.
    assertThat(restarted.resumeMailbox(FROM.address(), "list cleaned")).isTrue();
    f.clock.advance(CampaignEngine.MAILBOX_PAUSE_RECHECK);
    restarted.runDue();
    assertThat(f.sender.sent()).hasSize(11);
    assertThat(events(EventType.MAILBOX_RESUMED)).hasSize(1);
  }

  @Test
  void aBounceRateBelowTheLimitOrTooFewSendsPausesNothing() {
    CampaignEngine engine = f.engine().maxMessagesPerRun(1).build();
    AlertMonitor alerts = monitor(engine, AlertRule.bounceRate(0.25, Duration.ofHours(24), 5));
    f.due(4);
    f.sender.failNext(SendException.permanentFailure("550 no such user", 550));
    for (int i = 0; i < 4; i++) {
      engine.runDue();
    }
    assertThat(alerts.evaluate()).as("1 of 4 but only 4 sends").isEmpty();

    f.due(4);
    for (int i = 0; i < 4; i++) {
      engine.runDue();
    }
    assertThat(alerts.evaluate()).as("1 of 8 is 12.5%").isEmpty();
    assertThat(engine.pausedMailboxes()).isEmpty();
  }

  @Test
  void bouncesOutsideTheWindowNoLongerCount() {
    CampaignEngine engine = f.engine().maxMessagesPerRun(1).build();
    AlertMonitor alerts = monitor(engine, AlertRule.bounceRate(0.05, Duration.ofHours(1), 2));
    f.due(2);
    f.sender.failNext(SendException.permanentFailure("550 no such user", 550));
    engine.runDue();
    engine.runDue();
    f.clock.advance(Duration.ofMinutes(61));

    assertThat(alerts.evaluate()).isEmpty();
    assertThat(engine.pausedMailboxes()).isEmpty();
  }

  @Test
  void aSpamComplaintPausesTheMailbox() {
    CampaignEngine engine =
        f.engine()
            .replySource(new ScriptedReplySource(f.clock))
            .classifier(
                reply -> new ReplyClassification(ReplyCategory.COMPLAINT, null, "feedback report"))
            .build();
    AlertMonitor alerts = monitor(engine, AlertRule.complaints(1, Duration.ofDays(1)));
    String campaign = f.due(1);
    engine.runDue();
    CampaignMessage sent = f.store.findMessages(campaign).get(0);

    engine.receive(
        InboundReply.builder("lead000@acme000.test", f.clock.instant())
            .messageId("<c1@acme000.test>")
            .subject("Re: Hello")
            .text("This is spam")
            .inReplyTo(sent.messageId())
            .build());

    assertThat(f.activity.count(Kind.COMPLAINT, FROM.address(), Duration.ofDays(1))).isEqualTo(1);
    assertThat(alerts.evaluate())
        .singleElement()
        .satisfies(a -> assertThat(a.rule()).isEqualTo("complaints"));
    assertThat(engine.pausedMailboxes()).containsKey(FROM.address());
  }

  @Test
  void aStuckQueueIsRaisedOnceWhileItHoldsAndAgainAfterItCleared() {
    CampaignEngine engine = f.engine().build();
    AlertMonitor alerts = monitor(engine, AlertRule.stuckQueue(Duration.ofMinutes(30)));
    f.due(2);
    f.clock.advance(Duration.ofMinutes(20));
    assertThat(alerts.evaluate()).isEmpty();

    f.clock.advance(Duration.ofMinutes(11));
    assertThat(alerts.evaluate())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.rule()).isEqualTo("stuck-queue");
              assertThat(a.pausesMailbox()).isFalse();
            });
    assertThat(alerts.evaluate()).isEmpty();
    assertThat(alerts.activeAlerts()).containsExactly("stuck-queue:queue");

    engine.runDue();
    assertThat(alerts.evaluate()).isEmpty();
    assertThat(alerts.activeAlerts()).isEmpty();

    f.due(1);
    f.clock.advance(Duration.ofMinutes(31));
    assertThat(alerts.evaluate()).hasSize(1);
    assertThat(delivered).hasSize(2);
    assertThat(engine.pausedMailboxes()).as("a stuck queue pauses nothing").isEmpty();
  }

  @Test
  void generationFailuresInTheWindowRaiseAnAlert() {
    CampaignEngine engine = f.engine().build();
    AlertMonitor alerts = monitor(engine, AlertRule.generationFailures(3, Duration.ofHours(1)));
    for (int i = 0; i < 3; i++) {
      f.activity.onEvent(
          new CampaignEvent(
              "E-" + i,
              EventType.LEAD_SKIPPED,
              f.clock.instant(),
              null,
              "L-" + i,
              null,
              Map.of("reason", "GENERATION_FAILED", "detail", "model answered 401")));
      f.clock.advance(Duration.ofMinutes(25));
    }
    // The first failure is 75 minutes old now: 2 in the last hour.
    assertThat(alerts.evaluate()).isEmpty();

    f.activity.onEvent(
        new CampaignEvent(
            "E-9",
            EventType.LEAD_SKIPPED,
            f.clock.instant(),
            null,
            "L-9",
            null,
            Map.of("reason", "GENERATION_FAILED")));
    assertThat(alerts.evaluate())
        .singleElement()
        .satisfies(a -> assertThat(a.rule()).isEqualTo("generation-failures"));
  }

  @Test
  void aReplyRateCollapseAgainstTheWeekRaisesAnAlert() {
    CampaignEngine engine = f.engine().build();
    AlertMonitor alerts =
        monitor(
            engine, AlertRule.replyRateCollapse(Duration.ofDays(1), Duration.ofDays(7), 0.5, 50));
    Instant now = f.clock.instant();
    // Six days at 10% replies...
    for (int day = 6; day >= 1; day--) {
      Instant t = now.minus(Duration.ofDays(day)).minusSeconds(60);
      for (int i = 0; i < 100; i++) {
        f.activity.record(FROM.address(), Kind.SENT, t);
      }
      for (int i = 0; i < 10; i++) {
        f.activity.record(FROM.address(), Kind.REPLY, t);
      }
    }
    // ...then a day at 1%.
    Instant today = now.minus(Duration.ofHours(2));
    for (int i = 0; i < 100; i++) {
      f.activity.record(FROM.address(), Kind.SENT, today);
    }
    f.activity.record(FROM.address(), Kind.REPLY, today);

    assertThat(alerts.evaluate())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.rule()).isEqualTo("reply-rate-collapse");
              assertThat(a.data()).containsEntry("recentRate", "0.0100");
            });
  }

  @Test
  void anAirtableSyncBacklogAboveTheLimitRaisesAnAlert() {
    CampaignEngine engine = f.engine().build();
    AtomicInteger pending = new AtomicInteger(10);
    AlertMonitor alerts = monitor(engine, AlertRule.syncBacklog(pending::get, 100));
    assertThat(alerts.evaluate()).isEmpty();

    pending.set(101);
    assertThat(alerts.evaluate())
        .singleElement()
        .satisfies(a -> assertThat(a.subject()).isEqualTo("airtable"));
  }

  @Test
  void theWebhookSinkPostsTheAlertSignedWithHmacSha256OverTheBody() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AtomicReference<byte[]> body = new AtomicReference<>();
    AtomicReference<String> signature = new AtomicReference<>();
    AtomicInteger status = new AtomicInteger(204);
    server.createContext(
        "/hooks/campaign",
        exchange -> {
          body.set(exchange.getRequestBody().readAllBytes());
          signature.set(exchange.getRequestHeaders().getFirst(WebhookAlertSink.SIGNATURE_HEADER));
          exchange.sendResponseHeaders(status.get(), -1);
          exchange.close();
        });
    server.start();
    try {
      Secret key = Secret.of("webhook-shared-key-0123456789abcdef");
      URI url =
          URI.create(
              "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/campaign?token=abc");
      WebhookAlertSink sink = WebhookAlertSink.create(url, key);
      Alert alert =
          new Alert(
              "bounce-rate",
              FROM.address(),
              "bounce rate 30.0% \"high\"",
              f.clock.instant(),
              true,
              Map.of("rate", "0.3000"));

      sink.deliver(alert);

      String json = new String(body.get(), StandardCharsets.UTF_8);
      assertThat(json)
          .isEqualTo(alert.toJson())
          .contains("\"rule\":\"bounce-rate\"")
          .contains("\\\"high\\\"");
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      assertThat(signature.get())
          .isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(body.get())));

      status.set(500);
      assertThatThrownBy(() -> sink.deliver(alert))
          .isInstanceOf(WebhookAlertSink.AlertDeliveryException.class)
          .hasMessageContaining("500")
          .hasMessageNotContaining("token=abc");
      assertThat(sink.toString()).doesNotContain("token");

      // A failing sink does not stop the others.
      CampaignEngine engine = f.engine().build();
      AlertMonitor alerts =
          AlertMonitor.builder(engine, f.activity)
              .rule(ctx -> List.of(alert))
              .sink(sink)
              .sink(delivered::add)
              .build();
      assertThat(alerts.evaluate()).hasSize(1);
      assertThat(delivered).hasSize(1);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void badThresholdsAreRejectedNamingTheField() {
    assertThatThrownBy(() -> AlertRule.bounceRate(1.5, Duration.ofHours(1), 10))
        .hasMessageContaining("maxRate");
    assertThatThrownBy(() -> AlertRule.complaints(0, Duration.ofHours(1)))
        .hasMessageContaining("maxComplaints");
    assertThatThrownBy(
            () -> AlertRule.replyRateCollapse(Duration.ofDays(7), Duration.ofDays(1), 0.5, 10))
        .hasMessageContaining("baseline");
  }
}
