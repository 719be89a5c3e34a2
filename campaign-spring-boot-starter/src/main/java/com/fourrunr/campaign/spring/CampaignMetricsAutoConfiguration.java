package com.fourrunr.campaign.spring;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.ops.CampaignActivity;
import com.fourrunr.campaign.ops.CampaignMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * With Micrometer and a {@link MeterRegistry} bean: the library's meters ({@link CampaignMetrics}:
 * sends, failures, replies, queue, dead letters...) on the application's registry.
 */
@AutoConfiguration(
    after = CampaignAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.metrics.export.prometheus.PrometheusMetricsExportAutoConfiguration"
    })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({MeterRegistry.class, CampaignActivity.class})
public class CampaignMetricsAutoConfiguration {
  /** Created by Spring. */
  public CampaignMetricsAutoConfiguration() {}

  /** The meters; a listener of the engine, so it counts every event. */
  @Bean
  @ConditionalOnMissingBean
  CampaignMetrics campaignMetrics(MeterRegistry registry, CampaignActivity activity) {
    return CampaignMetrics.create(registry, activity);
  }

  /** Binds the queue and dead-letter gauges to the engine once every bean is created. */
  @Bean
  SmartInitializingSingleton campaignMetricsBinding(
      CampaignMetrics metrics,
      org.springframework.beans.factory.ObjectProvider<CampaignEngine> engine) {
    return () -> {
      CampaignEngine e = engine.getIfUnique();
      if (e != null) {
        metrics.bind(e);
      }
    };
  }
}
