package com.fourrunr.campaign.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;
import org.simplejavamail.utils.mail.dkim.SigningAlgorithm;

/**
 * Signs a built message with a {@link DkimKey}: relaxed/relaxed, the headers of {@link #SIGNED}.
 */
final class DkimSigning {
  /** The header fields signed when present (From always is). */
  static final List<String> SIGNED =
      List.of(
          "From",
          "To",
          "Subject",
          "Date",
          "Message-ID",
          "In-Reply-To",
          "References",
          "List-Unsubscribe",
          "List-Unsubscribe-Post",
          "MIME-Version",
          "Content-Type");

  private DkimSigning() {}

  /**
   * The message, wrapped so that it carries a {@code DKIM-Signature} when written. The signature is
   * computed from the bytes that go on the wire.
   */
  static MimeMessage sign(MimeMessage message, DkimKey key) throws MessagingException {
    DkimSigner signer = new DkimSigner(key.domain(), key.selector(), key.privateKey());
    signer.setSigningAlgorithm(SigningAlgorithm.SHA256_WITH_RSA);
    signer.setHeaderCanonicalization(Canonicalization.RELAXED);
    signer.setBodyCanonicalization(Canonicalization.RELAXED);
    signer.setCheckDomainKey(false); // no DNS look-up while sending: the doctor checks the record
    for (String header : SIGNED) {
      signer.addHeaderToSign(header);
    }
    return new DkimMessage(message, signer);
  }
}
