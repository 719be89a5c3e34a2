package com.fourrunr.campaign.service.boot;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Real headless Chromium driven through Debian's {@code chromedriver}, for the console's browser
 * tests: a person's flows (sign in, click, fill forms) against the running service. Screenshots go
 * to {@code target/screenshots/}. Without Chromium or chromedriver the calling test fails (the
 * README's test command covers browser tests; CI installs both); only {@code
 * -Dcampaign.skipBrowserTests=true} skips instead.
 */
final class ConsoleBrowser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final Duration WAIT = Duration.ofSeconds(20);

  private final WebDriver driver;
  private final String baseUrl;

  private ConsoleBrowser(WebDriver driver, String baseUrl) {
    this.driver = driver;
    this.baseUrl = baseUrl;
  }

  /** Opens headless Chromium for the service at {@code http://localhost:PORT}. */
  static ConsoleBrowser open(int port) {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present) {
      if (Boolean.getBoolean("campaign.skipBrowserTests")) {
        Assumptions.abort("Chromium or chromedriver missing; skipped on request");
      }
      fail(
          "browser tests need Debian's chromium and chromium-driver (/usr/bin/chromium,"
              + " /usr/bin/chromedriver): apt-get install chromium chromium-driver, or run with"
              + " -Dcampaign.skipBrowserTests=true");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--window-size=1280,1000");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    WebDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    return new ConsoleBrowser(driver, "http://localhost:" + port);
  }

  WebDriver driver() {
    return driver;
  }

  /** Goes to a path of the service. */
  ConsoleBrowser go(String path) {
    driver.get(baseUrl + path);
    return this;
  }

  /** Signs in on the login page as a person would, and waits for the home page. */
  ConsoleBrowser signIn(String username, String password) {
    go("/login");
    find(By.id("username")).sendKeys(username);
    find(By.id("password")).sendKeys(password);
    submit(By.id("sign-in"));
    find(By.id("signed-in"));
    return this;
  }

  /** Waits for an element and returns it. */
  WebElement find(By by) {
    return new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(by));
  }

  /**
   * Clicks {@code by} (a link, or a form's submit button) and waits for the page it leads to: the
   * page shown before goes stale and the new one has loaded, so what is read next is on the new
   * page (a submitted form answers with a new page while the old one is still shown).
   */
  ConsoleBrowser submit(By by) {
    return submit(find(by));
  }

  /** Clicks {@code element} and waits for the page it leads to, as {@link #submit(By)}. */
  ConsoleBrowser submit(WebElement element) {
    WebElement page = driver.findElement(By.tagName("html"));
    element.click();
    WebDriverWait wait = new WebDriverWait(driver, WAIT);
    wait.until(d -> isGone(page));
    wait.until(
        d ->
            "complete"
                .equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    return this;
  }

  /**
   * Whether {@code element} no longer belongs to the shown document. Chromium reports it either as
   * a stale element or, while the new document replaces the old, as an inspector error ("Node with
   * given id does not belong to the document"), which Selenium's {@code stalenessOf} does not
   * catch.
   */
  private static boolean isGone(WebElement element) {
    try {
      element.isEnabled();
      return false;
    } catch (WebDriverException e) {
      return true;
    }
  }

  /** The page's visible text. */
  String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /** Saves a screenshot of the current page as {@code target/screenshots/NAME.png}. */
  Path screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Path target = SCREENSHOTS.resolve(name + ".png");
    Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
