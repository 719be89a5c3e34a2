package com.fourrunr.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.StoreChanges;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database keeps every commit when its process is killed hard: a child JVM commits and
 * then dies without any shutdown (Runtime.halt, or SIGKILL from the parent), and the parent finds
 * the writes in the file. Before WRITE_DELAY=0 the last half second of commits was lost this way.
 */
class HardKillDurabilityTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final int COMMITS = 5;

  @TempDir Path dir;

  @Test
  void aCommitMadeJustBeforeRuntimeHaltIsInTheFile() throws Exception {
    Path file = dir.resolve("halted");
    Process child = start(file, "halt");
    List<String> lines = ChildJvms.readAll(child);
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child exited; output %s", lines).isTrue();
    assertThat(child.exitValue()).as("halted, output %s", lines).isEqualTo(HALT_STATUS);
    assertThat(lines).contains("committed " + COMMITS, "sending committed");

    assertEveryWriteIsThere(JdbcCampaignStore.create(EmbeddedDatabase.file(file)), COMMITS);
  }

  @Test
  void commitsSeenByTheParentSurviveASigkill() throws Exception {
    Path file = dir.resolve("killed");
    Process child = start(file, "wait");
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String line;
    while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
      seen.add(line);
      if (line.equals("sending committed")) {
        break;
      }
    }
    assertThat(seen)
        .as("the child committed everything before the kill")
        .contains("sending committed");
    child.destroyForcibly(); // SIGKILL: no shutdown hook, no H2 close
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertEveryWriteIsThere(JdbcCampaignStore.create(EmbeddedDatabase.file(file)), COMMITS);
  }

  private static void assertEveryWriteIsThere(CampaignStore store, int commits) {
    for (int i = 1; i <= commits; i++) {
      assertThat(store.findLead("L-" + i)).as("lead of commit %d", i).isPresent();
    }
    // the last commit: the message recorded as being sent, with its Message-ID, right before the
    // death
    CampaignMessage m = store.findMessageByMessageId("<hard-kill@4runr.test>").orElseThrow();
    assertThat(m.status()).isEqualTo(DeliveryStatus.SENDING);
  }

  private static Process start(Path file, String mode) throws Exception {
    return ChildJvms.start(Child.class, file.toString(), mode);
  }

  static final int HALT_STATUS = 77;

  /**
   * The child: commits leads one by one, then a message going SENDING, then dies or waits to be
   * killed.
   */
  static final class Child {
    public static void main(String[] args) throws Exception {
      CampaignStore store = JdbcCampaignStore.create(EmbeddedDatabase.file(Path.of(args[0])));
      CampaignConfig config = CampaignConfig.defaults(new Mailbox("hello@4runr.test", "4Runr"));
      for (int i = 1; i <= COMMITS; i++) {
        Lead lead =
            Lead.builder("L-" + i, "person" + i + "@example.com").firstName("P" + i).build();
        StoreChanges.Builder b = StoreChanges.builder().lead(lead);
        if (i == 1) {
          b.campaign(Campaign.start("C-1", lead.id(), config, T0))
              .message(
                  CampaignMessage.pending(
                          "M-1", "C-1", lead.id(), 0, MessageType.HOOK, "Hello", "Body", null)
                      .withScheduled(T0));
        }
        store.commit(b.build());
        System.out.println("committed " + i);
      }
      CampaignMessage due = store.findMessages("C-1").get(0);
      store.commit(
          StoreChanges.builder().message(due.withSending("<hard-kill@4runr.test>")).build());
      System.out.println("sending committed");
      System.out.flush();
      if (args[1].equals("halt")) {
        Runtime.getRuntime().halt(HALT_STATUS); // no shutdown hooks: H2 is not closed
      }
      Thread.currentThread().join(); // until the parent kills this process
    }
  }
}
