package com.fourrunr.campaign.spring;

import com.fourrunr.campaign.dns.DnsAddressVerifier.Policy;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Address verification before enrolment ({@code CAMPAIGN_VERIFY_*}, see docs/deliverability.md):
 * whether each lead's domain is checked in DNS, and what becomes of disposable and role addresses.
 * A DNS outage never skips a lead.
 *
 * @param domains {@link Mode#AUTO} checks when a mailbox sends through an SMTP server that is not
 *     on this machine, {@link Mode#ON} always, {@link Mode#OFF} never
 * @param disposable addresses at known disposable-mail domains: skipped, flagged or allowed
 * @param roles role addresses such as {@code info@}: skipped, flagged or allowed
 */
public record VerifyProperties(
    @DefaultValue("AUTO") Mode domains,
    @DefaultValue("SKIP") Policy disposable,
    @DefaultValue("FLAG") Policy roles) {

  /** When leads' domains are checked. */
  public enum Mode {
    /** When a mailbox sends through an SMTP server that is not on this machine. */
    AUTO,
    /** Always. */
    ON,
    /** Never: no lead is checked. */
    OFF
  }
}
