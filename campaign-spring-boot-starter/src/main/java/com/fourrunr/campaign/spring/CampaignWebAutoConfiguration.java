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
import org.springframework.context.annotation.Conditional;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * With {@code campaign.web.enabled=true} in a servlet application: the tracking (open, click) and
 * one-click unsubscribe endpoints under {@code campaign.web.base-path}, the signed inbound-mail
 * webhook when {@code campaign.inbound.*} enables it, and the ESP event webhooks configured in
 * {@code campaign.esp.*}, as Spring MVC handlers that hand each request to the library's
 * framework-neutral handlers.
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
  CampaignWebEndpoints campaignWebEndpoints(ObjectProvider<TrackingHandler> tracking) {
    return new CampaignWebEndpoints(tracking.getIfUnique());
  }

  /**
   * The inbound-mail webhook at {@code <base-path>/inbound}, taking only posts signed with {@code
   * campaign.inbound.secret} or carrying the bearer token of {@code campaign.inbound.token-sha256}.
   */
  @Bean
  @Conditional(WebhookConditions.InboundServed.class)
  CampaignInboundEndpoint campaignInboundEndpoint(
      InboundWebhook inbound, CampaignProperties properties, Clock clock) {
    return new CampaignInboundEndpoint(
        inbound, InboundSecurity.signature(properties.inbound(), clock));
  }

  /** The ESP event webhooks of {@code campaign.esp.*} at {@code <base-path>/webhooks/<name>}. */
  @Bean
  @Conditional(WebhookConditions.EspConfigured.class)
  CampaignEspEndpoints campaignEspEndpoints(
      CampaignEngine engine, ResolvedSettings settings, Clock clock) {
    return new CampaignEspEndpoints(settings.esp().webhooks(engine, clock));
  }
}
