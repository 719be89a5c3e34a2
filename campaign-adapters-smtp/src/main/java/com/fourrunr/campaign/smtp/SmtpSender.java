package com.fourrunr.campaign.smtp;

import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.OutgoingEmail;
import com.fourrunr.campaign.SendException;
import com.fourrunr.campaign.SendReceipt;
import com.fourrunr.campaign.Sender;
import com.fourrunr.campaign.UnsubscribeTokens;
import com.fourrunr.campaign.config.Redaction;
import com.fourrunr.campaign.config.Secret;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
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
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>Each message goes out under the Message-ID the engine assigned, with {@code In-Reply-To} and
 * {@code References} for follow-ups, as text or as text with an HTML alternative. Failures are
 * reported as {@link SendException}s that say whether a retry can help: SMTP 4xx replies, refused
 * connections, unknown hosts and timeouts are transient; 5xx replies are permanent.
 *
 * <p><b>Connections.</b> Thread-safe: each thread keeps one open connection ({@link Transport}) per
 * sending mailbox and reuses it for the messages that follow (Angus Mail does not pipeline, so
 * reuse is what saves the connect, TLS and login round trips), until the engine says the batch
 * ended ({@link #batchEnded(Mailbox)}), a send fails, or {@link #close()}. When a reused connection
 * turns out to be dropped (the server closed it, or answered 421), the sender reconnects and tries
 * that message once more before reporting a passing failure.
 *
 * <p><b>Several servers.</b> Made with {@link #create(List, SmtpMessageOptions, Clock)}, the sender
 * connects to the first server that can be reached, in the order given: a refused connection, a
 * timeout, an unknown host, a 4xx greeting or a failed login moves on to the next. Only connecting
 * falls back: once a server took the connection, its replies (a 5xx rejection above all) are final
 * for that message. Each new connection starts again with the first server, so the primary is used
 * again as soon as it is back (from the next batch on).
 *
 * <p>With {@link SmtpMessageOptions} (see {@link #create(SmtpConfig, SmtpMessageOptions, Clock)}) a
 * follow-up goes out as {@code Re: <first subject>}, every message carries {@code List-Unsubscribe}
 * with a signed per-recipient HTTPS one-click URL and a {@code mailto:}, plus {@code
 * List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC 8058), and the footer shows the sender's
 * postal address and the unsubscribe link. A message whose header values hold CR, LF or another
 * control character, or whose addresses are not valid, is refused before anything is sent (a
 * permanent {@link SendException} naming the field): header injection is impossible.
 * Internationalised recipient domains are sent in their ASCII (punycode) form; a non-ASCII local
 * part is refused, as it needs SMTPUTF8.
 *
 * <p>With a {@link DkimKey} for the {@code From} domain in the options ({@link
 * SmtpMessageOptions.Builder#dkim(DkimKey)}), each message carries a {@code DKIM-Signature}
 * (relaxed/relaxed) over From, To, Subject, Date, Message-ID, In-Reply-To, References, the
 * unsubscribe headers, MIME-Version and Content-Type.
 */
public final class SmtpSender implements Sender, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SmtpSender.class);

  private final List<SmtpConfig> servers;
  private final List<Session> sessions;
  private final SmtpMessageOptions options;
  private final Session session;
  private final Clock clock;

  /** This thread's open connection per sending mailbox address. */
  private final ThreadLocal<Map<String, Connection>> connections =
      ThreadLocal.withInitial(HashMap::new);

  /** Every open connection of every thread, for {@link #close()}. */
  private final Set<Connection> open = ConcurrentHashMap.newKeySet();

  /** An open connection to the server at {@code server} in the list. */
  private record Connection(Transport transport, int server) {}

  private final Redaction redaction;

  private SmtpSender(List<SmtpConfig> servers, SmtpMessageOptions options, Clock clock) {
    this.servers = List.copyOf(servers);
    this.options = options;
    this.clock = clock;
    this.sessions = this.servers.stream().map(c -> Session.getInstance(properties(c))).toList();
    this.session = sessions.get(0);
    this.redaction =
        Redaction.of(
            this.servers.stream()
                .map(SmtpConfig::password)
                .filter(Objects::nonNull)
                .filter(p -> !p.isEmpty())
                .map(Secret::of)
                .toList());
  }

  /** A sender for the given server, stamping the {@code Date} header from the system clock. */
  public static SmtpSender create(SmtpConfig config) {
    return create(config, Clock.systemUTC());
  }

  /** A sender for the given server, stamping the {@code Date} header from {@code clock}. */
  public static SmtpSender create(SmtpConfig config, Clock clock) {
    return create(config, SmtpMessageOptions.defaults(), clock);
  }

  /**
   * A sender for the given server that adds what {@code options} asks for (threaded follow-up
   * subjects, one-click unsubscribe headers, the postal address footer), stamping the {@code Date}
   * header from {@code clock}.
   */
  public static SmtpSender create(SmtpConfig config, SmtpMessageOptions options, Clock clock) {
    return create(List.of(Objects.requireNonNull(config, "config")), options, clock);
  }

  /**
   * A sender over several SMTP servers (providers) for the same mailboxes, the primary first: a
   * connection goes to the first server that can be reached; see the class description.
   *
   * @throws InvalidInputException when no server is given
   */
  public static SmtpSender create(
      List<SmtpConfig> servers, SmtpMessageOptions options, Clock clock) {
    if (servers == null || servers.isEmpty() || servers.stream().anyMatch(Objects::isNull)) {
      throw InvalidInputException.of(
          "SmtpSender", "servers", "at least one server is required, none null");
    }
    return new SmtpSender(
        servers,
        Objects.requireNonNull(options, "options"),
        Objects.requireNonNull(clock, "clock"));
  }

  /**
   * {@inheritDoc}
   *
   * <p>The failure's message passes through the redaction of the servers' passwords: a server that
   * quotes the login back in its answer does not get it into the campaign's events, logs or dead
   * letters.
   */
  @Override
  public SendReceipt send(OutgoingEmail email) throws SendException {
    try {
      return sendUnredacted(email);
    } catch (SendException e) {
      String redacted = redaction.apply(e.getMessage());
      if (redacted == null || redacted.equals(e.getMessage())) {
        throw e;
      }
      throw new SendException(redacted, e.isTransient(), e.replyCode(), null);
    }
  }

  private SendReceipt sendUnredacted(OutgoingEmail email) throws SendException {
    MimeMessage message;
    try {
      message = toMime(email);
    } catch (UnsafeMessageException e) {
      throw SendException.permanentFailure("message refused before sending: " + e.getMessage(), 0);
    } catch (AddressException e) {
      throw SendException.permanentFailure("address rejected before sending: " + e.getMessage(), 0);
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new SendException("message could not be built: " + e.getMessage(), false, 0, e);
    }
    String key = email.from().address();
    Map<String, Connection> mine = connections.get();
    Connection conn = mine.remove(key);
    boolean reused = conn != null;
    if (conn == null) {
      conn = connect();
    }
    try {
      SendReceipt receipt = sendOn(conn, message);
      mine.put(key, conn);
      return receipt;
    } catch (MessagingException | IllegalStateException e) {
      disconnect(conn);
      if (!reused || !dropped(e)) {
        throw failure(e, conn.server());
      }
      // The reused connection was dropped: reconnect and try this message once more.
      log.debug("SMTP connection for {} dropped ({}); reconnecting", key, oneLine(e.getMessage()));
      Connection fresh = connect();
      try {
        SendReceipt receipt = sendOn(fresh, message);
        mine.put(key, fresh);
        return receipt;
      } catch (MessagingException | IllegalStateException again) {
        disconnect(fresh);
        throw failure(again, fresh.server());
      } catch (RuntimeException unexpected) {
        disconnect(fresh);
        throw unexpected;
      }
    } catch (RuntimeException unexpected) {
      disconnect(conn);
      throw unexpected;
    }
  }

  /**
   * Closes this thread's connection for {@code from}: the engine calls it when a batch from that
   * mailbox ended, so no connection stays open while the queue is idle. Never throws.
   */
  @Override
  public void batchEnded(Mailbox from) {
    Connection conn = connections.get().remove(from.address());
    if (conn != null) {
      disconnect(conn);
    }
  }

  /**
   * Closes every connection still open, of every thread. Call it when no send is running (at
   * shutdown); the sender opens new connections if used again.
   */
  @Override
  public void close() {
    for (Connection conn : List.copyOf(open)) {
      disconnect(conn);
    }
    connections.remove();
  }

  /** How many connections are open now, over all threads (for tests and metrics). */
  public int openConnections() {
    return open.size();
  }

  private SendReceipt sendOn(Connection conn, MimeMessage message) throws MessagingException {
    Transport transport = conn.transport();
    transport.sendMessage(message, message.getAllRecipients());
    String response =
        transport instanceof SMTPTransport smtp ? smtp.getLastServerResponse() : "accepted";
    return new SendReceipt(response == null ? "accepted" : response.strip());
  }

  /** A connection to the first server that takes one, in the order configured. */
  private Connection connect() throws SendException {
    List<String> failures = new ArrayList<>();
    MessagingException last = null;
    for (int i = 0; i < servers.size(); i++) {
      SmtpConfig config = servers.get(i);
      Transport transport = null;
      try {
        transport = sessions.get(i).getTransport("smtp");
        if (config.username() != null) {
          transport.connect(config.host(), config.port(), config.username(), config.password());
        } else {
          transport.connect();
        }
        if (i > 0) {
          log.info(
              "SMTP {}:{} unreachable; sending through {}:{}",
              servers.get(0).host(),
              servers.get(0).port(),
              config.host(),
              config.port());
        }
        Connection conn = new Connection(transport, i);
        open.add(conn);
        return conn;
      } catch (MessagingException e) {
        last = e;
        failures.add(config.host() + ":" + config.port() + ": " + connectFailure(e));
        closeQuietly(transport);
      }
    }
    if (servers.size() == 1 && last instanceof AuthenticationFailedException) {
      // A configuration problem, not the recipient's: retried, then given up, never a bounce.
      throw new SendException(
          "authentication with " + servers.get(0).host() + " failed", true, 535, last);
    }
    throw new SendException("SMTP " + String.join("; ", failures), true, 0, last);
  }

  private static String connectFailure(MessagingException e) {
    if (e instanceof AuthenticationFailedException) {
      return "authentication failed";
    }
    Throwable cause = rootCause(e);
    return cause instanceof ConnectException
        ? "connection refused"
        : cause instanceof SocketTimeoutException
            ? "timed out"
            : cause instanceof UnknownHostException ? "unknown host" : oneLine(e.getMessage());
  }

  /**
   * Whether a failure on a reused connection means the connection was gone (closed by the server,
   * or a 421 "closing channel"), so reconnecting may help at once. A timeout is not: the server may
   * have taken the message.
   */
  private static boolean dropped(Exception e) {
    if (e instanceof IllegalStateException) {
      return true; // "Not connected"
    }
    if (e instanceof SMTPSendFailedException sf) {
      // 421, or no reply at all: the server closed the idle connection before answering a command
      return sf.getReturnCode() == 421
          || (sf.getReturnCode() < 0 && String.valueOf(sf.getMessage()).contains("[EOF]"));
    }
    if (e instanceof SMTPAddressFailedException af) {
      return af.getReturnCode() == 421;
    }
    if (e instanceof SendFailedException) {
      return false;
    }
    Throwable cause = rootCause(e);
    if (cause instanceof SocketTimeoutException) {
      return false;
    }
    return cause instanceof java.io.IOException || String.valueOf(e.getMessage()).contains("[EOF]");
  }

  private void disconnect(Connection conn) {
    open.remove(conn);
    closeQuietly(conn.transport());
  }

  private static void closeQuietly(@Nullable Transport transport) {
    if (transport == null) {
      return;
    }
    try {
      transport.close();
    } catch (MessagingException | RuntimeException e) {
      log.debug("closing an SMTP connection failed: {}", oneLine(e.getMessage()));
    }
  }

  /**
   * A send failure as a {@link SendException}: 4xx, dropped connections and timeouts passing, 5xx
   * not.
   */
  private SendException failure(Exception failure, int server) {
    SmtpConfig config = servers.get(server);
    if (failure instanceof IllegalStateException) {
      return new SendException(
          "SMTP " + config.host() + ":" + config.port() + ": connection lost", true, 0, failure);
    }
    if (failure instanceof SMTPAddressFailedException e) {
      return classified("recipient refused: " + oneLine(e.getMessage()), e.getReturnCode(), e);
    }
    if (failure instanceof SMTPSendFailedException e) {
      int code = e.getReturnCode();
      // the refusal of a single recipient is nested in the send failure
      for (Exception next = e.getNextException();
          next != null;
          next = next instanceof MessagingException me ? me.getNextException() : null) {
        if (next instanceof SMTPAddressFailedException af) {
          return classified(
              "recipient refused: " + oneLine(af.getMessage()), af.getReturnCode(), e);
        }
      }
      return classified("send refused: " + oneLine(e.getMessage()), code, e);
    }
    if (failure instanceof SendFailedException e) {
      // Every recipient refused at RCPT TO: Angus reports it with the refusal nested as the next
      // exception.
      for (Exception next = e.getNextException();
          next != null;
          next = next instanceof MessagingException me ? me.getNextException() : null) {
        if (next instanceof SMTPAddressFailedException af) {
          return classified(
              "recipient refused: " + oneLine(af.getMessage()), af.getReturnCode(), e);
        }
      }
      return new SendException("send refused: " + oneLine(e.getMessage()), true, 0, e);
    }
    Throwable cause = rootCause(failure);
    String what =
        cause instanceof ConnectException
            ? "connection refused"
            : cause instanceof SocketTimeoutException
                ? "timed out"
                : cause instanceof UnknownHostException
                    ? "unknown host"
                    : oneLine(failure.getMessage());
    return new SendException(
        "SMTP " + config.host() + ":" + config.port() + ": " + what, true, 0, failure);
  }

  private static SendException classified(String message, int code, Exception cause) {
    boolean transientFailure = code < 500;
    return new SendException(message, transientFailure, code, cause);
  }

  private MimeMessage toMime(OutgoingEmail email)
      throws MessagingException, UnsupportedEncodingException, UnsafeMessageException {
    String subject = subjectOf(email);
    SafeHeaders.check(email, subject);
    String to = SafeHeaders.address("to", email.to());
    String from = SafeHeaders.address("from", email.from().address());
    MimeMessage message = new FixedIdMimeMessage(session, email.messageId());
    message.setFrom(
        new InternetAddress(from, email.from().displayName(), StandardCharsets.UTF_8.name()));
    message.setRecipients(
        MimeMessage.RecipientType.TO, new Address[] {new InternetAddress(to, true)});
    message.setSubject(subject, StandardCharsets.UTF_8.name());
    message.setSentDate(Date.from(clock.instant()));
    for (Map.Entry<String, String> h : email.headers().entrySet()) {
      message.setHeader(h.getKey(), h.getValue());
    }
    if (email.inReplyTo() != null) {
      message.setHeader("In-Reply-To", email.inReplyTo());
    }
    if (!email.references().isEmpty()) {
      message.setHeader("References", String.join(" ", email.references()));
    }
    Unsubscribe unsubscribe = unsubscribeFor(email, to);
    if (unsubscribe != null) {
      message.setHeader("List-Unsubscribe", unsubscribe.header());
      if (unsubscribe.url() != null) {
        message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
      }
    }
    String textBody = email.textBody() + Footer.text(options.postalAddress(), unsubscribe);
    if (email.htmlBody() == null) {
      message.setText(textBody, StandardCharsets.UTF_8.name());
    } else {
      MimeBodyPart text = new MimeBodyPart();
      text.setText(textBody, StandardCharsets.UTF_8.name());
      MimeBodyPart html = new MimeBodyPart();
      html.setText(
          Footer.html(email.htmlBody(), options.postalAddress(), unsubscribe),
          StandardCharsets.UTF_8.name(),
          "html");
      MimeMultipart alternative = new MimeMultipart("alternative", text, html);
      message.setContent(alternative);
    }
    message.saveChanges();
    DkimKey dkim = options.dkimKeyFor(from);
    return dkim == null ? message : DkimSigning.sign(message, dkim);
  }

  /** A follow-up under {@code Re: <first subject>} when configured, else the step's own subject. */
  private String subjectOf(OutgoingEmail email) {
    String first = email.threadSubject();
    if (!options.threadFollowUps() || first == null || first.isBlank()) {
      return email.subject();
    }
    String prefix = options.replyPrefix();
    String trimmed = first.strip();
    return trimmed.regionMatches(true, 0, prefix.strip(), 0, prefix.strip().length())
        ? trimmed
        : prefix + trimmed;
  }

  private @Nullable Unsubscribe unsubscribeFor(OutgoingEmail email, String to) {
    UnsubscribeTokens tokens = options.tokens();
    if (!options.hasUnsubscribe() || tokens == null) {
      return null;
    }
    String list = email.listId() != null ? email.listId() : email.from().address();
    String token = tokens.issue(to, list);
    String url = null;
    if (options.unsubscribeUrl() != null) {
      String base = options.unsubscribeUrl();
      url = base + (base.contains("?") ? "&" : "?") + "t=" + token;
    }
    String mailto =
        options.unsubscribeMailto() == null
            ? null
            : "mailto:" + options.unsubscribeMailto() + "?subject=unsubscribe%20" + token;
    return new Unsubscribe(url, mailto);
  }

  /**
   * The unsubscribe ways of one message: the one-click URL and the mailto URI, either may be
   * absent.
   */
  record Unsubscribe(@Nullable String url, @Nullable String mailto) {
    /** The RFC 2369 header value: the HTTPS URI first, then the mailto. */
    String header() {
      List<String> uris = new ArrayList<>();
      if (url != null) {
        uris.add("<" + url + ">");
      }
      if (mailto != null) {
        uris.add("<" + mailto + ">");
      }
      return String.join(", ", uris);
    }
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
      case NONE -> {}
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

  private static String oneLine(@Nullable String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").strip();
  }

  @Override
  public String toString() {
    return "SmtpSender" + servers.stream().map(c -> c.host() + ":" + c.port()).toList();
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
