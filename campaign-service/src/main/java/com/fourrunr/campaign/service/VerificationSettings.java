package com.fourrunr.campaign.service;

import com.fourrunr.campaign.config.SettingsReader;
import com.fourrunr.campaign.dns.DnsAddressVerifier.Policy;
import java.util.List;
import java.util.Objects;

/**
 * Address verification before enrolment ({@code CAMPAIGN_VERIFY_*}): whether leads' domains are
 * checked in DNS, and what becomes of disposable and role addresses. See docs/deliverability.md.
 *
 * @param domains {@link Mode#AUTO} (the default) checks when a mailbox sends through a real SMTP
 *     server, {@link Mode#ON} always, {@link Mode#OFF} never
 * @param disposable what to do with addresses at disposable-mail domains (default skip)
 * @param roles what to do with role addresses such as {@code info@} (default flag)
 */
public record VerificationSettings(Mode domains, Policy disposable, Policy roles) {
  /** When domains are checked. */
  public enum Mode {
    /** When a mailbox sends through an SMTP server that is not on this machine. */
    AUTO,
    /** Always. */
    ON,
    /** Never: no lead is checked. */
    OFF
  }

  /** The environment variables read. */
  public static final List<String> KEYS =
      List.of("CAMPAIGN_VERIFY_DOMAINS", "CAMPAIGN_VERIFY_DISPOSABLE", "CAMPAIGN_VERIFY_ROLES");

  /** Checks the parts are present. */
  public VerificationSettings {
    Objects.requireNonNull(domains, "domains");
    Objects.requireNonNull(disposable, "disposable");
    Objects.requireNonNull(roles, "roles");
  }

  /** The defaults: AUTO, disposable addresses skipped, role addresses flagged. */
  public static VerificationSettings defaults() {
    return new VerificationSettings(Mode.AUTO, Policy.SKIP, Policy.FLAG);
  }

  static VerificationSettings read(SettingsReader in) {
    return new VerificationSettings(
        in.enumValue("CAMPAIGN_VERIFY_DOMAINS", Mode.class, Mode.AUTO),
        in.enumValue("CAMPAIGN_VERIFY_DISPOSABLE", Policy.class, Policy.SKIP),
        in.enumValue("CAMPAIGN_VERIFY_ROLES", Policy.class, Policy.FLAG));
  }
}
