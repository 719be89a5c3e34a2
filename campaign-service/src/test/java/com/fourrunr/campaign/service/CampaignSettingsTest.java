package com.fourrunr.campaign.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.IntervalUnit;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.SendLimits;
import com.fourrunr.campaign.config.Secret;
import com.fourrunr.campaign.jdbc.DatabaseSettings;
import com.fourrunr.campaign.smtp.MailboxSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class CampaignSettingsTest {
  private static final String SMTP_PASSWORD = "smtp-pa55word-never-shown";
  private static final String OPENAI_KEY = "sk-test-openai-key-never-shown";
  private static final String AIRTABLE_TOKEN = "patSecretAirtableToken.never";
  private static final String DB_PASSWORD = "db-pa55word-never-shown";
  private static final String HMAC_KEY = "0123456789abcdef0123456789abcdef-hmac";
  private static final List<String> SECRETS =
      List.of(SMTP_PASSWORD, OPENAI_KEY, AIRTABLE_TOKEN, DB_PASSWORD, HMAC_KEY);

  @TempDir Path dir;

  private static Map<String, String> full() {
    Map<String, String> env = new HashMap<>();
    env.put("CAMPAIGN_SEQUENCE_DAYS", "0,2,5,7");
    env.put("CAMPAIGN_SEND_WINDOW", "08:30-12:00");
    env.put("CAMPAIGN_SEND_DAYS", "MON-THU");
    env.put("CAMPAIGN_LIMIT_MAILBOX_PER_DAY", "80");
    env.put("CAMPAIGN_LIMIT_MIN_GAP", "90s");
    env.put("CAMPAIGN_MAILBOX_ADDRESS", "Hello@4runr.test");
    env.put("CAMPAIGN_MAILBOX_NAME", "4Runr");
    env.put("CAMPAIGN_SMTP_HOST", "smtp.4runr.test");
    env.put("CAMPAIGN_SMTP_USERNAME", "hello@4runr.test");
    env.put("CAMPAIGN_SMTP_PASSWORD", SMTP_PASSWORD);
    env.put("CAMPAIGN_IMAP_HOST", "imap.4runr.test");
    env.put("CAMPAIGN_MAILBOX_ADDRESS_2", "sales@4runr.test");
    env.put("CAMPAIGN_SMTP_HOST_2", "smtp2.4runr.test");
    env.put("CAMPAIGN_SMTP_SECURITY_2", "TLS");
    env.put("CAMPAIGN_OPENAI_API_KEY", OPENAI_KEY);
    env.put("CAMPAIGN_AIRTABLE_TOKEN", AIRTABLE_TOKEN);
    env.put("CAMPAIGN_AIRTABLE_BASE", "appABC123");
    env.put("CAMPAIGN_AIRTABLE_TABLE", "Leads");
    env.put("CAMPAIGN_JDBC_URL", "jdbc:postgresql://db:5432/campaigns");
    env.put("CAMPAIGN_JDBC_USER", "campaigns");
    env.put("CAMPAIGN_JDBC_PASSWORD", DB_PASSWORD);
    env.put("CAMPAIGN_TRACKING_BASE_URL", "https://t.4runr.test");
    env.put("CAMPAIGN_TRACKING_HMAC_KEY", HMAC_KEY);
    env.put("CAMPAIGN_SERVER_PORT", "9090");
    return env;
  }

  @Test
  void noVariablesGiveTheEmbeddedDefaults() {
    CampaignSettings s = CampaignSettings.load(Map.of("PATH", "/usr/bin"), null);

    assertThat(s.database().embedded()).isTrue();
    assertThat(s.mailboxes()).isEmpty();
    assertThat(s.model().enabled()).isFalse();
    assertThat(s.airtable()).isNull();
    assertThat(s.tracking().enabled()).isFalse();
    assertThat(s.serverPort()).isEqualTo(CampaignSettings.DEFAULT_SERVER_PORT);
    assertThat(s.limits()).isEqualTo(SendLimits.NONE);
    assertThat(s.timing().sequence().steps())
        .extracting(st -> st.daysAfterPrevious())
        .containsExactly(0, 3, 4);
  }

  @Test
  void everyVariableIsReadIntoTypedValues() {
    CampaignSettings s = CampaignSettings.load(full(), null);

    assertThat(s.timing().sequence().steps())
        .extracting(st -> st.type())
        .containsExactly(
            MessageType.HOOK, MessageType.PROOF, MessageType.FOMO, new MessageType("Step4"));
    assertThat(s.timing().intervalUnit()).isEqualTo(IntervalUnit.BUSINESS_DAYS);
    assertThat(s.window().windowStart()).isEqualTo(LocalTime.of(8, 30));
    assertThat(s.window().sendDays()).hasSize(4);
    assertThat(s.limits()).isEqualTo(new SendLimits(80, 0, Duration.ofSeconds(90), 0));
    assertThat(s.mailboxes()).hasSize(2);
    MailboxSettings first = s.mailboxes().get(0);
    assertThat(first.mailbox().address()).isEqualTo("hello@4runr.test");
    assertThat(first.smtp().port()).isEqualTo(587);
    assertThat(first.smtp().password().reveal()).isEqualTo(SMTP_PASSWORD);
    assertThat(first.imap().server().port()).isEqualTo(993);
    assertThat(first.imap().server().password().reveal())
        .as("IMAP falls back to the SMTP login")
        .isEqualTo(SMTP_PASSWORD);
    assertThat(s.mailboxes().get(1).smtp().port()).isEqualTo(465);
    assertThat(s.model().apiKey().reveal()).isEqualTo(OPENAI_KEY);
    assertThat(s.airtable().baseId()).isEqualTo("appABC123");
    assertThat(s.database().embedded()).isFalse();
    assertThat(s.tracking().enabled()).isTrue();
    assertThat(s.serverPort()).isEqualTo(9090);
    assertThat(s.campaignConfig(first.mailbox()).schedule()).isEqualTo(s.window());
  }

  @Test
  void environmentVariablesWinOverTheDottedKeysOfTheFile() throws IOException {
    Path file = dir.resolve("campaign.properties");
    Files.writeString(
        file,
        String.join(
            "\n",
            "campaign.smtp.host=file.smtp.test",
            "campaign.mailbox.address=file@4runr.test",
            "campaign.mailbox.address.2=second@4runr.test",
            "campaign.server.port=7000",
            "campaign.send.window=10:00-11:00"),
        StandardCharsets.UTF_8);

    CampaignSettings s = CampaignSettings.load(Map.of("CAMPAIGN_SERVER_PORT", "7100"), file);

    assertThat(s.serverPort()).isEqualTo(7100);
    assertThat(s.mailboxes())
        .extracting(m -> m.mailbox().address())
        .containsExactly("file@4runr.test", "second@4runr.test");
    assertThat(s.mailboxes().get(0).smtp().host()).isEqualTo("file.smtp.test");
    assertThat(s.window().windowStart()).isEqualTo(LocalTime.of(10, 0));
    assertThat(CampaignSettings.fileKey("CAMPAIGN_SMTP_HOST_2")).isEqualTo("campaign.smtp.host.2");
    assertThat(CampaignSettings.envName("campaign.openai.api.key"))
        .isEqualTo("CAMPAIGN_OPENAI_API_KEY");
  }

  @Test
  void missingAndInvalidValuesAreAllReportedTogetherEachNamingItsVariable() {
    Map<String, String> env = new HashMap<>();
    env.put("CAMPAIGN_SEQUENCE_DAYS", "0,three");
    env.put("CAMPAIGN_MAX_ATTEMPTS", "0");
    env.put("CAMPAIGN_SEND_WINDOW", "9 to 5");
    env.put("CAMPAIGN_SEND_DAYS", "Funday");
    env.put("CAMPAIGN_LIMIT_MAILBOX_PER_HOUR", "lots");
    env.put("CAMPAIGN_LIMIT_MIN_GAP", "forever");
    env.put("CAMPAIGN_SMTP_HOST", "smtp.4runr.test"); // but no CAMPAIGN_MAILBOX_ADDRESS
    env.put("CAMPAIGN_MAILBOX_ADDRESS_2", "not-an-address");
    env.put("CAMPAIGN_SMTP_SECURITY_2", "SSLv2");
    env.put("CAMPAIGN_OPENAI_BASE_URL", "ftp://models");
    env.put("CAMPAIGN_AIRTABLE_TABLE", "Leads");
    env.put("CAMPAIGN_JDBC_URL", "postgres://db");
    env.put("CAMPAIGN_TRACKING_BASE_URL", "https://t.4runr.test");
    env.put("CAMPAIGN_SERVER_PORT", "70000");
    env.put("CAMPAIGN_INTERVAL_UNIT", "fortnights");

    assertThatThrownBy(() -> CampaignSettings.load(env, null))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .contains(
                        "CAMPAIGN_SEQUENCE_DAYS",
                        "CAMPAIGN_MAX_ATTEMPTS",
                        "CAMPAIGN_SEND_WINDOW",
                        "CAMPAIGN_SEND_DAYS",
                        "CAMPAIGN_LIMIT_MAILBOX_PER_HOUR",
                        "CAMPAIGN_LIMIT_MIN_GAP",
                        "CAMPAIGN_MAILBOX_ADDRESS",
                        "CAMPAIGN_MAILBOX_ADDRESS_2",
                        "CAMPAIGN_SMTP_SECURITY_2",
                        "CAMPAIGN_OPENAI_BASE_URL",
                        "CAMPAIGN_AIRTABLE_TOKEN",
                        "CAMPAIGN_AIRTABLE_BASE",
                        "CAMPAIGN_JDBC_URL",
                        "CAMPAIGN_TRACKING_HMAC_KEY",
                        "CAMPAIGN_SERVER_PORT",
                        "CAMPAIGN_INTERVAL_UNIT")
                    .as("each problem once")
                    .doesNotHaveDuplicates())
        .hasMessageContaining("CampaignSettings");
  }

  @Test
  void secretsAreRedactedInToString() {
    CampaignSettings s = CampaignSettings.load(full(), null);
    String text =
        s.toString() + s.mailboxes() + s.database() + s.model() + s.airtable() + s.tracking();

    assertThat(text).contains(Secret.REDACTED);
    SECRETS.forEach(secret -> assertThat(text).doesNotContain(secret));
    assertThat(Secret.of(OPENAI_KEY)).hasToString("****").isEqualTo(Secret.of(OPENAI_KEY));
  }

  @Test
  void aPasswordInsideTheJdbcUrlIsRedactedToo() {
    DatabaseSettings db =
        new DatabaseSettings(
            "jdbc:postgresql://db:5432/c?user=x&password=" + DB_PASSWORD + "&ssl=true", "x", null);

    assertThat(db.toString()).doesNotContain(DB_PASSWORD).contains("password=****&ssl=true");
  }

  @Test
  void secretsNeverAppearInExceptionMessages() {
    Map<String, String> env = full();
    env.put("CAMPAIGN_TRACKING_HMAC_KEY", "short-" + SMTP_PASSWORD.substring(0, 8));
    env.put("CAMPAIGN_JDBC_URL", "postgresql://admin:" + DB_PASSWORD + "@db/c");
    env.put(
        "CAMPAIGN_SMTP_PASSWORD_2",
        OPENAI_KEY); // given without its username is fine; bad port is not
    env.put("CAMPAIGN_SMTP_PORT_2", "-1");

    assertThatThrownBy(() -> CampaignSettings.load(env, null))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.errors())
                  .extracting(FieldError::field)
                  .contains(
                      "CAMPAIGN_TRACKING_HMAC_KEY", "CAMPAIGN_JDBC_URL", "CAMPAIGN_SMTP_PORT_2");
              String all = e.getMessage() + e.errors();
              assertThat(all)
                  .doesNotContain(SMTP_PASSWORD.substring(0, 8))
                  .doesNotContain(DB_PASSWORD)
                  .doesNotContain(OPENAI_KEY);
            });
  }

  @Test
  void secretsNeverAppearInLogOutput() {
    Logger logger = (Logger) LoggerFactory.getLogger(CampaignSettings.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    ch.qos.logback.classic.Level level = logger.getLevel();
    logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
    try {
      Map<String, String> env = full();
      env.put("CAMPAIGN_SMTP_PASWORD", SMTP_PASSWORD); // misspelt: warned about by name only
      CampaignSettings s = CampaignSettings.load(env, null);
      // What a host typically does with its settings at start:
      LoggerFactory.getLogger("host").info("starting with {}", s);
      org.slf4j.Logger host = LoggerFactory.getLogger(CampaignSettings.class);
      host.info("settings: {}", s);
    } finally {
      logger.detachAppender(appender);
      logger.setLevel(level);
    }

    assertThat(appender.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(m -> assertThat(m).contains("CAMPAIGN_SMTP_PASWORD"))
        .anySatisfy(m -> assertThat(m).startsWith("settings: CampaignSettings["))
        .allSatisfy(m -> SECRETS.forEach(secret -> assertThat(m).doesNotContain(secret)));
  }

  @Test
  void instanceIdIsReadAndCheckedAndAbsentByDefault() {
    assertThat(CampaignSettings.load(Map.of(), null).instanceId()).isNull();
    assertThat(
            CampaignSettings.load(Map.of("CAMPAIGN_INSTANCE_ID", " worker-1 "), null).instanceId())
        .isEqualTo("worker-1");
    assertThatThrownBy(
            () -> CampaignSettings.load(Map.of("CAMPAIGN_INSTANCE_ID", "a\u0000b"), null))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactly("CAMPAIGN_INSTANCE_ID"));
  }

  @Test
  void configurationReferenceDocumentsEveryVariable() throws IOException {
    String doc =
        Files.readString(Path.of("..", "docs", "configuration.md"), StandardCharsets.UTF_8);

    assertThat(CampaignSettings.KEYS).allSatisfy(key -> assertThat(doc).contains("`" + key + "`"));
  }
}
