package com.fourrunr.campaign.service;

import com.fourrunr.campaign.config.Redaction;
import com.fourrunr.campaign.jdbc.DatabaseSettings;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Opens the configured database with its credentials kept out of the URL the driver sees: a {@code
 * user:password@} or a {@code password=} parameter written in {@code CAMPAIGN_JDBC_URL} is taken
 * out and handed over as the user and password, so no driver or pool message can quote it. The
 * database is tried once before the pool starts, and a failure is one line naming the URL without
 * its password.
 */
final class DatabaseConnection {
  private static final Pattern USER_INFO = Pattern.compile("^(jdbc:[a-zA-Z0-9+.-]+://)([^/@?;]*)@");
  private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;])password=([^&;]*)");
  private static final Pattern USER_PARAMETER = Pattern.compile("(?i)[?&;]user=([^&;]*)");

  /** The URL without a password, and the user and password to connect with. */
  record Target(String url, @Nullable String user, @Nullable String password) {}

  private DatabaseConnection() {}

  /**
   * Splits the credentials out of the URL; a user or password set on its own wins over one in the
   * URL.
   */
  static Target target(DatabaseSettings database) {
    String url = java.util.Objects.requireNonNull(database.jdbcUrl(), "jdbcUrl");
    String user = database.user();
    String password = database.password() == null ? null : database.password().reveal();
    Matcher info = USER_INFO.matcher(url);
    if (info.find()) {
      String userInfo = info.group(2);
      int colon = userInfo.indexOf(':');
      String u = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      String p = colon < 0 ? null : decode(userInfo.substring(colon + 1));
      user = user != null ? user : u.isEmpty() ? null : u;
      password = password != null ? password : p;
      url = info.group(1) + url.substring(info.end());
    }
    Matcher pw = PASSWORD_PARAMETER.matcher(url);
    if (pw.find()) {
      password = password != null ? password : decode(pw.group(2));
      String separator = pw.group(1);
      String rest = url.substring(pw.end());
      // Keep the URL well formed: "?password=x&ssl=true" -> "?ssl=true".
      if (separator.equals("?") && rest.startsWith("&")) {
        url = url.substring(0, pw.start()) + "?" + rest.substring(1);
      } else {
        url = url.substring(0, pw.start()) + rest;
      }
    }
    Matcher userParam = USER_PARAMETER.matcher(url);
    if (user == null && userParam.find()) {
      user = decode(userParam.group(1));
    }
    return new Target(url, user, password);
  }

  /**
   * Tries the database once, then starts the pool.
   *
   * @throws IllegalStateException with one line naming the URL (without its password) and the
   *     cause's class when the database cannot be reached
   */
  static HikariDataSource open(DatabaseSettings database, Redaction redaction) {
    Target t = target(database);
    Properties props = new Properties();
    if (t.user() != null) {
      props.setProperty("user", t.user());
    }
    if (t.password() != null) {
      props.setProperty("password", t.password());
    }
    props.setProperty("connectTimeout", "10");
    props.setProperty("loginTimeout", "15");
    try (Connection c = DriverManager.getConnection(t.url(), props)) {
      c.isValid(5);
    } catch (SQLException e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      String cause =
          root.getClass().getSimpleName()
              + (root.getMessage() == null
                  ? ""
                  : ": " + root.getMessage().lines().findFirst().orElse(""));
      throw new IllegalStateException(
          redaction.apply(
              "cannot reach the database at " + Redaction.jdbcUrl(t.url()) + " (" + cause + ")"));
    }
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(t.url());
    pool.setUsername(t.user());
    if (t.password() != null) {
      pool.setPassword(t.password());
    }
    pool.setMaximumPoolSize(8);
    pool.setPoolName("campaign-service");
    return new HikariDataSource(pool);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
