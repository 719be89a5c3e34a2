package com.fourrunr.campaign.reply;

import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyClassification;
import com.fourrunr.campaign.ReplyClassifier;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Categorises mail by rules: machine signals in the headers first (delivery reports, feedback reports,
 * {@code Auto-Submitted}, {@code Precedence}, {@code X-Autoreply}, Exchange and Apple headers, a null
 * return path, auto-reply subjects), then phrases in the text the person wrote (quoted history is
 * ignored). What no rule recognises is {@link ReplyCategory#NEEDS_REVIEW}. Thread-safe.
 */
public final class RuleBasedReplyClassifier implements ReplyClassifier {
  private static final Pattern AUTO_SUBJECT =
      Pattern.compile(
          "^(auto:|automatic reply|autoreply|auto-reply|out of (the )?office|autosvar|abwesenheitsnotiz"
              + "|réponse automatique|respuesta automática|risposta automatica)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern BOUNCE_SUBJECT =
      Pattern.compile(
          "(undeliver|delivery status notification|delivery failure|returned mail|mail delivery failed"
              + "|failure notice|could not be delivered)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern DSN_STATUS = Pattern.compile("(?m)^\\s*Status:\\s*([245])\\.\\d{1,3}\\.\\d{1,3}");
  private static final Pattern SMTP_CODE = Pattern.compile("\\b([45])\\d\\d[ -]([45])\\.\\d{1,3}\\.\\d{1,3}\\b");
  private static final List<String> HARD_BOUNCE_PHRASES =
      List.of("user unknown", "unknown user", "no such user", "mailbox not found", "mailbox unavailable",
          "does not exist", "address rejected", "recipient not found", "invalid recipient",
          "account has been disabled", "no mailbox here");
  private static final List<String> SOFT_BOUNCE_PHRASES =
      List.of("mailbox full", "over quota", "quota exceeded", "temporarily", "try again later",
          "greylist", "delivery delayed", "will retry");
  private static final List<String> OOO_PHRASES =
      List.of("out of office", "out of the office", "on vacation", "on holiday", "on leave", "away from",
          "annual leave", "parental leave", "limited access to email", "back in the office", "i will be back",
          "i'll be back", "returning on", "i return on");
  private static final List<String> UNSUBSCRIBE_PHRASES =
      List.of("unsubscribe", "remove me", "take me off", "stop emailing", "stop sending", "stop contacting",
          "do not contact", "don't contact", "do not email", "don't email", "opt out", "opt-out");
  private static final List<String> COMPLAINT_PHRASES =
      List.of("this is spam", "reported as spam", "reporting this as spam", "report you", "harassment");
  private static final List<String> WRONG_PERSON_PHRASES =
      List.of("wrong person", "not the right person", "not the best person", "no longer with",
          "no longer work", "left the company", "you should contact", "you should reach out",
          "better person to", "the person you want", "not responsible for");
  private static final List<String> NOT_INTERESTED_PHRASES =
      List.of("not interested", "no thanks", "no thank you", "not a fit", "not a good fit",
          "not a priority", "pass on this", "we're all set", "we are all set", "not looking",
          "no need", "not at this time", "not right now");
  private static final List<String> INTERESTED_PHRASES =
      List.of("interested", "let's talk", "lets talk", "let's chat", "happy to chat", "happy to talk",
          "sounds good", "book a call", "set up a call", "schedule a call", "tell me more", "send more",
          "learn more", "when are you free", "what times work", "my calendar", "send me some times",
          "keen to", "would love to");
  // "not really interested", "no longer interested", "aren't interested": a decline, not an interest.
  private static final Pattern NEGATED_INTEREST =
      Pattern.compile("(?:\\b(?:not|no longer)|n't)\\s+(?:\\w+\\s+){0,2}interested\\b");
  private static final Pattern ISO_DATE = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
  private static final Pattern MONTH_DAY;
  private static final Pattern DAY_MONTH;

  static {
    StringBuilder months = new StringBuilder();
    for (Month m : Month.values()) {
      if (months.length() > 0) {
        months.append('|');
      }
      months.append(m.getDisplayName(TextStyle.FULL, Locale.ENGLISH)).append('|')
          .append(m.getDisplayName(TextStyle.SHORT, Locale.ENGLISH)).append("\\.?");
    }
    MONTH_DAY = Pattern.compile("\\b(" + months + ")\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b",
        Pattern.CASE_INSENSITIVE);
    DAY_MONTH = Pattern.compile("\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(" + months + ")(?:,?\\s+(\\d{4}))?\\b",
        Pattern.CASE_INSENSITIVE);
  }

  @Override
  public ReplyClassification classify(InboundReply reply) {
    String contentType = lower(reply.header("Content-Type"));
    String subject = reply.subject().strip();
    String text = lower(reply.text());
    String from = reply.from();

    if (contentType.contains("report-type=feedback-report") || lower(reply.header("Feedback-Type")).contains("abuse")
        || text.contains("feedback-type: abuse")) {
      return new ReplyClassification(ReplyCategory.COMPLAINT, null, "feedback report");
    }
    boolean fromDaemon = from.startsWith("mailer-daemon@") || from.startsWith("postmaster@");
    // A bounce-like subject alone does not make a bounce of an auto-reply ("Out of Office: Re: Returned
    // mail ..."): vacation replies quote the subject they answer.
    if (contentType.contains("report-type=delivery-status") || fromDaemon
        || BOUNCE_SUBJECT.matcher(subject).find() && !AUTO_SUBJECT.matcher(subject).find()) {
      return bounce(reply.text(), text, contentType.contains("delivery-status") ? "delivery status report"
          : fromDaemon ? "sender " + from : "bounce subject");
    }
    String machine = machineSignal(reply);
    if (machine != null) {
      if (containsAny(text, OOO_PHRASES) || AUTO_SUBJECT.matcher(subject).find()
          && lower(subject).contains("office")) {
        return new ReplyClassification(ReplyCategory.OUT_OF_OFFICE, returnDate(reply), machine);
      }
      return new ReplyClassification(ReplyCategory.AUTO_REPLY, null, machine);
    }

    // Written by a person (no machine signal): what they say about the offer comes before any mention
    // of being away ("Interested. I'll be back next week, let's talk" is an answer, not an auto-reply).
    String own = ownText(text);
    String hit;
    if ((hit = firstHit(own, COMPLAINT_PHRASES)) != null) {
      return new ReplyClassification(ReplyCategory.COMPLAINT, null, "text: " + hit);
    }
    if ((hit = firstHit(own, UNSUBSCRIBE_PHRASES)) != null) {
      return new ReplyClassification(ReplyCategory.UNSUBSCRIBE_REQUEST, null, "text: " + hit);
    }
    if ((hit = firstHit(own, WRONG_PERSON_PHRASES)) != null) {
      return new ReplyClassification(ReplyCategory.WRONG_PERSON, null, "text: " + hit);
    }
    if ((hit = firstHit(own, NOT_INTERESTED_PHRASES)) != null
        || (hit = firstMatch(own, NEGATED_INTEREST)) != null) {
      return new ReplyClassification(ReplyCategory.NOT_INTERESTED, null, "text: " + hit);
    }
    if ((hit = firstHit(own, INTERESTED_PHRASES)) != null) {
      return new ReplyClassification(ReplyCategory.INTERESTED, null, "text: " + hit);
    }
    if (containsAny(own, OOO_PHRASES)) {
      return new ReplyClassification(ReplyCategory.OUT_OF_OFFICE, returnDate(reply), "out-of-office text");
    }
    return new ReplyClassification(ReplyCategory.NEEDS_REVIEW, null, "no rule matched");
  }

  private static ReplyClassification bounce(String raw, String text, String evidence) {
    Matcher status = DSN_STATUS.matcher(raw);
    if (status.find()) {
      return new ReplyClassification(
          status.group(1).equals("5") ? ReplyCategory.BOUNCE_HARD : ReplyCategory.BOUNCE_SOFT, null,
          evidence + ", status " + status.group(1) + ".x.x");
    }
    Matcher code = SMTP_CODE.matcher(raw);
    if (code.find()) {
      return new ReplyClassification(
          code.group(1).equals("5") ? ReplyCategory.BOUNCE_HARD : ReplyCategory.BOUNCE_SOFT, null,
          evidence + ", code " + code.group());
    }
    String hit;
    if ((hit = firstHit(text, SOFT_BOUNCE_PHRASES)) != null) {
      return new ReplyClassification(ReplyCategory.BOUNCE_SOFT, null, evidence + ", text: " + hit);
    }
    if ((hit = firstHit(text, HARD_BOUNCE_PHRASES)) != null) {
      return new ReplyClassification(ReplyCategory.BOUNCE_HARD, null, evidence + ", text: " + hit);
    }
    return new ReplyClassification(ReplyCategory.BOUNCE_SOFT, null, evidence + ", no permanent code");
  }

  private static @Nullable String machineSignal(InboundReply reply) {
    String autoSubmitted = lower(reply.header("Auto-Submitted"));
    if (!autoSubmitted.isEmpty() && !autoSubmitted.startsWith("no")) {
      return "header Auto-Submitted: " + autoSubmitted;
    }
    String precedence = lower(reply.header("Precedence"));
    if (precedence.equals("auto_reply") || precedence.equals("bulk") || precedence.equals("junk")
        || precedence.equals("list")) {
      return "header Precedence: " + precedence;
    }
    for (String h : List.of("X-Autoreply", "X-Autorespond", "X-Autoresponder")) {
      if (reply.header(h) != null) {
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
    if (AUTO_SUBJECT.matcher(reply.subject().strip()).find()) {
      return "auto-reply subject";
    }
    return null;
  }

  /** The text the sender wrote, without the quoted history below it. */
  private static String ownText(String text) {
    StringBuilder own = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String l = line.strip();
      if (l.startsWith(">")) {
        continue;
      }
      if ((l.startsWith("on ") && l.endsWith("wrote:")) || l.startsWith("-----original message")
          || l.startsWith("from:") && own.length() > 0) {
        break;
      }
      own.append(l).append('\n');
    }
    return own.toString();
  }

  /**
   * The return date: the latest date the mail names, since an absence is often given as a range ("from
   * November 18 until December 3"). A date without a year is taken in the year that puts it nearest to
   * the day the mail arrived.
   */
  private static @Nullable LocalDate returnDate(InboundReply reply) {
    String text = reply.subject() + "\n" + reply.text();
    LocalDate received = reply.receivedAt().atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate latest = null;
    Matcher iso = ISO_DATE.matcher(text);
    while (iso.find()) {
      latest = later(latest, date(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
          Integer.parseInt(iso.group(3))));
    }
    Matcher md = MONTH_DAY.matcher(text);
    while (md.find()) {
      latest = later(latest,
          inferYear(month(md.group(1)), Integer.parseInt(md.group(2)), md.group(3), received));
    }
    Matcher dm = DAY_MONTH.matcher(text);
    while (dm.find()) {
      latest = later(latest,
          inferYear(month(dm.group(2)), Integer.parseInt(dm.group(1)), dm.group(3), received));
    }
    return latest;
  }

  private static @Nullable LocalDate later(@Nullable LocalDate a, @Nullable LocalDate b) {
    return a == null ? b : b == null || !b.isAfter(a) ? a : b;
  }

  private static @Nullable LocalDate inferYear(@Nullable Month month, int day, @Nullable String year,
      LocalDate received) {
    if (month == null) {
      return null;
    }
    if (year != null) {
      return date(Integer.parseInt(year), month.getValue(), day);
    }
    LocalDate best = null;
    long bestDistance = Long.MAX_VALUE;
    for (int y = received.getYear() + 1; y >= received.getYear() - 1; y--) {
      LocalDate d = date(y, month.getValue(), day);
      if (d != null) {
        long distance = Math.abs(ChronoUnit.DAYS.between(received, d));
        if (distance < bestDistance) {
          best = d;
          bestDistance = distance;
        }
      }
    }
    return best;
  }

  private static @Nullable Month month(String name) {
    String n = name.replace(".", "").toLowerCase(Locale.ROOT);
    for (Month m : Month.values()) {
      if (m.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT).startsWith(n)) {
        return m;
      }
    }
    return null;
  }

  private static @Nullable LocalDate date(int y, int m, int d) {
    try {
      return LocalDate.of(y, m, d);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static boolean containsAny(String text, List<String> phrases) {
    return firstHit(text, phrases) != null;
  }

  private static @Nullable String firstHit(String text, List<String> phrases) {
    String t = text.replace('\u2019', '\'');
    for (String p : phrases) {
      if (t.contains(p)) {
        return p;
      }
    }
    return null;
  }

  private static @Nullable String firstMatch(String text, Pattern pattern) {
    Matcher m = pattern.matcher(text.replace('\u2019', '\''));
    return m.find() ? m.group() : null;
  }

  private static String lower(@Nullable String s) {
    return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
  }
}
