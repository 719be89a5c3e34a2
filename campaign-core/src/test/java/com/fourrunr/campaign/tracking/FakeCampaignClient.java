package com.fourrunr.campaign.tracking;

import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.EventPayload;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.QueueStatus;
import com.fourrunr.campaign.spi.CampaignClient;
import com.fourrunr.campaign.spi.CampaignStore;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A small {@link CampaignClient} for core's own tests of the tracking endpoints (campaign-testing's
 * fakes depend on core, so core's tests cannot use them): it holds messages and events in lists,
 * records what the handler asks for, and can be told to fail. The store answers only the two reads
 * the handler makes; any other call fails the test.
 */
final class FakeCampaignClient implements CampaignClient {
  final List<CampaignMessage> messages = new ArrayList<>();
  final List<CampaignEvent> events = new ArrayList<>();
  final List<String[]> unsubscribes = new ArrayList<>();
  Instant now;
  @Nullable RuntimeException readFailure;
  @Nullable RuntimeException writeFailure;

  FakeCampaignClient(Instant now) {
    this.now = now;
  }

  /** The engagements recorded, in order. */
  List<CampaignEvent> recorded() {
    return events.stream()
        .filter(e -> e.type() == EventType.MESSAGE_OPENED || e.type() == EventType.LINK_CLICKED)
        .toList();
  }

  @Override
  public CampaignStore store() {
    return (CampaignStore)
        Proxy.newProxyInstance(
            CampaignStore.class.getClassLoader(),
            new Class<?>[] {CampaignStore.class},
            (proxy, method, args) -> {
              if (readFailure != null) {
                throw readFailure;
              }
              return switch (method.getName()) {
                case "findMessages" ->
                    messages.stream().filter(m -> m.campaignId().equals(args[0])).toList();
                case "findEvents" ->
                    events.stream().filter(e -> args[0].equals(e.campaignId())).toList();
                default ->
                    throw new UnsupportedOperationException("not faked: " + method.getName());
              };
            });
  }

  @Override
  public Clock clock() {
    return Clock.fixed(now, ZoneOffset.UTC);
  }

  @Override
  public CampaignEvent recordEngagement(CampaignMessage message, EventPayload payload) {
    if (writeFailure != null) {
      throw writeFailure;
    }
    CampaignEvent e =
        new CampaignEvent(
            "E-" + (events.size() + 1),
            now,
            message.campaignId(),
            message.leadId(),
            message.id(),
            payload);
    events.add(e);
    return e;
  }

  @Override
  public boolean unsubscribe(String email, @Nullable String campaignId, String source) {
    if (writeFailure != null) {
      throw writeFailure;
    }
    unsubscribes.add(new String[] {email, campaignId, source});
    return true;
  }

  @Override
  @Deprecated
  public CampaignEvent recordEngagement(
      EventType type, CampaignMessage message, Map<String, String> attributes) {
    throw new UnsupportedOperationException("not used by the handler");
  }

  @Override
  public CampaignConfig config() {
    throw new UnsupportedOperationException("not used by the handler");
  }

  @Override
  public boolean hasReplySource() {
    throw new UnsupportedOperationException("not used by the handler");
  }

  @Override
  public Optional<Instant> lastReplyPoll() {
    throw new UnsupportedOperationException("not used by the handler");
  }

  @Override
  public QueueStatus queueStatus() {
    throw new UnsupportedOperationException("not used by the handler");
  }

  @Override
  public boolean pauseMailbox(String address, String reason) {
    throw new UnsupportedOperationException("not used by the handler");
  }

  @Override
  public Map<String, String> pausedMailboxes() {
    throw new UnsupportedOperationException("not used by the handler");
  }

  @Override
  public void recordAlert(String rule, String reason, Map<String, String> attributes) {
    throw new UnsupportedOperationException("not used by the handler");
  }
}
