package com.fourrunr.campaign.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SMTP peer on loopback that answers just enough of the protocol to refuse every recipient
 * with {@code 550 5.1.1}: what GreenMail cannot be told to do. Counts the RCPT commands it saw.
 */
final class RefusingSmtpServer implements AutoCloseable {
  private final ServerSocket server;
  private final AtomicInteger rcptCommands = new AtomicInteger();

  private RefusingSmtpServer() throws IOException {
    server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
  }

  /** Starts one on a free port. */
  static RefusingSmtpServer start() throws IOException {
    RefusingSmtpServer s = new RefusingSmtpServer();
    Thread t = new Thread(s::serve, "refusing-smtp");
    t.setDaemon(true);
    t.start();
    return s;
  }

  int port() {
    return server.getLocalPort();
  }

  /** RCPT commands received so far. */
  int rcptCommands() {
    return rcptCommands.get();
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = s.getOutputStream();
        reply(out, "220 refuser.test ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
          String cmd = line.toUpperCase(Locale.ROOT);
          if (cmd.startsWith("EHLO") || cmd.startsWith("HELO")) {
            reply(out, "250 refuser.test");
          } else if (cmd.startsWith("MAIL FROM")
              || cmd.startsWith("RSET")
              || cmd.startsWith("NOOP")) {
            reply(out, "250 2.0.0 Ok");
          } else if (cmd.startsWith("RCPT TO")) {
            rcptCommands.incrementAndGet();
            reply(out, "550 5.1.1 <" + line.replaceAll(".*<|>.*", "") + ">: user unknown");
          } else if (cmd.startsWith("QUIT")) {
            reply(out, "221 2.0.0 Bye");
            break;
          } else {
            reply(out, "502 5.5.2 command not recognised");
          }
        }
      } catch (IOException e) {
        // closed by the test
      }
    }
  }

  private static void reply(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
