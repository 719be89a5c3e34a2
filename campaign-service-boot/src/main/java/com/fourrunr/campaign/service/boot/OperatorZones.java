package com.fourrunr.campaign.service.boot;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each operator's time zone ({@code campaign.operators[i].zone}), checked at start: a zone that is
 * not an IANA id stops the service with a message naming the setting. Operators without one see
 * times in the service's zone.
 */
final class OperatorZones {
  private final Map<String, ZoneId> zones = new HashMap<>();
  private final ZoneId serviceZone;

  OperatorZones(List<ServiceSecurityProperties.Operator> operators, ZoneId serviceZone) {
    this.serviceZone = serviceZone;
    for (int i = 0; i < operators.size(); i++) {
      ServiceSecurityProperties.Operator o = operators.get(i);
      String zone = o.getZone();
      if (zone == null || zone.isBlank()) {
        continue;
      }
      try {
        zones.put(o.getUsername(), ZoneId.of(zone.strip()));
      } catch (DateTimeException e) {
        throw new IllegalStateException(
            "campaign.operators["
                + i
                + "].zone: '"
                + zone.strip()
                + "' is not an IANA time zone id (for example Europe/Berlin)");
      }
    }
  }

  /** The zone {@code username} sees times in. */
  ZoneId of(String username) {
    return zones.getOrDefault(username, serviceZone);
  }
}
