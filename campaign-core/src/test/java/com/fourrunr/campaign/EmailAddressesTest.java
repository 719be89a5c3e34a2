package com.fourrunr.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class EmailAddressesTest {

  @Test
  void caseVariantsOfOneAddressHaveOneKey() {
    assertThat(EmailAddresses.normalise("Same.Person@Example.com"))
        .isEqualTo("same.person@example.com");
    assertThat(EmailAddresses.normalise("SAME.PERSON@EXAMPLE.COM"))
        .isEqualTo("same.person@example.com");
    assertThat(EmailAddresses.normalise("  same.person@example.com\t"))
        .isEqualTo("same.person@example.com");
  }

  @Test
  void composedAndDecomposedAccentsHaveOneKey() {
    String composed = EmailAddresses.normalise("Jos\u00e9@example.com");
    String decomposed = EmailAddresses.normalise("Jose\u0301@example.com");

    assertThat(composed).isEqualTo("jos\u00e9@example.com").isEqualTo(decomposed);
  }

  @Test
  void anInternationalisedDomainIsKeptInItsAsciiForm() {
    assertThat(EmailAddresses.normalise("ada@B\u00fccher.Example"))
        .isEqualTo("ada@xn--bcher-kva.example");
    assertThat(EmailAddresses.normalise("ada@XN--BCHER-KVA.example"))
        .isEqualTo("ada@xn--bcher-kva.example");
    assertThat(EmailAddresses.normalise("ada@bu\u0308cher.example"))
        .isEqualTo("ada@xn--bcher-kva.example");
  }

  @Test
  void dotsAndPlusTagsAreOtherMailboxes() {
    assertThat(EmailAddresses.normalise("a.b@example.com"))
        .isNotEqualTo(EmailAddresses.normalise("ab@example.com"));
    assertThat(EmailAddresses.normalise("a+x@example.com")).isEqualTo("a+x@example.com");
  }

  @Test
  void textThatIsNoAddressIsStillTrimmedAndLowerCased() {
    assertThat(EmailAddresses.normalise(" Not An Address ")).isEqualTo("not an address");
    assertThat(EmailAddresses.normalise("Ada@")).isEqualTo("ada@");
    // a domain IDN refuses (a label over 63 characters) is kept as written, lower-cased
    String longLabel = "\u00fc".repeat(70);
    assertThat(EmailAddresses.normalise("ada@" + longLabel + ".example"))
        .isEqualTo("ada@" + longLabel + ".example");
  }

  @Property(tries = 500)
  void normalisingTwiceChangesNothing(@ForAll("addresses") String address) {
    String once = EmailAddresses.normalise(address);

    assertThat(EmailAddresses.normalise(once)).isEqualTo(once);
  }

  @Property(tries = 500)
  void caseAndCompositionNeverChangeTheKey(@ForAll("addresses") String address) {
    String key = EmailAddresses.normalise(address);

    assertThat(EmailAddresses.normalise(address.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT)))
        .isEqualTo(EmailAddresses.normalise(address.toLowerCase(Locale.ROOT)));
    assertThat(EmailAddresses.normalise(Normalizer.normalize(address, Normalizer.Form.NFD)))
        .isEqualTo(key);
    assertThat(EmailAddresses.normalise(address.toUpperCase(Locale.ROOT))).isEqualTo(key);
  }

  @Provide
  Arbitrary<String> addresses() {
    Arbitrary<String> local =
        Arbitraries.strings()
            .withChars("abcXYZ.+_-019\u00e9\u00c9\u00fc\u00dc\u00f1\u00e7")
            .ofMinLength(1)
            .ofMaxLength(20);
    Arbitrary<String> label =
        Arbitraries.strings()
            .withChars("abcxyzDEF019-\u00e9\u00fc\u00f6\u00c4")
            .ofMinLength(1)
            .ofMaxLength(12);
    Arbitrary<String> domain =
        label.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(".", l) + ".example");
    return Combinators.combine(local, domain).as((l, d) -> l + "@" + d);
  }
}
