package com.fourrunr.campaign.reply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.BounceReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The order {@link BounceReasons} reads a bounce in: a specific RFC 3463 status first, then the
 * diagnostic wording, then a generic status subject, else UNDEFINED.
 */
class BounceReasonsTest {

  @ParameterizedTest
  @CsvSource({
    "5.1.1, USER_UNKNOWN",
    "5.1.2, HOST_UNKNOWN",
    "5.2.1, SUSPENDED",
    "4.2.2, MAILBOX_FULL",
    "5.3.4, MESSAGE_TOO_BIG",
    "4.4.7, EXPIRED",
    "4.4.5, RATE_LIMITED",
    "5.7.26, POLICY",
    "5.7.606, BLOCKED"
  })
  void aSpecificStatusDecidesAlone(String status, BounceReason expected) {
    assertThat(BounceReasons.of(status, "")).isEqualTo(expected);
    // Whatever the text says: "mailbox full" would otherwise be MAILBOX_FULL.
    if (expected != BounceReason.MAILBOX_FULL) {
      assertThat(BounceReasons.of(status, "the mailbox is full")).isEqualTo(expected);
    }
  }

  @Test
  void theWordingDecidesOverAGenericStatus() {
    assertThat(BounceReasons.of("5.7.1", "the mailbox is full"))
        .isEqualTo(BounceReason.MAILBOX_FULL);
    assertThat(BounceReasons.of("5.0.0", "550 no such user here"))
        .isEqualTo(BounceReason.USER_UNKNOWN);
  }

  @ParameterizedTest
  @CsvSource({
    "5.7.1, POLICY",
    "5.6.0, POLICY",
    "4.4.1, NETWORK",
    "5.2.0, UNDEFINED",
    "5.0.0, UNDEFINED",
    "5.5.2, UNDEFINED"
  })
  void aGenericStatusSubjectDecidesWhenTheWordingSaysNothing(String status, BounceReason expected) {
    assertThat(BounceReasons.of(status, "something went wrong")).isEqualTo(expected);
  }

  @Test
  void withoutAStatusOnlyTheWordingCounts() {
    assertThat(BounceReasons.of(null, "user unknown")).isEqualTo(BounceReason.USER_UNKNOWN);
    assertThat(BounceReasons.of(null, "host not found")).isEqualTo(BounceReason.HOST_UNKNOWN);
    assertThat(BounceReasons.of(null, "something went wrong")).isEqualTo(BounceReason.UNDEFINED);
  }

  @Test
  void theMoreParticularReasonIsReadFirst() {
    // A full mailbox named with a user: the full mailbox is the particular reason (it is checked
    // before an unknown user), a policy word after a block list names the block.
    assertThat(BounceReasons.byText("mailbox full for user unknown"))
        .isEqualTo(BounceReason.MAILBOX_FULL);
    assertThat(BounceReasons.byText("blocked using spamhaus by policy"))
        .isEqualTo(BounceReason.BLOCKED);
    assertThat(BounceReasons.byText("nothing to see")).isNull();
  }

  @Test
  void onlyTheFirstEightKilobytesOfTheTextAreRead() {
    assertThat(BounceReasons.byText(" ".repeat(8_180) + "user unknown"))
        .isEqualTo(BounceReason.USER_UNKNOWN);
    assertThat(BounceReasons.byText(" ".repeat(8_192) + "user unknown")).isNull();
  }
}
