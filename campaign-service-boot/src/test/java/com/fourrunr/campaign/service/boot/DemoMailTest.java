package com.fourrunr.campaign.service.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.service.CampaignSettings;
import com.fourrunr.campaign.service.LocalMailServer;
import com.fourrunr.campaign.smtp.WebhookSignature;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code serve --demo-mail}: the host's in-process SMTP server (GreenMail here, as the command line
 * hands in) is started only when a mailbox needs it, and then every console page and the report say
 * that mail is never delivered; liveness stays separate from readiness. (Ported from the old
 * standalone service's LocalMailServerTest and FirstHourServiceTest; the output line "DEMO MAIL" is
 * checked on the command line by ServeEndpointsTest.)
 */
@SpringBootTest(
    classes = CampaignServiceApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoMailTest {
  static final String TOKEN = "serve-api-token-0123456789";
  static final List<GreenMailServer> STARTED = new ArrayList<>();

  /** GreenMail as the host's in-process server. */
  static final class GreenMailServer implements LocalMailServer {
    final GreenMail greenMail =
        new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    boolean closed;

    GreenMailServer() {
      greenMail.start();
    }

    @Override
    public String host() {
      return "127.0.0.1";
    }

    @Override
    public int port() {
      return greenMail.getSmtp().getPort();
    }

    @Override
    public void close() {
      closed = true;
      greenMail.stop();
    }
  }

  static final LocalMailServer.Starter STARTER =
      () -> {
        GreenMailServer s = new GreenMailServer();
        STARTED.add(s);
        return s;
      };

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    Map<String, String> env =
        Map.of("CAMPAIGN_API_TOKEN_SHA256", WebhookSignature.sha256Hex(TOKEN));
    ServeProperties.register(registry, env);
    // As BootServe.run does with --demo-mail and no mailbox configured.
    Map<String, Object> demo = new LinkedHashMap<>();
    DemoMail.start(CampaignSettings.load(env, null), STARTER, demo);
    demo.forEach((k, v) -> registry.add(k, () -> v));
  }

  @AfterAll
  static void stopMailServers() {
    STARTED.forEach(GreenMailServer::close);
  }

  @LocalServerPort int port;

  HttpResponse<String> get(String path, String... headers) throws Exception {
    return ServeHttp.get(port, path, headers);
  }

  @Test
  void demoMailIsSaidOnEveryPageAndLivenessIsSeparate() throws Exception {
    for (String page : new String[] {"", "campaigns", "report"}) {
      HttpResponse<String> r = get(page, "Authorization", "Bearer " + TOKEN);
      assertThat(r.statusCode()).as(page).isEqualTo(200);
      assertThat(r.body()).as(page).contains("id=\"demo-mail\"", "never delivered");
    }
    HttpResponse<String> live = get("health/live");
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.body().replaceAll("\\s", "")).contains("\"status\":\"UP\"", "\"store\":\"UP\"");
    assertThat(get("health/ready", "Authorization", "Bearer " + TOKEN).body())
        .contains("components");
  }

  @Test
  void theHostsServerIsStartedOnlyWhenAMailboxNeedsIt() {
    assertThat(STARTED).as("no mailbox configured: the demo mailbox sends to it").hasSize(1);
    List<LocalMailServer> started = new ArrayList<>();
    LocalMailServer.Starter recording =
        () -> {
          LocalMailServer s = STARTER.start();
          started.add(s);
          return s;
        };

    Map<String, Object> withoutServer = new LinkedHashMap<>();
    LocalMailServer local =
        DemoMail.start(
            CampaignSettings.load(Map.of("CAMPAIGN_MAILBOX_ADDRESS", "hello@4runr.test"), null),
            recording,
            withoutServer);
    assertThat(local).isNotNull().isSameAs(started.get(0));
    assertThat(withoutServer)
        .containsEntry("campaign.mailboxes[0].smtp.host", "127.0.0.1")
        .containsEntry("campaign.mailboxes[0].smtp.port", String.valueOf(local.port()))
        .containsEntry(DemoMail.PROPERTY, "true");

    Map<String, Object> ownSmtp = new LinkedHashMap<>();
    LocalMailServer none =
        DemoMail.start(
            CampaignSettings.load(
                Map.of(
                    "CAMPAIGN_MAILBOX_ADDRESS", "hello@4runr.test",
                    "CAMPAIGN_SMTP_HOST", "127.0.0.1",
                    "CAMPAIGN_SMTP_PORT", "2525",
                    "CAMPAIGN_SMTP_SECURITY", "NONE"),
                null),
            recording,
            ownSmtp);
    assertThat(none).as("every mailbox has its own SMTP server").isNull();
    assertThat(started).hasSize(1);
    assertThat(ownSmtp).isEmpty();
  }
}
