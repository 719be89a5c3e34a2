package com.fourrunr.campaign;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the {@link AddressVerifier} about one address for the {@link Enroller}. A verifier that
 * breaks its promise and throws must not cost a lead: the lead is enrolled with a warning.
 */
final class AddressChecks {
  private static final Logger log = LoggerFactory.getLogger(CampaignEngine.class);

  private AddressChecks() {}

  static AddressCheck check(AddressVerifier verifier, String email) {
    if (verifier == AddressVerifier.NONE) {
      return AddressCheck.pass();
    }
    try {
      AddressCheck check = verifier.check(email);
      return check == null ? AddressCheck.unverified("the verifier gave no answer") : check;
    } catch (RuntimeException e) {
      log.warn("address verifier failed: {}", e.toString());
      return AddressCheck.unverified("the verifier failed (" + e.getClass().getSimpleName() + ")");
    }
  }
}
