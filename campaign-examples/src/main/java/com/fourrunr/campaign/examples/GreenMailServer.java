package com.fourrunr.campaign.examples;

import com.fourrunr.campaign.service.LocalMailServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/** {@code ./campaign serve}'s in-process SMTP server: GreenMail on 127.0.0.1 and a free port. */
final class GreenMailServer implements LocalMailServer {
  private final GreenMail greenMail;

  private GreenMailServer(GreenMail greenMail) {
    this.greenMail = greenMail;
  }

  /** Starts GreenMail's SMTP service on a free port of 127.0.0.1. */
  static GreenMailServer start() {
    GreenMail gm = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    gm.start();
    return new GreenMailServer(gm);
  }

  @Override
  public String host() {
    return "127.0.0.1";
  }

  @Override
  public int port() {
    return greenMail.getSmtp().getPort();
  }

  @Override
  public void close() {
    greenMail.stop();
  }
}
