package com.fourrunr.campaign.jdbc;

import com.fourrunr.campaign.CampaignConfig;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Campaign configurations parsed once: a stored configuration is immutable text, so the parsed
 * value is kept by that text (campaigns share a few configurations, and a campaign's configuration
 * changes only with a new version, which stores new text). Bounded: the cache is emptied when it
 * holds {@value #MAX} configurations.
 */
final class Configs {
  static final int MAX = 1_024;
  private static final ConcurrentHashMap<String, CampaignConfig> PARSED = new ConcurrentHashMap<>();

  private Configs() {}

  static CampaignConfig parse(String json) {
    CampaignConfig config = PARSED.get(json);
    if (config == null) {
      config = Json.read(json, CampaignConfig.class);
      if (PARSED.size() >= MAX) {
        PARSED.clear();
      }
      PARSED.put(json, config);
    }
    return config;
  }
}
