package com.fourrunr.campaign.service;

import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.OutgoingEmail;
import com.fourrunr.campaign.SendException;
import com.fourrunr.campaign.SendReceipt;
import com.fourrunr.campaign.Sender;
import java.util.Map;

/**
 * Sends each email through the sender of its From mailbox (each mailbox may have its own SMTP
 * server).
 */
final class MailboxRouter implements Sender {
  private final Map<String, Sender> byAddress;
  private final Sender fallback;

  MailboxRouter(Map<String, Sender> byAddress, Sender fallback) {
    this.byAddress = Map.copyOf(byAddress);
    this.fallback = fallback;
  }

  private Sender senderOf(Mailbox from) {
    return byAddress.getOrDefault(from.address(), fallback);
  }

  @Override
  public SendReceipt send(OutgoingEmail email) throws SendException {
    return senderOf(email.from()).send(email);
  }

  @Override
  public void batchEnded(Mailbox from) {
    senderOf(from).batchEnded(from);
  }
}
