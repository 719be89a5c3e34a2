package com.fourrunr.campaign.spring;

import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.OutgoingEmail;
import com.fourrunr.campaign.SendException;
import com.fourrunr.campaign.SendReceipt;
import com.fourrunr.campaign.Sender;
import java.util.Map;

/** Sends each email through the sender of its From mailbox; the first mailbox's for any other. */
final class MailboxSenders implements Sender {
  private final Map<String, Sender> byAddress;
  private final Sender first;

  MailboxSenders(Map<String, Sender> byAddress, Sender first) {
    this.byAddress = Map.copyOf(byAddress);
    this.first = first;
  }

  private Sender senderOf(Mailbox from) {
    return byAddress.getOrDefault(from.address(), first);
  }

  @Override
  public SendReceipt send(OutgoingEmail email) throws SendException {
    return senderOf(email.from()).send(email);
  }

  @Override
  public void batchEnded(Mailbox from) {
    senderOf(from).batchEnded(from);
  }

  @Override
  public String toString() {
    return "MailboxSenders" + byAddress.keySet();
  }
}
