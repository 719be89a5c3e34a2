package com.fourrunr.campaign.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CIDR blocks: the prefix length must fit the address family. */
class IpRangeTest {

  @Test
  void aPrefixLongerThanTheAddressIsNoBlock() {
    assertThat(IpRange.parse("17.0.0.0/33")).isNull();
    assertThat(IpRange.parse("2620:149::/129")).isNull();
  }

  @Test
  void theFullLengthPrefixIsOneAddress() {
    IpRange v4 = IpRange.parse("17.1.2.3/32");
    assertThat(v4).isNotNull();
    assertThat(v4.contains("17.1.2.3")).isTrue();
    assertThat(v4.contains("17.1.2.4")).isFalse();

    IpRange v6 = IpRange.parse("2620:149::1/128");
    assertThat(v6).isNotNull();
    assertThat(v6.contains("2620:149::1")).isTrue();
    assertThat(v6.contains("2620:149::2")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"17.0.0.0/-1", "17.0.0.0/", "17.0.0.0/x", "17.0.0/8", "256.0.0.0/8", ""})
  void malformedBlocksAreNoBlocks(String text) {
    assertThat(IpRange.parse(text)).as(text).isNull();
  }

  @Test
  void withoutAPrefixTheBlockIsTheOneAddress() {
    IpRange one = IpRange.parse(" 17.1.2.3 ");
    assertThat(one).isNotNull();
    assertThat(one.prefix()).isEqualTo(32);
    assertThat(one.contains("17.1.2.3")).isTrue();
    assertThat(one.contains("17.1.2.2")).isFalse();
  }

  @Test
  void aPartialBytePrefixComparesOnlyItsLeadingBits() {
    IpRange r = IpRange.parse("10.0.0.0/12");
    assertThat(r).isNotNull();
    assertThat(r.contains("10.15.255.255")).isTrue();
    assertThat(r.contains("10.16.0.0")).isFalse();
    assertThat(r.contains("11.0.0.0")).isFalse();
    assertThat(r.contains("::ffff:10.1.0.0")).isTrue();
    assertThat(r.contains("2620:149::1")).isFalse();
    assertThat(r.contains(null)).isFalse();
  }

  @Test
  void aConfiguredRangeWithPrefix33IsRejectedOnItsOwn() {
    assertThatThrownBy(
            () -> TrafficClassifier.builder().appleRanges(List.of("17.0.0.0/33")).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("17.0.0.0/33");
  }
}
