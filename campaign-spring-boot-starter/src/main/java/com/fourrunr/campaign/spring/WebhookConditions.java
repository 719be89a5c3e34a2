package com.fourrunr.campaign.spring;

import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** When the opt-in webhooks are served. */
final class WebhookConditions {
  private WebhookConditions() {}

  /**
   * {@code campaign.inbound.enabled} when set, else whether {@code campaign.inbound.secret} or
   * {@code .token-sha256} is.
   */
  static final class InboundServed implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      Environment env = context.getEnvironment();
      String enabled = env.getProperty("campaign.inbound.enabled");
      if (enabled != null && !enabled.isBlank()) {
        return Boolean.parseBoolean(enabled.strip());
      }
      return given(env, "campaign.inbound.secret") || given(env, "campaign.inbound.token-sha256");
    }
  }

  /** Any ESP webhook has its key or credentials ({@code campaign.esp.*}). */
  static final class EspConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      Environment env = context.getEnvironment();
      List<String> topics =
          Binder.get(env)
              .bind("campaign.esp.ses-topic-arns", Bindable.listOf(String.class))
              .orElse(List.of());
      return topics.stream().anyMatch(t -> !t.isBlank())
          || given(env, "campaign.esp.sendgrid-verification-key")
          || given(env, "campaign.esp.mailgun-signing-key")
          || given(env, "campaign.esp.postmark-user");
    }
  }

  private static boolean given(Environment env, String property) {
    String value = env.getProperty(property);
    return value != null && !value.isBlank();
  }
}
