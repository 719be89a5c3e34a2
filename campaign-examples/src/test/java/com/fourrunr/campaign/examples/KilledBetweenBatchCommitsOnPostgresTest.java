package com.fourrunr.campaign.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.OutgoingEmail;
import com.fourrunr.campaign.RunReport;
import com.fourrunr.campaign.SendException;
import com.fourrunr.campaign.SendReceipt;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.Sender;
import com.fourrunr.campaign.jdbc.JdbcCampaignStore;
import com.fourrunr.campaign.smtp.SmtpConfig;
import com.fourrunr.campaign.smtp.SmtpSender;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * On PostgreSQL, with a store that commits send batches (JdbcCampaignStore.withSendBatches, the
 * default): an instance killed (Runtime.halt, in a child JVM) right after the seventh of a batch of
 * twenty messages reached the SMTP peer, before the commit that records that send. The batch was
 * stored as SENDING in one commit; each message kept its claim until it was handed over to the
 * sender, and each send was recorded together with the next hand-over; the database server stayed
 * up. Started again under the same id: the six recorded stay SENT, the seventh (handed over, not
 * recorded) stays uncertain (SENDING), the thirteen never handed over are sent once with the
 * Message-IDs stored for them, and at the GreenMail peer every recipient gets its step exactly
 * once.
 */
