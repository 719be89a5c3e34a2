package com.fourrunr.campaign.spring;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.UnsubscribeTokens;
import com.fourrunr.campaign.smtp.InboundWebhook;
import com.fourrunr.campaign.tracking.TrackingHandler;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * With {@code campaign.web.enabled=true} in a servlet application: the tracking (open, click),
 * one-click unsubscribe and inbound-mail endpoints under {@code campaign.web.base-path}, as Spring
 * MVC handlers that hand each request to the library's framework-neutral handlers.
 */
@AutoConfiguration(after = CampaignAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(CampaignEngine.class)
@ConditionalOnProperty(prefix = "campaign.web", name = "enabled", havingValue = "true")
public class CampaignWebAutoConfiguration {
  /** Created by Spring. */
  public CampaignWebAutoConfiguration() {}

  /** The inbound-mail webhook: each posted mail to {@code engine.receive}. */
  @Bean
  @ConditionalOnMissingBean
  InboundWebhook campaignInboundWebhook(CampaignEngine engine, Clock clock) {
    return InboundWebhook.create(engine, clock);
  }

  /** The tracking and unsubscribe handler, when tracking is configured. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "campaign.tracking", name = "hmac-key")
  TrackingHandler campaignTrackingHandler(CampaignEngine engine, ResolvedSettings settings) {
    byte[] key = SmtpOptions.key(settings).orElseThrow();
    return TrackingHandler.builder(engine, SmtpOptions.tracker(settings).orElseThrow())
        .unsubscribeTokens(UnsubscribeTokens.withKey(key))
        .build();
  }

  @Bean
  CampaignWebEndpoints campaignWebEndpoints(
      InboundWebhook inbound, ObjectProvider<TrackingHandler> tracking) {
    return new CampaignWebEndpoints(inbound, tracking.getIfUnique());
  }
}
