package com.fourrunr.campaign.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.SendException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Every log line about a send or a reply carries the campaign, lead and message ids in the MDC. */
class LoggingContextTest {
  private final OpsFixture f = new OpsFixture();
  private final Logger logger = (Logger) LoggerFactory.getLogger(CampaignEngine.class);

  /** Takes the MDC at the moment of logging (logback reads it lazily otherwise). */
  private final ListAppender<ILoggingEvent> appender =
      new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent e) {
          e.prepareForDeferredProcessing();
          super.append(e);
        }
      };

  private Level level;

  @BeforeEach
  void capture() {
    level = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    appender.start();
    logger.addAppender(appender);
  }

  @AfterEach
  void release() {
    logger.detachAppender(appender);
    logger.setLevel(level);
  }

  private List<ILoggingEvent> lines(String start) {
    return appender.list.stream().filter(e -> e.getFormattedMessage().startsWith(start)).toList();
  }

  @Test
  void aSendLogLineCarriesTheCampaignLeadAndMessageIdsAndTheMdcIsClearedAfterwards() {
    CampaignEngine engine = f.engine().maxMessagesPerRun(1).build();
    String campaign = f.due(2);
    engine.runDue();
    f.sender.failNext(SendException.transientFailure("421 busy", 421));
    f.sender.failNext(
        SendException.transientFailure("421 busy", 421)); // replaced: one failure pending
    engine.runDue();

    CampaignMessage sent = f.store.findMessages(campaign).get(0);
    assertThat(lines("message " + sent.id() + " sent"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getMDCPropertyMap())
                    .containsEntry(CampaignEngine.MDC_CAMPAIGN_ID, campaign)
                    .containsEntry(CampaignEngine.MDC_LEAD_ID, sent.leadId())
                    .containsEntry(CampaignEngine.MDC_MESSAGE_ID, sent.id()));
    assertThat(lines("runDue:"))
        .isNotEmpty()
        .allSatisfy(
            e ->
                assertThat(e.getMDCPropertyMap()).doesNotContainKey(CampaignEngine.MDC_MESSAGE_ID));
    assertThat(MDC.getCopyOfContextMap() == null || MDC.getCopyOfContextMap().isEmpty()).isTrue();
  }

  @Test
  void aDeferredSendOfAPausedMailboxIsLoggedWithItsIds() {
    CampaignEngine engine = f.engine().build();
    engine.pauseMailbox(OpsFixture.FROM.address(), "test");
    String campaign = f.due(1);
    engine.runDue();

    CampaignMessage deferred = f.store.findMessages(campaign).get(0);
    assertThat(lines("message " + deferred.id() + " deferred"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getMDCPropertyMap())
                    .containsEntry(CampaignEngine.MDC_CAMPAIGN_ID, campaign)
                    .containsEntry(CampaignEngine.MDC_MESSAGE_ID, deferred.id()));
  }

  @Test
  void aReplyLogLineCarriesTheIdsOfTheCampaignAndTheMessageItAnswers() {
    CampaignEngine engine = f.engine().build();
    String campaign = f.due(1);
    engine.runDue();
    CampaignMessage sent = f.store.findMessages(campaign).get(0);

    engine.receive(
        InboundReply.builder("lead000@acme000.test", f.clock.instant())
            .messageId("<r1@acme000.test>")
            .subject("Re: Hello")
            .text("Not interested, thanks.")
            .inReplyTo(sent.messageId())
            .build());

    assertThat(lines("reply <r1@acme000.test>"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getMDCPropertyMap())
                    .containsEntry(CampaignEngine.MDC_CAMPAIGN_ID, campaign)
                    .containsEntry(CampaignEngine.MDC_LEAD_ID, sent.leadId())
                    .containsEntry(CampaignEngine.MDC_MESSAGE_ID, sent.id()));
    assertThat(MDC.get(CampaignEngine.MDC_CAMPAIGN_ID)).isNull();
  }
}
