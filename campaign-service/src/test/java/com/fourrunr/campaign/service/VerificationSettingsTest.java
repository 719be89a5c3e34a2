package com.fourrunr.campaign.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.AddressCheck;
import com.fourrunr.campaign.AddressVerifier;
import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.SkipReason;
import com.fourrunr.campaign.dns.DnsAddressVerifier.Policy;
import com.fourrunr.campaign.dns.StaticDnsResolver;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code CAMPAIGN_VERIFY_*}: read, checked, and turned into the engine's address verifier. */
class VerificationSettingsTest {
  private final StaticDnsResolver dns =
      StaticDnsResolver.builder().mx("good.example", 10, "mx.good.example").build();

  @Test
  void defaultsAreAutoSkipDisposableFlagRoles() {
    CampaignSettings s = CampaignSettings.load(Map.of(), null);
    assertThat(s.verification()).isEqualTo(VerificationSettings.defaults());
    // AUTO without an SMTP server off this machine: nothing is checked
    assertThat(DeliverabilityChecks.addressVerifier(s, null)).isNull();
    assertThat(DeliverabilityChecks.addressVerifier(s, dns)).isNull();
    // ON: leads' domains are checked with the resolver given
    CampaignSettings on = CampaignSettings.load(Map.of("CAMPAIGN_VERIFY_DOMAINS", "on"), null);
    AddressVerifier v = DeliverabilityChecks.addressVerifier(on, dns);
    assertThat(v).isNotNull();
    assertThat(v.check("ann@gone.example").reason()).isEqualTo(SkipReason.DOMAIN_NOT_FOUND);
    assertThat(v.check("info@good.example").outcome()).isEqualTo(AddressCheck.Outcome.WARN);
  }

  @Test
  void offTurnsItOffAndThePoliciesAreRead() {
    CampaignSettings off = CampaignSettings.load(Map.of("CAMPAIGN_VERIFY_DOMAINS", "off"), null);
    assertThat(DeliverabilityChecks.addressVerifier(off, dns)).isNull();

    CampaignSettings strict =
        CampaignSettings.load(
            Map.of(
                "CAMPAIGN_VERIFY_DOMAINS", "on",
                "CAMPAIGN_VERIFY_ROLES", "skip",
                "CAMPAIGN_VERIFY_DISPOSABLE", "allow"),
            null);
    assertThat(strict.verification())
        .isEqualTo(
            new VerificationSettings(VerificationSettings.Mode.ON, Policy.ALLOW, Policy.SKIP));
    AddressVerifier v = DeliverabilityChecks.addressVerifier(strict, dns);
    assertThat(v).isNotNull();
    assertThat(v.check("info@good.example").reason()).isEqualTo(SkipReason.ROLE_ADDRESS);
  }

  @Test
  void aBadValueIsNamed() {
    assertThatThrownBy(
            () -> CampaignSettings.load(Map.of("CAMPAIGN_VERIFY_ROLES", "sometimes"), null))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactly("CAMPAIGN_VERIFY_ROLES"));
  }
}
