package com.fourrunr.campaign.spring;

import com.fourrunr.campaign.ops.ComponentHealth;
import com.fourrunr.campaign.ops.HealthMonitor;
import com.fourrunr.campaign.ops.HealthReport;
import java.util.Iterator;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * With Actuator: the health contributor {@code campaign}, one component per part the {@link
 * HealthMonitor} checks ({@code store}, {@code mailbox:<address>}, {@code replyIntake}, {@code
 * queue}, {@code deadLetters}). A degraded part reports the status {@code DEGRADED}.
 */
@AutoConfiguration(after = CampaignAutoConfiguration.class)
@ConditionalOnClass(HealthContributor.class)
@ConditionalOnBean(HealthMonitor.class)
public class CampaignHealthAutoConfiguration {
  /** Created by Spring. */
  public CampaignHealthAutoConfiguration() {}

  /** The contributor, named {@code campaign} in {@code /actuator/health}. */
  @Bean
  @ConditionalOnMissingBean(name = "campaignHealthContributor")
  CompositeHealthContributor campaignHealthContributor(HealthMonitor monitor) {
    return new Contributor(monitor);
  }

  /** Each request checks once and shows every component of that check. */
  private static final class Contributor implements CompositeHealthContributor {
    private final HealthMonitor monitor;

    Contributor(HealthMonitor monitor) {
      this.monitor = monitor;
    }

    @Override
    public @Nullable HealthContributor getContributor(String name) {
      ComponentHealth c = monitor.check().components().get(name);
      return c == null ? null : indicator(c);
    }

    @Override
    public Iterator<NamedContributor<HealthContributor>> iterator() {
      HealthReport report = monitor.check();
      return report.components().entrySet().stream()
          .map(
              (Map.Entry<String, ComponentHealth> e) ->
                  NamedContributor.of(e.getKey(), (HealthContributor) indicator(e.getValue())))
          .iterator();
    }

    private static HealthIndicator indicator(ComponentHealth c) {
      Status status =
          switch (c.status()) {
            case UP -> Status.UP;
            case DEGRADED -> new Status("DEGRADED");
            case DOWN -> Status.DOWN;
          };
      Health health =
          Health.status(status).withDetail("detail", c.detail()).withDetails(c.data()).build();
      return () -> health;
    }
  }
}
