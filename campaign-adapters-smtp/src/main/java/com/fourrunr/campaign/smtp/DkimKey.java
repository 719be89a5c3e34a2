package com.fourrunr.campaign.smtp;

import com.fourrunr.campaign.InvalidInputException;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.jspecify.annotations.Nullable;

/**
 * A DKIM signing key of one domain (RFC 6376): the signing domain ({@code d=}), the selector
 * ({@code s=}) and the RSA private key ({@code rsa-sha256}; Ed25519 keys are refused: the signing
 * library cannot use them). Give it to {@link SmtpMessageOptions.Builder#dkim(DkimKey)} and every
 * message whose {@code From} is in that domain goes out signed.
 *
 * <pre>{@code
 * DkimKey key = DkimKey.fromPemFile("4runr.com", "s2026", Path.of("/etc/campaign/dkim.pem"));
 * String txt = key.dnsRecord(); // publish at s2026._domainkey.4runr.com
 * }</pre>
 *
 * <p>{@link #toString()} never shows the key, and no error message quotes it.
 */
public final class DkimKey {
  private static final Pattern LABEL =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

  private final String domain;
  private final String selector;
  private final RSAPrivateCrtKey privateKey;
  private final String publicKey;

  private DkimKey(String domain, String selector, RSAPrivateCrtKey privateKey, String publicKey) {
    this.domain = domain;
    this.selector = selector;
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  /**
   * A key from PEM text: PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1 ({@code BEGIN RSA PRIVATE
   * KEY}).
   *
   * @param domain the signing domain, for example {@code 4runr.com}
   * @param selector the selector, for example {@code s2026}
   * @param pem the private key in PEM form
   * @throws InvalidInputException naming {@code domain}, {@code selector} or {@code privateKey}
   *     when one is not valid; the key itself is never quoted
   */
  public static DkimKey fromPem(String domain, String selector, String pem) {
    return parse(domain, selector, pem, "privateKey");
  }

  /**
   * A key from a PEM file.
   *
   * @throws InvalidInputException naming {@code privateKeyFile} when the file cannot be read or
   *     holds no usable key, or {@code domain} or {@code selector}
   */
  public static DkimKey fromPemFile(String domain, String selector, Path file) {
    Objects.requireNonNull(file, "file");
    String pem;
    try {
      pem = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException e) {
      throw InvalidInputException.of(
          "DkimKey", "privateKeyFile", "'" + file + "' cannot be read as a PEM file");
    }
    return parse(domain, selector, pem, "privateKeyFile");
  }

  private static DkimKey parse(String domain, String selector, String pem, String field) {
    String d = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
    if (!validDomain(d)) {
      throw InvalidInputException.of("DkimKey", "domain", "'" + domain + "' is not a domain name");
    }
    String s = selector == null ? "" : selector.strip();
    if (!validDomain(s)) {
      throw InvalidInputException.of(
          "DkimKey", "selector", "'" + selector + "' is not a DNS label (letters, digits, '-')");
    }
    PrivateKeyInfo info = privateKeyInfo(pem, field);
    try {
      PrivateKey key =
          new JcaPEMKeyConverter().setProvider(new BouncyCastleProvider()).getPrivateKey(info);
      if (key instanceof RSAPrivateCrtKey rsa) {
        if (rsa.getModulus().bitLength() < 1024) {
          throw InvalidInputException.of(
              "DkimKey",
              field,
              "is an RSA key of "
                  + rsa.getModulus().bitLength()
                  + " bits; DKIM verifiers need at least 1024 (2048 recommended)");
        }
        return new DkimKey(d, s, rsa, rsaPublicKey(rsa));
      }
      if ("Ed25519".equalsIgnoreCase(key.getAlgorithm())
          || "EdDSA".equalsIgnoreCase(key.getAlgorithm())) {
        // utils-mail-dkim asks the JCA for "NONEwithEdDSA", which neither the JDK nor Bouncy
        // Castle offers: ed25519-sha256 (RFC 8463) cannot be signed with it.
        throw InvalidInputException.of(
            "DkimKey",
            field,
            "holds an Ed25519 key; the signer supports RSA keys only (rsa-sha256)");
      }
      throw InvalidInputException.of(
          "DkimKey", field, "holds a " + key.getAlgorithm() + " key; DKIM signs with RSA here");
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      if (e instanceof InvalidInputException invalid) {
        throw invalid;
      }
      throw InvalidInputException.of("DkimKey", field, "is not a usable RSA private key");
    }
  }

  private static PrivateKeyInfo privateKeyInfo(String pem, String field) {
    if (pem == null || !pem.contains("-----BEGIN")) {
      throw InvalidInputException.of(
          "DkimKey", field, "is not a PEM private key (no -----BEGIN line)");
    }
    Object read;
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      read = parser.readObject();
    } catch (IOException | RuntimeException e) {
      throw InvalidInputException.of("DkimKey", field, "is not a readable PEM private key");
    }
    if (read instanceof PEMKeyPair pair) {
      return pair.getPrivateKeyInfo();
    }
    if (read instanceof PrivateKeyInfo info) {
      return info;
    }
    throw InvalidInputException.of(
        "DkimKey",
        field,
        read == null
            ? "is not a readable PEM private key"
            : "holds no unencrypted private key (a public key, a certificate or an encrypted key)");
  }

  private static String rsaPublicKey(RSAPrivateCrtKey rsa) throws GeneralSecurityException {
    BigInteger modulus = rsa.getModulus();
    byte[] der =
        KeyFactory.getInstance("RSA")
            .generatePublic(new RSAPublicKeySpec(modulus, rsa.getPublicExponent()))
            .getEncoded();
    return Base64.getEncoder().encodeToString(der);
  }

  static boolean validDomain(String name) {
    if (name.isEmpty() || name.length() > 253 || name.endsWith(".")) {
      return false;
    }
    for (String label : name.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  /** The signing domain ({@code d=}), lower case. */
  public String domain() {
    return domain;
  }

  /** The selector ({@code s=}). */
  public String selector() {
    return selector;
  }

  /** The DNS name the public key is published at: {@code <selector>._domainkey.<domain>}. */
  public String dnsName() {
    return selector + "._domainkey." + domain;
  }

  /** The public key as DKIM publishes it ({@code p=}): base64 of its DER SubjectPublicKeyInfo. */
  public String publicKey() {
    return publicKey;
  }

  /** The TXT record to publish at {@link #dnsName()}: {@code v=DKIM1; k=rsa; p=...}. */
  public String dnsRecord() {
    return "v=DKIM1; k=rsa; p=" + publicKey;
  }

  /** Whether this key signs for {@code fromDomain}: the same domain or a parent of it. */
  boolean signsFor(@Nullable String fromDomain) {
    if (fromDomain == null) {
      return false;
    }
    String f = fromDomain.toLowerCase(Locale.ROOT);
    return f.equals(domain) || f.endsWith("." + domain);
  }

  RSAPrivateCrtKey privateKey() {
    return privateKey;
  }

  @Override
  public String toString() {
    return "DkimKey[rsa " + dnsName() + ", key=****]";
  }
}
