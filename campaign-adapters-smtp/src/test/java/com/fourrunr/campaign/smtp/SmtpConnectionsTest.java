package com.fourrunr.campaign.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.OutgoingEmail;
import com.fourrunr.campaign.SendException;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.quality.QualityGates;
import com.fourrunr.campaign.testing.InMemoryCampaignStore;
import com.fourrunr.campaign.testing.SettableClock;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Connections of the SMTP adapter against real local servers: one reused connection per mailbox and
 * thread until the batch ends, a dropped connection reconnected with the message sent once, and a
 * fallback server used only while the primary cannot be reached (never after a permanent
 * rejection).
 */
class SmtpConnectionsTest {
  private static final Instant DAY0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Mailbox FROM = new Mailbox("hello@4runr.example", "4Runr");

  private final List<GreenMail> servers = new ArrayList<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void stopAll() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
    servers.forEach(GreenMail::stop);
  }

  private GreenMail startServer(int port) {
    ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    GreenMail server = new GreenMail(port == 0 ? setup.dynamicPort() : setup);
    server.start();
    servers.add(server);
    return server;
  }

  /** A GreenMail server on a port the system chooses (bound once, read back after the start). */
  private GreenMail startServer() {
    return startServer(0);
  }

  /** A port no server listens on (connections refused), held for the test. */
  private int downPort() throws IOException {
    HeldPort held = HeldPort.bind();
    closeables.add(held);
    return held.port();
  }

  private static SmtpConfig config(int port) {
    return SmtpConfig.builder("127.0.0.1", port)
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(Duration.ofSeconds(5))
        .build();
  }

  private SmtpSender sender(int... ports) {
    List<SmtpConfig> configs = Arrays.stream(ports).mapToObj(SmtpConnectionsTest::config).toList();
    SmtpSender sender =
        SmtpSender.create(configs, SmtpMessageOptions.defaults(), Clock.systemUTC());
    closeables.add(sender);
    return sender;
  }

  private static OutgoingEmail email(int n) {
    return new OutgoingEmail(
        FROM,
        "lead" + n + "@company" + n + ".example",
        "Hello " + n,
        "Body " + n,
        null,
        "<m" + n + "@4runr.example>",
        null,
        List.of(),
        Map.of());
  }

  private static List<String> messageIds(GreenMail server) {
    return Arrays.stream(server.getReceivedMessages()).map(SmtpConnectionsTest::messageId).toList();
  }

  private static String messageId(MimeMessage m) {
    try {
      return m.getMessageID();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void oneConnectionPerMailboxIsReusedUntilTheBatchEnds() throws Exception {
    GreenMail server = startServer();
    TcpProxy proxy = new TcpProxy(server.getSmtp().getPort());
    closeables.add(proxy);
    SmtpSender sender = sender(proxy.port());

    for (int i = 0; i < 5; i++) {
      sender.send(email(i));
    }
    assertThat(proxy.accepted()).isEqualTo(1);
    assertThat(sender.openConnections()).isEqualTo(1);

    sender.batchEnded(FROM);
    assertThat(sender.openConnections()).isZero();
    sender.send(email(5));

    assertThat(proxy.accepted()).isEqualTo(2);
    assertThat(messageIds(server)).hasSize(6).doesNotHaveDuplicates();
  }

  @Test
  void droppedConnectionInTheMiddleOfABatchIsReconnectedAndEachMessageArrivesOnce()
      throws Exception {
    GreenMail server = startServer();
    TcpProxy proxy = new TcpProxy(server.getSmtp().getPort());
    closeables.add(proxy);
    SmtpSender sender = sender(proxy.port());
    sender.send(email(0));
    sender.send(email(1));

    proxy.dropAll();
    for (int i = 2; i < 5; i++) {
      sender.send(email(i));
    }

    assertThat(proxy.accepted()).isEqualTo(2);
    assertThat(messageIds(server))
        .containsExactly(
            "<m0@4runr.example>",
            "<m1@4runr.example>",
            "<m2@4runr.example>",
            "<m3@4runr.example>",
            "<m4@4runr.example>");
  }

  @Test
  void everyServerUnreachableIsAPassingFailureNamingEach() throws Exception {
    int down1 = downPort();
    int down2 = downPort();
    SmtpSender sender = sender(down1, down2);

    assertThatThrownBy(() -> sender.send(email(0)))
        .isInstanceOfSatisfying(
            SendException.class,
            e -> {
              assertThat(e.isTransient()).isTrue();
              assertThat(e.getMessage())
                  .contains(":" + down1 + ": connection refused")
                  .contains(":" + down2 + ": connection refused");
            });
  }

  @Test
  void fallbackProviderIsUsedWhileThePrimaryIsUnreachableAndThePrimaryAgainOnceBack()
      throws Exception {
    // Held from the start: refused while the primary is down, the same port once it is back.
    int primaryPort = downPort();
    GreenMail fallback = startServer();
    SettableClock clock = new SettableClock(DAY0);
    InMemoryCampaignStore store = new InMemoryCampaignStore();
    SmtpSender smtp =
        SmtpSender.create(
            List.of(config(primaryPort), config(fallback.getSmtp().getPort())),
            SmtpMessageOptions.defaults(),
            clock);
    closeables.add(smtp);
    CampaignEngine engine =
        CampaignEngine.builder()
            .store(store)
            .sender(smtp)
            .clock(clock)
            .schedule(SendSchedule.calendarDays())
            .qualityGates(QualityGates.builder().uniqueness(false).build())
            .from(FROM)
            .build();
    List<Lead> leads = List.of(lead("ada"), lead("grace"), lead("linus"));
    assertThat(engine.enrol(leads).enrolled()).isEqualTo(3);

    // The primary is down: every first step goes through the fallback, none is retried or lost.
    assertThat(engine.runDue().sent()).isEqualTo(3);
    assertThat(fallback.getReceivedMessages()).hasSize(3);

    // The primary is back: the next batch goes through it again.
    GreenMail primary = startServer(primaryPort);
    for (int day = 1; day <= 10; day++) {
      clock.set(DAY0.plus(Duration.ofDays(day)));
      engine.runDue();
    }

    assertThat(fallback.getReceivedMessages()).hasSize(3);
    assertThat(primary.getReceivedMessages()).hasSize(6);
    for (Lead lead : leads) {
      Campaign c = store.findCampaignsByLead(lead.id()).get(0);
      assertThat(store.findMessages(c.id()))
          .extracting(CampaignMessage::status)
          .containsOnly(DeliveryStatus.SENT);
    }
    assertThat(smtp.openConnections()).as("closed at the end of each batch").isZero();
  }

  @Test
  void permanentRejectionByThePrimaryIsFinalAndNeverFallsBack() throws Exception {
    RefusingSmtpServer refuser = RefusingSmtpServer.start();
    closeables.add(refuser);
    int refusing = refuser.port();
    GreenMail fallback = startServer();
    SmtpSender sender = sender(refusing, fallback.getSmtp().getPort());

    assertThatThrownBy(() -> sender.send(email(0)))
        .isInstanceOfSatisfying(
            SendException.class,
            e -> {
              assertThat(e.isTransient()).isFalse();
              assertThat(e.replyCode()).isEqualTo(550);
            });
    assertThat(fallback.getReceivedMessages()).isEmpty();
  }

  private static Lead lead(String name) {
    return Lead.builder("L-" + name, name + "@" + name + "-works.example")
        .firstName(name)
        .company(name + " Works")
        .companyDescription(name + " Works builds calculating machines for scientists.")
        .topServices("Calculating machines")
        .emailConfidence(EmailConfidence.REAL)
        .build();
  }
}
