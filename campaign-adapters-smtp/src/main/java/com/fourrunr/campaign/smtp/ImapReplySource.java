package com.fourrunr.campaign.smtp;

import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.ReplySource;
import com.fourrunr.campaign.config.Redaction;
import com.fourrunr.campaign.config.Secret;
import com.fourrunr.campaign.ops.PollHealth;
import com.fourrunr.campaign.spi.ReplyIntakeState;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads replies from IMAP folders. Made by {@link #create(ImapConfig, ReplyIntakeState)}; give it
 * to {@code CampaignEngine.builder().replySource(...)} and call {@code engine.pollReplies()} on a
 * schedule.
 *
 * <p>Each {@link #poll()} returns the mail whose UID is above the folder's checkpoint, oldest
 * first, at most {@link ImapConfig#batchSize()} per folder. The checkpoint ({@code UIDVALIDITY} and
 * the highest UID returned) is saved in the {@link ReplyIntakeState}, and the mail flagged \Seen
 * when configured, at the start of the <em>next</em> poll: the engine calls {@code poll()} again
 * after it stored and handled the batch, so a mail is acknowledged only after the engine stored it.
 * If the process dies in between, the next start reads that batch again and the engine ignores
 * every mail it stored already (by Message-ID, or for mail without one by a digest of sender,
 * subject, text and the server's arrival time, which IMAP keeps the same): each mail is acted on
 * once. A changed {@code UIDVALIDITY} (the folder was recreated) reads the folder from the start,
 * with the same protection. Mail is never deleted or moved.
 *
 * <p>A dropped connection or a restarted server is logged and survived: the failed folder's batch
 * is not acknowledged, the connection is opened again on the next poll, and that batch is read
 * again. Polling only (no IDLE): call it as often as replies should be seen. Thread-safe (polls are
 * serialised).
 */
public final class ImapReplySource implements ReplySource, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ImapReplySource.class);

  private final ImapConfig config;
  private final ReplyIntakeState state;
  private final Clock clock;
  private final Session session;
  private final Map<String, Pending> pending = new LinkedHashMap<>();
  private final Map<String, Folder> open = new LinkedHashMap<>();
  private final PollHealth health;
  private final Redaction redaction;
  private @Nullable Store store;

  /** A batch returned but not yet acknowledged. */
  private record Pending(long uidValidity, long lastUid, long[] uids) {}

  private ImapReplySource(ImapConfig config, ReplyIntakeState state, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.state = Objects.requireNonNull(state, "state");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.health = PollHealth.create(clock);
    this.redaction =
        config.password().isEmpty()
            ? Redaction.none()
            : Redaction.of(List.of(Secret.of(config.password())));
    Properties p = new Properties();
    String protocol = config.security() == SmtpConfig.Security.TLS ? "imaps" : "imap";
    p.put("mail.store.protocol", protocol);
    p.put("mail." + protocol + ".host", config.host());
    p.put("mail." + protocol + ".port", String.valueOf(config.port()));
    p.put(
        "mail." + protocol + ".connectiontimeout",
        String.valueOf(config.connectTimeout().toMillis()));
    p.put("mail." + protocol + ".timeout", String.valueOf(config.readTimeout().toMillis()));
    // Reading a mail must not flag it \Seen: only an acknowledged (handled) mail is, and only if
    // configured.
    p.put("mail." + protocol + ".peek", "true");
    if (config.security() == SmtpConfig.Security.STARTTLS) {
      p.put("mail.imap.starttls.enable", "true");
      p.put("mail.imap.starttls.required", "true");
    }
    this.session = Session.getInstance(p);
  }

  /** A source over one mailbox's folders, remembering its place in {@code state}. */
  public static ImapReplySource create(ImapConfig config, ReplyIntakeState state) {
    return new ImapReplySource(config, state, Clock.systemUTC());
  }

  /**
   * As {@link #create(ImapConfig, ReplyIntakeState)}, with a clock for mail the server gives no
   * date.
   */
  public static ImapReplySource create(ImapConfig config, ReplyIntakeState state, Clock clock) {
    return new ImapReplySource(config, state, clock);
  }

  /**
   * A source over several mailboxes: each poll asks every mailbox in turn and returns all they
   * have. Closing it closes each mailbox's source.
   */
  public static Multi createAll(List<ImapConfig> configs, ReplyIntakeState state) {
    return createAll(configs, state, Clock.systemUTC());
  }

  /**
   * As {@link #createAll(List, ReplyIntakeState)}, timed by {@code clock} (poll outcomes, undated
   * mail).
   */
  public static Multi createAll(List<ImapConfig> configs, ReplyIntakeState state, Clock clock) {
    List<ImapReplySource> sources = new ArrayList<>();
    for (ImapConfig c : configs) {
      sources.add(create(c, state, clock));
    }
    return new Multi(sources);
  }

  /**
   * The outcome of the recent polls (a failed connection or read is logged and survived, and
   * recorded here): give it to {@code
   * HealthMonitor.builder(engine).replyIntake(source::pollHealth)}.
   */
  public PollHealth.Snapshot pollHealth() {
    return health.snapshot();
  }

  /** Several {@link ImapReplySource}s read as one. Thread-safe. */
  public static final class Multi implements ReplySource, AutoCloseable {
    private final List<ImapReplySource> sources;

    private Multi(List<ImapReplySource> sources) {
      this.sources = List.copyOf(sources);
    }

    @Override
    public List<InboundReply> poll() {
      List<InboundReply> all = new ArrayList<>();
      sources.forEach(s -> all.addAll(s.poll()));
      return all;
    }

    @Override
    public void close() {
      sources.forEach(ImapReplySource::close);
    }

    /** The worst of the mailboxes' recent poll outcomes ({@link PollHealth.Snapshot#worse}). */
    public PollHealth.Snapshot pollHealth() {
      PollHealth.Snapshot worst = null;
      for (ImapReplySource s : sources) {
        worst = worst == null ? s.pollHealth() : worst.worse(s.pollHealth());
      }
      return worst == null ? new PollHealth.Snapshot(null, null, 0, "") : worst;
    }
  }

  @Override
  public synchronized List<InboundReply> poll() {
    acknowledge();
    List<InboundReply> batch = new ArrayList<>();
    try {
      connect();
    } catch (MessagingException e) {
      log.warn(
          "IMAP {}: cannot connect ({}); will try again on the next poll",
          config.mailboxKey(),
          redaction.apply(e.getMessage()));
      health.failure("IMAP " + config.mailboxKey() + ": " + failure(e));
      disconnect();
      return batch;
    }
    boolean failed = false;
    for (String name : config.folders()) {
      try {
        batch.addAll(read(name));
      } catch (MessagingException | IllegalStateException e) {
        // Connection dropped or folder closed by the server: nothing of this folder is
        // acknowledged, so
        // the next poll reads it again on a new connection.
        log.warn(
            "IMAP {} {}: read failed ({}); reconnecting on the next poll",
            config.mailboxKey(),
            name,
            redaction.apply(e.toString()));
        health.failure("IMAP " + config.mailboxKey() + " " + name + ": " + failure(e));
        failed = true;
        pending.remove(name);
        disconnect();
        break;
      }
    }
    if (!failed) {
      health.success();
    }
    return batch;
  }

  /**
   * The failure's class, and its root cause's, without the server's text (which may quote a login).
   */
  private static String failure(Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e
        ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + " (" + root.getClass().getSimpleName() + ")";
  }

  private List<InboundReply> read(String name) throws MessagingException {
    Folder folder = open.get(name);
    if (folder == null || !folder.isOpen()) {
      Store connected = store;
      if (connected == null) {
        throw new MessagingException("IMAP " + config.mailboxKey() + ": not connected");
      }
      folder = connected.getFolder(name);
      folder.open(config.markSeen() ? Folder.READ_WRITE : Folder.READ_ONLY);
      open.put(name, folder);
    }
    // A NOOP on the open folder makes the server report mail that arrived since the last poll
    // (Angus Mail
    // sends one by itself only when the connection was idle for a second).
    if (folder instanceof IMAPFolder imap) {
      imap.doCommand(
          p -> {
            p.noop();
            return null;
          });
    }
    UIDFolder uids = (UIDFolder) folder;
    long uidValidity = uids.getUIDValidity();
    ReplyIntakeState.Checkpoint saved = state.load(config.mailboxKey(), name).orElse(null);
    long lastUid = 0;
    if (saved != null && saved.uidValidity() == uidValidity) {
      lastUid = saved.lastUid();
    } else if (saved != null) {
      log.warn(
          "IMAP {} {}: UIDVALIDITY changed from {} to {}; reading the folder again (stored mail is"
              + " not acted on twice)",
          config.mailboxKey(),
          name,
          saved.uidValidity(),
          uidValidity);
    }
    // "n:*" also returns the last mail when its UID is below n: filtered below.
    Message[] found = uids.getMessagesByUID(lastUid + 1, UIDFolder.MAXUID);
    FetchProfile profile = new FetchProfile();
    profile.add(UIDFolder.FetchProfileItem.UID);
    profile.add(FetchProfile.Item.ENVELOPE);
    folder.fetch(found, profile);
    List<InboundReply> replies = new ArrayList<>();
    List<Long> taken = new ArrayList<>();
    long highest = lastUid;
    for (Message m : found) {
      if (m == null) {
        continue;
      }
      long uid = uids.getUID(m);
      if (uid <= lastUid) {
        continue;
      }
      if (replies.size() >= config.batchSize()) {
        break;
      }
      replies.add(parse(m, name, uid));
      taken.add(uid);
      highest = Math.max(highest, uid);
    }
    if (!taken.isEmpty() || saved == null || saved.uidValidity() != uidValidity) {
      pending.put(
          name,
          new Pending(uidValidity, highest, taken.stream().mapToLong(Long::longValue).toArray()));
    }
    return replies;
  }

  private InboundReply parse(Message m, String folder, long uid) throws MessagingException {
    Date received = m.getReceivedDate();
    Instant at = received == null ? clock.instant() : received.toInstant();
    String source = "imap:" + config.mailboxKey() + "/" + folder;
    try {
      return MimeReplies.fromMessage(m, at, source);
    } catch (MessagingException e) {
      if (e instanceof jakarta.mail.FolderClosedException
          || e instanceof jakarta.mail.StoreClosedException) {
        throw e;
      }
      // One unreadable mail is kept (and visible) rather than dropped or allowed to block the
      // folder.
      log.warn(
          "IMAP {} {} UID {}: unreadable ({}); kept for review",
          config.mailboxKey(),
          folder,
          uid,
          e.getMessage());
      return InboundReply.builder("", at)
          .source(source)
          .messageId(
              "<imap-"
                  + uid
                  + "-"
                  + Math.abs((long) config.mailboxKey().hashCode())
                  + "@unreadable>")
          .text("[unreadable mail, UID " + uid + " in " + folder + ": " + e.getMessage() + "]")
          .build();
    } catch (RuntimeException e) {
      // Over a limit of MimeReplies (or a parser failure): kept for review, and the batch reads on.
      log.warn(
          "IMAP {} {} UID {}: not read ({}); kept for review",
          config.mailboxKey(),
          folder,
          uid,
          e.getMessage());
      return InboundReply.builder(sender(m), at)
          .source(source)
          .messageId(
              "<imap-"
                  + uid
                  + "-"
                  + Math.abs((long) config.mailboxKey().hashCode())
                  + "@unreadable>")
          .text("[mail not read, UID " + uid + " in " + folder + ": " + e.getMessage() + "]")
          .build();
    }
  }

  /** The sender's address of a mail that could not be read, or empty. */
  private static String sender(Message m) {
    try {
      jakarta.mail.Address[] from = m.getFrom();
      return from != null
              && from.length > 0
              && from[0] instanceof jakarta.mail.internet.InternetAddress ia
              && ia.getAddress() != null
          ? ia.getAddress()
          : "";
    } catch (MessagingException | RuntimeException e) {
      return "";
    }
  }

  /** Saves the checkpoints of the batch returned last, and flags it \Seen when configured. */
  private void acknowledge() {
    for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      Pending p = e.getValue();
      state.save(
          config.mailboxKey(),
          e.getKey(),
          new ReplyIntakeState.Checkpoint(p.uidValidity(), p.lastUid()));
      it.remove();
      if (config.markSeen() && p.uids().length > 0) {
        Folder folder = open.get(e.getKey());
        try {
          if (folder instanceof IMAPFolder imap && imap.isOpen()) {
            Message[] messages = imap.getMessagesByUID(p.uids());
            List<Message> present = new ArrayList<>();
            for (Message m : messages) {
              if (m != null) {
                present.add(m);
              }
            }
            imap.setFlags(present.toArray(Message[]::new), new Flags(Flags.Flag.SEEN), true);
          }
        } catch (MessagingException | IllegalStateException ex) {
          // Only a flag for people reading the mailbox: the checkpoint is what keeps mail from
          // coming back.
          log.debug(
              "IMAP {} {}: could not flag handled mail \\Seen: {}",
              config.mailboxKey(),
              e.getKey(),
              ex.toString());
        }
      }
    }
  }

  private void connect() throws MessagingException {
    if (store != null && store.isConnected()) {
      return;
    }
    disconnect();
    store = session.getStore();
    store.connect(config.host(), config.port(), config.username(), config.password());
  }

  private void disconnect() {
    for (Folder f : open.values()) {
      try {
        if (f.isOpen()) {
          f.close(false);
        }
      } catch (MessagingException | IllegalStateException e) {
        log.debug("closing folder {}: {}", f.getFullName(), e.toString());
      }
    }
    open.clear();
    if (store != null) {
      try {
        store.close();
      } catch (MessagingException e) {
        log.debug("closing IMAP store: {}", e.toString());
      }
      store = null;
    }
  }

  /**
   * Closes the connection. A batch returned but not yet acknowledged by a further poll is read
   * again later.
   */
  @Override
  public synchronized void close() {
    disconnect();
  }

  @Override
  public String toString() {
    return "ImapReplySource[" + config + "]";
  }
}
