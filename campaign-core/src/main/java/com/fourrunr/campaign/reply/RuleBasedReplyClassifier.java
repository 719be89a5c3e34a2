package com.fourrunr.campaign.reply;

import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.Referral;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyClassification;
import com.fourrunr.campaign.ReplyClassifier;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Categorises mail by rules, in English, German, French and Spanish. Machine signals come first and
 * decide alone: a feedback report is a complaint; a delivery report (its parsed {@code Status}, see
 * {@link InboundReply#DSN_STATUS}), mail from {@code mailer-daemon@} or {@code postmaster@}, or a
 * bounce subject is a bounce (hard or soft by its status code, then its SMTP code, then its
 * phrases); {@code Auto-Submitted}, {@code Precedence}, {@code X-Autoreply}, the Exchange and Apple
 * headers, a null return path or an auto-reply subject make an out-of-office or another automatic
 * reply. A vacation reply is never a bounce, even when it quotes a bounce's subject. Mail with no
 * machine signal is a person's: quoted history, signatures and disclaimers are cut off in every
 * common client style ({@code QuotedHistory}), then a phrase table in English, German, French,
 * Spanish, Dutch, Italian, Portuguese and Polish scores each category, negation and scope read
 * ("not interested in a call" is a refusal), and the strongest wins ({@code IntentRules}, {@code
 * Confidence}): meetings, slots, pricing, a deck or a demo are INTERESTED; refusals, "already use
 * X" and "not a fit" NOT_INTERESTED; a refusal for now ("try me next quarter") NOT_INTERESTED with
 * {@link ReplyClassification#followUpAfter()}; "not the right person, talk to ..." or "I left"
 * WRONG_PERSON with the {@link ReplyClassification#referral()}; "remove me", "stop emailing" and
 * erasure requests UNSUBSCRIBE_REQUEST (a complaint only for an explicit spam report without an
 * opt-out); a hand-written absence OUT_OF_OFFICE with its return date. What no rule recognises is
 * {@link ReplyCategory#NEEDS_REVIEW}.
 *
 * <p>Confidence: 1.0 for a delivery or feedback report, 0.95 for machine headers; for a person's
 * text 0.75 to 0.95 by the weight of what was said, less when a second reading contradicts the
 * first (then below the default sensitivity unless the first is clearly stronger, with the second
 * named as {@link ReplyClassification#runnerUp()}), 0.3 when nothing matched. Thread-safe; no
 * state.
 */
public final class RuleBasedReplyClassifier implements ReplyClassifier {
  private static final Pattern AUTO_SUBJECT =
      Pattern.compile(
          "^\\s*+(\\[?auto(matic|matische|matique|mática)?[ -]?(reply|response|antwort|réponse|respuesta)\\]?"
              + "|auto:|autoreply|auto-reply|out of (the )?office|ooo\\b|autosvar|abwesenheitsnotiz|abwesend"
              + "|absence|absent|réponse automatique|respuesta automática|fuera de la oficina|ausente"
              + "|risposta automatica|vacation|urlaub|congés)",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern BOUNCE_SUBJECT =
      Pattern.compile(
          "(undeliver|unzustellbar|non remis|no se puede entregar|delivery status notification"
              + "|delivery failure|delivery has failed|returned mail|mail delivery failed|failure notice"
              + "|could not be delivered|delivery incomplete|delayed mail|mail delivery delayed|warning: message)",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern DSN_STATUS_IN_TEXT =
      Pattern.compile("(?m)^[ \\t]*+Status:\\s*+([245])\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern STATUS = Pattern.compile("([245])\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern SMTP_CODE =
      Pattern.compile("\\b([45])\\d\\d[ -]#?([45])\\.(\\d{1,3})\\.(\\d{1,3})\\b");
  private static final Pattern BARE_SMTP_CODE = Pattern.compile("\\b(55[0-4]|45[0-2]|421)\\b");
  private static final List<String> HARD_BOUNCE_PHRASES =
      List.of(
          "user unknown",
          "unknown user",
          "no such user",
          "mailbox not found",
          "mailbox unavailable",
          "does not exist",
          "doesn't exist",
          "address rejected",
          "recipient not found",
          "recipientnotfound",
          "invalid recipient",
          "unknown recipient",
          "no such recipient",
          "account has been disabled",
          "no mailbox here",
          "address not found",
          "couldn't be found",
          "could not be found",
          "permanent error",
          "permanent failure",
          "domain not found",
          "host not found",
          "unrouteable address");
  private static final List<String> SOFT_BOUNCE_PHRASES =
      List.of(
          "mailbox full",
          "mailbox is full",
          "over quota",
          "quota exceeded",
          "exceeded storage",
          "temporarily",
          "temporary failure",
          "try again later",
          "greylist",
          "delivery delayed",
          "will retry",
          "still trying",
          "has not yet been delivered",
          "not yet been delivered");
  private static final List<String> AUTOMATED_TEXT =
      List.of(
          "this is an automatic",
          "this is an automated",
          "automatic reply",
          "automated response",
          "auto-reply",
          "autoreply",
          "do not reply to this",
          "diese nachricht wurde automatisch",
          "automatische antwort",
          "ceci est une réponse automatique",
          "réponse automatique",
          "este es un mensaje automático",
          "respuesta automática",
          "ticket number",
          "ticket #",
          "we have received your",
          "we received your",
          "wir haben ihre nachricht erhalten");
  private static final List<String> OOO_PHRASES =
      List.of(
          "out of office",
          "out of the office",
          "on vacation",
          "on holiday",
          "on leave",
          "away from",
          "annual leave",
          "parental leave",
          "maternity leave",
          "limited access to email",
          "limited access to e-mail",
          "back in the office",
          "i will be back",
          "i'll be back",
          "returning on",
          "i return on",
          "currently away",
          "abwesend",
          "nicht im büro",
          "außer haus",
          "ausser haus",
          "im urlaub",
          "urlaubsbedingt",
          "elternzeit",
          "wieder im büro",
          "wieder erreichbar",
          "absent",
          "en congé",
          "en congés",
          "en vacances",
          "hors du bureau",
          "de retour",
          "fuera de la oficina",
          "de vacaciones",
          "ausente",
          "estaré de vuelta",
          "volveré",
          "de regreso");
  private static final Pattern AWAY_SUBJECT =
      Pattern.compile("office|abwesen|absen|ausente|vacation|urlaub|congé");

  /**
   * Only this many characters of a mail's text are classified (what a person writes comes first;
   * the rest is quoted history, signatures and attachments' text), so that the time per mail is
   * bounded whatever its size. Every pattern here is linear in the text it reads.
   */
  public static final int MAX_CLASSIFIED_CHARS = 32 * 1024;

  /** Only this many characters of a subject are read. */
  static final int MAX_SUBJECT_CHARS = 1_000;

  /** A {@code Date} header longer than this is not a date. */
  private static final int MAX_DATE_CHARS = 200;

  @Override
  public ReplyClassification classify(InboundReply reply) {
    InboundReply r = bounded(reply);
    ReplyClassification machine = machineVerdict(r);
    return machine != null ? machine : person(r);
  }

  /**
   * The reply with its text cut at {@link #MAX_CLASSIFIED_CHARS} and its subject at {@link
   * #MAX_SUBJECT_CHARS}.
   */
  static InboundReply bounded(InboundReply r) {
    if (r.text().length() <= MAX_CLASSIFIED_CHARS && r.subject().length() <= MAX_SUBJECT_CHARS) {
      return r;
    }
    return new InboundReply(
        r.messageId(),
        r.from(),
        r.to(),
        cut(r.subject(), MAX_SUBJECT_CHARS),
        cut(r.text(), MAX_CLASSIFIED_CHARS),
        r.inReplyTo(),
        r.references(),
        r.headers(),
        r.receivedAt(),
        r.source());
  }

  static String cut(String s, int max) {
    return s.length() > max ? s.substring(0, max) : s;
  }

  /**
   * The verdict from machine signals alone (reports, bounces, automatic replies), or null when the
   * mail was written by a person. {@link ModelReplyClassifier} uses it to send only people's mail
   * to a model.
   */
  @Nullable ReplyClassification machineVerdict(InboundReply mail) {
    InboundReply reply = bounded(mail);
    String contentType = lower(reply.header("Content-Type"));
    String subject = reply.subject().strip();
    String text = lower(reply.text());
    String from = reply.from();

    if (contentType.contains("report-type=feedback-report")
        || lower(reply.header("Feedback-Type")).contains("abuse")
        || text.contains("feedback-type: abuse")) {
      return new ReplyClassification(ReplyCategory.COMPLAINT, null, "feedback report", 1.0);
    }
    boolean autoSubject = AUTO_SUBJECT.matcher(subject).find();
    String dsnStatus = reply.header(InboundReply.DSN_STATUS);
    boolean fromDaemon =
        from.startsWith("mailer-daemon@")
            || from.startsWith("postmaster@")
            || from.startsWith("mail-daemon@");
    // A bounce-like subject alone does not make a bounce of an auto-reply ("Out of Office: Re:
    // Returned
    // mail ..."): vacation replies quote the subject they answer.
    if (dsnStatus != null
        || contentType.contains("report-type=delivery-status")
        || fromDaemon
        || (BOUNCE_SUBJECT.matcher(subject).find() && !autoSubject)) {
      return bounce(
          reply,
          text,
          dsnStatus != null || contentType.contains("delivery-status")
              ? "delivery status report"
              : fromDaemon ? "sender " + from : "bounce subject");
    }
    String own = ownText(text);
    String machine = machineSignal(reply, autoSubject);
    if (machine == null && containsAny(own, AUTOMATED_TEXT)) {
      machine = "automated text";
    }
    if (machine == null) {
      return null;
    }
    double confidence = machine.equals("automated text") ? 0.75 : 0.95;
    if (containsAny(own, OOO_PHRASES)
        || containsAny(lower(subject), OOO_PHRASES)
        || (autoSubject && AWAY_SUBJECT.matcher(lower(subject)).find())) {
      return new ReplyClassification(
          ReplyCategory.OUT_OF_OFFICE, returnDate(reply, own), machine, confidence);
    }
    String hit =
        firstHit(
            own,
            List.of(
                "no longer with",
                "no longer work",
                "left the company",
                "has left",
                "nicht mehr bei",
                "n'est plus",
                "ne fait plus partie",
                "ya no trabaja",
                "ya no forma parte"));
    if (hit != null) {
      return new ReplyClassification(
          ReplyCategory.WRONG_PERSON, null, machine + ", text: " + hit, confidence);
    }
    return new ReplyClassification(ReplyCategory.AUTO_REPLY, null, machine, confidence);
  }

  /**
   * A person wrote: the intent rules read their own text ({@link QuotedHistory}), {@link
   * IntentRules} scores it, {@link Confidence} decides; a refusal for now gets its follow-up date,
   * a referral its name and address, an out-of-office its return date.
   */
  private static ReplyClassification person(InboundReply reply) {
    String own = QuotedHistory.ownText(reply.text());
    String text = own.toLowerCase(Locale.ROOT);
    List<IntentRules.Hit> hits = new ArrayList<>(IntentRules.hits(text));
    // An opt-out said with angry words is an opt-out: only a feedback report is a complaint then.
    if (hits.stream().anyMatch(h -> h.category() == ReplyCategory.UNSUBSCRIBE_REQUEST)) {
      hits.removeIf(h -> h.category() == ReplyCategory.COMPLAINT);
    }
    if (hits.isEmpty()) {
      return new ReplyClassification(ReplyCategory.NEEDS_REVIEW, null, "no rule matched", 0.3);
    }
    Confidence.Verdict v = Confidence.of(IntentRules.scores(hits));
    String evidence = "text: " + phrase(hits, v.category());
    if (v.runnerUp() != null) {
      evidence += " (also " + v.runnerUp() + ": " + phrase(hits, v.runnerUp()) + ")";
    }
    LocalDate back = null;
    LocalDate followUp = null;
    Referral referral = null;
    switch (v.category()) {
      case OUT_OF_OFFICE -> {
        back = returnDate(reply, text);
        if (back == null) {
          back = FollowUpDates.month(text, mailDate(reply));
        }
      }
      case NOT_INTERESTED -> {
        if (hits.stream().anyMatch(IntentRules.Hit::timing)) {
          followUp = FollowUpDates.find(text, mailDate(reply));
          if (followUp != null) {
            evidence += ", follow up from " + followUp;
          }
        }
      }
      case WRONG_PERSON -> referral = Referrals.find(own, reply.from());
      default -> {}
    }
    return new ReplyClassification(
        v.category(), back, evidence, v.confidence(), v.runnerUp(), followUp, referral);
  }

  private static String phrase(List<IntentRules.Hit> hits, ReplyCategory category) {
    String best = "";
    int weight = -1;
    for (IntentRules.Hit h : hits) {
      if (h.category() == category && h.weight() > weight) {
        best = h.text();
        weight = h.weight();
      }
    }
    return best;
  }

  private static ReplyClassification bounce(InboundReply reply, String text, String evidence) {
    String raw = reply.text();
    String status = reply.header(InboundReply.DSN_STATUS);
    Matcher s = status == null ? DSN_STATUS_IN_TEXT.matcher(raw) : STATUS.matcher(status);
    String action = lower(reply.header(InboundReply.DSN_ACTION));
    if (action.equals("delivered") || action.equals("relayed") || action.equals("expanded")) {
      return new ReplyClassification(
          ReplyCategory.AUTO_REPLY, null, evidence + ", action " + action, 1.0);
    }
    if (s.find()) {
      return byStatus(
          s.group(1),
          s.group(2),
          s.group(3),
          evidence + ", status " + s.group(1) + "." + s.group(2) + "." + s.group(3),
          1.0);
    }
    Matcher code = SMTP_CODE.matcher(raw);
    if (code.find()) {
      return byStatus(
          code.group(2), code.group(3), code.group(4), evidence + ", code " + code.group(), 0.95);
    }
    String hit;
    if ((hit = firstHit(text, SOFT_BOUNCE_PHRASES)) != null) {
      return new ReplyClassification(
          ReplyCategory.BOUNCE_SOFT, null, evidence + ", text: " + hit, 0.85);
    }
    if ((hit = firstHit(text, HARD_BOUNCE_PHRASES)) != null) {
      return new ReplyClassification(
          ReplyCategory.BOUNCE_HARD, null, evidence + ", text: " + hit, 0.85);
    }
    Matcher bare = BARE_SMTP_CODE.matcher(raw);
    if (bare.find()) {
      return new ReplyClassification(
          bare.group().startsWith("5") ? ReplyCategory.BOUNCE_HARD : ReplyCategory.BOUNCE_SOFT,
          null,
          evidence + ", code " + bare.group(),
          0.75);
    }
    return new ReplyClassification(
        ReplyCategory.BOUNCE_SOFT, null, evidence + ", no permanent code", 0.6);
  }

  /** RFC 3463: 5.x.x permanent, 4.x.x transient; x.2.2 (mailbox full) passes, so it is soft. */
  private static ReplyClassification byStatus(
      String klass, String subject, String detail, String evidence, double confidence) {
    boolean mailboxFull = subject.equals("2") && detail.equals("2");
    ReplyCategory c =
        klass.equals("5") && !mailboxFull
            ? ReplyCategory.BOUNCE_HARD
            : klass.equals("2") ? ReplyCategory.AUTO_REPLY : ReplyCategory.BOUNCE_SOFT;
    return new ReplyClassification(c, null, evidence + " (" + klass + ".x.x)", confidence);
  }

  private static @Nullable String machineSignal(InboundReply reply, boolean autoSubject) {
    String autoSubmitted = lower(reply.header("Auto-Submitted"));
    if (!autoSubmitted.isEmpty() && !autoSubmitted.startsWith("no")) {
      return "header Auto-Submitted: " + autoSubmitted;
    }
    String precedence = lower(reply.header("Precedence"));
    if (precedence.equals("auto_reply")
        || precedence.equals("bulk")
        || precedence.equals("junk")
        || precedence.equals("list")) {
      return "header Precedence: " + precedence;
    }
    for (String h : List.of("X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-Auto-Reply")) {
      if (reply.header(h) != null && !lower(reply.header(h)).equals("no")) {
        return "header " + h;
      }
    }
    if (reply.header("X-Auto-Response-Suppress") != null
        && reply.header("X-MS-Exchange-Inbox-Rules-Loop") != null) {
      return "Exchange auto-response headers";
    }
    if (lower(reply.header("X-Apple-Action")).contains("vacation")) {
      return "header X-Apple-Action: vacation";
    }
    String returnPath = reply.header("Return-Path");
    if (returnPath != null && returnPath.strip().equals("<>")) {
      return "null return path";
    }
    if (autoSubject) {
      return "auto-reply subject";
    }
    return null;
  }

  /** The text the sender wrote: see {@link QuotedHistory#ownText(String)}. */
  static String ownText(String text) {
    return QuotedHistory.ownText(text);
  }

  static @Nullable LocalDate returnDate(InboundReply reply, String own) {
    return ReturnDates.find(reply.subject() + "\n" + own, mailDate(reply));
  }

  /** The day the mail was written: its {@code Date} header, else the day it arrived (UTC). */
  static LocalDate mailDate(InboundReply reply) {
    String date = reply.header("Date");
    if (date != null && date.length() <= MAX_DATE_CHARS) {
      try {
        String d = date.strip().replaceAll("\\s*\\([^)]*\\)\\s*$", "").replaceAll("\\s+", " ");
        return ZonedDateTime.parse(d, DateTimeFormatter.RFC_1123_DATE_TIME).toLocalDate();
      } catch (DateTimeParseException e) {
        // fall through to the arrival time
      }
    }
    return reply.receivedAt().atZone(ZoneOffset.UTC).toLocalDate();
  }

  private static boolean containsAny(String text, List<String> phrases) {
    return firstHit(text, phrases) != null;
  }

  private static @Nullable String firstHit(String text, List<String> phrases) {
    String t = text.replace('\u2019', '\'');
    for (String p : phrases) {
      int i = t.indexOf(p);
      while (i >= 0) {
        // Whole words only at the start, so "interested" is not found in "disinterested" nor "demo"
        // in "demolition".
        boolean startOk = i == 0 || !Character.isLetter(t.charAt(i - 1));
        int end = i + p.length();
        boolean endOk = end >= t.length() || !Character.isLetter(t.charAt(end)) || p.length() > 6;
        if (startOk && endOk) {
          return p;
        }
        i = t.indexOf(p, i + 1);
      }
    }
    return null;
  }

  static String lower(@Nullable String s) {
    return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
  }
}
