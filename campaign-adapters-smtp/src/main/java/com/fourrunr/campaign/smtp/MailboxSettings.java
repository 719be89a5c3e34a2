package com.fourrunr.campaign.smtp;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.config.Secret;
import com.fourrunr.campaign.config.SettingsReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One sending mailbox and the servers behind it, from {@code CAMPAIGN_MAILBOX_*}, {@code
 * CAMPAIGN_SMTP_*} and {@code CAMPAIGN_IMAP_*} settings; {@link #smtpConfig()} and {@link
 * #imapConfig()} give the adapter's own configuration. The first mailbox takes the names without
 * suffix, further ones the suffix {@code _2} to {@code _9} ({@code CAMPAIGN_MAILBOX_ADDRESS_2},
 * {@code campaign.mailbox.address.2} in a file).
 *
 * <pre>{@code
 * for (MailboxSettings m : MailboxSettings.load(System.getenv(), null)) {
 *   SmtpConfig smtp = m.smtpConfig(); // null when this mailbox has no SMTP server
 * }
 * }</pre>
 *
 * @param mailbox the address and display name
 * @param smtp the SMTP server, or null when the host does not deliver from this mailbox
 * @param imap the IMAP server replies are read from, or null when replies do not come by IMAP
 * @param dkim the key this mailbox's mail is DKIM-signed with ({@code CAMPAIGN_DKIM_*}), or null
 *     when it is not signed (the default)
 */
public record MailboxSettings(
    Mailbox mailbox, @Nullable Server smtp, @Nullable ImapServer imap, @Nullable DkimKey dkim) {
  /** The most mailboxes: the first without a suffix, then {@code _2} to {@code _9}. */
  public static final int MAX_MAILBOXES = 9;

  /** Every environment variable of one mailbox, without suffix. */
  public static final List<String> KEYS =
      List.of(
          "CAMPAIGN_MAILBOX_ADDRESS",
          "CAMPAIGN_MAILBOX_NAME",
          "CAMPAIGN_SMTP_HOST",
          "CAMPAIGN_SMTP_PORT",
          "CAMPAIGN_SMTP_SECURITY",
          "CAMPAIGN_SMTP_USERNAME",
          "CAMPAIGN_SMTP_PASSWORD",
          "CAMPAIGN_IMAP_HOST",
          "CAMPAIGN_IMAP_PORT",
          "CAMPAIGN_IMAP_SECURITY",
          "CAMPAIGN_IMAP_USERNAME",
          "CAMPAIGN_IMAP_PASSWORD",
          "CAMPAIGN_IMAP_FOLDER",
          "CAMPAIGN_DKIM_SELECTOR",
          "CAMPAIGN_DKIM_DOMAIN",
          "CAMPAIGN_DKIM_PRIVATE_KEY",
          "CAMPAIGN_DKIM_PRIVATE_KEY_FILE");

  /** Checks the mailbox is present. */
  public MailboxSettings {
    Objects.requireNonNull(mailbox, "mailbox");
  }

  /** A mailbox whose mail is not DKIM-signed. */
  public MailboxSettings(Mailbox mailbox, @Nullable Server smtp, @Nullable ImapServer imap) {
    this(mailbox, smtp, imap, null);
  }

  /**
   * Reads the mailboxes alone.
   *
   * @param env the environment, usually {@code System.getenv()}
   * @param file a {@code .properties} file with the dotted lower-case keys, or null for none
   * @throws InvalidInputException listing every missing or invalid value, each named by its
   *     variable
   */
  public static List<MailboxSettings> load(Map<String, String> env, @Nullable Path file) {
    SettingsReader in = SettingsReader.load(env, file);
    List<MailboxSettings> mailboxes = read(in);
    in.throwIfInvalid("MailboxSettings");
    return mailboxes;
  }

  /**
   * Reads every configured mailbox, in order, from a shared reader; a problem is recorded in the
   * reader and the mailbox it concerns left out.
   */
  public static List<MailboxSettings> read(SettingsReader in) {
    List<MailboxSettings> mailboxes = new ArrayList<>();
    for (int n = 1; n <= MAX_MAILBOXES; n++) {
      MailboxSettings m = read(in, n == 1 ? "" : "_" + n);
      if (m != null) {
        mailboxes.add(m);
      }
    }
    return List.copyOf(mailboxes);
  }

  /** Whether a name is a mailbox setting, with or without a suffix {@code _2} to {@code _9}. */
  public static boolean isKey(String name) {
    return KEYS.contains(name.replaceFirst("_[2-9]$", ""));
  }

  /** The SMTP adapter's configuration of this mailbox's server, or null when it has none. */
  public @Nullable SmtpConfig smtpConfig() {
    if (smtp == null) {
      return null;
    }
    SmtpConfig.Builder b = SmtpConfig.builder(smtp.host(), smtp.port()).security(smtp.security());
    if (smtp.username() != null) {
      b.credentials(smtp.username(), smtp.password() == null ? "" : smtp.password().reveal());
    }
    return b.build();
  }

  /** The IMAP adapter's configuration of this mailbox's reply server, or null when it has none. */
  public @Nullable ImapConfig imapConfig() {
    if (imap == null) {
      return null;
    }
    Server s = imap.server();
    return ImapConfig.builder(
            s.host(),
            s.port(),
            s.username() == null ? "" : s.username(),
            s.password() == null ? "" : s.password().reveal())
        .security(s.security())
        .folders(imap.folder())
        .build();
  }

  /** The passwords of this mailbox's servers, for a redaction. */
  public List<Secret> secrets() {
    List<Secret> secrets = new ArrayList<>();
    if (smtp != null && smtp.password() != null) {
      secrets.add(smtp.password());
    }
    if (imap != null && imap.server().password() != null) {
      secrets.add(imap.server().password());
    }
    return secrets;
  }

  /**
   * A mail server and its login.
   *
   * @param host the host name
   * @param port the port
   * @param security how the connection is protected
   * @param username the login, or null for none
   * @param password the password, or null for none
   */
  public record Server(
      String host,
      int port,
      SmtpConfig.Security security,
      @Nullable String username,
      @Nullable Secret password) {
    /** Checks the parts are present. */
    public Server {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(security, "security");
    }
  }

  /**
   * An IMAP server and the folder replies arrive in.
   *
   * @param server the server and login
   * @param folder the folder, {@code INBOX} by default
   */
  public record ImapServer(Server server, String folder) {
    /** Checks the parts are present. */
    public ImapServer {
      Objects.requireNonNull(server, "server");
      Objects.requireNonNull(folder, "folder");
    }
  }

  private static int defaultSmtpPort(SmtpConfig.Security security) {
    return switch (security) {
      case NONE -> 25;
      case STARTTLS -> 587;
      case TLS -> 465;
    };
  }

  private static int defaultImapPort(SmtpConfig.Security security) {
    return security == SmtpConfig.Security.TLS ? 993 : 143;
  }

  private static @Nullable MailboxSettings read(SettingsReader in, String suffix) {
    String address = in.text("CAMPAIGN_MAILBOX_ADDRESS" + suffix);
    String smtpHost = in.text("CAMPAIGN_SMTP_HOST" + suffix);
    String imapHost = in.text("CAMPAIGN_IMAP_HOST" + suffix);
    boolean anyOther = KEYS.stream().anyMatch(k -> in.has(k + suffix));
    if (address == null) {
      if (!anyOther) {
        return null;
      }
      // Reported, and the rest of this mailbox's settings still checked: every problem at once.
      in.error(
          "CAMPAIGN_MAILBOX_ADDRESS" + suffix,
          "is required when other CAMPAIGN_*" + suffix + " mailbox settings are given");
    }
    Mailbox mailbox = null;
    if (address != null) {
      try {
        String name = in.text("CAMPAIGN_MAILBOX_NAME" + suffix);
        mailbox = new Mailbox(address, name == null ? "" : name);
      } catch (InvalidInputException e) {
        in.error("CAMPAIGN_MAILBOX_ADDRESS" + suffix, "'" + address + "' is not an email address");
      }
    }
    String login = address == null ? "" : address.strip();
    Server smtp = null;
    SmtpConfig.Security smtpSecurity =
        in.enumValue(
            "CAMPAIGN_SMTP_SECURITY" + suffix,
            SmtpConfig.Security.class,
            SmtpConfig.Security.STARTTLS);
    String smtpUser = in.text("CAMPAIGN_SMTP_USERNAME" + suffix);
    Secret smtpPassword = in.secret("CAMPAIGN_SMTP_PASSWORD" + suffix);
    if (smtpHost != null) {
      int port = in.integer("CAMPAIGN_SMTP_PORT" + suffix, defaultSmtpPort(smtpSecurity), 1, 65535);
      if (smtpUser == null && smtpPassword != null) {
        smtpUser = login;
      }
      if (smtpUser != null && smtpPassword == null) {
        in.error(
            "CAMPAIGN_SMTP_PASSWORD" + suffix,
            "is required when CAMPAIGN_SMTP_USERNAME" + suffix + " is given");
      }
      smtp = new Server(smtpHost, port, smtpSecurity, smtpUser, smtpPassword);
    } else {
      for (String k :
          List.of("CAMPAIGN_SMTP_PORT", "CAMPAIGN_SMTP_USERNAME", "CAMPAIGN_SMTP_PASSWORD")) {
        if (in.has(k + suffix)) {
          in.error("CAMPAIGN_SMTP_HOST" + suffix, "is required when " + k + suffix + " is given");
          break;
        }
      }
      // A bad port is reported with the missing host, not after the host is added.
      in.integer("CAMPAIGN_SMTP_PORT" + suffix, defaultSmtpPort(smtpSecurity), 1, 65535);
    }
    ImapServer imap = null;
    if (imapHost != null) {
      SmtpConfig.Security sec =
          in.enumValue(
              "CAMPAIGN_IMAP_SECURITY" + suffix,
              SmtpConfig.Security.class,
              SmtpConfig.Security.TLS);
      int port = in.integer("CAMPAIGN_IMAP_PORT" + suffix, defaultImapPort(sec), 1, 65535);
      String user = in.text("CAMPAIGN_IMAP_USERNAME" + suffix);
      Secret password = in.secret("CAMPAIGN_IMAP_PASSWORD" + suffix);
      if (user == null) {
        user = smtpUser != null ? smtpUser : login;
      }
      if (password == null) {
        password = smtpPassword;
      }
      if (password == null) {
        in.error(
            "CAMPAIGN_IMAP_PASSWORD" + suffix,
            "is required when CAMPAIGN_IMAP_HOST"
                + suffix
                + " is given (or set CAMPAIGN_SMTP_PASSWORD"
                + suffix
                + ")");
      }
      String folder = in.text("CAMPAIGN_IMAP_FOLDER" + suffix, "INBOX");
      imap = new ImapServer(new Server(imapHost, port, sec, user, password), folder);
    }
    DkimKey dkim = address == null ? null : dkim(in, suffix, address);
    return mailbox == null ? null : new MailboxSettings(mailbox, smtp, imap, dkim);
  }

  /**
   * The DKIM key: on when {@code CAMPAIGN_DKIM_SELECTOR} is set, with the key from {@code
   * CAMPAIGN_DKIM_PRIVATE_KEY} (PEM text; {@code \n} may stand for line breaks) or {@code
   * CAMPAIGN_DKIM_PRIVATE_KEY_FILE}; the domain defaults to the address's. A bad key is an error
   * naming the setting, never quoting the key.
   */
  private static @Nullable DkimKey dkim(SettingsReader in, String suffix, String address) {
    String selector = in.text("CAMPAIGN_DKIM_SELECTOR" + suffix);
    String domainSetting = in.text("CAMPAIGN_DKIM_DOMAIN" + suffix);
    Secret pem = in.secret("CAMPAIGN_DKIM_PRIVATE_KEY" + suffix);
    String file = in.text("CAMPAIGN_DKIM_PRIVATE_KEY_FILE" + suffix);
    if (selector == null) {
      for (String k :
          List.of(
              "CAMPAIGN_DKIM_DOMAIN",
              "CAMPAIGN_DKIM_PRIVATE_KEY",
              "CAMPAIGN_DKIM_PRIVATE_KEY_FILE")) {
        if (in.has(k + suffix)) {
          in.error(
              "CAMPAIGN_DKIM_SELECTOR" + suffix, "is required when " + k + suffix + " is given");
          break;
        }
      }
      return null;
    }
    if ((pem == null) == (file == null)) {
      in.error(
          "CAMPAIGN_DKIM_PRIVATE_KEY" + suffix,
          pem == null
              ? "or CAMPAIGN_DKIM_PRIVATE_KEY_FILE" + suffix + " is required with a selector"
              : "and CAMPAIGN_DKIM_PRIVATE_KEY_FILE" + suffix + " are both given; give one");
      return null;
    }
    String domain =
        domainSetting != null
            ? domainSetting
            : address.strip().substring(address.strip().lastIndexOf('@') + 1);
    try {
      return pem != null
          ? DkimKey.fromPem(domain, selector, pem.reveal().replace("\\n", "\n"))
          : DkimKey.fromPemFile(domain, selector, Path.of(Objects.requireNonNull(file)));
    } catch (InvalidInputException e) {
      for (FieldError error : e.errors()) {
        String key =
            switch (error.field()) {
              case "domain" -> "CAMPAIGN_DKIM_DOMAIN";
              case "selector" -> "CAMPAIGN_DKIM_SELECTOR";
              case "privateKeyFile" -> "CAMPAIGN_DKIM_PRIVATE_KEY_FILE";
              default -> "CAMPAIGN_DKIM_PRIVATE_KEY";
            };
        in.error(key + suffix, error.problem());
      }
      return null;
    } catch (java.nio.file.InvalidPathException e) {
      in.error("CAMPAIGN_DKIM_PRIVATE_KEY_FILE" + suffix, "is not a file path");
      return null;
    }
  }

  /** The DKIM keys of these mailboxes, one per signing domain (the first wins). */
  public static List<DkimKey> dkimKeys(List<MailboxSettings> mailboxes) {
    java.util.Map<String, DkimKey> byDomain = new java.util.LinkedHashMap<>();
    for (MailboxSettings m : mailboxes) {
      if (m.dkim() != null) {
        byDomain.putIfAbsent(m.dkim().domain(), m.dkim());
      }
    }
    return List.copyOf(byDomain.values());
  }
}
