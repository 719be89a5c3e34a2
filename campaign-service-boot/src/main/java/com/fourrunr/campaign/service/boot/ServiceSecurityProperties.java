package com.fourrunr.campaign.service.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The service's own settings under {@code campaign.*}: operators, API tokens, the inbound webhook's
 * secret, login rate limits and the body limit. Secrets are held as hashes where they can be.
 */
@ConfigurationProperties(prefix = "campaign")
public class ServiceSecurityProperties {
  private List<Operator> operators = new ArrayList<>();
  private List<ApiToken> apiTokens = new ArrayList<>();
  private final Inbound inbound = new Inbound();
  private final Login login = new Login();
  private long maxBodyBytes = 26L * 1024 * 1024;

  /** Created by Spring. */
  public ServiceSecurityProperties() {}

  /** The operators who may sign in. */
  public List<Operator> getOperators() {
    return operators;
  }

  /** Sets the operators. */
  public void setOperators(List<Operator> operators) {
    this.operators = operators;
  }

  /** The API tokens for {@code /api/*}, each as the hex SHA-256 of the token. */
  public List<ApiToken> getApiTokens() {
    return apiTokens;
  }

  /** Sets the API tokens. */
  public void setApiTokens(List<ApiToken> apiTokens) {
    this.apiTokens = apiTokens;
  }

  /** The inbound-mail webhook's authentication. */
  public Inbound getInbound() {
    return inbound;
  }

  /** The login rate limit. */
  public Login getLogin() {
    return login;
  }

  /** The largest request body accepted; a larger one gets 413. */
  public long getMaxBodyBytes() {
    return maxBodyBytes;
  }

  /** Sets the largest request body. */
  public void setMaxBodyBytes(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  /** One operator: a user name and a password hash such as {@code {bcrypt}$2a$10$...}. */
  public static class Operator {
    private String username = "";
    private String passwordHash = "";
    private @Nullable String zone;

    /** Created by Spring. */
    public Operator() {}

    /**
     * The operator's time zone (an IANA id such as {@code Europe/Berlin}) the console shows times
     * in, or null for the service's zone.
     */
    public @Nullable String getZone() {
      return zone;
    }

    /** Sets the operator's time zone. */
    public void setZone(@Nullable String zone) {
      this.zone = zone;
    }

    /** The user name. */
    public String getUsername() {
      return username;
    }

    /** Sets the user name. */
    public void setUsername(String username) {
      this.username = username;
    }

    /** The password hash with its encoder's prefix ({@code {bcrypt}}, {@code {argon2}}, ...). */
    public String getPasswordHash() {
      return passwordHash;
    }

    /** Sets the password hash. */
    public void setPasswordHash(String passwordHash) {
      this.passwordHash = passwordHash;
    }
  }

  /** One API token: a name (shown as the principal) and the hex SHA-256 of the token. */
  public static class ApiToken {
    private String name = "";
    private String sha256 = "";

    /** Created by Spring. */
    public ApiToken() {}

    /** The token's name. */
    public String getName() {
      return name;
    }

    /** Sets the name. */
    public void setName(String name) {
      this.name = name;
    }

    /** The hex SHA-256 of the token. */
    public String getSha256() {
      return sha256;
    }

    /** Sets the hex SHA-256. */
    public void setSha256(String sha256) {
      this.sha256 = sha256;
    }
  }

  /** The inbound webhook: a shared HMAC secret, or the hex SHA-256 of a bearer token, or both. */
  public static class Inbound {
    private @Nullable String secret;
    private @Nullable String tokenSha256;

    /** Created by Spring. */
    public Inbound() {}

    /** The shared secret for the HMAC-SHA256 signature (at least 32 bytes). */
    public @Nullable String getSecret() {
      return secret;
    }

    /** Sets the shared secret. */
    public void setSecret(@Nullable String secret) {
      this.secret = secret;
    }

    /** The hex SHA-256 of the webhook's bearer token. */
    public @Nullable String getTokenSha256() {
      return tokenSha256;
    }

    /** Sets the bearer token's hash. */
    public void setTokenSha256(@Nullable String tokenSha256) {
      this.tokenSha256 = tokenSha256;
    }
  }

  /** Failed sign-ins allowed per user name and address within the period. */
  public static class Login {
    private int maxFailures = 5;
    private Duration period = Duration.ofMinutes(15);

    /** Created by Spring. */
    public Login() {}

    /** Failures allowed within the period before sign-in is refused (429). */
    public int getMaxFailures() {
      return maxFailures;
    }

    /** Sets the failures allowed. */
    public void setMaxFailures(int maxFailures) {
      this.maxFailures = maxFailures;
    }

    /** The period over which failures count. */
    public Duration getPeriod() {
      return period;
    }

    /** Sets the period. */
    public void setPeriod(Duration period) {
      this.period = period;
    }
  }
}
