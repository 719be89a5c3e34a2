package com.fourrunr.campaign.smtp;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to reach an SMTP server. Made by {@link #builder(String, int)}; {@link #toString()} never
 * shows the password.
 *
 * @param host the server's host name
 * @param port its port (25, 465, 587, or any for tests)
 * @param security how the connection is protected
 * @param username the login, or null to send without authentication
 * @param password the password, or null
 * @param connectTimeout how long to wait for the connection
 * @param readTimeout how long to wait for each answer of the server
 * @param heloName the name to greet the server with, or null for the local host name
 */
public record SmtpConfig(
    String host,
    int port,
    Security security,
    @Nullable String username,
    @Nullable String password,
    Duration connectTimeout,
    Duration readTimeout,
    @Nullable String heloName) {

  /** Default connect timeout. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Default read timeout. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

  /** How the SMTP connection is protected. */
  public enum Security {
    /** Plain text: only for a local relay or a test server. */
    NONE,
    /** Plain connection upgraded with STARTTLS, which is required (port 587). */
    STARTTLS,
    /** TLS from the first byte (port 465). */
    TLS
  }

  /** Checks every field, listing each problem. */
  public SmtpConfig {
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
    if ((username == null) != (password == null)) {
      errors.add(
          new FieldError(
              username == null ? "username" : "password",
              "is required when the "
                  + (username == null ? "password" : "username")
                  + " is given"));
    }
    if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
      errors.add(new FieldError("connectTimeout", "must be a positive duration"));
    }
    if (readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
      errors.add(new FieldError("readTimeout", "must be a positive duration"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("SmtpConfig", errors);
    }
  }

  /** Starts a configuration for a server; plain text, no authentication, default timeouts. */
  public static Builder builder(String host, int port) {
    return new Builder(host, port);
  }

  @Override
  public String toString() {
    return "SmtpConfig[host="
        + host
        + ", port="
        + port
        + ", security="
        + security
        + ", username="
        + username
        + ", password="
        + (password == null ? "none" : "****")
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + "]";
  }

  /** Builds an {@link SmtpConfig}; not thread-safe. */
  public static final class Builder {
    private final String host;
    private final int port;
    private Security security = Security.NONE;
    private @Nullable String username;
    private @Nullable String password;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private @Nullable String heloName;

    private Builder(String host, int port) {
      this.host = host;
      this.port = port;
    }

    /** How the connection is protected. Default NONE. */
    public Builder security(Security security) {
      this.security = security;
      return this;
    }

    /** Log in with these credentials. */
    public Builder credentials(String username, String password) {
      this.username = Objects.requireNonNull(username, "username");
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /** Connect timeout. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** Read timeout. */
    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = readTimeout;
      return this;
    }

    /** The HELO/EHLO name. */
    public Builder heloName(String heloName) {
      this.heloName = heloName;
      return this;
    }

    /**
     * Checks and builds.
     *
     * @throws InvalidInputException listing every problem
     */
    public SmtpConfig build() {
      return new SmtpConfig(
          host, port, security, username, password, connectTimeout, readTimeout, heloName);
    }
  }
}
