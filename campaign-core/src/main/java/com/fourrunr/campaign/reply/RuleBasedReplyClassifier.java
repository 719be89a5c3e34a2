package com.fourrunr.campaign.reply;

import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyClassification;
import com.fourrunr.campaign.ReplyClassifier;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Categorises mail by rules, in English, German, French and Spanish. Machine signals come first and
 * decide alone, a report's own structure before any header: a feedback report (ARF or a non-ARF
 * loop, {@link FeedbackReports}) is a complaint; a read receipt is an automatic reply; a delivery
 * report ({@link DeliveryReports}: a DSN, a daemon's notice, a bounce subject or a server's
 * wording) is a bounce with a {@link com.fourrunr.campaign.BounceReason} that decides hard or soft
 * ({@link BounceReasons}), or an automatic reply when it reports a delivery; then RFC 3834 and
 * vendor headers, a null return path, an auto-reply subject, a challenge-response or an
 * acknowledgement of receipt make an out-of-office or another automatic reply ({@link
 * AutoReplies}). A vacation reply is never a bounce, even when it quotes a bounce's subject. Mail
 * with no machine signal is a person's: quoted history and the signature are cut off, then phrase
 * sets decide, strongest first (complaint, unsubscribe, wrong person or referral, not interested,
 * interested, out of office). What no rule recognises is {@link ReplyCategory#NEEDS_REVIEW}.
 *
 * <p>Confidence: 1.0 for a delivery or feedback report, 0.95 for machine headers, 0.85 for one
 * category's phrases, 0.45 when phrases of categories that disagree meet (the strongest wins, but
 * below the default sensitivity, so a person decides), 0.3 when nothing matched. Thread-safe; no
 * state.
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
  private static final List<String> COMPLAINT_PHRASES =
      List.of(
          "this is spam",
          "reported as spam",
          "reporting this as spam",
          "reported this as spam",
          "report you",
          "reporting you",
          "stop spamming",
          "spamming me",
          "harassment",
          "how did you get my",
          "where did you get my",
          "i never signed up",
          "never gave you",
          "did not consent",
          "didn't consent",
          "das ist spam",
          "spam-mail",
          "woher haben sie meine",
          "abmahnung",
          "c'est du spam",
          "signalé comme spam",
          "es spam",
          "correo basura",
          "denunciar",
          "de dónde sacaron mi");
  private static final List<String> UNSUBSCRIBE_PHRASES =
      List.of(
          "unsubscribe",
          "remove me",
          "take me off",
          "stop emailing",
          "stop sending",
          "stop contacting",
          "do not contact",
          "don't contact",
          "do not email",
          "don't email",
          "do not write",
          "opt out",
          "opt-out",
          "abmelden",
          "austragen",
          "keine weiteren e-mails",
          "keine weiteren mails",
          "nicht mehr kontaktieren",
          "nicht mehr anschreiben",
          "entfernen sie mich",
          "löschen sie meine",
          "désinscri",
          "désabonn",
          "retirez-moi",
          "retirer de votre liste",
          "ne plus recevoir",
          "ne me contactez plus",
          "ne plus me contacter",
          "darme de baja",
          "dar de baja",
          "deme de baja",
          "no me envíe",
          "no me envien",
          "no me escriba",
          "no me contacte",
          "elimínenme",
          "eliminarme de",
          "quitar de su lista",
          "no deseo recibir");
  private static final List<String> WRONG_PERSON_PHRASES =
      List.of(
          "wrong person",
          "not the right person",
          "not the best person",
          "not the right contact",
          "no longer with",
          "no longer work",
          "no longer at",
          "left the company",
          "has left",
          "you should contact",
          "you should reach out",
          "please reach out to",
          "please contact my colleague",
          "better person to",
          "the person you want",
          "not responsible for",
          "i've forwarded",
          "i have forwarded",
          "forwarded your",
          "looping in",
          "cc'ing",
          "copying my colleague",
          "the right person is",
          "handles this",
          "nicht mehr bei",
          "nicht mehr im unternehmen",
          "nicht zuständig",
          "nicht der richtige",
          "nicht die richtige",
          "zuständig ist",
          "wenden sie sich an",
          "meinen kollegen",
          "meine kollegin",
          "weitergeleitet",
          "n'est plus",
          "ne fait plus partie",
          "ne travaille plus",
          "pas la bonne personne",
          "pas le bon interlocuteur",
          "veuillez contacter",
          "mon collègue",
          "ma collègue",
          "je transmets",
          "j'ai transmis",
          "ya no trabaja",
          "ya no forma parte",
          "no soy la persona",
          "no es la persona",
          "la persona adecuada",
          "la persona indicada",
          "póngase en contacto con",
          "mi compañer",
          "he reenviado",
          "reenvié");
  private static final List<String> NOT_INTERESTED_PHRASES =
      List.of(
          "not interested",
          "no thanks",
          "no thank you",
          "not a fit",
          "not a good fit",
          "not a priority",
          "pass on this",
          "we'll pass",
          "we will pass",
          "we're all set",
          "we are all set",
          "not looking",
          "no need",
          "not at this time",
          "not right now",
          "already have a",
          "already work with",
          "kein interesse",
          "keinen bedarf",
          "kein bedarf",
          "nicht interessiert",
          "brauchen wir nicht",
          "haben bereits",
          "derzeit nicht",
          "aktuell nicht",
          "passt nicht",
          "pas intéressé",
          "pas intéressés",
          "pas intéressée",
          "pas besoin",
          "non merci",
          "pas pour nous",
          "pas le moment",
          "avons déjà",
          "no nos interesa",
          "no me interesa",
          "no estamos interesados",
          "no estoy interesado",
          "no gracias",
          "no es para nosotros",
          "ya tenemos",
          "ahora no",
          "en este momento no");
  private static final List<String> INTERESTED_PHRASES =
      List.of(
          "interested",
          "let's talk",
          "lets talk",
          "let's chat",
          "happy to chat",
          "happy to talk",
          "sounds good",
          "sounds interesting",
          "book a call",
          "set up a call",
          "schedule a call",
          "hop on a call",
          "tell me more",
          "send more",
          "send me more",
          "learn more",
          "when are you free",
          "what times work",
          "my calendar",
          "send me some times",
          "send over",
          "keen to",
          "would love to",
          "let's find a time",
          "demo",
          "interesse",
          "interessiert",
          "klingt gut",
          "klingt interessant",
          "gerne mehr",
          "gerne einen termin",
          "termin vereinbaren",
          "lassen sie uns",
          "rufen sie mich",
          "telefonat",
          "intéressé",
          "intéressant",
          "avec plaisir",
          "volontiers",
          "prenons rendez-vous",
          "un appel",
          "un échange",
          "disponible pour",
          "me interesa",
          "interesado",
          "interesada",
          "interesante",
          "hablemos",
          "una llamada",
          "una reunión",
          "con gusto",
          "encantado",
          "encantada");
  // "not really interested", "no longer interested", "aren't interested": a decline, not an
  // interest.
  private static final Pattern NEGATED_INTEREST =
      Pattern.compile("(?:\\b(?:not|no longer)|n't)\\s++(?:\\w++\\s++){0,2}interested\\b");
  private static final Pattern ATTRIBUTION =
      Pattern.compile(
          "(?imsd)^[ \\t]*+(on|am|le|el)\\b[^\\n]{0,200}(?:\\n[^\\n]{0,200}){0,2}?"
              + "(wrote|schrieb|a écrit|escribió)[^\\n]{0,80}:[ \\t]*$",
          Pattern.UNICODE_CASE);
  private static final Pattern HISTORY_MARKER =
      Pattern.compile(
          "(?imd)^[ \\t]*+(-{2,}+\\s*+(original message|ursprüngliche nachricht|message d'origine|mensaje original"
              + "|forwarded message|weitergeleitete nachricht|message transféré)\\s*+-{2,}|_{10,})",
          Pattern.UNICODE_CASE);
  private static final Pattern HEADER_BLOCK =
      Pattern.compile(
          "(?imd)^[ \\t]*+(from|von|de|da)[ \\t]*+:[^\\n]*+\\n[ \\t]*+(sent|gesendet|envoyé|enviado|date|datum"
              + "|to|an|à|para)[ \\t]*+:",
          Pattern.UNICODE_CASE);
  private static final Pattern SIGN_OFF =
      Pattern.compile(
          "(?imd)^[ \\t]*+(--[ \\t]*+|best( regards)?|kind regards|regards|warm regards|many thanks|thanks|thank you"
              + "|cheers|all the best|sent from my \\w++|mit freundlichen grüßen|mit freundlichen gruessen"
              + "|freundliche grüße|viele grüße|beste grüße|liebe grüße|grüße|gruß|von meinem \\w++ gesendet"
              + "|cordialement|bien cordialement|bien à vous|salutations|envoyé de mon \\w++|saludos|un saludo"
              + "|atentamente|saludos cordiales|enviado desde mi \\w++)[ \\t]*+[,.!]?[ \\t]*+$",
          Pattern.UNICODE_CASE);
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
    return machine != null ? machine : person(r, ownText(lower(r.text())));
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

  /** A person wrote: what they say about the offer comes before any mention of being away. */
  private static ReplyClassification person(InboundReply reply, String own) {
    record Hit(ReplyCategory category, String phrase) {}
    List<Hit> hits = new java.util.ArrayList<>();
    String hit;
    if ((hit = firstHit(own, COMPLAINT_PHRASES)) != null) {
      hits.add(new Hit(ReplyCategory.COMPLAINT, hit));
    }
    if ((hit = firstHit(own, UNSUBSCRIBE_PHRASES)) != null) {
      hits.add(new Hit(ReplyCategory.UNSUBSCRIBE_REQUEST, hit));
    }
    if ((hit = firstHit(own, WRONG_PERSON_PHRASES)) != null) {
      hits.add(new Hit(ReplyCategory.WRONG_PERSON, hit));
    }
    String declined = firstHit(own, NOT_INTERESTED_PHRASES);
    if (declined == null) {
      declined = firstMatch(own, NEGATED_INTEREST);
    }
    if (declined != null) {
      hits.add(new Hit(ReplyCategory.NOT_INTERESTED, declined));
    }
    // "interested" inside the decline itself is not a second opinion.
    String positive =
        firstHit(declined == null ? own : own.replace(declined, " "), INTERESTED_PHRASES);
    if (positive != null) {
      hits.add(new Hit(ReplyCategory.INTERESTED, positive));
    }
    if (hits.isEmpty()) {
      if ((hit = firstHit(own, OOO_PHRASES)) != null) {
        return new ReplyClassification(
            ReplyCategory.OUT_OF_OFFICE, returnDate(reply, own), "out-of-office text: " + hit, 0.7);
      }
      return new ReplyClassification(ReplyCategory.NEEDS_REVIEW, null, "no rule matched", 0.3);
    }
    Hit first = hits.get(0);
    boolean conflicting = hits.stream().anyMatch(h -> !compatible(first.category(), h.category()));
    return new ReplyClassification(
        first.category(),
        null,
        "text: "
            + first.phrase()
            + (hits.size() > 1
                ? " (also " + hits.get(1).category() + ": " + hits.get(1).phrase() + ")"
                : ""),
        conflicting ? 0.45 : 0.85);
  }

  /**
   * Categories that often come together and agree: an opt-out with a decline, a complaint with an
   * opt-out.
   */
  private static boolean compatible(ReplyCategory a, ReplyCategory b) {
    if (a == b) {
      return true;
    }
    List<ReplyCategory> negative =
        List.of(
            ReplyCategory.COMPLAINT,
            ReplyCategory.UNSUBSCRIBE_REQUEST,
            ReplyCategory.NOT_INTERESTED,
            ReplyCategory.WRONG_PERSON);
    return negative.contains(a) && negative.contains(b) && b != ReplyCategory.WRONG_PERSON;
  }

  /**
   * The text the sender wrote: quoted lines, the history below an attribution ("On ... wrote:", "Am
   * ... schrieb", "Le ... a écrit", "El ... escribió"), an Outlook header block or separator, and
   * the signature from the sign-off on, are cut.
   */
  static String ownText(String text) {
    // One line terminator, so that a line is what each pattern's ^ and $ (UNIX_LINES) see.
    String t =
        text.replace("\r\n", "\n")
            .replace('\r', '\n')
            .replace('\u2028', '\n')
            .replace('\u2029', '\n')
            .replace('\u0085', '\n')
            .replace('\u2019', '\'');
    int cut = t.length();
    for (Pattern p : List.of(ATTRIBUTION, HISTORY_MARKER, HEADER_BLOCK)) {
      Matcher m = p.matcher(t);
      if (m.find() && m.start() < cut) {
        cut = m.start();
      }
    }
    t = t.substring(0, cut);
    Matcher sign = SIGN_OFF.matcher(t);
    // Cut at the first sign-off that follows some text of the sender's own.
    while (sign.find()) {
      if (!t.substring(0, sign.start()).isBlank()) {
        t = t.substring(0, sign.start());
        break;
      }
    }
    StringBuilder own = new StringBuilder();
    for (String line : t.split("\n", -1)) {
      String l = line.strip();
      if (!l.startsWith(">")) {
        own.append(l).append('\n');
      }
    }
    return own.toString();
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

  private static @Nullable String firstMatch(String text, Pattern pattern) {
    Matcher m = pattern.matcher(text.replace('\u2019', '\''));
    return m.find() ? m.group() : null;
  }

  static String lower(@Nullable String s) {
    return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
  }
}
