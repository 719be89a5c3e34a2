/**
 * ESP event webhooks: the bounce and complaint reports of Amazon SES (through SNS), SendGrid,
 * Mailgun and Postmark, each verified ({@link com.fourrunr.campaign.esp.SesWebhook}, {@link
 * com.fourrunr.campaign.esp.SendGridWebhook}, {@link com.fourrunr.campaign.esp.MailgunWebhook},
 * {@link com.fourrunr.campaign.esp.PostmarkWebhook}) and handed to the engine as a classified
 * report, so a webhook bounce has the same category, reason and actions as a bounce mail. The
 * handlers are framework-neutral: a host passes the request's headers and body bytes in and sends
 * the {@link com.fourrunr.campaign.esp.EspWebhookResponse} back. See {@code docs/esp-webhooks.md}.
 */
@NullMarked
package com.fourrunr.campaign.esp;

import org.jspecify.annotations.NullMarked;