class KilledBetweenBatchCommitsOnPostgresTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final int MESSAGES = 30;
  private static final int BATCH = 20;
  private static final int SENT_BEFORE_KILL = 7;
  private static final int HALT_STATUS = 137;
  private static final String INSTANCE = "batch-instance";

  @Test
  void theMessagesOfAKilledBatchNeverHandedOverAreSentOnceAndOnlyTheLastHandedOverStaysUncertain()
      throws Exception {
    GreenMail peer = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    peer.start();
    // the server stays up: the instance is what dies
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      String url = pg.getJdbcUrl("postgres", "postgres");
      int port = peer.getSmtp().getPort();
      Process child = startChild(url, port);
      List<String> lines = new ArrayList<>();
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          lines.add(line);
        }
      }
      assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child exited: %s", lines).isTrue();
      assertThat(child.exitValue()).as("halted: %s", lines).isEqualTo(HALT_STATUS);
      assertThat(lines).contains("halting after " + SENT_BEFORE_KILL + " sends");
      assertThat(peer.getReceivedMessages()).hasSize(SENT_BEFORE_KILL);

      CampaignStore store = JdbcCampaignStore.create(dataSource(url)).withSendBatches();
      assertThat(store.commitsSendBatches()).isTrue();
      // the whole batch was stored as SENDING before its first send; each send but the last was
      // recorded before the next hand-over
      assertThat(store.findMessagesByStatus(DeliveryStatus.SENDING, null, 100))
          .hasSize(BATCH - SENT_BEFORE_KILL + 1);
      List<CampaignMessage> recordedBeforeKill =
          store.findMessagesByStatus(DeliveryStatus.SENT, null, 100);
      assertThat(recordedBeforeKill).hasSize(SENT_BEFORE_KILL - 1);
      Map<String, String> storedMessageIds = new HashMap<>();
      store
          .findMessagesByStatus(DeliveryStatus.SENDING, null, 100)
          .forEach(m -> storedMessageIds.put(m.id(), String.valueOf(m.messageId())));

      try (SmtpSender smtp = SmtpSender.create(SmtpConfig.builder("127.0.0.1", port).build())) {
        CampaignEngine restarted = engine(store, smtp);
        int sent = 0;
        for (int round = 0; round < 10; round++) {
          RunReport r = restarted.runDue();
          sent += r.sent();
          if (r.sent() + r.retrying() + r.failed() == 0) {
            break;
          }
        }
        // the batch's messages never handed over, and the messages outside the batch
        assertThat(sent).isEqualTo(MESSAGES - SENT_BEFORE_KILL);
      }

      MimeMessage[] received = peer.getReceivedMessages();
      assertThat(received).hasSize(MESSAGES);
      Map<String, Integer> byRecipient = new HashMap<>();
      Map<String, Integer> byMessageId = new HashMap<>();
      for (MimeMessage m : received) {
        byRecipient.merge(m.getAllRecipients()[0].toString(), 1, Integer::sum);
        byMessageId.merge(m.getMessageID(), 1, Integer::sum);
      }
      assertThat(byRecipient.values()).allMatch(n -> n == 1);
      assertThat(byMessageId.values()).allMatch(n -> n == 1);
      assertThat(byRecipient).hasSize(MESSAGES);
      // the send that reached the peer last before the kill stays uncertain (SENDING), for a person
      // to resolve; the ones before it were recorded under the Message-IDs the peer got
      List<String> uncertainIds =
          store.findMessagesByStatus(DeliveryStatus.SENDING, null, 100).stream()
              .map(CampaignMessage::messageId)
              .toList();
      assertThat(uncertainIds).containsExactly(received[SENT_BEFORE_KILL - 1].getMessageID());
      List<String> recordedIds =
          recordedBeforeKill.stream().map(CampaignMessage::messageId).toList();
      for (int i = 0; i < SENT_BEFORE_KILL - 1; i++) {
        assertThat(recordedIds).contains(received[i].getMessageID());
      }
      List<CampaignMessage> sentNow = store.findMessagesByStatus(DeliveryStatus.SENT, null, 100);
      assertThat(sentNow).hasSize(MESSAGES - 1);
      // the batch's others went out under the Message-IDs stored for them before the kill
      for (CampaignMessage m : sentNow) {
        if (storedMessageIds.containsKey(m.id())) {
          assertThat(m.messageId()).isEqualTo(storedMessageIds.get(m.id()));
        }
      }
      assertThat(sentNow.stream().filter(m -> storedMessageIds.containsKey(m.id())))
          .hasSize(BATCH - SENT_BEFORE_KILL);
    } finally {
      peer.stop();
    }
  }

  private static PGSimpleDataSource dataSource(String url) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(url);
    ds.setUser("postgres");
    return ds;
  }

  private static Process startChild(String url, int port) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            Child.class.getName(),
            url,
            Integer.toString(port))
        .redirectErrorStream(true)
        .start();
  }

  static CampaignEngine engine(CampaignStore store, Sender sender) {
    return CampaignEngine.builder()
        .store(store)
        .sender(sender)
        .from(new Mailbox("hello@4runr.test", "4Runr"))
        .clock(Clock.fixed(T0, ZoneOffset.UTC))
        .generator(new TemplateMessageGenerator())
        .schedule(SendSchedule.calendarDays())
        .instanceId(INSTANCE)
        .batchSize(BATCH)
        .build();
  }

  /**
   * The instance that dies: seeds the due messages, then sends until it halts in a batch, right
   * after a send reached the peer.
   */
  static final class Child {
    private Child() {}

    public static void main(String[] args) throws Exception {
      CampaignStore store = JdbcCampaignStore.create(dataSource(args[0])).withSendBatches();
      CampaignConfig config = CampaignConfig.defaults(new Mailbox("hello@4runr.test", "4Runr"));
      StoreChanges.Builder b = StoreChanges.builder();
      for (int i = 0; i < MESSAGES; i++) {
        String id = String.format("%03d", i);
        b.lead(
            Lead.builder("L-" + id, "person" + id + "@example.com")
                .firstName("P" + id)
                .emailConfidence(EmailConfidence.REAL)
                .build());
        b.campaign(Campaign.start("C-" + id, "L-" + id, config, T0.minusSeconds(3600)));
        b.message(
            CampaignMessage.pending(
                    "M-" + id,
                    "C-" + id,
                    "L-" + id,
                    0,
                    MessageType.HOOK,
                    "Subject " + id,
                    "Body " + id,
                    null)
                .withScheduled(T0.minusSeconds(MESSAGES - i)));
      }
      store.commit(b.build());
      SmtpSender smtp =
          SmtpSender.create(SmtpConfig.builder("127.0.0.1", Integer.parseInt(args[1])).build());
      Sender dying =
          new Sender() {
            private int sends;

            @Override
            public SendReceipt send(OutgoingEmail email) throws SendException {
              SendReceipt receipt = smtp.send(email);
              sends++;
              if (sends == SENT_BEFORE_KILL) {
                System.out.println("halting after " + sends + " sends");
                System.out.flush();
                Runtime.getRuntime().halt(HALT_STATUS);
              }
              return receipt;
            }

            @Override
            public void batchEnded(Mailbox from) {
              smtp.batchEnded(from);
            }
          };
      engine(store, dying).runDue();
      System.out.println("not halted");
    }
  }
}
