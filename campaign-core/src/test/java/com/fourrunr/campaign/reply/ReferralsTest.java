package com.fourrunr.campaign.reply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Referral;
import org.junit.jupiter.api.Test;

/**
 * Whom a person points to: the first address that is not their own, named by the capitalised words
 * before it; else a capitalised name after a pointing phrase.
 */
class ReferralsTest {
  private static final String SENDER = "ada@acme.test";

  @Test
  void theNameBeforeTheAddressIsTheReferralsName() {
    assertThat(Referrals.find("Please talk to Maria Lopez (maria.lopez@acme.test).", SENDER))
        .isEqualTo(new Referral("Maria Lopez", "maria.lopez@acme.test"));
    assertThat(Referrals.find("Contact Bob Stone at Bob.Stone@Acme.test", SENDER))
        .isEqualTo(new Referral("Bob Stone", "bob.stone@acme.test"));
  }

  @Test
  void theSendersOwnAddressIsNoReferral() {
    assertThat(Referrals.find("I am ADA@acme.test; write to Bob Stone: bob@acme.test", SENDER))
        .isEqualTo(new Referral("Bob Stone", "bob@acme.test"));
    assertThat(Referrals.find("Reach me at ada@acme.test.", SENDER)).isNull();
  }

  @Test
  void aParticleBetweenCapitalisedWordsBelongsToTheName() {
    assertThat(Referrals.find("Fale com Maria de Souza <maria@acme.test>", SENDER))
        .isEqualTo(new Referral("Maria de Souza", "maria@acme.test"));
  }

  @Test
  void aNameMayStartTheLine() {
    assertThat(Referrals.find("Maria Lopez: maria@acme.test", SENDER))
        .isEqualTo(new Referral("Maria Lopez", "maria@acme.test"));
    // A particle belongs to a name only after a capitalised word.
    assertThat(Referrals.find("de Souza <souza@acme.test>", SENDER))
        .isEqualTo(new Referral("Souza", "souza@acme.test"));
  }

  @Test
  void atMostThreeWordsMakeTheName() {
    assertThat(Referrals.find("Ask Anna Maria Lopez Garcia: anna@acme.test", SENDER))
        .isEqualTo(new Referral("Maria Lopez Garcia", "anna@acme.test"));
  }

  @Test
  void withoutAWordJustBeforeTheAddressTheLastFullNameOnTheLineIsTaken() {
    assertThat(
            Referrals.find(
                "C'est Paul Roux qui s'occupe de ce sujet : paul.roux@acme.test", SENDER))
        .isEqualTo(new Referral("Paul Roux", "paul.roux@acme.test"));
    assertThat(Referrals.find("please write to sales@acme.test", SENDER))
        .isEqualTo(new Referral("", "sales@acme.test"));
  }

  @Test
  void trailingDotsAndDashesAreNotPartOfTheAddress() {
    assertThat(Referrals.find("Write to Bob Stone, bob@acme.test- thanks", SENDER))
        .isEqualTo(new Referral("Bob Stone", "bob@acme.test"));
  }

  @Test
  void withoutAnAddressANameAfterAPointingPhraseIsTheReferral() {
    assertThat(Referrals.find("You should contact Maria Lopez about this.", SENDER))
        .isEqualTo(new Referral("Maria Lopez", null));
    assertThat(Referrals.find("Not me, sorry.", SENDER)).isNull();
  }
}
