package com.fourrunr.campaign.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The service's default instance id, when {@code CAMPAIGN_INSTANCE_ID} is not set: the same every
 * time the same service starts on the same host, so a restarted instance takes back its own claims
 * at once. It is made of the host name, the configured HTTP port (two services running at once on
 * one host cannot share one, unless both use port 0) and a digest of the database location (the
 * embedded file's path, or the JDBC URL and user: never a password, which is not part of it).
 */
final class InstanceIds {
  private InstanceIds() {}

  /** {@code host:port/digest}, at most 200 characters. */
  static String derive(@Nullable String hostName, int port, String databaseLocation) {
    String host =
        hostName == null || hostName.isBlank() ? "host" : hostName.strip().toLowerCase(Locale.ROOT);
    if (host.length() > 150) {
      host = host.substring(0, 150);
    }
    return host + ":" + port + "/" + digest(databaseLocation);
  }

  /** The location of a PostgreSQL database: its URL without any password in it, and the user. */
  static String databaseLocation(String jdbcUrl, @Nullable String user) {
    String url =
        jdbcUrl
            .replaceAll("(?i)([?&;])password=[^&;]*", "$1")
            .replaceAll("//([^/:@]+):[^@/]*@", "//$1@");
    return url + " " + (user == null ? "" : user);
  }

  /** The host's name: {@code HOSTNAME} when set, else what the system resolver says, else null. */
  static @Nullable String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }

  private static String digest(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
