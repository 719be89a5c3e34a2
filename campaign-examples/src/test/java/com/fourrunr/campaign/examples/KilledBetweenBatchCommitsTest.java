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
import com.fourrunr.campaign.jdbc.EmbeddedDatabase;
import com.fourrunr.campaign.jdbc.JdbcCampaignStore;
import com.fourrunr.campaign.smtp.SmtpConfig;
import com.fourrunr.campaign.smtp.SmtpSender;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * An instance killed (Runtime.halt, in a child JVM) in a send batch, on a store that keeps no claim
 * on a SENDING message: the batch's Message-IDs were stored as SENDING in one commit, seven of its
 * twenty messages reached the SMTP peer, each recorded before the next one was handed over, and the
 * eighth died in its send, handed over. The instance is started again under the same id on the same
 * database: at the GreenMail peer no recipient and no Message-ID arrives twice, the seven recorded
 * stay SENT, the rest of the killed batch stays uncertain (SENDING) instead of being sent again,
 * and every message outside it is sent once.
 */
class KilledBetweenBatchCommitsTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final int MESSAGES = 30;
  private static final int BATCH = 20;
  private static final int SENT_BEFORE_KILL = 7;
  private static final int HALT_STATUS = 137;
  private static final String INSTANCE = "batch-instance";

  @TempDir Path dir;

  @Test
  void nothingIsSentTwiceWhenAnInstanceDiesBetweenTheSendingAndSentCommitsOfABatch()
      throws Exception {
    GreenMail peer = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    peer.start();
    try {
      Path file = dir.resolve("campaigns");
      int port = peer.getSmtp().getPort();
      Process child = startChild(file, port);
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

      CampaignStore store = JdbcCampaignStore.create(EmbeddedDatabase.file(file));
      // the whole batch was stored as SENDING before its first send; each send was recorded before
      // the next hand-over
      assertThat(store.findMessagesByStatus(DeliveryStatus.SENDING, null, 100))
          .hasSize(BATCH - SENT_BEFORE_KILL);
      assertThat(store.findMessagesByStatus(DeliveryStatus.SENT, null, 100))
          .hasSize(SENT_BEFORE_KILL);

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
        assertThat(sent).isEqualTo(MESSAGES - BATCH);
      }

      MimeMessage[] received = peer.getReceivedMessages();
      assertThat(received).hasSize(SENT_BEFORE_KILL + MESSAGES - BATCH);
      Map<String, Integer> byRecipient = new HashMap<>();
      Map<String, Integer> byMessageId = new HashMap<>();
      for (MimeMessage m : received) {
        byRecipient.merge(m.getAllRecipients()[0].toString(), 1, Integer::sum);
        byMessageId.merge(m.getMessageID(), 1, Integer::sum);
      }
      assertThat(byRecipient.values()).allMatch(n -> n == 1);
      assertThat(byMessageId.values()).allMatch(n -> n == 1);
      // the killed batch's unrecorded messages stay uncertain (SENDING), for a person to resolve;
      // the rest was sent
      assertThat(store.findMessagesByStatus(DeliveryStatus.SENDING, null, 100))
          .hasSize(BATCH - SENT_BEFORE_KILL);
      assertThat(store.findMessagesByStatus(DeliveryStatus.SENT, null, 100))
          .hasSize(SENT_BEFORE_KILL + MESSAGES - BATCH);
      // what reached the peer before the kill is recorded as SENT, by Message-ID
      List<String> sentIds =
          store.findMessagesByStatus(DeliveryStatus.SENT, null, 100).stream()
              .map(CampaignMessage::messageId)
              .toList();
      for (int i = 0; i < SENT_BEFORE_KILL; i++) {
        assertThat(sentIds).contains(received[i].getMessageID());
      }
    } finally {
      peer.stop();
    }
  }

  private static Process startChild(Path file, int port) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            Child.class.getName(),
            file.toString(),
            Integer.toString(port))
        .redirectErrorStream(true)
        .start();
  }

  static CampaignEngine engine(CampaignStore store, Sender sender) {
    return CampaignEngine.builder()
        .store(BatchCommitting.of(store))
        .sender(sender)
        .from(new Mailbox("hello@4runr.test", "4Runr"))
        .clock(Clock.fixed(T0, ZoneOffset.UTC))
        .generator(new TemplateMessageGenerator())
        .schedule(SendSchedule.calendarDays())
        .instanceId(INSTANCE)
        .batchSize(BATCH)
        .build();
  }

  /** The store, opted in to batch commits (the JDBC store keeps two commits per message). */
  static final class BatchCommitting {
    private BatchCommitting() {}

    static CampaignStore of(CampaignStore store) {
      return (CampaignStore)
          java.lang.reflect.Proxy.newProxyInstance(
              CampaignStore.class.getClassLoader(),
              new Class<?>[] {CampaignStore.class},
              (proxy, method, args) -> {
                if (method.getName().equals("commitsSendBatches")) {
                  return true;
                }
                try {
                  return method.invoke(store, args);
                } catch (java.lang.reflect.InvocationTargetException e) {
                  throw e.getCause();
                }
              });
    }
  }

  /** The instance that dies: seeds the due messages, then sends until it halts in a batch. */
  static final class Child {
    private Child() {}

    public static void main(String[] args) throws Exception {
      CampaignStore store = JdbcCampaignStore.create(EmbeddedDatabase.file(Path.of(args[0])));
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
              if (sends == SENT_BEFORE_KILL) {
                System.out.println("halting after " + sends + " sends");
                System.out.flush();
                Runtime.getRuntime().halt(HALT_STATUS);
              }
              sends++;
              return smtp.send(email);
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
