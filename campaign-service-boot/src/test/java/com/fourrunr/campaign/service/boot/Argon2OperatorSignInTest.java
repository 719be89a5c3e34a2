package com.fourrunr.campaign.service.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.testing.SettableClock;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An operator whose password hash is {@code {argon2}...} (Spring Security's Argon2 encoder, on
 * Bouncy Castle) signs in; the same password with one character changed does not.
 */
@SpringBootTest(
    classes = {CampaignServiceApplication.class, Argon2OperatorSignInTest.TestClock.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class Argon2OperatorSignInTest {
  static final String PASSWORD = "argon2 is memory hard";
  static final String HASH =
      "{argon2}" + Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(PASSWORD);

  @TestConfiguration
  static class TestClock {
    @Bean
    @Primary
    Clock clock() {
      return new SettableClock(Instant.parse("2026-12-01T10:00:00Z"));
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add(
        "campaign.store.embedded-path", () -> "target/test-data/" + UUID.randomUUID() + "/c");
    registry.add("campaign.runner.enabled", () -> "false");
    registry.add("campaign.mailboxes[0].address", () -> "hello@4runr.example");
    registry.add("campaign.mailboxes[0].smtp.host", () -> "127.0.0.1");
    registry.add("campaign.mailboxes[0].smtp.port", () -> "2525");
    registry.add("campaign.operators[0].username", () -> "bo");
    registry.add("campaign.operators[0].password-hash", () -> HASH);
  }

  @LocalServerPort int port;

  @Test
  void anArgon2HashSignsInWithItsPasswordOnly() throws Exception {
    assertThat(HASH).startsWith("{argon2}$argon2id$");
    try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
      browser.go("/login");
      browser.find(By.id("username")).sendKeys("bo");
      browser.find(By.id("password")).sendKeys(PASSWORD.replace('m', 'n'));
      browser.find(By.id("sign-in")).click();
      assertThat(browser.find(By.className("error")).getText())
          .contains("Wrong username or password");

      browser.signIn("bo", PASSWORD);
      assertThat(browser.find(By.id("signed-in")).getText()).isEqualTo("Signed in as bo");
    }
  }
}
