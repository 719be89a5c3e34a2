package com.fourrunr.campaign.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.testing.SettableClock;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample application as it is, on embedded PostgreSQL and GreenMail: three leads get the three
 * steps, the health endpoint shows the campaign components and the library's meters are at
 * /actuator/metrics and /actuator/prometheus.
 */
@SpringBootTest(
    classes = SampleApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "campaign.runner.enabled=false")
@Import(SampleApplicationTest.Time.class)
class SampleApplicationTest {
  static final GreenMail smtp = TestInfrastructure.startSmtp();

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    String[] props =
        TestInfrastructure.properties(
            TestInfrastructure.newDatabaseUrl(), smtp.getSmtp().getPort());
    for (String p : props) {
      int eq = p.indexOf('=');
      registry.add(p.substring(0, eq), () -> p.substring(eq + 1));
    }
  }

  @TestConfiguration
  static class Time {
    @Bean
    SettableClock clock() {
      return new SettableClock(TestInfrastructure.DAY0);
    }
  }

  @AfterAll
  static void stopSmtp() {
    smtp.stop();
  }

  @Autowired CampaignEngine engine;
  @Autowired SettableClock clock;
  @Autowired Clock anyClock;
  @LocalServerPort int port;

  @Test
  void sendsAThreeStepCampaignAndReportsHealthAndMeters() throws Exception {
    assertThat(anyClock).isSameAs(clock);
    assertThat(engine.enrol(TestInfrastructure.leads(3)).enrolled()).isEqualTo(3);
    for (int day = 0; day <= 14; day++) {
      clock.set(TestInfrastructure.DAY0.plus(Duration.ofDays(day)));
      engine.runDue();
    }
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received)
        .as(
            () ->
                engine.store().listCampaigns(null, 10).stream()
                    .map(c -> c.status() + " " + engine.store().findMessages(c.id()))
                    .toList()
                    .toString())
        .hasSize(9);
    Map<String, Long> perRecipient =
        Arrays.stream(received)
            .map(m -> recipient(m))
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(perRecipient)
        .containsOnlyKeys("person1@example.com", "person2@example.com", "person3@example.com")
        .allSatisfy((k, v) -> assertThat(v).isEqualTo(3L));

    String health = get("/actuator/health");
    assertThat(health)
        .contains("\"campaign\"")
        .contains("\"store\"")
        .contains("\"mailbox:hello@4runr.example\"")
        .contains("\"queue\"")
        .contains("\"deadLetters\"");
    assertThat(get("/actuator/metrics"))
        .contains("\"campaign.queue.due\"")
        .contains("\"campaign.queue.dead.letters\"");
    assertThat(get("/actuator/metrics/campaign.queue.due")).contains("\"measurements\"");
    assertThat(get("/actuator/prometheus"))
        .contains("# TYPE campaign_queue_due gauge")
        .containsPattern("(?m)^campaign_queue_due(\\{[^}]*\\})? 0\\.0$")
        .contains("campaign_queue_dead_letters");
  }

  private static String recipient(MimeMessage m) {
    try {
      return m.getRecipients(Message.RecipientType.TO)[0].toString();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private String get(String path) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    return r.body();
  }
}
