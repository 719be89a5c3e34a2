package com.fourrunr.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class UnsubscribeTokensTest {
  private static final byte[] KEY =
      "0123456789abcdef0123456789abcdef-test-key".getBytes(StandardCharsets.UTF_8);
  private final UnsubscribeTokens tokens = UnsubscribeTokens.withKey(KEY);

  @Test
  void issuedTokenVerifiesToItsRecipientAndList() {
    String token = tokens.issue(" Ada@Example.com ", "C-17");

    assertThat(tokens.verify(token))
        .contains(new UnsubscribeTokens.Unsubscribe("ada@example.com", "C-17"));
    assertThat(token).matches("[A-Za-z0-9_.-]+").doesNotContain("ada");
  }

  @Test
  void tokenOfAnotherKeyIsRefused() {
    UnsubscribeTokens other =
        UnsubscribeTokens.withKey(
            "another-secret-key-of-32-bytes-or-more".getBytes(StandardCharsets.UTF_8));

    assertThat(tokens.verify(other.issue("ada@example.com", "C-17"))).isEmpty();
  }

  @Test
  void tokenWithASwappedRecipientIsRefused() {
    String ada = tokens.issue("ada@example.com", "C-17");
    String grace = tokens.issue("grace@example.com", "C-17");
    // Grace's payload with Ada's signature: someone trying to unsubscribe Grace with Ada's link.
    String forged =
        grace.substring(0, grace.lastIndexOf('.')) + ada.substring(ada.lastIndexOf('.'));

    assertThat(tokens.verify(forged)).isEmpty();
  }

  @Property(tries = 200)
  void anyAlteredCharacterMakesTheTokenInvalid(@ForAll @IntRange(min = 0, max = 500) int position) {
    String token = tokens.issue("ada@example.com", "C-17");
    int i = position % token.length();
    char replacement = token.charAt(i) == 'A' ? 'B' : 'A';
    String altered = token.substring(0, i) + replacement + token.substring(i + 1);

    assertThat(tokens.verify(altered)).isEmpty();
  }

  @Test
  void malformedTokensAreRefusedWithoutAnException() {
    assertThat(tokens.verify("")).isEmpty();
    assertThat(tokens.verify("not-a-token")).isEmpty();
    assertThat(tokens.verify("u1.!!!.???")).isEmpty();
    assertThat(tokens.verify("u1.onlyonepart")).isEmpty();
    assertThat(tokens.verify("u1." + "A".repeat(5000))).isEmpty();
  }

  @Test
  void shortKeyAndBadInputAreRejectedNamingTheField() {
    assertThatThrownBy(() -> UnsubscribeTokens.withKey(new byte[16]))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("key"));
    assertThatThrownBy(() -> tokens.issue("ada@example.com", "C-1\r\nBcc: x"))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("listId"));
    assertThat(tokens.toString()).doesNotContain("0123456789");
  }
}
