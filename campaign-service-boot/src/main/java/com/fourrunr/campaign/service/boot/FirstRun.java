package com.fourrunr.campaign.service.boot;

import com.fourrunr.campaign.smtp.WebhookSignature;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * The first-run commands: {@code --new-operator=NAME} prints a generated password once (and its
 * hash for the settings); {@code --new-api-token=NAME} prints a generated token once (and its
 * SHA-256 for the settings). Only the hashes go into the settings.
 */
final class FirstRun {
  private static final SecureRandom RANDOM = new SecureRandom();

  private FirstRun() {}

  /** Runs a first-run command when the arguments hold one; false when they do not. */
  static boolean run(String[] args, PrintStream out) {
    Optional<String> operator = value(args, "--new-operator=");
    Optional<String> token = value(args, "--new-api-token=");
    if (operator.isPresent()) {
      String password = random(18);
      String hash = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(password);
      out.println("Password for " + operator.get() + " (shown once, keep it safe): " + password);
      out.println("Add to the settings:");
      out.println("campaign.operators[0].username=" + operator.get());
      out.println("campaign.operators[0].password-hash=" + hash);
      return true;
    }
    if (token.isPresent()) {
      String value = random(32);
      out.println("API token " + token.get() + " (shown once, keep it safe): " + value);
      out.println("Add to the settings:");
      out.println("campaign.api-tokens[0].name=" + token.get());
      out.println("campaign.api-tokens[0].sha256=" + WebhookSignature.sha256Hex(value));
      return true;
    }
    return false;
  }

  private static Optional<String> value(String[] args, String prefix) {
    for (String a : args) {
      if (a.startsWith(prefix) && a.length() > prefix.length()) {
        return Optional.of(a.substring(prefix.length()));
      }
    }
    return Optional.empty();
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
