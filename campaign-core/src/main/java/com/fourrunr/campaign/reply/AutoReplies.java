package com.fourrunr.campaign.reply;

import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyClassification;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Recognises automatic answers that are neither bounces nor complaints: read receipts (RFC 8098
 * {@code disposition-notification}, Outlook's "Read:" notices), RFC 3834 and vendor auto-reply
 * headers ({@code Auto-Submitted}, {@code Precedence}, {@code X-Autoreply}, Exchange's and
 * Apple's), auto-reply subjects, challenge-response systems ("please confirm you are human",
 * approved-sender lists) and acknowledgements of receipt (ticket systems, public authorities) in
 * English, German, French, Spanish, Italian, Dutch and Portuguese. Stateless.
 */
final class AutoReplies {
  private AutoReplies() {}

  static final Pattern AUTO_SUBJECT =
      Pattern.compile(
          "^\\s*+(\\[?auto(matic|matische|matique|mática|matico|matisch)?[ -]?(reply|response|antwort"
              + "|réponse|respuesta|risposta|antwoord|resposta)\\]?"
              + "|auto:|autoreply|auto-reply|out of (the )?office|ooo\\b|autosvar|abwesenheitsnotiz"
              + "|abwesend|absence|absent|réponse automatique|respuesta automática|fuera de la oficina"
              + "|ausente|risposta automatica|resposta automática|automatisch antwoord|vacation|urlaub"
              + "|congés|автоответ|自動(返信|応答))",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private static final Pattern READ_SUBJECT =
      Pattern.compile(
          "^\\s*+(read|not read|gelesen|ungelesen|nicht gelesen|lu|non lu|leído|no leído|letto|gelezen"
              + "|lido|прочитано|開封済み|read receipt|return receipt|lesebestätigung)\\s*+:",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private static final List<String> READ_TEXT =
      List.of(
          "was read on",
          "was deleted without being read",
          "this is a receipt for the mail you sent",
          "return receipt",
          "read receipt",
          "disposition: manual-action",
          "disposition: automatic-action",
          "wurde am",
          "wurde gelesen",
          "a été lu",
          "fue leído",
          "è stato letto");

  private static final List<String> CHALLENGE_TEXT =
      List.of(
          "confirm you are human",
          "confirm that you are human",
          "confirm you are a human",
          "confirm that you are a human",
          "verify you are human",
          "verify that you are human",
          "verify you are a human",
          "verify that you are a human",
          "prove you are human",
          "prove that you are a human",
          "not a robot",
          "not a spammer",
          "approved sender list",
          "approved senders list",
          "my whitelist",
          "my allowlist",
          "guest list",
          "waiting list",
          "waitlist",
          "spam protection system",
          "challenge-response",
          "challenge response",
          "your message is being held",
          "your email is being held",
          "held pending verification",
          "awaiting your verification",
          "verify your email address to deliver",
          "click the link below to deliver",
          "click the link below to verify",
          "to have your message delivered",
          "bestätigen sie, dass sie ein mensch sind",
          "bestätigen sie bitte, dass sie kein roboter",
          "kein roboter",
          "ihre nachricht wurde zurückgehalten",
          "confirmer que vous êtes un humain",
          "confirmez que vous n'êtes pas un robot",
          "confirme que es humano",
          "confirme que no es un robot");

  private static final List<String> AUTOMATED_TEXT =
      List.of(
          "this is an automatic",
          "this is an automated",
          "automatic reply",
          "automated response",
          "automatic acknowledgement",
          "automatic acknowledgment",
          "automated acknowledgement",
          "automated acknowledgment",
          "auto-reply",
          "autoreply",
          "do not reply to this",
          "please do not reply",
          "this mailbox is not monitored",
          "this mailbox is unattended",
          "diese nachricht wurde automatisch",
          "diese e-mail wurde automatisch",
          "automatisch erstellt",
          "automatisch generiert",
          "automatische antwort",
          "eingangsbestätigung",
          "empfangsbestätigung",
          "ihre nachricht ist bei uns eingegangen",
          "ihre e-mail ist bei uns eingegangen",
          "ihre anfrage ist bei uns eingegangen",
          "ihr schreiben ist bei uns eingegangen",
          "wir haben ihre nachricht erhalten",
          "wir haben ihre e-mail erhalten",
          "wir haben ihre anfrage erhalten",
          "bitte antworten sie nicht auf diese",
          "ceci est une réponse automatique",
          "ceci est un message automatique",
          "réponse automatique",
          "accusé de réception",
          "nous avons bien reçu votre",
          "este es un mensaje automático",
          "respuesta automática",
          "hemos recibido su",
          "hemos recibido tu",
          "acuse de recibo",
          "questo è un messaggio automatico",
          "abbiamo ricevuto il suo",
          "abbiamo ricevuto la sua",
          "risposta automatica",
          "dit is een automatisch",
          "wij hebben uw bericht ontvangen",
          "we hebben uw bericht ontvangen",
          "ontvangstbevestiging",
          "recebemos a sua mensagem",
          "recebemos sua mensagem",
          "esta é uma resposta automática",
          "ticket number",
          "ticket #",
          "ticket id",
          "case number",
          "request number",
          "reference number",
          "your request has been received",
          "your message has been received",
          "your email has been received",
          "your enquiry has been received",
          "your inquiry has been received",
          "we have received your",
          "we received your",
          "we've received your");

  /** A read receipt (RFC 8098 or Outlook's), or null. */
  static @Nullable ReplyClassification readReceipt(InboundReply reply, String text) {
    String contentType = RuleBasedReplyClassifier.lower(reply.header("Content-Type"));
    if (contentType.contains("disposition-notification")) {
      return new ReplyClassification(
          ReplyCategory.AUTO_REPLY, null, "read receipt (disposition-notification)", 1.0);
    }
    if (READ_SUBJECT.matcher(reply.subject()).find()) {
      String head = text.length() > 2_000 ? text.substring(0, 2_000) : text;
      String hit = RuleBasedReplyClassifier.firstHit(head, READ_TEXT);
      if (hit != null) {
        return new ReplyClassification(
            ReplyCategory.AUTO_REPLY, null, "read receipt, text: " + hit, 0.95);
      }
    }
    return null;
  }

  /** A challenge-response system asking the sender to prove they are a person, or null. */
  static @Nullable String challenge(String own) {
    String hit = RuleBasedReplyClassifier.firstHit(own, CHALLENGE_TEXT);
    return hit == null ? null : "challenge-response: " + hit;
  }

  /** Wording of automatic answers and acknowledgements of receipt, or null. */
  static @Nullable String automatedText(String own) {
    String hit = RuleBasedReplyClassifier.firstHit(own, AUTOMATED_TEXT);
    return hit == null ? null : "automated text";
  }

  /** A header, a null return path or a subject that marks an automatic answer, or null. */
  static @Nullable String machineSignal(InboundReply reply, boolean autoSubject) {
    String autoSubmitted = RuleBasedReplyClassifier.lower(reply.header("Auto-Submitted"));
    if (!autoSubmitted.isEmpty() && !autoSubmitted.startsWith("no")) {
      return "header Auto-Submitted: " + autoSubmitted;
    }
    String precedence = RuleBasedReplyClassifier.lower(reply.header("Precedence"));
    if (precedence.equals("auto_reply")
        || precedence.equals("bulk")
        || precedence.equals("junk")
        || precedence.equals("list")) {
      return "header Precedence: " + precedence;
    }
    for (String h :
        List.of(
            "X-Autoreply",
            "X-Autorespond",
            "X-Autoresponder",
            "X-Auto-Reply",
            "X-Autogenerated",
            "X-AutoReply-From",
            "X-Mail-Autoreply",
            "X-FC-MachineGenerated",
            "X-POST-MessageClass")) {
      if (reply.header(h) != null
          && !RuleBasedReplyClassifier.lower(reply.header(h)).equals("no")
          && !RuleBasedReplyClassifier.lower(reply.header(h)).equals("false")) {
        return "header " + h;
      }
    }
    if (reply.header("X-Auto-Response-Suppress") != null
        && reply.header("X-MS-Exchange-Inbox-Rules-Loop") != null) {
      return "Exchange auto-response headers";
    }
    if (RuleBasedReplyClassifier.lower(reply.header("X-Apple-Action")).contains("vacation")) {
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
}
