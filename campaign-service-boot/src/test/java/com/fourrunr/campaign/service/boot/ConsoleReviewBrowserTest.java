package com.fourrunr.campaign.service.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.OutgoingEmail;
import com.fourrunr.campaign.ReplyCategory;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The review queue in real headless Chromium, as an operator uses it: a held campaign approved
 * after its subject is edited (and sent with that subject), a category chosen for a mail kept for
 * review (the campaign stops and the address is suppressed), and hostile content that must neither
 * run nor load.
 */
class ConsoleReviewBrowserTest extends ConsoleOpsFixture {

  @Test
  void anOperatorEditsAHeldCampaignsSubjectThenApprovesAndTheEditedSubjectIsSent()
      throws Exception {
    Lead lead = lead("R-edit", "Nadia", "nadia@held-edit.example");
    Campaign held =
        held(lead, "Hi", "Hi {{first_name}}, act now!! Orbit Fresh deliveries are great.");
    try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
      browser.signIn("ana", PASSWORD).go("/review");
      WebElement section = browser.find(By.id("held-" + held.id()));
      assertThat(section.getText())
          .contains("Nadia Tester")
          .contains("nadia@held-edit.example")
          .contains("brand.placeholders: FAIL")
          .contains("Hi {{first_name}}, act now!!");
      browser.screenshot("review-queue");

      browser.submit(section.findElement(By.className("edit")));
      WebElement subject = browser.find(By.id("subject0"));
      WebElement body = browser.find(By.id("body0"));
      // first a subject the gates refuse: the page says why and nothing changes
      subject.clear();
      subject.sendKeys("Hi");
      body.clear();
      body.sendKeys(
          "Hello Nadia, I saw that Orbit Fresh delivers organic groceries to offices in Lyon."
              + " Teams that deliver fresh food every morning often tell us the hard part is"
              + " planning routes when orders change late in the evening. We work on that"
              + " planning problem with delivery teams like yours. If it would help, I can send a"
              + " short note on how other teams handle late changes, so you can judge whether it"
              + " is worth a conversation.");
      browser.submit(By.id("approve-edited"));
      assertThat(browser.find(By.id("errors")).getText()).contains("step 1");
      assertThat(engine.store().findCampaign(held.id()).orElseThrow().status())
          .isEqualTo(CampaignStatus.HELD);
      browser.screenshot("review-edit-refused");

      String edited = "Fresh deliveries for Orbit Fresh offices";
      browser.find(By.id("subject0")).clear();
      browser.find(By.id("subject0")).sendKeys(edited);
      browser.submit(By.id("approve-edited"));
      assertThat(browser.find(By.id("notice")).getText()).contains("approved with 1 edited step");
      browser.screenshot("review-approved");

      Campaign approved = engine.store().findCampaign(held.id()).orElseThrow();
      assertThat(approved.status()).isEqualTo(CampaignStatus.ACTIVE);
      assertThat(approved.statusReason()).contains("ana");
      CampaignMessage first = engine.store().findMessages(held.id()).get(0);
      assertThat(first.subject()).isEqualTo(edited);
      settable().set(Objects.requireNonNull(first.scheduledAt()));
      engine.runDue();
      assertThat(recorded().sentTo("nadia@held-edit.example"))
          .extracting(OutgoingEmail::subject)
          .containsExactly(edited);
    }
  }

  @Test
  void choosingUnsubscribeForAMailKeptForReviewStopsTheCampaignAndSuppressesTheAddress()
      throws Exception {
    Lead lead = lead("R-unsub", "Omar", "omar@reply-review.example");
    CampaignMessage sent = enrolAndSendFirst(lead);
    String replyId =
        replyNeedingReview(
            lead.email(),
            "<unsub-1@reply-review.example>",
            "please no more of these, thanks",
            sent.messageId());
    String campaignId = sent.campaignId();
    assertThat(engine.store().findCampaign(campaignId).orElseThrow().status())
        .isEqualTo(CampaignStatus.PAUSED);

    try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
      browser.signIn("ana", PASSWORD).go("/review");
      WebElement reply =
          browser.find(
              By.xpath(
                  "//section[contains(@class,'reply')][.//span[text()='omar@reply-review.example']]"));
      assertThat(reply.getText()).contains("please no more of these");
      new Select(reply.findElement(By.className("category")))
          .selectByValue(ReplyCategory.UNSUBSCRIBE_REQUEST.name());
      browser.submit(reply.findElement(By.className("choose")));
      assertThat(browser.find(By.tagName("main")).getText()).contains("UNSUBSCRIBE_REQUEST");
      browser.screenshot("review-classify-confirm");
      browser.submit(By.id("confirm"));
      assertThat(browser.find(By.id("notice")).getText())
          .contains("UNSUBSCRIBE_REQUEST")
          .contains("STOPPED");
      browser.screenshot("review-classified");
    }
    assertThat(engine.store().findCampaign(campaignId).orElseThrow().status())
        .isEqualTo(CampaignStatus.STOPPED);
    assertThat(engine.store().isSuppressed(lead.email())).isTrue();
    assertThat(engine.store().findReply(replyId).orElseThrow().category())
        .isEqualTo(ReplyCategory.UNSUBSCRIBE_REQUEST);
    assertThat(engine.store().findEvents(campaignId))
        .anySatisfy(
            e -> {
              assertThat(e.type()).isEqualTo(EventType.REPLY_CLASSIFIED);
              assertThat(e.attribute("evidence")).contains("operator ana");
            });
  }

  @Test
  void aHostileLeadNameAndHtmlMailNeitherRunNorLoadAnything() throws Exception {
    AtomicInteger pixelRequests = new AtomicInteger();
    HttpServer pixel = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    pixel.createContext(
        "/",
        exchange -> {
          pixelRequests.incrementAndGet();
          byte[] gif = "GIF89a".getBytes(StandardCharsets.US_ASCII);
          exchange.sendResponseHeaders(200, gif.length);
          exchange.getResponseBody().write(gif);
          exchange.close();
        });
    pixel.start();
    try {
      String remote = "http://127.0.0.1:" + pixel.getAddress().getPort() + "/pixel";
      Lead hostile = lead("R-xss", "<script>alert(1)</script>", "xss@hostile.example");
      held(hostile, "<img src=x onerror=alert(2)>", "Body <script>alert(3)</script> here.");
      replyNeedingReview(
          "attacker@hostile.example",
          "<xss-1@hostile.example>",
          "<html><body><p>Hello <b>team</b></p><script>alert(4)</script>"
              + "<img src=\"x\" onerror=\"alert(5)\"><img src=\""
              + remote
              + "\"><p>Visible words stay.</p></body></html>",
          null);

      try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
        browser.signIn("ana", PASSWORD).go("/review");
        browser.find(By.className("reply-text"));
        browser.screenshot("review-hostile");
        assertThatThrownBy(() -> browser.driver().switchTo().alert())
            .isInstanceOf(NoAlertPresentException.class);
        String text = browser.text();
        assertThat(text)
            .contains("<script>alert(1)</script> Tester")
            .contains("<img src=x onerror=alert(2)>")
            .contains("Body <script>alert(3)</script> here.")
            .contains("Hello team")
            .contains("Visible words stay.")
            .doesNotContain("alert(4)");
        assertThat(browser.driver().findElements(By.tagName("script"))).isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("main img"))).isEmpty();
        browser.go("/review/edit?campaign=C-R-xss");
        browser.find(By.id("subject0"));
        assertThatThrownBy(() -> browser.driver().switchTo().alert())
            .isInstanceOf(NoAlertPresentException.class);
        browser.screenshot("review-hostile-edit");
      }
      assertThat(pixelRequests.get()).as("requests to the remote image").isZero();
    } finally {
      pixel.stop(0);
    }
  }
}
