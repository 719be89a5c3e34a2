package com.fourrunr.campaign.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.RunReport;
import com.fourrunr.campaign.SendException;
import com.fourrunr.campaign.SendReceipt;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.Sender;
import com.fourrunr.campaign.testing.InMemoryCampaignStore;
import com.fourrunr.campaign.testing.SettableClock;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SMTP server goes down in the middle of a batch and comes back on the same port: through the
 * engine and the SMTP adapter, on the settable clock, every step of every campaign reaches the
 * server exactly once, in step order, as one thread per lead.
 */
class SmtpOutageTest {
  private static final Instant DAY0 = Instant.parse("2026-03-02T09:00:00Z");

  private final SettableClock clock = new SettableClock(DAY0);
  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private final List<GreenMail> servers = new ArrayList<>();

  /** What every server instance received, in arrival order. */
  private final List<MimeMessage> received = new ArrayList<>();

  private final List<HeldPort> heldPorts = new ArrayList<>();

  @AfterEach
  void stopServers() throws IOException {
    servers.forEach(GreenMail::stop);
    for (HeldPort p : heldPorts) {
      p.close();
    }
  }

  private GreenMail startServer(int port) {
    GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    servers.add(server);
    return server;
  }

  private void stop(GreenMail server) {
    received.addAll(Arrays.asList(server.getReceivedMessages()));
    server.stop();
  }

  private static Lead lead(String name, String company, String description, String services) {
    return Lead.builder("L-" + name, name + "@" + name + "-works.example")
        .firstName(name)
        .company(company)
        .companyDescription(description)
        .topServices(services)
        .emailConfidence(EmailConfidence.REAL)
        .build();
  }

  /** A port held for the whole test, so the server can stop and start on it again. */
  private int heldPort() throws IOException {
    HeldPort held = HeldPort.bind();
    heldPorts.add(held);
    return held.port();
  }

  @Test
  void serverDownDuringABatchThenBackDeliversEverythingOnceInOrder() throws Exception {
    int port = heldPort();
    GreenMail first = startServer(port);
    SmtpSender smtp =
        SmtpSender.create(
            SmtpConfig.builder("127.0.0.1", port)
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(5))
                .build(),
            clock);
    int[] delivered = {0};
    // The server dies right after it accepted the second message of the first batch.
    Sender sender =
        new Sender() {
          @Override
          public SendReceipt send(com.fourrunr.campaign.OutgoingEmail email) throws SendException {
            SendReceipt receipt = smtp.send(email);
            if (++delivered[0] == 2) {
              stop(first);
            }
            return receipt;
          }

          @Override
          public void batchEnded(Mailbox from) {
            smtp.batchEnded(from);
          }
        };
    CampaignEngine engine =
        CampaignEngine.builder()
            .store(store)
            .sender(sender)
            .clock(clock)
            .schedule(SendSchedule.calendarDays())
            .deadLetterQueue(true)
            .from(new Mailbox("hello@4runr.example", "4Runr"))
            .build();
    List<Lead> leads =
        List.of(
            lead(
                "ada",
                "Analytical Engines",
                "Analytical Engines builds calculating machines for scientists.",
                "Difference engines"),
            lead(
                "grace",
                "Navy Labs",
                "Navy Labs writes compilers for the fleet's computers.",
                "Compilers"),
            lead(
                "linus",
                "Kernel Cooperative",
                "Kernel Cooperative maintains an operating system for servers.",
                "Server kernels"),
            lead(
                "ken",
                "Bell Editors",
                "Bell Editors designs text editors and typesetting tools for publishers.",
                "Typesetting"),
            lead(
                "barbara",
                "Liskov Systems",
                "Liskov Systems trains engineers in data abstraction and fault tolerance.",
                "Engineering courses"));
    assertThat(engine.enrol(leads).enrolled()).isEqualTo(5);
    assertThat(store.findDueMessages(DAY0, 10)).as("held for review?").hasSize(5);

    RunReport during = engine.runDue();
    assertThat(during.sent()).isEqualTo(2);
    assertThat(during.retrying()).isEqualTo(3);

    // Back five minutes later, on the same port.
    GreenMail second = startServer(port);
    clock.set(DAY0.plus(Duration.ofMinutes(5)));
    assertThat(engine.runDue().sent()).isEqualTo(3);
    for (int day = 1; day <= 8; day++) {
      clock.set(DAY0.plus(Duration.ofDays(day)));
      engine.runDue();
    }
    stop(second);

    assertThat(received).hasSize(15);
    assertThat(received.stream().map(SmtpOutageTest::messageId).distinct()).hasSize(15);
    assertThat(engine.deadLetters(null, 10)).isEmpty();
    for (Lead lead : leads) {
      var campaign = store.findCampaignsByLead(lead.id()).get(0);
      assertThat(campaign.status()).isEqualTo(CampaignStatus.COMPLETED);
      List<CampaignMessage> steps = store.findMessages(campaign.id());
      assertThat(steps).extracting(CampaignMessage::status).containsOnly(DeliveryStatus.SENT);
      List<String> arrived =
          received.stream()
              .filter(m -> to(m).equals(lead.email()))
              .map(SmtpOutageTest::messageId)
              .toList();
      // In step order, each once.
      assertThat(arrived)
          .containsExactlyElementsOf(steps.stream().map(CampaignMessage::messageId).toList());
    }
  }

  private static String messageId(MimeMessage m) {
    try {
      return m.getMessageID();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String to(MimeMessage m) {
    try {
      return m.getAllRecipients()[0].toString().toLowerCase(Locale.ROOT);
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
