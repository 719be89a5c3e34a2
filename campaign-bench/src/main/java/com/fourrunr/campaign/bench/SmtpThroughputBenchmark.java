package com.fourrunr.campaign.bench;

import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.OutgoingEmail;
import com.fourrunr.campaign.SendException;
import com.fourrunr.campaign.SendReceipt;
import com.fourrunr.campaign.smtp.SmtpConfig;
import com.fourrunr.campaign.smtp.SmtpMessageOptions;
import com.fourrunr.campaign.smtp.SmtpSender;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SMTP throughput of {@link SmtpSender} to a local GreenMail server: messages a second when one
 * connection is reused for a batch of {@value #BATCH} messages (what the engine does: {@code
 * batchEnded} after each batch of one mailbox), beside one connection per message (connect, EHLO,
 * send, QUIT each time). Both in the same run against the same server; the difference is the
 * connection set-up the reuse saves, on loopback (over a real network with TLS and login the saving
 * is larger).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class SmtpThroughputBenchmark {
  static final int BATCH = 100;
  private static final Mailbox FROM = new Mailbox("hello@4runr.example", "4Runr");

  GreenMail server;
  SmtpSender sender;
  long next;

  @Setup(Level.Trial)
  public void startServer() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    // A fixed EHLO name: without it each new connection looks the local host name up (DNS), which
    // would
    // measure the resolver, not SMTP.
    sender =
        SmtpSender.create(
            SmtpConfig.builder("127.0.0.1", port).heloName("bench.4runr.example").build(),
            SmtpMessageOptions.defaults(),
            Clock.systemUTC());
  }

  /** GreenMail keeps every message in memory: emptied between iterations so memory stays flat. */
  @Setup(Level.Iteration)
  public void purge() throws Exception {
    sender.batchEnded(FROM);
    server.purgeEmailFromAllMailboxes();
  }

  @TearDown(Level.Trial)
  public void stopServer() {
    sender.close();
    server.stop();
  }

  private OutgoingEmail email() {
    long n = next++;
    return new OutgoingEmail(
        FROM,
        "lead" + (n % 1000) + "@company" + (n % 50) + ".example",
        "A question on bridges " + n,
        "Hi,\n\nA short note about bridges.\n\nBest,\n4Runr",
        null,
        "<bench-" + n + "@4runr.example>",
        null,
        List.of(),
        Map.of());
  }

  /** One connection per batch of {@value #BATCH} messages of one mailbox, as the engine sends. */
  @Benchmark
  public SendReceipt reusedConnection() throws SendException {
    SendReceipt receipt = sender.send(email());
    if (next % BATCH == 0) {
      sender.batchEnded(FROM);
    }
    return receipt;
  }

  /** The baseline: a new connection for every message. */
  @Benchmark
  public SendReceipt connectionPerMessage() throws SendException {
    SendReceipt receipt = sender.send(email());
    sender.batchEnded(FROM);
    return receipt;
  }
}
