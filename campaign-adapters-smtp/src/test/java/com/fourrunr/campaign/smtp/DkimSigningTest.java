package com.fourrunr.campaign.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.testing.InMemoryCampaignStore;
import com.fourrunr.campaign.testing.SettableClock;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * DKIM signatures made by the SMTP adapter (utils-mail-dkim), checked by a second, independent
 * implementation (Apache James jDKIM) fed with the published public key, on the bytes GreenMail
 * received.
 */
class DkimSigningTest {
  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static final Instant DAY0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Lead ADA =
      Lead.builder("L-ada", "ada@engines.example")
          .firstName("Ada")
          .company("Analytical Engines")
          .companyDescription("Analytical Engines builds calculating machines.")
          .topServices("Engine design")
          .emailConfidence(EmailConfidence.REAL)
          .build();

  static final KeyPair RSA = generate("RSA", 2048);

  static String pem(KeyPair pair) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(pair.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  private static KeyPair generate(String algorithm, int bits) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
      if (bits > 0) {
        g.initialize(bits);
      }
      return g.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The DNS of the test: the one TXT record at {@code selector._domainkey.domain}. */
  private static PublicKeyRecordRetriever dns(DkimKey key) {
    return (method, selector, domain) -> {
      String name = selector + "._domainkey." + domain;
      return name.toLowerCase(Locale.ROOT).equals(key.dnsName())
          ? List.of(key.dnsRecord())
          : List.of();
    };
  }

  private static byte[] raw(MimeMessage m) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeTo(out);
    return out.toByteArray();
  }

  private static List<SignatureRecord> verify(DkimKey key, byte[] raw) throws Exception {
    return new DKIMVerifier(dns(key)).verify(new ByteArrayInputStream(raw));
  }

  @Test
  void threeStepCampaignIsSignedAndAnIndependentVerifierAcceptsEveryMessage() throws Exception {
    DkimKey key = DkimKey.fromPem("4runr.example", "s2026", pem(RSA));
    // the published record carries the very public key of the pair
    assertThat(key.publicKey())
        .isEqualTo(Base64.getEncoder().encodeToString(RSA.getPublic().getEncoded()));
    SettableClock clock = new SettableClock(DAY0);
    InMemoryCampaignStore store = new InMemoryCampaignStore();
    SmtpMessageOptions options = SmtpMessageOptionsTest.fullOptions().withDkim(List.of(key));
    SmtpSender sender =
        SmtpSender.create(
            SmtpConfig.builder("127.0.0.1", greenMail.getSmtp().getPort()).build(), options, clock);
    CampaignEngine engine =
        CampaignEngine.builder()
            .store(store)
            .sender(sender)
            .clock(clock)
            .schedule(SendSchedule.calendarDays())
            .from(new Mailbox("hello@4runr.example", "4Runr"))
            .build();

    engine.enrol(List.of(ADA));
    for (int day = 0; day <= 8; day++) {
      clock.set(DAY0.plus(Duration.ofDays(day)));
      engine.runDue();
    }

    Campaign campaign = store.findCampaignsByLead("L-ada").get(0);
    assertThat(campaign.status()).isEqualTo(CampaignStatus.COMPLETED);
    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(3);
    for (int i = 0; i < received.length; i++) {
      byte[] raw = raw(received[i]);
      List<SignatureRecord> valid = verify(key, raw);
      assertThat(valid).as("message %d", i + 1).hasSize(1);
      SignatureRecord sig = valid.get(0);
      assertThat(sig.getDToken().toString()).isEqualTo("4runr.example");
      assertThat(sig.getSelector().toString()).isEqualTo("s2026");
      assertThat(sig.getHashKeyType() + "-" + sig.getHashMethod()).isEqualTo("rsa-sha256");
      assertThat(sig.getHeaderCanonicalisationMethod()).isEqualTo("relaxed");
      assertThat(sig.getBodyCanonicalisationMethod()).isEqualTo("relaxed");
      List<String> signed = new ArrayList<>();
      sig.getHeaders().forEach(h -> signed.add(h.toString().toLowerCase(Locale.ROOT)));
      assertThat(signed)
          .contains(
              "from",
              "to",
              "subject",
              "date",
              "message-id",
              "list-unsubscribe",
              "list-unsubscribe-post",
              "mime-version",
              "content-type");
      if (i > 0) {
        assertThat(signed).contains("in-reply-to", "references");
      }
    }
  }

