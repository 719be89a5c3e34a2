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
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Signing in to the console in real headless Chromium, as an operator would. */
@SpringBootTest(
    classes = {CampaignServiceApplication.class, ConsoleSignInBrowserTest.TestClock.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleSignInBrowserTest {
  static final String PASSWORD = "correct horse battery staple";

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
    registry.add("campaign.operators[0].username", () -> "ana");
    registry.add(
        "campaign.operators[0].password-hash",
        () -> PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(PASSWORD));
  }

  @LocalServerPort int port;

  @Test
  void aWrongPasswordIsRefusedAndTheRightOneSignsIn() throws Exception {
    try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
      browser.go("/campaigns");
      assertThat(browser.driver().getCurrentUrl())
          .as("the console asks to sign in")
          .endsWith("/login");
      browser.screenshot("sign-in");

      browser.find(By.id("username")).sendKeys("ana");
      browser.find(By.id("password")).sendKeys("wrong password");
      browser.find(By.id("sign-in")).click();
      assertThat(browser.find(By.className("error")).getText())
          .contains("Wrong username or password");

      browser.signIn("ana", PASSWORD);
      assertThat(browser.find(By.id("signed-in")).getText()).isEqualTo("Signed in as ana");
      browser.screenshot("home");
    }
  }
}
