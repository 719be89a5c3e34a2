package com.fourrunr.campaign.service.boot;

import com.fourrunr.campaign.smtp.WebhookSignature;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The API tokens, held as SHA-256 hashes; a presented token is hashed and compared in constant
 * time.
 */
final class BearerTokens {
  private record Entry(String name, byte[] sha256) {}

  private final List<Entry> entries;

  BearerTokens(List<ServiceSecurityProperties.ApiToken> tokens) {
    this.entries =
        tokens.stream()
            .map(
                t -> {
                  byte[] hash;
                  try {
                    hash = HexFormat.of().parseHex(t.getSha256().trim());
                  } catch (IllegalArgumentException e) {
                    hash = new byte[0];
                  }
                  if (hash.length != 32) {
                    throw new IllegalStateException(
                        "campaign.api-tokens: the token '"
                            + t.getName()
                            + "' has no sha256 of 64 hex digits");
                  }
                  return new Entry(t.getName(), hash);
                })
            .toList();
  }

  /** The token's name when the presented token matches one. */
  Optional<String> match(String token) {
    byte[] given = HexFormat.of().parseHex(WebhookSignature.sha256Hex(token));
    String found = null;
    for (Entry e : entries) {
      if (MessageDigest.isEqual(e.sha256(), given) && found == null) {
        found = e.name();
      }
    }
    return Optional.ofNullable(found);
  }
}