  @Test
  void verificationFailsWhenASignedHeaderIsAlteredAfterSigning() throws Exception {
    DkimKey key = DkimKey.fromPem("4runr.example", "s2026", pem(RSA));
    byte[] raw = sendOne(SmtpMessageOptions.builder().dkim(key).build());
    assertThat(verify(key, raw)).hasSize(1);

    String text = new String(raw, StandardCharsets.UTF_8);
    assertThat(text).contains("\r\nSubject: Hello\r\n");
    byte[] altered =
        text.replace("\r\nSubject: Hello\r\n", "\r\nSubject: Hello again\r\n")
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> verify(key, altered)).isInstanceOf(FailException.class);

    byte[] otherTo =
        text.replace("To: bob@example.org", "To: eve@example.org").getBytes(StandardCharsets.UTF_8);
    assertThat(new String(otherTo, StandardCharsets.UTF_8)).contains("To: eve@example.org");
    assertThatThrownBy(() -> verify(key, otherTo)).isInstanceOf(FailException.class);

    // and with another key published under the selector, the original fails too
    DkimKey other = DkimKey.fromPem("4runr.example", "s2026", pem(generate("RSA", 2048)));
    assertThatThrownBy(() -> new DKIMVerifier(dns(other)).verify(new ByteArrayInputStream(raw)))
        .isInstanceOf(FailException.class);
  }

  @Test
  void mailFromAnotherDomainIsNotSigned() throws Exception {
    DkimKey key = DkimKey.fromPem("other.example", "s1", pem(RSA));
    byte[] raw = sendOne(SmtpMessageOptions.builder().dkim(key).build());
    assertThat(new String(raw, StandardCharsets.UTF_8)).doesNotContain("DKIM-Signature");
  }

  @Test
  void ed25519KeysAreRefusedClearly() {
    String ed = pem(generate("Ed25519", 0));
    assertThatThrownBy(() -> DkimKey.fromPem("4runr.example", "ed1", ed))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("privateKey")
        .hasMessageContaining("Ed25519");
  }

  @Test
  void aBadKeyFailsWithAClearMessageThatNeverQuotesTheKey(@TempDir Path dir) throws Exception {
    String notAKey = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LXN0dWZm\n-----END PRIVATE KEY-----\n";
    assertThatThrownBy(() -> DkimKey.fromPem("4runr.example", "s1", notAKey))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("privateKey")
        .hasMessageNotContaining("c2VjcmV0LXN0dWZm");
    assertThatThrownBy(() -> DkimKey.fromPem("4runr.example", "s1", "secret-stuff"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("privateKey")
        .hasMessageNotContaining("secret-stuff");
    Path file = dir.resolve("missing.pem");
    assertThatThrownBy(() -> DkimKey.fromPemFile("4runr.example", "s1", file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("privateKeyFile");
    Files.writeString(file, pem(generate("RSA", 512)));
    assertThatThrownBy(() -> DkimKey.fromPemFile("4runr.example", "s1", file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("privateKeyFile")
        .hasMessageContaining("512 bits");
    assertThatThrownBy(() -> DkimKey.fromPem("not a domain", "s1", pem(RSA)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("domain");
    DkimKey key = DkimKey.fromPem("4runr.example", "s1", pem(RSA));
    assertThat(key.toString()).doesNotContain(key.publicKey()).contains("****");
  }

  private byte[] sendOne(SmtpMessageOptions options) throws Exception {
    SmtpSender sender =
        SmtpSender.create(
            SmtpConfig.builder("127.0.0.1", greenMail.getSmtp().getPort()).build(),
            options,
            new SettableClock(DAY0));
    sender.send(
        new com.fourrunr.campaign.OutgoingEmail(
            new Mailbox("hello@4runr.example", "4Runr"),
            "bob@example.org",
            "Hello",
            "Hi Bob.",
            null,
            "<m1@4runr.example>",
            null,
            List.of(),
            java.util.Map.of()));
    sender.close();
    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(1);
    return raw(received[0]);
  }
}
