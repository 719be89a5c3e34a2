package com.fourrunr.campaign.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class TrackingTokensTest {
  private static final byte[] KEY =
      "tracking-key-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8);
  private static final String URL = "https://4runr.com/case-study?utm=mail&x=1";
  private final TrackingTokens tokens = TrackingTokens.withKey(KEY);

  @Test
  void clickTokenVerifiesToItsMessageLinkAndUrl() {
    String token = tokens.click("C-1", "M-1", 1, 3, URL);

    assertThat(tokens.verifyClick(token))
        .contains(new TrackingTokens.Click("C-1", "M-1", 1, 3, URL));
    assertThat(token).matches("[A-Za-z0-9_.-]+");
  }

  @Test
  void openTokenVerifiesToItsMessage() {
    assertThat(tokens.verifyOpen(tokens.open("C-1", "M-1")))
        .contains(new TrackingTokens.Open("C-1", "M-1"));
  }

  @Test
  void anOpenTokenIsNoClickTokenAndAClickTokenNoOpenToken() {
    assertThat(tokens.verifyClick(tokens.open("C-1", "M-1"))).isEmpty();
    assertThat(tokens.verifyOpen(tokens.click("C-1", "M-1", 0, 1, URL))).isEmpty();
  }

  @Test
  void aTokenWithAnotherUrlSplicedInIsRefused() {
    String mine = tokens.click("C-1", "M-1", 0, 1, URL);
    // The attacker writes a payload naming their own site and keeps the real signature.
    String payload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                "C-1\nM-1\n0\n1\nhttps://evil.example/phish".getBytes(StandardCharsets.UTF_8));
    String forged = "c1." + payload + mine.substring(mine.lastIndexOf('.'));

    assertThat(tokens.verifyClick(forged)).isEmpty();
  }

  @Test
  void anotherMessagesPayloadWithThisSignatureIsRefused() {
    String first = tokens.click("C-1", "M-1", 0, 1, URL);
    String second = tokens.click("C-2", "M-2", 0, 1, "https://other.example/");
    String swapped =
        second.substring(0, second.lastIndexOf('.')) + first.substring(first.lastIndexOf('.'));

    assertThat(tokens.verifyClick(swapped)).isEmpty();
  }

  @Test
  void aTokenOfAnotherKeyIsRefused() {
    TrackingTokens other =
        TrackingTokens.withKey(
            "another-key-of-at-least-32-bytes-!!".getBytes(StandardCharsets.UTF_8));

    assertThat(tokens.verifyClick(other.click("C-1", "M-1", 0, 1, URL))).isEmpty();
    assertThat(tokens.verifyOpen(other.open("C-1", "M-1"))).isEmpty();
  }

  @Test
  void malformedTokensAreRefusedWithoutAnException() {
    for (String bad :
        new String[] {"", ".", "c1.", "c1..", "c1.!!!.???", "o1.x", "c1." + "A".repeat(9000)}) {
      assertThat(tokens.verifyClick(bad)).as(bad).isEmpty();
      assertThat(tokens.verifyOpen(bad)).as(bad).isEmpty();
    }
  }

  @Test
  void shortKeysAndNonHttpUrlsAreRejectedNamingTheField() {
    assertThatThrownBy(() -> TrackingTokens.withKey(new byte[31]))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("key");
    assertThatThrownBy(() -> tokens.click("C-1", "M-1", 0, 1, "javascript:alert(1)"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("url");
    assertThatThrownBy(() -> tokens.click("C-1", "M-1", 2, 2, URL))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("linkIndex");
    assertThatThrownBy(() -> tokens.open(" ", "M-1"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("campaignId");
  }

  @Test
  void aClickTokenNeedsACampaignIdThatIsNeitherBlankNorMultiLine() {
    // The token's fields are separated by newlines: an id holding one would shift every field.
    for (String bad : new String[] {"", "  ", "C-1\nM-2", "C-1\r", "C\u0000"}) {
      assertThatThrownBy(() -> tokens.click(bad, "M-1", 0, 1, URL))
          .as("campaignId %s", bad.replace("\n", "\\n"))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("campaignId");
    }
    assertThatThrownBy(() -> tokens.click("C-1", "M-1\nC-2", 0, 1, URL))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("messageId");
    assertThatThrownBy(() -> tokens.click("C-1", "M-1", 0, 1, URL + "\n0"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("url");
    assertThatThrownBy(() -> tokens.open("C-1\nx", "M-1"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("campaignId");
  }

  @Test
  void aUrlOfExactlyTheLongestLengthIsSignedAndOneLongerIsNot() {
    String base = "https://4runr.com/";
    String longest = base + "a".repeat(TrackingTokens.MAX_URL_LENGTH - base.length());
    assertThat(tokens.verifyClick(tokens.click("C-1", "M-1", 0, 1, longest)))
        .map(TrackingTokens.Click::url)
        .contains(longest);
    assertThatThrownBy(() -> tokens.click("C-1", "M-1", 0, 1, longest + "a"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("url");
  }

  @Test
  void toStringShowsNoKey() {
    assertThat(tokens.toString()).doesNotContain("tracking-key").contains("****");
  }

  /** One change to a token: a character replaced, inserted or removed, or the token cut short. */
  record Tampering(int kind, int position, char character) {
    String apply(String token) {
      int i = position % token.length();
      return switch (kind) {
        case 0 -> token.substring(0, i) + character + token.substring(i + 1);
        case 1 -> token.substring(0, i) + character + token.substring(i);
        case 2 -> token.substring(0, i) + token.substring(i + 1);
        default -> token.substring(0, i);
      };
    }
  }

  @Provide
  Arbitrary<Tampering> tamperings() {
    Arbitrary<Character> chars =
        Arbitraries.oneOf(
            Arbitraries.chars()
                .with("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.="),
            Arbitraries.chars());
    return Combinators.combine(
            Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 10_000), chars)
        .as(Tampering::new);
  }

  @Property(tries = 1_000)
  void anyTamperingOfAClickTokenIsRejected(@ForAll("tamperings") Tampering tampering) {
    String token = tokens.click("C-1", "M-1", 0, 2, URL);
    String altered = tampering.apply(token);

    if (!altered.equals(token)) {
      assertThat(tokens.verifyClick(altered)).isEmpty();
      assertThat(tokens.verifyOpen(altered)).isEmpty();
    }
  }

  @Property(tries = 1_000)
  void anyTamperingOfAnOpenTokenIsRejected(@ForAll("tamperings") Tampering tampering) {
    String token = tokens.open("C-1", "M-1");
    String altered = tampering.apply(token);

    if (!altered.equals(token)) {
      assertThat(tokens.verifyOpen(altered)).isEmpty();
      assertThat(tokens.verifyClick(altered)).isEmpty();
    }
  }
}
