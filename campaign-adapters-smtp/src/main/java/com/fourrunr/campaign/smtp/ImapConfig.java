package com.fourrunr.campaign.smtp;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to read one IMAP mailbox for replies. Made by {@link #builder(String, int, String, String)};
 * {@link #toString()} never shows the password.
 *
 * @param host the server's host name
 * @param port its port (993 for TLS, 143 for STARTTLS, any for tests)
 * @param security how the connection is protected
 * @param username the login
 * @param password the password
 * @param folders the folders to read, for example {@code INBOX}
 * @param markSeen whether handled mail is flagged \Seen (mail is never deleted or moved)
 * @param batchSize at most this many mails per {@code poll()} per folder
 * @param connectTimeout how long to wait for the connection
 * @param readTimeout how long to wait for each answer of the server
 */
public record ImapConfig(
    String host,
    int port,
    SmtpConfig.Security security,
    String username,
    String password,
    List<String> folders,
    boolean markSeen,
    int batchSize,
    Duration connectTimeout,
    Duration readTimeout) {

  /** Default batch size. */
  public static final int DEFAULT_BATCH_SIZE = 100;

  /** Checks every field, listing each problem. */
  public ImapConfig {
    List<FieldError> errors = new ArrayList<>();
    if (host == null || host.isBlank()) {
      errors.add(new FieldError("host", "is required"));
    }
    if (port < 1 || port > 65_535) {
      errors.add(new FieldError("port", port + " is not between 1 and 65535"));
    }
    if (security == null) {
      errors.add(new FieldError("security", "is required"));
    }
    if (username == null || username.isBlank()) {
      errors.add(new FieldError("username", "is required"));
    }
    if (password == null) {
      errors.add(new FieldError("password", "is required"));
    }
    if (folders == null
        || folders.isEmpty()
        || folders.stream().anyMatch(f -> f == null || f.isBlank())) {
      errors.add(new FieldError("folders", "needs at least one folder name, none blank"));
    }
    if (batchSize < 1 || batchSize > 10_000) {
      errors.add(new FieldError("batchSize", batchSize + " is not between 1 and 10000"));
    }
    for (var t :
        List.of(
            new Object[] {"connectTimeout", connectTimeout},
            new Object[] {"readTimeout", readTimeout})) {
      Duration d = (Duration) t[1];
      if (d == null || d.isNegative() || d.isZero()) {
        errors.add(new FieldError((String) t[0], "must be a positive duration"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("ImapConfig", errors);
    }
    folders = List.copyOf(folders);
  }

  /** Starts a config for the mailbox {@code username} on {@code host:port}, TLS, folder INBOX. */
  public static Builder builder(String host, int port, String username, String password) {
    return new Builder(host, port, username, password);
  }

  /** The key this mailbox's checkpoints are stored under: {@code username@host:port}. */
  public String mailboxKey() {
    return username + "@" + host + ":" + port;
  }

  @Override
  public String toString() {
    return "ImapConfig["
        + mailboxKey()
        + ", "
        + security
        + ", folders="
        + folders
        + ", markSeen="
        + markSeen
        + ", password=***]";
  }

  /** Builds an {@link ImapConfig}; not thread-safe. */
  public static final class Builder {
    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private SmtpConfig.Security security = SmtpConfig.Security.TLS;
    private List<String> folders = List.of("INBOX");
    private boolean markSeen = true;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private Duration connectTimeout = SmtpConfig.DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = SmtpConfig.DEFAULT_READ_TIMEOUT;

    private Builder(String host, int port, String username, String password) {
      this.host = host;
      this.port = port;
      this.username = username;
      this.password = password;
    }

    /** How the connection is protected. Default: TLS. */
    public Builder security(SmtpConfig.Security security) {
      this.security = security;
      return this;
    }

    /** The folders to read. Default: INBOX. */
    public Builder folders(String... folders) {
      this.folders = List.of(Objects.requireNonNull(folders, "folders"));
      return this;
    }

    /** Whether handled mail is flagged \Seen. Default: true. */
    public Builder markSeen(boolean markSeen) {
      this.markSeen = markSeen;
      return this;
    }

    /**
     * At most this many mails per poll per folder. Default: {@value ImapConfig#DEFAULT_BATCH_SIZE}.
     */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /** How long to wait for the connection. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** How long to wait for each answer. */
    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = readTimeout;
      return this;
    }

    /**
     * The config.
     *
     * @throws InvalidInputException listing every bad setting
     */
    public ImapConfig build() {
      return new ImapConfig(
          host,
          port,
          security,
          username,
          password,
          folders,
          markSeen,
          batchSize,
          connectTimeout,
          readTimeout);
    }
  }
}
