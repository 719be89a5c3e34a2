package com.fourrunr.campaign.spring;

import com.fourrunr.campaign.smtp.MailboxSettings;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when a mailbox has {@code campaign.mailboxes[i].imap.host}. */
final class OnImapConfigured implements Condition {
  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    for (int i = 0; i < MailboxSettings.MAX_MAILBOXES; i++) {
      String host = context.getEnvironment().getProperty("campaign.mailboxes[" + i + "].imap.host");
      if (host != null && !host.isBlank()) {
        return true;
      }
    }
    return false;
  }
}
