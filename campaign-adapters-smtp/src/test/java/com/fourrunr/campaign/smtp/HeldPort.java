package com.fourrunr.campaign.smtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback TCP port bound once and held by a socket that never listens, for a test's "server
 * down" address: connections to it are refused, and no other program's port-0 bind can take it, so
 * there is no window between choosing the port and using it. The socket allows address reuse, so a
 * test server (GreenMail's listening socket also allows reuse) can be started and stopped on the
 * held port, again and again, while it stays held.
 */
final class HeldPort implements AutoCloseable {
  private final Socket socket;

  private HeldPort(Socket socket) {
    this.socket = socket;
  }

  static HeldPort bind() throws IOException {
    Socket s = new Socket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    return new HeldPort(s);
  }

  int port() {
    return socket.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
