package com.fourrunr.campaign.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.OutgoingEmail;
import com.fourrunr.campaign.SendException;
import com.fourrunr.campaign.SendReceipt;
import com.fourrunr.campaign.Sender;
import com.fourrunr.campaign.jdbc.JdbcCampaignStore;
import com.fourrunr.campaign.smtp.SmtpConfig;
import com.fourrunr.campaign.smtp.SmtpMessageOptions;
import com.fourrunr.campaign.smtp.SmtpSender;
import com.fourrunr.campaign.spring.CampaignRunnerLifecycle;
import com.fourrunr.campaign.testing.SettableClock;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application is stopped while the runner is in the middle of a batch: the batch's messages
 * already claimed are sent, nothing new is claimed, no message is left SENDING without having been
 * sent, and after a restart the rest goes out with nothing sent twice (counted at GreenMail).
 */
class GracefulShutdownTest {
  static final GreenMail smtp = TestInfrastructure.startSmtp();
  static final CountDownLatch secondSendStarted = new CountDownLatch(1);
  static final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stopSmtp() {
    smtp.stop();
  }

  /** The host's own sender: SMTP to GreenMail, holding the second send until the test says so. */
  @Configuration(proxyBeanMethods = false)
  static class HoldingSender {
    @Bean
    SettableClock clock() {
      return new SettableClock(TestInfrastructure.DAY0);
    }

    @Bean
    Sender sender(Clock clock) {
      SmtpSender out =
          SmtpSender.create(
              SmtpConfig.builder("127.0.0.1", smtp.getSmtp().getPort())
                  .security(SmtpConfig.Security.NONE)
                  .build(),
              SmtpMessageOptions.defaults(),
              clock);
      AtomicInteger sends = new AtomicInteger();
      return new Sender() {
        @Override
        public SendReceipt send(OutgoingEmail email) throws SendException {
          if (sends.incrementAndGet() == 2) {
            secondSendStarted.countDown();
            try {
              release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return out.send(email);
        }

        @Override
        public void batchEnded(Mailbox from) {
          out.batchEnded(from);
        }
      };
    }
  }

  /** The second start: the sample application's own SMTP sender, only the clock is the test's. */
  @Configuration(proxyBeanMethods = false)
  static class TestClock {
    @Bean
    SettableClock clock() {
      return new SettableClock(TestInfrastructure.DAY0);
    }
  }

  private static ConfigurableApplicationContext start(String url, Class<?> config) {
    List<String> args = new ArrayList<>();
    for (String p : TestInfrastructure.properties(url, smtp.getSmtp().getPort())) {
      args.add("--" + p);
    }
    args.add("--server.port=0");
    args.add("--campaign.runner.interval=1d");
    args.add("--campaign.runner.batch-size=3");
    args.add("--campaign.runner.shutdown-timeout=60s");
    return new SpringApplicationBuilder(SampleApplication.class, config)
        .run(args.toArray(String[]::new));
  }

  @Test
  void closingMidBatchFinishesTheBatchClaimsNothingMoreAndSendsNothingTwice() throws Exception {
    String database = TestInfrastructure.newDatabase();
    String url = TestInfrastructure.postgres().getJdbcUrl("postgres", database);

    ConfigurableApplicationContext first = start(url, HoldingSender.class);
    CampaignEngine engine = first.getBean(CampaignEngine.class);
    CampaignRunnerLifecycle runner = first.getBean(CampaignRunnerLifecycle.class);
    assertThat(runner.isRunning()).isTrue();
    assertThat(engine.enrol(TestInfrastructure.leads(5)).enrolled()).isEqualTo(5);
    var round = runner.runNow();
    assertThat(secondSendStarted.await(60, TimeUnit.SECONDS)).isTrue();

    Thread closer = new Thread(first::close, "closer");
    closer.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!runner.isDraining() && System.nanoTime() < deadline) {
      Thread.onSpinWait(); // bounded: the context's stop reaches the runner within moments
    }
    assertThat(runner.isDraining()).isTrue();
    release.countDown();
    closer.join(TimeUnit.SECONDS.toMillis(90));
    assertThat(closer.isAlive()).isFalse();
    assertThat(round.isDone()).isTrue();

    // The batch under way (3 claimed) was finished; nothing more was claimed.
    JdbcCampaignStore store =
        JdbcCampaignStore.createWithoutMigration(
            TestInfrastructure.postgres().getDatabase("postgres", database));
    assertThat(smtp.getReceivedMessages()).hasSize(3);
    assertThat(store.findMessagesByStatus(DeliveryStatus.SENDING, null, 100)).isEmpty();
    assertThat(store.findMessagesByStatus(DeliveryStatus.SENT, null, 100)).hasSize(3);

    ConfigurableApplicationContext second = start(url, TestClock.class);
    try {
      second.getBean(CampaignRunnerLifecycle.class).runNow().get(120, TimeUnit.SECONDS);
    } finally {
      second.close();
    }
    MimeMessage[] received = smtp.getReceivedMessages();
    List<String> recipients =
        Arrays.stream(received).map(GracefulShutdownTest::recipient).sorted().toList();
    assertThat(recipients)
        .containsExactly(
            "person1@example.com",
            "person2@example.com",
            "person3@example.com",
            "person4@example.com",
            "person5@example.com");
    assertThat(store.findMessagesByStatus(DeliveryStatus.SENDING, null, 100)).isEmpty();
    assertThat(store.findMessagesByStatus(DeliveryStatus.SENT, null, 100)).hasSize(5);
  }

  private static String recipient(MimeMessage m) {
    try {
      return m.getRecipients(Message.RecipientType.TO)[0].toString();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
