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
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Categorises mail by rules, in eight European languages. Machine signals come first and decide
 * alone, a report's own structure before any header: a feedback report (ARF or a non-ARF loop,
 * {@link FeedbackReports}) is a complaint; a read receipt is an automatic reply; a delivery report
 * ({@link DeliveryReports}: a DSN, a daemon's notice, a bounce subject or a server's wording) is a
 * bounce with a {@link com.fourrunr.campaign.BounceReason} that decides hard or soft ({@link
 * BounceReasons}), or an automatic reply when it reports a delivery; then RFC 3834 and vendor
 * headers, a null return path, an auto-reply subject, a challenge-response or an acknowledgement of
 * receipt make an out-of-office or another automatic reply ({@link AutoReplies}). A vacation reply
 * is never a bounce, even when it quotes a bounce's subject. Mail with no machine signal is a
 * person's: quoted history, signatures and disclaimers are cut off in every common client style
 * ({@code QuotedHistory}), then a phrase table in English, German, French, Spanish, Dutch, Italian,
 * Portuguese and Polish scores each category, negation and scope read ("not interested in a call"
 * is a refusal), and the strongest wins ({@code IntentRules}, {@code Confidence}): meetings, slots,
 * pricing, a deck or a demo are INTERESTED; refusals, "already use X" and "not a fit"
 * NOT_INTERESTED; a refusal for now ("try me next quarter") NOT_INTERESTED with {@link
 * ReplyClassification#followUpAfter()}; "not the right person, talk to ..." or "I left"
 * WRONG_PERSON with the {@link ReplyClassification#referral()}; "remove me", "stop emailing" and
 * erasure requests UNSUBSCRIBE_REQUEST (a complaint only for an explicit spam report without an
 * opt-out); a hand-written absence OUT_OF_OFFICE with its return date. What no rule recognises is
 * {@link ReplyCategory#NEEDS_REVIEW}.
 *
 * <p>Confidence: 1.0 for a delivery or feedback report, 0.95 for machine headers; for a person's
 * text 0.75 to 0.9 by the weight of what was said, less when a second reading contradicts the first
 * (then below the default sensitivity unless the first is clearly stronger, with the second named
 * as {@link ReplyClassification#runnerUp()}), 0.3 when nothing matched. Thread-safe; no state.
 */
public final class RuleBasedReplyClassifier implements ReplyClassifier {
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
    String subject = reply.subject().strip();
    String text = lower(reply.text());

    // A report's own structure comes first: a feedback report, a read receipt or a delivery report
    // carrying an Auto-Submitted header is still that report.
    ReplyClassification report = FeedbackReports.verdict(reply, text);
    if (report == null) {
      report = AutoReplies.readReceipt(reply, text);
    }
    boolean autoSubject = AutoReplies.AUTO_SUBJECT.matcher(subject).find();
    if (report == null) {
      report = DeliveryReports.verdict(reply, text, autoSubject);
    }
    if (report != null) {
      return report;
    }
    String own = ownText(text);
    String machine = AutoReplies.machineSignal(reply, autoSubject);
    String challenge = AutoReplies.challenge(own);
    if (challenge != null) {
      return new ReplyClassification(
          ReplyCategory.AUTO_REPLY,
          null,
          machine == null ? challenge : machine + ", " + challenge,
          machine == null ? 0.85 : 0.95);
    }
    if (machine == null) {
      machine = AutoReplies.automatedText(own);
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

  static @Nullable String firstHit(String text, List<String> phrases) {
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
