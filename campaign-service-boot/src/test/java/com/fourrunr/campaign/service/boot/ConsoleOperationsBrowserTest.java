package com.fourrunr.campaign.service.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.Lead;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The suppression list, lead upload, dead letters and uncertain sends, and analytics in real
 * headless Chromium, as an operator uses them.
 */
class ConsoleOperationsBrowserTest extends ConsoleOpsFixture {
  static final String HEADER =
      "id,email,first_name,last_name,title,company,domain,industry,company_size,country,timezone,"
          + "email_confidence,company_description,top_services\n";

  static String row(String id, String email, String first) {
    return id
        + ","
        + email
        + ","
        + first
        + ",Haddad,COO,Orbit Fresh,"
        + email.substring(email.indexOf('@') + 1)
        + ",Retail,11-50,FR,Europe/Paris,Real,Orbit Fresh delivers organic groceries.,"
        + "Grocery delivery\n";
  }

  @Test
  void anOperatorSuppressesAWholeDomainAndALeadThereIsRefusedAtUpload() throws Exception {
    Path csv = Files.createTempFile("leads", ".csv");
    Files.writeString(
        csv,
        HEADER
            + row("U-1", "mia@blocked-domain.example", "Mia")
            + row("U-2", "leo@open-domain.example", "Leo")
            + "U-3,not-an-address,Bad,Row,COO,X,x.example,Retail,11-50,FR,Europe/Paris,Real,d,s\n");
    try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
      browser.signIn("ana", PASSWORD).go("/suppressions");
      browser.find(By.id("entry")).sendKeys("blocked-domain.example");
      browser.find(By.id("add-reason")).sendKeys("their legal team asked");
      browser.submit(By.id("add"));
      assertThat(browser.find(By.tagName("main")).getText())
          .contains("Suppress every address at blocked-domain.example?");
      browser.screenshot("suppressions-add-confirm");
      browser.submit(By.id("confirm"));
      assertThat(browser.find(By.id("notice")).getText()).contains("is suppressed");
      assertThat(browser.find(By.id("suppressions")).getText())
          .contains("@blocked-domain.example")
          .contains("whole domain")
          .contains("their legal team asked")
          .containsPattern("2026-12-0\\d \\d\\d:\\d\\d UTC");
      browser.screenshot("suppressions");

      browser.find(By.id("q")).sendKeys("blocked");
      browser.submit(By.id("search"));
      assertThat(browser.find(By.id("suppressions")).getText()).contains("@blocked-domain.example");

      browser.go("/upload");
      browser.find(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
      browser.submit(By.id("upload"));
      WebElement report = browser.find(By.id("report"));
      assertThat(browser.find(By.id("read")).getText()).isEqualTo("3");
      assertThat(browser.find(By.id("enrolled")).getText()).isEqualTo("1");
      assertThat(browser.find(By.id("by-reason")).getText()).contains("SUPPRESSED 1");
      assertThat(report.getText()).contains("mia@blocked-domain.example is suppressed");
      assertThat(browser.find(By.id("row-errors")).getText()).contains("INVALID_LEAD");
      browser.screenshot("upload-report");
    } finally {
      Files.deleteIfExists(csv);
    }
    assertThat(engine.store().findLeadsByEmail("mia@blocked-domain.example")).isEmpty();
    assertThat(engine.store().findLeadsByEmail("leo@open-domain.example")).hasSize(1);
  }

  @Test
  void anOperatorRemovesASuppressionAfterConfirmingWithAReason() throws Exception {
    engine.suppress("gone@removal.example", "bounced", "ana");
    try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
      browser.signIn("ana", PASSWORD).go("/suppressions?q=removal.example");
      browser.submit(By.className("remove"));
      browser.find(By.id("reason")).sendKeys("mailbox works again");
      browser.screenshot("suppressions-remove-confirm");
      browser.submit(By.id("confirm"));
      assertThat(browser.find(By.id("notice")).getText()).contains("was removed");
      browser.go("/suppressions?q=removal.example");
      assertThat(browser.find(By.id("no-entries")).getText()).contains("No entry");
    }
    assertThat(engine.store().isSuppressed("gone@removal.example")).isFalse();
    assertThat(engine.store().findEventsByType(EventType.SUPPRESSION_REMOVED, null, 10))
        .anySatisfy(e -> assertThat(e.attribute("reason")).isEqualTo("mailbox works again"));
  }

  @Test
  void anOperatorMarksAnUncertainSendSentAndNothingIsSent() throws Exception {
    Lead lead = lead("D-1", "Ines", "ines@uncertain.example");
    CampaignMessage m = uncertain(lead);
    int sentBefore = recorded().sent().size();
    try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
      browser.signIn("ana", PASSWORD).go("/dead-letters");
      WebElement table = browser.find(By.id("uncertain"));
      assertThat(table.getText()).contains("ines@uncertain.example").contains("UTC");
      browser.screenshot("dead-letters");
      browser.submit(table.findElement(By.className("mark-sent")));
      browser.find(By.id("reason")).sendKeys("she answered it");
      browser.screenshot("dead-letters-mark-sent-confirm");
      browser.submit(By.id("confirm"));
      assertThat(browser.find(By.id("notice")).getText()).contains("recorded as sent");
    }
    assertThat(statusOf(m.messageId())).isEqualTo(DeliveryStatus.SENT);
    assertThat(recorded().sent()).hasSize(sentBefore);
  }

  @Test
  void theAnalyticsReportIsShownInsideTheConsoleWithItsStylesheet() throws Exception {
    try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
      browser.signIn("ana", PASSWORD).go("/analytics");
      WebElement report = browser.find(By.id("analytics"));
      assertThat(report.getText()).isNotBlank();
      assertThat(browser.driver().getPageSource()).doesNotContain("<style");
      browser.screenshot("analytics");
    }
  }
}
