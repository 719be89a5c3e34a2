package com.fourrunr.campaign;

/**
 * Checks a lead's address before it is enrolled: whether its domain takes mail, whether it is a
 * disposable or role address. The engine asks it once per lead, after the cheap gates (confidence,
 * engagement, suppression, one campaign per person) and before any copy is written; a {@link
 * AddressCheck.Outcome#SKIP} skips the lead with the check's reason, a {@link
 * AddressCheck.Outcome#WARN} enrols it with a warning in the {@link EnrolmentReport}.
 *
 * <p>Implementations are thread-safe, bounded in time and never throw for an unanswered question: a
 * check that could not be made (a DNS outage) answers {@link AddressCheck#unverified(String)} so
 * the lead is enrolled. {@code campaign-adapters-dns} has one ({@code DnsAddressVerifier}). Give it
 * to {@link CampaignEngineBuilder#addressVerifier}; without one no address is checked.
 */
@FunctionalInterface
public interface AddressVerifier {
  /** Accepts every address: the default. */
  AddressVerifier NONE = email -> AddressCheck.pass();

  /**
   * The verdict on one address.
   *
   * @param email the lead's address, already syntactically valid
   */
  AddressCheck check(String email);
}
