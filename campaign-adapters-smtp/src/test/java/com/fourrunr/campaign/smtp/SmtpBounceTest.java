package com.fourrunr.campaign.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.testing.InMemoryCampaignStore;
import com.fourrunr.campaign.testing.SettableClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real SMTP conversation on loopback with a server that refuses the recipient with 550 5.1.1: through the
 * SMTP adapter and the engine it is a bounce, never retried, and the campaign stops.
 */
class SmtpBounceTest {
  private static final Instant DAY0 = Instant.parse("2026-03-02T09:00:00Z");

  private final SettableClock clock = new SettableClock(DAY0);
  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private final AtomicInteger rcptCommands = new AtomicInteger();
  private ServerSocket server;

  /** Answers just enough SMTP to refuse every recipient with 550. */
  private int startRefusingServer() throws IOException {
    server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread t = new Thread(() -> {
      while (!server.isClosed()) {
        try (Socket s = server.accept()) {
          BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
          OutputStream out = s.getOutputStream();
          reply(out, "220 refuser.test ESMTP");
          String line;
          while ((line = in.readLine()) != null) {
            String cmd = line.toUpperCase(Locale.ROOT);
            if (cmd.startsWith("EHLO") || cmd.startsWith("HELO")) {
              reply(out, "250 refuser.test");
            } else if (cmd.startsWith("MAIL FROM")) {
              reply(out, "250 2.1.0 Ok");
            } else if (cmd.startsWith("RCPT TO")) {
              rcptCommands.incrementAndGet();
              reply(out, "550 5.1.1 <" + line.replaceAll(".*<|>.*", "") + ">: user unknown");
            } else if (cmd.startsWith("RSET") || cmd.startsWith("NOOP")) {
              reply(out, "250 2.0.0 Ok");
            } else if (cmd.startsWith("QUIT")) {
              reply(out, "221 2.0.0 Bye");
              break;
            } else {
              reply(out, "502 5.5.2 not implemented");
            }
          }
        } catch (IOException e) {
          // closed by the test
        }
      }
    }, "refusing-smtp");
    t.setDaemon(true);
    t.start();
    return server.getLocalPort();
  }

  private static void reply(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void recipientRefusedWith550IsABounceNotRetriedAndTheCampaignStops() throws Exception {
    int port = startRefusingServer();
    SmtpSender sender = SmtpSender.create(SmtpConfig.builder("127.0.0.1", port)
        .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(5)).build(), clock);
    List<CampaignEvent> heard = new ArrayList<>();
    CampaignEngine engine = CampaignEngine.builder().store(store).sender(sender).clock(clock)
        .schedule(SendSchedule.calendarDays()).deadLetterQueue(true).listener(heard::add)
        .from(new Mailbox("hello@4runr.example", "4Runr")).build();
    Lead ada = Lead.builder("L-ada", "ada@engines.example").firstName("Ada").company("Analytical Engines")
        .companyDescription("Analytical Engines builds calculating machines.").topServices("Engine design")
        .emailConfidence(EmailConfidence.REAL).build();
    engine.enrol(List.of(ada));

    for (int day = 0; day <= 8; day++) {
      clock.set(DAY0.plus(Duration.ofDays(day)));
      engine.runDue();
    }

    assertThat(rcptCommands.get()).isEqualTo(1);
    assertThat(store.findCampaignsByLead("L-ada").get(0).status()).isEqualTo(CampaignStatus.STOPPED);
    assertThat(heard).filteredOn(e -> e.type() == EventType.MESSAGE_BOUNCED).singleElement()
        .satisfies(e -> {
          assertThat(e.attribute("replyCode")).isEqualTo("550");
          assertThat(e.attribute("error")).contains("user unknown");
        });
    assertThat(engine.deadLetters(null, 10)).isEmpty();
    assertThat(store.isSuppressed("ada@engines.example")).isTrue();
  }
}
