package com.fourrunr.campaign.service.boot;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignStatus;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What an operator can do to a campaign from the console, and from which statuses. */
enum CampaignAction {
  PAUSE("Pause", "paused", Set.of(CampaignStatus.ACTIVE)),
  RESUME("Resume", "resumed", Set.of(CampaignStatus.PAUSED)),
  STOP(
      "Stop",
      "stopped",
      Set.of(
          CampaignStatus.ACTIVE,
          CampaignStatus.PAUSED,
          CampaignStatus.HELD,
          CampaignStatus.COMPLETED)),
  APPROVE("Approve", "approved", Set.of(CampaignStatus.HELD));

  private final String label;
  private final String done;
  private final Set<CampaignStatus> from;

  CampaignAction(String label, String done, Set<CampaignStatus> from) {
    this.label = label;
    this.done = done;
    this.from = from;
  }

  /** The button's text. */
  String label() {
    return label;
  }

  /** The past participle for notices ("paused"). */
  String done() {
    return done;
  }

  /** The path segment ("pause"). */
  String path() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether a campaign in {@code status} can take this action. */
  boolean appliesTo(CampaignStatus status) {
    return from.contains(status);
  }

  /** Does it, in the name of {@code operator}. */
  void apply(CampaignEngine engine, String campaignId, String operator) {
    switch (this) {
      case PAUSE -> engine.pause(campaignId, "paused by operator " + operator);
      case RESUME -> engine.resume(campaignId);
      case STOP -> engine.stop(campaignId, "stopped by operator " + operator);
      case APPROVE -> engine.approve(campaignId);
    }
  }

  /** The action of a path segment, if any. */
  static Optional<CampaignAction> of(String path) {
    for (CampaignAction a : values()) {
      if (a.path().equals(path)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
