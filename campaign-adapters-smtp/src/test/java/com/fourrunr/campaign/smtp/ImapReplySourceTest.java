package com.fourrunr.campaign.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyOutcome;
import com.fourrunr.campaign.spi.ReplyIntakeState;
import com.fourrunr.campaign.testing.InMemoryCampaignStore;
import com.fourrunr.campaign.testing.InMemoryReplyIntakeState;
import com.fourrunr.campaign.testing.RecordingSender;
import com.fourrunr.campaign.testing.SettableClock;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The IMAP source against a real IMAP server (GreenMail): replies, out-of-office mails and bounces
 * delivered to the mailbox are picked up once each, matched, classified and acted on; a restart of
 * the source reprocesses nothing; a dropped connection is survived.
 */
class ImapReplySourceTest {
  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort());

  private static final String MAILBOX = "replies@4runr.example";
  private static final String PASSWORD = "s3cret-imap";
  private static final Instant DAY0 = Instant.parse("2026-12-01T09:00:00Z");
  private static final Lead ADA = lead("L-ada", "ada@engines.example");
  private static final Lead GRACE = lead("L-grace", "grace@navy.example");
  private static final Lead LINUS = lead("L-linus", "linus@kernel.example");

  private final SettableClock clock = new SettableClock(DAY0);
  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private final RecordingSender sender = new RecordingSender();
  private final ReplyIntakeState state = new InMemoryReplyIntakeState();
  private final List<ImapReplySource> sources = new ArrayList<>();
  private GreenMailUser user;

  private static Lead lead(String id, String email) {
    String name = id.substring(2);
    return Lead.builder(id, email)
        .firstName(name)
        .company(name + " Works")
        .companyDescription(
            name
                + " Works makes "
                + name.toLowerCase(java.util.Locale.ROOT)
                + " instruments by hand.")
        .topServices(name + " instruments")
        .emailConfidence(EmailConfidence.REAL)
        .build();
  }

  @BeforeEach
  void mailbox() {
    user = greenMail.setUser(MAILBOX, MAILBOX, PASSWORD);
  }

  @AfterEach
  void closeSources() {
    sources.forEach(ImapReplySource::close);
  }

  private ImapReplySource source(int port, boolean markSeen) {
    ImapReplySource s =
        ImapReplySource.create(
            ImapConfig.builder("127.0.0.1", port, MAILBOX, PASSWORD)
                .security(SmtpConfig.Security.NONE)
                .markSeen(markSeen)
                .batchSize(2)
                .build(),
            state,
            clock);
    sources.add(s);
    return s;
  }

  private ImapReplySource source() {
    return source(greenMail.getImap().getPort(), true);
  }

  private CampaignEngine engine(ImapReplySource source) {
    return CampaignEngine.builder()
        .store(store)
        .sender(sender)
        .clock(clock)
        .schedule(com.fourrunr.campaign.SendSchedule.calendarDays())
        .from(new Mailbox("hello@4runr.example", "4Runr"))
        .replySource(source)
        .build();
  }

  private String hookOf(Lead lead) {
    return sender.sentTo(lead.email()).get(0).messageId();
  }

  private void deliver(String raw) throws Exception {
    user.deliver(
        new MimeMessage(
            Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))));
  }

  private String interested(Lead lead) {
    return """
        From: Ada <%s>
        To: hello@4runr.example
        Subject: Re: Hello
        Date: Tue, 1 Dec 2026 12:00:00 +0000
        Message-ID: <interested-%s@engines.example>
        In-Reply-To: %s
        References: %s
        Content-Type: text/plain; charset=utf-8

        Sounds good, let's talk on Thursday.

        On Tue, Dec 1, 2026 at 9:00 AM 4Runr <hello@4runr.example> wrote:
        > Would you be interested? Or not interested at all?
        """
        .formatted(lead.email(), lead.id(), hookOf(lead), hookOf(lead));
  }

  private String outOfOffice(Lead lead) {
    return """
        From: Grace <%s>
        To: hello@4runr.example
        Subject: Automatic reply: Hello
        Date: Tue, 1 Dec 2026 09:05:00 +0000
        Message-ID: <ooo-%s@navy.example>
        In-Reply-To: %s
        Auto-Submitted: auto-replied
        X-Auto-Response-Suppress: All
        Content-Type: text/plain; charset=utf-8

        I am out of the office until 10 December with limited access to email.
        """
        .formatted(lead.email(), lead.id(), hookOf(lead));
  }

  private String bounce(Lead lead) {
    return """
        From: Mail Delivery System <MAILER-DAEMON@mx.4runr.example>
        To: hello@4runr.example
        Subject: Undelivered Mail Returned to Sender
        Date: Tue, 1 Dec 2026 09:01:00 +0000
        Message-ID: <bounce-%s@mx.4runr.example>
        Auto-Submitted: auto-replied
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

        --b1
        Content-Type: text/plain

        Your message could not be delivered.

        --b1
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.4runr.example

        Final-Recipient: rfc822; %s
        Action: failed
        Status: 5.1.1
        Diagnostic-Code: smtp; 550 5.1.1 user unknown

        --b1
        Content-Type: text/rfc822-headers

        Message-ID: %s
        To: %s
        Subject: Hello

        --b1--
        """
        .formatted(lead.id(), lead.email(), hookOf(lead), lead.email());
  }

  private Campaign campaignOf(Lead lead) {
    return store.findCampaignsByLead(lead.id()).get(0);
  }

  private void sendHooks(CampaignEngine engine) {
    engine.enrol(List.of(ADA, GRACE, LINUS));
    engine.runDue();
    clock.set(DAY0.plusSeconds(3 * 3600));
  }

  @Test
  void repliesOutOfOfficeAndBouncesArePickedUpOnceMatchedClassifiedAndActedOn() throws Exception {
    CampaignEngine engine = engine(source());
    sendHooks(engine);
    deliver(interested(ADA));
    deliver(outOfOffice(GRACE));
    deliver(bounce(LINUS));

    List<ReplyOutcome> outcomes = engine.pollReplies();

    assertThat(outcomes)
        .extracting(ReplyOutcome::category)
        .containsExactly(
            ReplyCategory.INTERESTED, ReplyCategory.OUT_OF_OFFICE, ReplyCategory.BOUNCE_HARD);
    assertThat(outcomes).allSatisfy(o -> assertThat(o.duplicate()).isFalse());
    assertThat(campaignOf(ADA).status()).isEqualTo(CampaignStatus.RESPONDED);
    assertThat(campaignOf(GRACE).status()).isEqualTo(CampaignStatus.PAUSED);
    assertThat(campaignOf(GRACE).resumeAt())
        .isEqualTo(LocalDate.of(2026, 12, 11).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
    assertThat(campaignOf(LINUS).status()).isEqualTo(CampaignStatus.STOPPED);
    assertThat(store.isSuppressed(LINUS.email())).isTrue();
    assertThat(store.replies())
        .hasSize(3)
        .allSatisfy(r -> assertThat(r.reply().source()).startsWith("imap:"));
    assertThat(
            store
                .findReply("<bounce-L-linus@mx.4runr.example>")
                .orElseThrow()
                .reply()
                .header(InboundReply.DSN_ORIGINAL_MESSAGE_ID))
        .isEqualTo(hookOf(LINUS));

    // Nothing comes twice, and handled mail is flagged \Seen but never deleted.
    assertThat(engine.pollReplies()).isEmpty();
    assertThat(seenFlags()).containsExactly(true, true, true);
  }

  @Test
  void restartingTheMonitorReprocessesNothing() throws Exception {
    CampaignEngine engine = engine(source());
    sendHooks(engine);
    deliver(interested(ADA));
    deliver(outOfOffice(GRACE));
    deliver(bounce(LINUS));
    assertThat(engine.pollReplies()).hasSize(3);
    sources.get(0).close();

    CampaignEngine restarted = engine(source());
    assertThat(restarted.pollReplies()).isEmpty();

    deliver(interested(GRACE));
    assertThat(restarted.pollReplies())
        .singleElement()
        .satisfies(o -> assertThat(o.replyId()).isEqualTo("<interested-L-grace@engines.example>"));
    assertThat(store.replies()).hasSize(4);
  }

  @Test
  void processDyingBeforeTheCheckpointIsSavedActsOnNothingTwice() throws Exception {
    ImapReplySource first = source();
    CampaignEngine engine = engine(first);
    sendHooks(engine);
    deliver(interested(ADA));
    // The engine stores and acts on the batch, then the process dies before the next poll saves the
    // UID.
    for (InboundReply r : first.poll()) {
      engine.receive(r);
    }
    first.close();

    CampaignEngine restarted = engine(source());
    List<ReplyOutcome> again = restarted.pollReplies();

    assertThat(again).singleElement().satisfies(o -> assertThat(o.duplicate()).isTrue());
    assertThat(campaignOf(ADA).version()).isEqualTo(1);
    assertThat(restarted.pollReplies()).isEmpty();
  }

  @Test
  void changedUidValidityReadsTheFolderAgainWithoutActingTwice() throws Exception {
    CampaignEngine engine = engine(source());
    sendHooks(engine);
    deliver(interested(ADA));
    deliver(bounce(LINUS));
    assertThat(engine.pollReplies()).hasSize(2);
    String key = "replies@4runr.example@127.0.0.1:" + greenMail.getImap().getPort();
    ReplyIntakeState.Checkpoint saved = state.load(key, "INBOX").orElseThrow();
    // As if the server had been rebuilt: the folder's UIDs start over under a new UIDVALIDITY.
    state.save(
        key, "INBOX", new ReplyIntakeState.Checkpoint(saved.uidValidity() + 1, saved.lastUid()));

    List<ReplyOutcome> reread = engine(source()).pollReplies();

    assertThat(reread).hasSize(2).allSatisfy(o -> assertThat(o.duplicate()).isTrue());
    assertThat(state.load(key, "INBOX").orElseThrow()).isEqualTo(saved);
  }

  @Test
  void droppedConnectionIsSurvivedAndNothingIsLostOrDoubled() throws Exception {
    try (TcpProxy proxy = new TcpProxy(greenMail.getImap().getPort())) {
      CampaignEngine engine = engine(source(proxy.port(), true));
      sendHooks(engine);
      deliver(interested(ADA));
      assertThat(engine.pollReplies()).hasSize(1);

      proxy.dropAll();
      deliver(outOfOffice(GRACE));
      deliver(bounce(LINUS));
      List<ReplyOutcome> after = new ArrayList<>();
      // The first poll after the cut may fail and reconnect; a bounded number of polls gets
      // everything.
      for (int i = 0; i < 5 && after.size() < 2; i++) {
        after.addAll(engine.pollReplies());
      }

      assertThat(after)
          .extracting(ReplyOutcome::category)
          .containsExactly(ReplyCategory.OUT_OF_OFFICE, ReplyCategory.BOUNCE_HARD);
      assertThat(after).allSatisfy(o -> assertThat(o.duplicate()).isFalse());
      assertThat(store.replies()).hasSize(3);
    }
  }

  @Test
  void unreachableServerYieldsNothingInsteadOfThrowing() throws Exception {
    TcpProxy proxy = new TcpProxy(greenMail.getImap().getPort());
    int port = proxy.port();
    proxy.close();
    ImapReplySource source = source(port, true);

    assertThat(source.poll()).isEmpty();
  }

  @Test
  void withMarkSeenOffHandledMailStaysUnread() throws Exception {
    CampaignEngine engine = engine(source(greenMail.getImap().getPort(), false));
    sendHooks(engine);
    deliver(interested(ADA));

    assertThat(engine.pollReplies()).hasSize(1);
    assertThat(engine.pollReplies()).isEmpty();
    assertThat(seenFlags()).containsExactly(false);
  }

  @Test
  void severalMailboxesAreReadAsOneSourceEachWithItsOwnCheckpoint() throws Exception {
    GreenMailUser second =
        greenMail.setUser("bounces@4runr.example", "bounces@4runr.example", PASSWORD);
    int port = greenMail.getImap().getPort();
    ImapReplySource.Multi both =
        ImapReplySource.createAll(
            List.of(
                ImapConfig.builder("127.0.0.1", port, MAILBOX, PASSWORD)
                    .security(SmtpConfig.Security.NONE)
                    .build(),
                ImapConfig.builder("127.0.0.1", port, "bounces@4runr.example", PASSWORD)
                    .security(SmtpConfig.Security.NONE)
                    .build()),
            state);
    try (both) {
      CampaignEngine engine =
          CampaignEngine.builder()
              .store(store)
              .sender(sender)
              .clock(clock)
              .schedule(com.fourrunr.campaign.SendSchedule.calendarDays())
              .from(new Mailbox("hello@4runr.example", "4Runr"))
              .replySource(both)
              .build();
      sendHooks(engine);
      deliver(interested(ADA));
      second.deliver(
          new MimeMessage(
              Session.getInstance(new Properties()),
              new ByteArrayInputStream(
                  bounce(LINUS).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))));

      assertThat(engine.pollReplies())
          .extracting(ReplyOutcome::category)
          .containsExactlyInAnyOrder(ReplyCategory.INTERESTED, ReplyCategory.BOUNCE_HARD);
      assertThat(engine.pollReplies()).isEmpty();
      assertThat(state.load("bounces@4runr.example@127.0.0.1:" + port, "INBOX")).isPresent();
    }
  }

  @Test
  void configNeverShowsThePassword() {
    ImapConfig config = ImapConfig.builder("imap.example", 993, MAILBOX, PASSWORD).build();

    assertThat(config.toString()).doesNotContain(PASSWORD).contains("***");
  }

  private List<Boolean> seenFlags() throws Exception {
    Properties p = new Properties();
    Store store = Session.getInstance(p).getStore("imap");
    store.connect("127.0.0.1", greenMail.getImap().getPort(), MAILBOX, PASSWORD);
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      List<Boolean> seen = new ArrayList<>();
      for (Message m : inbox.getMessages()) {
        seen.add(m.isSet(Flags.Flag.SEEN));
      }
      inbox.close(false);
      return seen;
    } finally {
      store.close();
    }
  }
}
