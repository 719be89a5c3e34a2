package com.fourrunr.campaign.spring;

import com.fourrunr.campaign.airtable.AirtableSettings;
import com.fourrunr.campaign.channel.LinkedInSettings;
import com.fourrunr.campaign.config.EngineSettings;
import com.fourrunr.campaign.config.Redaction;
import com.fourrunr.campaign.config.Secret;
import com.fourrunr.campaign.config.TrackingSettings;
import com.fourrunr.campaign.esp.EspWebhookSettings;
import com.fourrunr.campaign.openai.OpenAiSettings;
import com.fourrunr.campaign.smtp.MailboxSettings;
import com.fourrunr.campaign.smtp.SmtpConfig;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The checked settings of {@link CampaignProperties}, as the library's own settings types.
 *
 * @param engine the sequence, window and limits
 * @param mailboxes the mailboxes, in order
 * @param fallbacks for each mailbox (same index), its fallback SMTP servers (zero or one)
 * @param model the model
 * @param airtable the Airtable table, or null
 * @param tracking tracking
 * @param linkedIn the LinkedIn accounts
 * @param otherSecrets the secrets of properties the settings types do not keep (DKIM keys, the
 *     alert webhook, the inbound webhook's secret)
 * @param esp the ESP event webhooks
 */
record ResolvedSettings(
    EngineSettings engine,
    List<MailboxSettings> mailboxes,
    List<List<SmtpConfig>> fallbacks,
    OpenAiSettings model,
    @Nullable AirtableSettings airtable,
    TrackingSettings tracking,
    LinkedInSettings linkedIn,
    List<Secret> otherSecrets,
    EspWebhookSettings esp) {

  /** Every configured secret, for the redaction of text from remote services. */
  Redaction redaction() {
    List<Secret> secrets = new ArrayList<>();
    for (MailboxSettings m : mailboxes) {
      secrets.addAll(m.secrets());
    }
    if (model.apiKey() != null) {
      secrets.add(model.apiKey());
    }
    if (airtable != null) {
      secrets.add(airtable.token());
    }
    if (tracking.hmacKey() != null) {
      secrets.add(tracking.hmacKey());
    }
    secrets.addAll(otherSecrets);
    secrets.addAll(esp.secrets());
    return Redaction.of(secrets);
  }
}
