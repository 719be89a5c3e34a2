package com.fourrunr.campaign.testing;

import static com.fourrunr.campaign.testing.OpsFixture.FROM;
import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.GeneratedMessage;
import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.MessageGenerator;
import com.fourrunr.campaign.SendException;
import com.fourrunr.campaign.ops.CampaignMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CampaignMetricsTest {
  private final OpsFixture f = new OpsFixture();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final CampaignMetrics metrics = CampaignMetrics.create(registry, f.activity);

  private double counter(String name, String... tags) {
    var c = registry.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  private double gauge(String name, String... tags) {
    return registry.get(name).tags(tags).gauge().value();
  }

  @Test
  void sendsFailuresRetriesAndDeadLettersAreCountedByResultAndReason() {
    CampaignEngine engine =
        f.engine().listener(metrics).maxMessagesPerRun(1).deadLetterQueue(true).build();
    metrics.bind(engine);
    f.due(3);
    engine.runDue();
    f.sender.failNext(SendException.permanentFailure("550 no such user", 550));
    engine.runDue();
    f.sender.failNext(SendException.transientFailure("421 busy", 421));
    engine.runDue();

    assertThat(counter("campaign.sends", "result", "sent")).isEqualTo(1);
    assertThat(counter("campaign.sends", "result", "failed")).isEqualTo(1);
    assertThat(counter("campaign.sends", "result", "retry")).isEqualTo(1);
    assertThat(counter("campaign.send.failures", "reason", "permanent")).isEqualTo(1);
    assertThat(counter("campaign.send.failures", "reason", "bounced")).isEqualTo(1);
    assertThat(counter("campaign.send.failures", "reason", "transient")).isEqualTo(1);
    assertThat(counter("campaign.retries")).isEqualTo(1);
    assertThat(gauge("campaign.mailbox.bounce.rate", "mailbox", FROM.address())).isEqualTo(0.5);
    assertThat(gauge("campaign.mailbox.complaint.rate", "mailbox", FROM.address())).isZero();
    assertThat(gauge("campaign.queue.retrying")).isEqualTo(1);
    assertThat(gauge("campaign.queue.due")).isZero();

    // The retry runs out of attempts: dead-lettered.
    for (int i = 0; i < 2; i++) {
      f.clock.advance(Duration.ofHours(1));
      f.sender.failNext(SendException.transientFailure("421 busy", 421));
      engine.runDue();
    }
    assertThat(counter("campaign.dead.letters")).isEqualTo(1);
    assertThat(counter("campaign.sends", "result", "dead_lettered")).isEqualTo(1);
    f.clock.advance(CampaignMetrics.QUEUE_READING_TTL);
    assertThat(gauge("campaign.queue.dead.letters")).isEqualTo(1);
  }

  @Test
  void queueDepthAndOldestDueAgeAreGauges() {
    CampaignEngine engine = f.engine().listener(metrics).build();
    metrics.bind(engine);
    f.due(3);
    f.clock.advance(Duration.ofMinutes(2));

    assertThat(gauge("campaign.queue.due")).isEqualTo(3);
    assertThat(gauge("campaign.queue.oldest.due.age.seconds")).isEqualTo(120);
    engine.pauseMailbox(FROM.address(), "test");
    assertThat(gauge("campaign.mailboxes.paused")).isEqualTo(1);
  }

  @Test
  void repliesByCategoryAndGenerationTokensAndFallbacksAreCounted() {
    CampaignEngine engine = f.engine().listener(metrics).build();
    String campaign = f.due(1);
    engine.runDue();
    String messageId = f.store.findMessages(campaign).get(0).messageId();
    engine.receive(
        InboundReply.builder("lead000@acme000.test", f.clock.instant())
            .messageId("<r1@acme000.test>")
            .subject("Re: Hello")
            .text("Sounds interesting, let's talk next week.")
            .inReplyTo(messageId)
            .build());
    metrics.onEvent(
        new CampaignEvent(
            "E-1",
            EventType.MESSAGE_CHECKED,
            f.clock.instant(),
            "C-x",
            "L-x",
            "M-x",
            Map.of(
                "passed",
                "true",
                "promptTokens",
                "300",
                "completionTokens",
                "120",
                "fallback",
                "template")));

    assertThat(registry.find("campaign.replies").counters()).hasSize(1);
    assertThat(registry.find("campaign.replies").counter().count()).isEqualTo(1);
    // The reply is counted under its category: "let's talk next week" is an interested person.
    assertThat(counter("campaign.replies", "category", "INTERESTED")).isEqualTo(1);
    assertThat(counter("campaign.generation.tokens", "kind", "prompt")).isEqualTo(300);
    assertThat(counter("campaign.generation.tokens", "kind", "completion")).isEqualTo(120);
    assertThat(counter("campaign.generation.fallbacks", "fallback", "template")).isEqualTo(1);
    assertThat(counter("campaign.generation.checks", "passed", "true")).isEqualTo(1);
  }

  @Test
  void generationLatencyIsTimedAndExternalCallsCountRateLimits() {
    MessageGenerator timed = metrics.timed(request -> new GeneratedMessage("Hi", "Body", null));
    timed.generate(null);

    metrics.externalCalls().onCall("airtable", "PATCH", 429, Duration.ofMillis(40));
    metrics.externalCalls().onCall("airtable", "PATCH", 200, Duration.ofMillis(60));
    metrics.externalCalls().onCall("airtable", "GET", 0, Duration.ofMillis(5));

    assertThat(
            registry.get("campaign.generation.latency").tag("outcome", "success").timer().count())
        .isEqualTo(1);
    assertThat(counter("campaign.api.calls", "service", "airtable", "outcome", "success"))
        .isEqualTo(1);
    assertThat(counter("campaign.api.calls", "service", "airtable", "outcome", "rate_limited"))
        .isEqualTo(1);
    assertThat(counter("campaign.api.calls", "service", "airtable", "outcome", "network_error"))
        .isEqualTo(1);
    assertThat(counter("campaign.api.rate.limited", "service", "airtable")).isEqualTo(1);
    assertThat(registry.get("campaign.api.latency").timer().count()).isEqualTo(3);
  }

  @Test
  void theTimedGeneratorAllowsAsManyCallsAtOnceAsTheGeneratorItWraps() {
    CampaignMetrics timing = CampaignMetrics.create(new SimpleMeterRegistry());
    MessageGenerator four =
        new MessageGenerator() {
          @Override
          public GeneratedMessage generate(com.fourrunr.campaign.GenerationRequest request) {
            return new GeneratedMessage("Hi", "Body", null);
          }

          @Override
          public int maxConcurrency() {
            return 4;
          }
        };

    assertThat(timing.timed(four).maxConcurrency()).isEqualTo(4);
    assertThat(timing.timed(r -> new GeneratedMessage("Hi", "Body", null)).maxConcurrency())
        .isEqualTo(1);
  }
}
