package com.fourrunr.campaign.examples;

import com.fourrunr.campaign.dns.CheckResult;
import com.fourrunr.campaign.service.CampaignSettings;
import com.fourrunr.campaign.smtp.MailboxSettings;
import com.fourrunr.campaign.smtp.SmtpConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Gmail and Yahoo bulk-sender rules (2024) as checks of the settings {@code serve} reads and of
 * the domains' preflight results: authentication, one-click unsubscribe, complaint rate, physical
 * address, TLS to the server.
 */
final class SenderRules {
  private SenderRules() {}

  static List<CheckResult> check(
      CampaignSettings settings, Map<String, List<CheckResult>> preflight) {
    List<CheckResult> out = new ArrayList<>();
    out.add(authentication(settings, preflight));
    out.add(unsubscribe(settings));
    out.add(
        new CheckResult(
            "rule:complaint-rate",
            CheckResult.Result.WARN,
            "not measured here: keep spam complaints under 0.3% (aim for 0.1%) in Google Postmaster"
                + " Tools and Yahoo's complaint feedback loop; the engine pauses a mailbox on a high"
                + " bounce rate only"));
    out.add(
        new CheckResult(
            "rule:physical-address",
            CheckResult.Result.FAIL,
            "serve puts no postal address in messages (no setting for it); a host embedding the"
                + " library sets SmtpMessageOptions.postalAddress(...) (CAN-SPAM)"));
    out.add(tls(settings));
    return out;
  }

  private static CheckResult authentication(
      CampaignSettings settings, Map<String, List<CheckResult>> preflight) {
    List<String> missed = new ArrayList<>();
    preflight.forEach(
        (domain, results) -> {
          for (CheckResult r : results) {
            boolean auth = r.check().equals("spf") || r.check().equals("dmarc");
            if (auth && r.result() == CheckResult.Result.FAIL) {
              missed.add(domain + " " + r.check());
            }
            if (r.check().equals("dkim") && r.result() != CheckResult.Result.PASS) {
              missed.add(domain + " dkim");
            }
          }
          if (DoctorCommand.keyFor(settings, domain) == null) {
            missed.add(domain + " signing (no CAMPAIGN_DKIM_SELECTOR)");
          }
        });
    return missed.isEmpty()
        ? new CheckResult(
            "rule:authentication",
            CheckResult.Result.PASS,
            "SPF, DKIM (signed and published) and DMARC for " + preflight.keySet())
        : new CheckResult(
            "rule:authentication",
            CheckResult.Result.FAIL,
            "missing: " + String.join(", ", missed));
  }

  private static CheckResult unsubscribe(CampaignSettings settings) {
    var tracking = settings.tracking();
    if (tracking.enabled()
        && tracking.baseUrl() != null
        && "https"
            .equals(String.valueOf(tracking.baseUrl().getScheme()).toLowerCase(Locale.ROOT))) {
      return new CheckResult(
          "rule:one-click-unsubscribe",
          CheckResult.Result.PASS,
          "List-Unsubscribe with an HTTPS one-click URL and List-Unsubscribe-Post (RFC 8058)");
    }
    return new CheckResult(
        "rule:one-click-unsubscribe",
        CheckResult.Result.FAIL,
        "no one-click unsubscribe: set CAMPAIGN_TRACKING_BASE_URL (https) and"
            + " CAMPAIGN_TRACKING_HMAC_KEY");
  }

  private static CheckResult tls(CampaignSettings settings) {
    List<String> plain = new ArrayList<>();
    int servers = 0;
    for (MailboxSettings m : settings.mailboxes()) {
      if (m.smtp() != null) {
        servers++;
        if (m.smtp().security() == SmtpConfig.Security.NONE) {
          plain.add(m.mailbox().address() + " (" + m.smtp().host() + ")");
        }
      }
    }
    if (servers == 0) {
      return new CheckResult(
          "rule:tls",
          CheckResult.Result.WARN,
          "no SMTP server configured (CAMPAIGN_SMTP_HOST): serve keeps mail in-process");
    }
    return plain.isEmpty()
        ? new CheckResult(
            "rule:tls",
            CheckResult.Result.PASS,
            "every SMTP server is reached over TLS or STARTTLS")
        : new CheckResult(
            "rule:tls",
            CheckResult.Result.FAIL,
            "CAMPAIGN_SMTP_SECURITY=NONE for " + String.join(", ", plain));
  }
}
