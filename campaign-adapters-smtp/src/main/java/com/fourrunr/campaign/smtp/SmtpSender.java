package com.fourrunr.campaign.smtp;

import com.fourrunr.campaign.OutgoingEmail;
import com.fourrunr.campaign.SendException;
import com.fourrunr.campaign.SendReceipt;
import com.fourrunr.campaign.Sender;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * A {@link com.fourrunr.campaign.Sender} that delivers over SMTP with Eclipse Angus Mail.
 *
 * <pre>{@code
 * Sender sender = SmtpSender.create(
 *     SmtpConfig.builder("smtp.example.com", 587)
 *         .security(SmtpConfig.Security.STARTTLS)
 *         .credentials("hello@4runr.com", System.getenv("CAMPAIGN_SMTP_PASSWORD"))
 *         .build());
 * }</pre>
 *
 * <p>Each message goes out under the Message-ID the engine assigned, with {@code In-Reply-To} and {@code
 * References} for follow-ups, as text or as text with an HTML alternative. Failures are reported as {@link
 * SendException}s that say whether a retry can help: SMTP 4xx replies, refused connections, unknown hosts
 * and timeouts are transient; 5xx replies are permanent. Thread-safe: each send opens its own connection.
 */
public final class SmtpSender implements Sender {
  private final SmtpConfig config;
  private final Session session;
  private final Clock clock;

  private SmtpSender(SmtpConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.session = Session.getInstance(properties(config));
  }

  /** A sender for the given server, stamping the {@code Date} header from the system clock. */
  public static SmtpSender create(SmtpConfig config) {
    return create(config, Clock.systemUTC());
  }

  /** A sender for the given server, stamping the {@code Date} header from {@code clock}. */
  public static SmtpSender create(SmtpConfig config, Clock clock) {
    return new SmtpSender(Objects.requireNonNull(config, "config"), Objects.requireNonNull(clock, "clock"));
  }

  @Override
  public SendReceipt send(OutgoingEmail email) throws SendException {
    MimeMessage message;
    try {
      message = toMime(email);
    } catch (AddressException e) {
      throw SendException.permanentFailure("address rejected before sending: " + e.getMessage(), 0);
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new SendException("message could not be built: " + e.getMessage(), false, 0, e);
    }
    try (Transport transport = session.getTransport("smtp")) {
      if (config.username() != null) {
        transport.connect(config.host(), config.port(), config.username(), config.password());
      } else {
        transport.connect();
      }
      transport.sendMessage(message, message.getAllRecipients());
      String response =
          transport instanceof SMTPTransport smtp ? smtp.getLastServerResponse() : "accepted";
      return new SendReceipt(response == null ? "accepted" : response.strip());
    } catch (SMTPAddressFailedException e) {
      throw classified("recipient refused: " + oneLine(e.getMessage()), e.getReturnCode(), e);
    } catch (SMTPSendFailedException e) {
      int code = e.getReturnCode();
      // the refusal of a single recipient is nested in the send failure
      for (Exception next = e.getNextException(); next != null;
          next = next instanceof MessagingException me ? me.getNextException() : null) {
        if (next instanceof SMTPAddressFailedException af) {
          throw classified("recipient refused: " + oneLine(af.getMessage()), af.getReturnCode(), e);
        }
      }
      throw classified("send refused: " + oneLine(e.getMessage()), code, e);
    } catch (AuthenticationFailedException e) {
      // A configuration problem, not the recipient's: retried, then given up, never a bounce.
      throw new SendException("authentication with " + config.host() + " failed", true, 535, e);
    } catch (MessagingException e) {
      Throwable cause = rootCause(e);
      String what = cause instanceof ConnectException ? "connection refused"
          : cause instanceof SocketTimeoutException ? "timed out"
          : cause instanceof UnknownHostException ? "unknown host"
          : oneLine(e.getMessage());
      throw new SendException("SMTP " + config.host() + ":" + config.port() + ": " + what, true, 0, e);
    }
  }

  private static SendException classified(String message, int code, Exception cause) {
    boolean transientFailure = code < 500;
    return new SendException(message, transientFailure, code, cause);
  }

  private MimeMessage toMime(OutgoingEmail email) throws MessagingException, UnsupportedEncodingException {
    MimeMessage message = new FixedIdMimeMessage(session, email.messageId());
    message.setFrom(new InternetAddress(email.from().address(), email.from().displayName(),
        StandardCharsets.UTF_8.name()));
    message.setRecipients(MimeMessage.RecipientType.TO, new Address[] {new InternetAddress(email.to(), true)});
    message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
    message.setSentDate(Date.from(clock.instant()));
    if (email.inReplyTo() != null) {
      message.setHeader("In-Reply-To", email.inReplyTo());
    }
    if (!email.references().isEmpty()) {
      message.setHeader("References", String.join(" ", email.references()));
    }
    for (Map.Entry<String, String> h : email.headers().entrySet()) {
      message.setHeader(h.getKey(), h.getValue());
    }
    if (email.htmlBody() == null) {
      message.setText(email.textBody(), StandardCharsets.UTF_8.name());
    } else {
      MimeBodyPart text = new MimeBodyPart();
      text.setText(email.textBody(), StandardCharsets.UTF_8.name());
      MimeBodyPart html = new MimeBodyPart();
      html.setText(email.htmlBody(), StandardCharsets.UTF_8.name(), "html");
      MimeMultipart alternative = new MimeMultipart("alternative", text, html);
      message.setContent(alternative);
    }
    message.saveChanges();
    return message;
  }

  private static Properties properties(SmtpConfig config) {
    Properties p = new Properties();
    p.put("mail.transport.protocol", "smtp");
    String prefix = "mail.smtp.";
    p.put(prefix + "host", config.host());
    p.put(prefix + "port", String.valueOf(config.port()));
    p.put(prefix + "connectiontimeout", String.valueOf(config.connectTimeout().toMillis()));
    p.put(prefix + "timeout", String.valueOf(config.readTimeout().toMillis()));
    p.put(prefix + "writetimeout", String.valueOf(config.readTimeout().toMillis()));
    p.put(prefix + "auth", String.valueOf(config.username() != null));
    if (config.heloName() != null) {
      p.put(prefix + "localhost", config.heloName());
    }
    switch (config.security()) {
      case STARTTLS -> {
        p.put(prefix + "starttls.enable", "true");
        p.put(prefix + "starttls.required", "true");
        p.put(prefix + "ssl.checkserveridentity", "true");
      }
      case TLS -> {
        p.put(prefix + "ssl.enable", "true");
        p.put(prefix + "ssl.checkserveridentity", "true");
      }
      case NONE -> { }
    }
    return p;
  }

  private static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c;
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").strip();
  }

  @Override
  public String toString() {
    return "SmtpSender[" + config.host() + ":" + config.port() + "]";
  }

  /** Keeps the Message-ID the engine assigned instead of making a new one on save. */
  private static final class FixedIdMimeMessage extends MimeMessage {
    private final String messageId;

    FixedIdMimeMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
