package com.fourrunr.campaign.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process SMTP server is the host's to hand in: campaign-service brings no test mail server.
 */
class LocalMailServerTest {
  @TempDir Path dir;

  /** GreenMail (test scope here) as the host's in-process server. */
  private static final class GreenMailServer implements LocalMailServer {
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

  @Test
  void withoutOneAMailboxWithoutSmtpServerStopsTheStartNamingTheVariable() {
    CampaignService service =
        CampaignService.builder().port(0).dataDirectory(dir.resolve("data")).build();

    assertThatThrownBy(service::start)
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactly("CAMPAIGN_SMTP_HOST"));
  }

  @Test
  void theHostsServerIsStartedOnlyWhenNeededAndClosedWithTheService() {
    List<GreenMailServer> started = new ArrayList<>();
    LocalMailServer.Starter starter =
        () -> {
          GreenMailServer s = new GreenMailServer();
          started.add(s);
          return s;
        };
    try (CampaignService service =
        CampaignService.builder()
            .port(0)
            .dataDirectory(dir.resolve("a"))
            .localMailServer(starter)
            .build()
            .start()) {
      assertThat(started).hasSize(1);
      assertThat(service.mailServer()).isSameAs(started.get(0));
    }
    assertThat(started.get(0).closed).isTrue();

    CampaignSettings ownSmtp =
        CampaignSettings.load(
            Map.of(
                "CAMPAIGN_MAILBOX_ADDRESS",
                "hello@4runr.test",
                "CAMPAIGN_SMTP_HOST",
                "127.0.0.1",
                "CAMPAIGN_SMTP_PORT",
                "2525",
                "CAMPAIGN_SMTP_SECURITY",
                "NONE"),
            null);
    try (CampaignService service =
        CampaignService.builder()
            .settings(ownSmtp)
            .port(0)
            .dataDirectory(dir.resolve("b"))
            .localMailServer(starter)
            .build()
            .start()) {
      assertThat(service.mailServer()).as("every mailbox has its own SMTP server").isNull();
    }
    assertThat(started).hasSize(1);
  }
}
