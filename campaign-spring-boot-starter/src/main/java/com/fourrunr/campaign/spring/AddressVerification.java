package com.fourrunr.campaign.spring;

import com.fourrunr.campaign.AddressVerifier;
import com.fourrunr.campaign.dns.DnsAddressVerifier;
import com.fourrunr.campaign.dns.DnsResolver;
import com.fourrunr.campaign.dns.DnsjavaResolver;
import com.fourrunr.campaign.smtp.MailboxSettings;
import com.fourrunr.campaign.smtp.SmtpConfig;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The address verifier of {@code campaign.verify.*}, as {@code ./campaign serve} builds it: {@code
 * AUTO} checks when a mailbox sends through an SMTP server off this machine (a loopback host is a
 * test server or a local relay), {@code ON} always, {@code OFF} never.
 */
final class AddressVerification {
  private AddressVerification() {}

  /**
   * The verifier, or {@link AddressVerifier#NONE} when leads are not checked.
   *
   * @param dns the resolver to ask, called only when leads are checked
   */
  static AddressVerifier of(
      VerifyProperties verify, List<MailboxSettings> mailboxes, Supplier<DnsResolver> dns) {
    boolean check =
        switch (verify.domains()) {
          case OFF -> false;
          case ON -> true;
          case AUTO -> remoteSmtp(mailboxes);
        };
    if (!check) {
      return AddressVerifier.NONE;
    }
    return DnsAddressVerifier.builder(dns.get())
        .disposable(verify.disposable())
        .roles(verify.roles())
        .build();
  }

  /** The system's DNS servers. */
  static DnsResolver systemDns() {
    return DnsjavaResolver.system(DnsjavaResolver.DEFAULT_TIMEOUT);
  }

  private static boolean remoteSmtp(List<MailboxSettings> mailboxes) {
    for (MailboxSettings m : mailboxes) {
      SmtpConfig smtp = m.smtpConfig();
      if (smtp != null && !loopback(smtp.host())) {
        return true;
      }
    }
    return false;
  }

  private static boolean loopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
  }
}
