package com.fourrunr.campaign.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Whether the service listens on loopback only. Beyond loopback (a container's {@code 0.0.0.0}, a
 * host's own address) it must not run open: it needs the API token and the webhook secret, and then
 * asks for the token on every route but liveness, the signed webhooks and the signed links.
 */
final class BindAddresses {
  private BindAddresses() {}

  /** True for {@code localhost}, {@code 127.x.x.x} and {@code ::1}. */
  static boolean isLoopback(String bindAddress) {
    String address = bindAddress.trim().toLowerCase(Locale.ROOT);
    if (address.equals("localhost")) {
      return true;
    }
    if (!address.matches("[0-9.]+|[0-9a-f:\\[\\]]+")) {
      // a host name: what it stands for is decided by the resolver; treat it as exposed
      return false;
    }
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  static boolean missing(@Nullable String value) {
    return value == null || value.isBlank();
  }

  /** The refusal for an exposed address without the settings that protect it. */
  static String exposedWithoutSecrets(String bindAddress) {
    return bindAddress
        + " is not a loopback address: anyone who reaches it could enrol, replay and stop"
        + " campaigns. Set CAMPAIGN_API_TOKEN_SHA256 (every route but /health/live, tracking,"
        + " unsubscribe and the webhooks then needs Authorization: Bearer <token>) and"
        + " CAMPAIGN_INBOUND_SECRET (POST /inbound must be signed), or keep --bind 127.0.0.1 behind"
        + " a reverse proxy; for operators who sign in, run campaign-service-boot.";
  }
}
