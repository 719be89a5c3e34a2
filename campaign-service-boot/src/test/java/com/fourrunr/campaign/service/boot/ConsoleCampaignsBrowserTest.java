package com.fourrunr.campaign.service.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.spi.StoredReply;
import com.fourrunr.campaign.testing.SettableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The campaign pages in real headless Chromium, as an operator uses them: find a lead by name and
 * pause its campaign through the confirmation page; pause every campaign of a filter; read a lead's
 * page. A lead named {@code <script>alert(1)</script>} and a reply carrying HTML show as text:
 * nothing executes.
 */
@SpringBootTest(
    classes = {CampaignServiceApplication.class, ConsoleCampaignsBrowserTest.TestClock.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleCampaignsBrowserTest {
  static final String PASSWORD = "correct horse battery staple";
  static final Instant NOW = Instant.parse("2026-12-07T08:30:00Z");
  static final String SCRIPT_NAME = "<script>alert(1)</script>";

  @TestConfiguration
  static class TestClock {
    @Bean
    @Primary
    Clock clock() {
      return new SettableClock(NOW);
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
    registry.add("campaign.operators[0].zone", () -> "Europe/Berlin");
    registry.add(
        "campaign.operators[0].password-hash",
        () -> PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(PASSWORD));
  }

  @LocalServerPort int port;
  @Autowired CampaignStore store;
  @Autowired CampaignEngine engine;

  @BeforeEach
  void seed() {
    if (store.findCampaign("C-ada").isPresent()) {
      return;
    }
    StoreChanges.Builder b = StoreChanges.builder();
    b.lead(
        Lead.builder("L-ada", "ada@analytical.example")
            .firstName("Ada")
            .lastName("Lovelace")
            .company("Analytical Engines")
            .timezone("America/New_York")
            .build());
    b.campaign(Campaign.start("C-ada", "L-ada", engine.config(), NOW.minus(Duration.ofDays(2))));
    CampaignMessage first =
        CampaignMessage.pending(
                "M-ada-0",
                "C-ada",
                "L-ada",
                0,
                MessageType.HOOK,
                "A question about engines",
                "Hi Ada,\n<b>not bold</b>",
                null)
            .withScheduled(NOW.minus(Duration.ofDays(2)))
            .withSending("<m-ada-0@4runr.example>")
            .withSent(NOW.minus(Duration.ofDays(2)), "250 OK");
    CampaignMessage second =
        CampaignMessage.pending(
                "M-ada-1", "C-ada", "L-ada", 1, MessageType.PROOF, "Re: engines", "Again", null)
            .withScheduled(Instant.parse("2026-12-08T14:00:00.123456Z"));
    b.message(first).message(second);
    b.event(
        CampaignEvent.fromStored(
            "E-ada-1",
            EventType.CAMPAIGN_CREATED,
            NOW.minus(Duration.ofDays(2)),
            "C-ada",
            "L-ada",
            null,
            Map.of()));
    b.event(
        CampaignEvent.fromStored(
            "E-ada-2",
            EventType.REPLY_RECEIVED,
            NOW.minus(Duration.ofDays(1)),
            "C-ada",
            "L-ada",
            null,
            Map.of("replyId", "R-ada", "from", "ada@analytical.example")));
    b.reply(
        new StoredReply(
            "R-ada",
            InboundReply.builder("ada@analytical.example", NOW.minus(Duration.ofDays(1)))
                .messageId("<r-ada@analytical.example>")
                .subject("Re: A question about engines")
                .text("Thanks! <img src=\"http://tracker.example/p.gif\"><script>alert(2)</script>")
                .build(),
            "C-ada",
            null,
            ""));
    b.lead(Lead.builder("L-x", "x@evil.example").firstName(SCRIPT_NAME).company("Evil").build());
    b.campaign(Campaign.start("C-x", "L-x", engine.config(), NOW));
    for (int i = 1; i <= 7; i++) {
      String id = "L-bulk-" + i;
      b.lead(
          Lead.builder(id, "p" + i + "@bulkco.example")
              .firstName("Person" + i)
              .company("Bulkco")
              .build());
      b.campaign(Campaign.start("C-bulk-" + i, id, engine.config(), NOW));
    }
    store.commit(b.build());
  }

  private static void assertNoAlert(ConsoleBrowser browser) {
    assertThatThrownBy(() -> browser.driver().switchTo().alert())
        .isInstanceOf(NoAlertPresentException.class);
  }

  private static WebElement row(ConsoleBrowser browser, String campaignId) {
    return browser.find(By.id("row-" + campaignId));
  }

  @Test
  void findALeadByNameAndPauseItsCampaignThroughTheConfirmationPage() throws Exception {
    try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
      browser.signIn("ana", PASSWORD);
      browser.submit(By.linkText("Campaigns"));
      browser.find(By.id("campaigns"));
      browser.screenshot("campaigns-list");
      assertNoAlert(browser);

      WebElement search = browser.find(By.id("search"));
      search.sendKeys("lovelace");
      search.sendKeys(Keys.ENTER);
      new WebDriverWait(browser.driver(), ConsoleBrowser.WAIT)
          .until(ExpectedConditions.urlContains("q=lovelace"));
      assertThat(browser.driver().findElements(By.cssSelector("#campaigns tbody tr"))).hasSize(1);
      WebElement ada = row(browser, "C-ada");
      assertThat(ada.getText())
          .contains("Ada Lovelace", "Analytical Engines", "ada@analytical.example", "ACTIVE")
          .contains("1 of 3 sent")
          // next send in the lead's zone and in the operator's, to the minute, zone named
          .contains("2026-12-08 09:00 America/New_York")
          .contains("2026-12-08 15:00 Europe/Berlin")
          .contains("reply received, 2026-12-06 09:30 Europe/Berlin");
      browser.screenshot("campaigns-search");

      browser.submit(ada.findElement(By.cssSelector("a.action.pause")));
      assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Pause this campaign?");
      assertThat(browser.find(By.id("confirm-name")).getText()).isEqualTo("Ada Lovelace");
      browser.screenshot("campaign-pause-confirm");
      assertThat(store.findCampaign("C-ada").orElseThrow().status())
          .as("nothing happens before the confirmation")
          .isEqualTo(CampaignStatus.ACTIVE);
      browser.submit(By.id("confirm"));

      assertThat(browser.find(By.id("notice")).getText()).isEqualTo("Campaign C-ada paused.");
      assertThat(browser.driver().getCurrentUrl()).contains("/campaigns?").contains("q=lovelace");
      assertThat(row(browser, "C-ada").findElement(By.className("status")).getText())
          .isEqualTo("PAUSED");
      assertThat(row(browser, "C-ada").getText()).contains("paused by operator ana");
      browser.screenshot("campaigns-after-pause");
      assertThat(store.findCampaign("C-ada").orElseThrow().status())
          .isEqualTo(CampaignStatus.PAUSED);

      browser.submit(row(browser, "C-ada").findElement(By.className("lead")));
      assertThat(browser.find(By.id("lead-name")).getText()).isEqualTo("Ada Lovelace");
      assertThat(browser.find(By.id("status")).getText()).isEqualTo("PAUSED");
      String page = browser.text();
      assertThat(page)
          .contains("campaign created", "reply received", "campaign paused")
          .contains("A question about engines", "Message-ID", "<m-ada-0@4runr.example>")
          .contains("In-Reply-To", "List-Unsubscribe")
          .contains("Hi Ada,\n<b>not bold</b>")
          .contains("<img src=\"http://tracker.example/p.gif\"><script>alert(2)</script>")
          .doesNotContainPattern("\\d\\d:\\d\\d:\\d\\d");
      assertThat(browser.driver().findElements(By.cssSelector("main img"))).isEmpty();
      assertThat(browser.driver().findElements(By.cssSelector("main b"))).isEmpty();
      assertNoAlert(browser);
      browser.screenshot("campaign-lead-page");
    }
  }

  @Test
  void pauseEveryCampaignOfAFilterAfterConfirmingTheCount() throws Exception {
    try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
      browser.signIn("ana", PASSWORD);
      browser.go("/campaigns");
      WebElement search = browser.find(By.id("search"));
      search.sendKeys("Bulkco");
      browser.submit(By.id("apply-filters"));
      new WebDriverWait(browser.driver(), ConsoleBrowser.WAIT)
          .until(ExpectedConditions.urlContains("q=Bulkco"));
      assertThat(browser.driver().findElements(By.cssSelector("#campaigns tbody tr"))).hasSize(7);
      browser.submit(By.id("bulk-pause"));

      assertThat(browser.find(By.id("bulk-question")).getText())
          .isEqualTo("Pause all 7 matching campaigns?");
      browser.screenshot("campaigns-bulk-confirm");
      browser.submit(By.id("confirm"));

      assertThat(browser.find(By.id("notice")).getText())
          .isEqualTo(
              "Pause of the matching campaigns: 7 paused, 0 skipped (not active), 0 failed.");
      List<WebElement> statuses =
          browser.driver().findElements(By.cssSelector("#campaigns tbody .status"));
      assertThat(statuses).hasSize(7).allMatch(s -> s.getText().equals("PAUSED"));
      browser.screenshot("campaigns-after-bulk-pause");
      for (int i = 1; i <= 7; i++) {
        assertThat(store.findCampaign("C-bulk-" + i).orElseThrow().status())
            .isEqualTo(CampaignStatus.PAUSED);
      }
      assertThat(store.findCampaign("C-x").orElseThrow().status())
          .as("outside the filter")
          .isEqualTo(CampaignStatus.ACTIVE);
    }
  }

  @Test
  void aLeadNamedLikeAScriptShowsAsTextAndNothingRuns() throws Exception {
    try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
      browser.signIn("ana", PASSWORD);
      browser.go("/campaigns");
      WebElement x = row(browser, "C-x");
      assertThat(x.findElement(By.className("lead")).getText()).isEqualTo(SCRIPT_NAME);
      assertNoAlert(browser);
      browser.screenshot("campaigns-script-name");
      browser.submit(x.findElement(By.className("lead")));
      assertThat(browser.find(By.id("lead-name")).getText()).isEqualTo(SCRIPT_NAME);
      assertNoAlert(browser);
      assertThat(browser.driver().findElements(By.cssSelector("main script"))).isEmpty();
      browser.screenshot("campaign-script-name");
      browser.submit(By.id("action-stop"));
      assertThat(browser.find(By.id("confirm-name")).getText()).isEqualTo(SCRIPT_NAME);
      assertNoAlert(browser);
    }
  }
}
