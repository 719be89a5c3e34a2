package com.fourrunr.campaign.reply;

import com.fourrunr.campaign.BounceReason;
import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyClassification;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Recognises delivery reports: RFC 3464 and RFC 6533 DSNs (their parsed fields, see {@link
 * InboundReply#DSN_STATUS}), and the non-standard notices of the common servers and providers by
 * their sender ({@code mailer-daemon@}, {@code postmaster@}), their subject or their own wording,
 * in the languages they send. A report of a successful delivery (delivered, relayed, expanded, a
 * 2.x.x status) is an automatic reply, not a bounce. A bounce gets its {@link BounceReason} from
 * {@link BounceReasons}, and is hard or soft as the reason says ({@link BounceReason#isHard}),
 * using the status class, then the SMTP code, then the DSN action, then the wording. Stateless.
 */
final class DeliveryReports {
  private DeliveryReports() {}

  private static final Pattern BOUNCE_SUBJECT =
      Pattern.compile(
          "(undeliver|unzustellbar|nicht zustellbar|non remis|no se puede entregar|no entregado"
              + "|delivery status notification|delivery failure|delivery has failed|returned mail"
              + "|mail delivery failed|failure notice|could not be delivered|couldn't be delivered"
              + "|delivery incomplete|delayed mail|mail delivery delayed|warning: message"
              + "|warning: could not send|delivery notification: delivery has failed|delivery failed"
              + "|mail system error|mail delivery subsystem|nondeliverable|non-deliverable"
              + "|unable to deliver|message not delivered|wasn't delivered|was not delivered"
              + "|zustellung fehlgeschlagen|fehlgeschlagene zustellung|rückläufer|unzustellbare"
              + "|non recapitabile|mancata consegna|non distribuable|échec de (la )?remise"
              + "|notification d'état de (la )?remise|onbestelbaar|não entregue|não foi possível entregar"
              + "|не доставлено|недоставленное|не удалось доставить|ошибка доставки"
              + "|配信(エラー|不能|失敗)|不達|送信エラー|エラーメール|未送達|unzustellbarkeit"
              + "|delivery report|mail delivery problem|problem delivering|delivery problem"
              + "|delivery notification|message delivery failure)",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** The opening lines of the servers' and providers' own notices. */
  private static final List<String> BOUNCE_TEXT =
      List.of(
          "this is the mail system at host",
          "i'm afraid i wasn't able to deliver",
          "i'm sorry to have to inform you that your message could not",
          "this message was created automatically by mail delivery software",
          "a message that you sent could not be delivered",
          "this is the qmail-send program",
          "the original message was received at",
          "----- transcript of session follows -----",
          "the following addresses had permanent fatal errors",
          "delivery to the following recipient failed permanently",
          "delivery to the following recipients failed",
          "delivery to the following recipient has been delayed",
          "delivery has failed to these recipients or groups",
          "your message wasn't delivered",
          "your message couldn't be delivered",
          "your message could not be delivered",
          "your message was not delivered",
          "sorry, we were unable to deliver your message",
          "message could not be delivered to the following recipients",
          "unable to deliver message to the following",
          "this is an automatically generated delivery status notification",
          "diagnostic information for administrators",
          "remote server returned",
          "the following message to",
          "was undeliverable",
          "could not be delivered to",
          "was not delivered to",
          "delivery to this recipient",
          "permanent error. the following address",
          "konnte nicht zugestellt werden",
          "kann nicht zugestellt werden",
          "die zustellung an folgende empfänger ist fehlgeschlagen",
          "ihre nachricht konnte nicht",
          "n'a pas pu être remis",
          "n'a pas pu être distribué",
          "la remise a échoué",
          "no se pudo entregar",
          "no ha podido ser entregado",
          "no pudo ser entregado",
          "non è stato possibile recapitare",
          "non è stato possibile consegnare",
          "kon niet worden bezorgd",
          "не может быть доставлено",
          "не удалось доставить",
          "не было доставлено",
          "сообщение не доставлено",
          "ваше сообщение не",
          "配信できませんでした",
          "送信できませんでした",
          "届けることができません",
          "配送できませんでした",
          "宛先不明");

  private static final Pattern DSN_STATUS_IN_TEXT =
      Pattern.compile("(?m)^[ \\t]*+Status:\\s*+([245])\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern STATUS = Pattern.compile("([245])\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern ENHANCED_CODE =
      Pattern.compile("(?<![\\d.])([45])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.])");
  private static final Pattern BARE_SMTP_CODE =
      Pattern.compile("(?<![\\d.])(5[0-5]\\d|4[0-5]\\d)(?=[ \\-]|$)(?![\\d.])", Pattern.MULTILINE);
  private static final List<String> DAEMONS =
      List.of(
          "mailer-daemon",
          "mailer_daemon",
          "mailerdaemon",
          "mail-daemon",
          "maildaemon",
          "postmaster",
          "mdaemon",
          "double-bounce",
          "mail.delivery.system",
          "mail-delivery-system",
          "maildelivery",
          "nobody-bounce");

  /** Where a returned original starts in a notice that carries it inline. */
  private static final Pattern ORIGINAL_FOLLOWS =
      Pattern.compile(
          "(?m)^[ \\t]*+(-{2,}.{0,40}(original message|copy of the message|returned message"
              + "|below this line|message follows|undelivered message|headers of the)"
              + "|original message headers|original-message-id:)",
          Pattern.CASE_INSENSITIVE);

  private static final List<String> PERMANENT_TEXT =
      List.of(
          "permanent",
          "permanently",
          "fatal error",
          "dauerhaft",
          "endgültig",
          "définitive",
          "permanente",
          "постоянн");
  private static final List<String> DELAY_TEXT =
      List.of(
          "delayed",
          "will retry",
          "still trying",
          "will continue trying",
          "has not yet been delivered",
          "not yet been delivered",
          "will keep trying",
          "verzögert",
          "retardé",
          "warning:");

  /** Whether the sender is a mail system's daemon (mailer-daemon@, postmaster@ ...). */
  static boolean fromDaemon(String from) {
    int at = from.indexOf('@');
    String local = (at < 0 ? from : from.substring(0, at)).toLowerCase(Locale.ROOT);
    return DAEMONS.stream().anyMatch(local::equals);
  }

  /**
   * The verdict for a delivery report, or null when the mail is not one.
   *
   * @param reply the mail
   * @param text its text, lower-cased
   * @param autoSubject whether its subject is an auto-reply's (a vacation reply quoting a bounce's
   *     subject or words is not a bounce)
   */
  static @Nullable ReplyClassification verdict(
      InboundReply reply, String text, boolean autoSubject) {
    String contentType = RuleBasedReplyClassifier.lower(reply.header("Content-Type"));
    String subject = reply.subject().strip();
    String evidence;
    if (reply.header(InboundReply.DSN_STATUS) != null
        || reply.header(InboundReply.DSN_ACTION) != null
        || contentType.contains("delivery-status")) {
      evidence = "delivery status report";
    } else if (fromDaemon(reply.from())) {
      evidence = "sender " + reply.from();
    } else if (autoSubject) {
      return null;
    } else if (BOUNCE_SUBJECT.matcher(subject).find()) {
      evidence = "bounce subject";
    } else {
      String hit = RuleBasedReplyClassifier.firstHit(head(text), BOUNCE_TEXT);
      if (hit == null) {
        return null;
      }
      evidence = "bounce text: " + hit;
    }
    return bounce(reply, text, subject, evidence);
  }

  private static String head(String text) {
    return text.length() > 4_000 ? text.substring(0, 4_000) : text;
  }

  private static ReplyClassification bounce(
      InboundReply reply, String text, String subject, String evidence) {
    String raw = reply.text();
    String action = RuleBasedReplyClassifier.lower(reply.header(InboundReply.DSN_ACTION));
    if (action.equals("delivered") || action.equals("relayed") || action.equals("expanded")) {
      return new ReplyClassification(
          ReplyCategory.AUTO_REPLY, null, evidence + ", action " + action, 1.0);
    }
    // The notice's own words: the returned original (our own mail) is not read for a reason.
    String notice = text;
    Matcher follows = ORIGINAL_FOLLOWS.matcher(notice);
    if (follows.find() && follows.start() > 0) {
      notice = notice.substring(0, follows.start());
    }
    String diagnostic = RuleBasedReplyClassifier.lower(reply.header(InboundReply.DSN_DIAGNOSTIC));
    String reasonText = diagnostic + "\n" + notice;

    String dsnStatus = null;
    String statusHeader = reply.header(InboundReply.DSN_STATUS);
    Matcher s =
        statusHeader == null ? DSN_STATUS_IN_TEXT.matcher(raw) : STATUS.matcher(statusHeader);
    if (s.find()) {
      dsnStatus = s.group(1) + "." + s.group(2) + "." + s.group(3);
    }
    Matcher code = ENHANCED_CODE.matcher(reasonText);
    String textStatus =
        code.find() ? code.group(1) + "." + code.group(2) + "." + code.group(3) : null;
    if (dsnStatus != null && dsnStatus.startsWith("2")) {
      return new ReplyClassification(
          ReplyCategory.AUTO_REPLY, null, evidence + ", status " + dsnStatus + " (delivered)", 1.0);
    }
    // The DSN's status, unless it is generic (5.0.0) and the diagnostic names a specific one.
    String status = dsnStatus;
    if (textStatus != null) {
      if (status == null) {
        status = textStatus;
      } else if (!isSpecific(status) && isSpecific(textStatus)) {
        status = status.charAt(0) + textStatus.substring(1);
      }
    }
    Matcher bare = BARE_SMTP_CODE.matcher(reasonText);
    String smtpCode = bare.find() ? bare.group(1) : null;

    BounceReason reason = BounceReasons.of(status, reasonText);
    boolean delayed =
        action.equals("delayed")
            || (dsnStatus == null
                && action.isEmpty()
                && (RuleBasedReplyClassifier.firstHit(
                            RuleBasedReplyClassifier.lower(subject), DELAY_TEXT)
                        != null
                    || (status == null
                        && smtpCode == null
                        && RuleBasedReplyClassifier.firstHit(head(notice), DELAY_TEXT) != null)));
    boolean permanentClass;
    String decided;
    double confidence;
    if (status != null) {
      permanentClass = status.startsWith("5");
      decided = "status " + status + " (" + status.charAt(0) + ".x.x)";
      confidence = dsnStatus != null ? 1.0 : 0.95;
    } else if (smtpCode != null) {
      permanentClass = smtpCode.startsWith("5");
      decided = "code " + smtpCode + " (" + smtpCode.charAt(0) + "xx)";
      confidence = 0.9;
    } else if (action.equals("failed")) {
      permanentClass = true;
      decided = "action failed";
      confidence = 0.9;
    } else {
      permanentClass =
          RuleBasedReplyClassifier.firstHit(notice, PERMANENT_TEXT) != null
              || reason == BounceReason.SUSPENDED;
      decided = permanentClass ? "permanent wording" : "no permanent code";
      confidence = reason == BounceReason.UNDEFINED ? 0.6 : 0.85;
    }
    boolean hard = !delayed && reason.isHard(permanentClass);
    return new ReplyClassification(
        hard ? ReplyCategory.BOUNCE_HARD : ReplyCategory.BOUNCE_SOFT,
        null,
        evidence + ", " + decided + (delayed ? ", delayed" : "") + ", reason " + reason,
        confidence,
        reason);
  }

  private static boolean isSpecific(String status) {
    String subject = status.substring(status.indexOf('.') + 1);
    return !subject.startsWith("0.") && !subject.endsWith(".0") && !subject.equals("7.1");
  }
}
