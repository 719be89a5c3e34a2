package com.fourrunr.campaign.reply;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts what a person did not write from a reply: {@code >} quotes, the history below an attribution
 * line ("On ... wrote:" and its forms in German, French, Spanish, Dutch, Italian, Portuguese and
 * Polish), an Outlook header block with or without {@code >} (From/Sent/To/Subject in those eight
 * languages), separators of original and forwarded messages, mobile signatures ("Sent from my
 * iPhone" in the eight languages), legal disclaimers, and the signature from the sign-off on. Case
 * is kept. Every pattern is linear in the text. Thread-safe; no state.
 */
final class QuotedHistory {
  private static final String WROTE =
      "(wrote|schrieb|a écrit|a ecrit|escribió|escribio|schreef|ha scritto|scrisse|escreveu"
          + "|napisał\\(a\\)|napisała|napisał|pisze|napisal|napisana przez|geschreven)";

  /** A line ending in "wrote:" or its form in one of the eight languages. */
  private static final Pattern WROTE_LINE =
      Pattern.compile(
          "(?imd)^[^\\n]{0,300}?\\b"
              + WROTE
              + "(?!\\p{L})[^\\n]{0,80}(?:\\n[^\\n]{0,80})?:[ \\t]*+$",
          Pattern.UNICODE_CASE);

  /** How an attribution line starts: "On", "Am", "Le", "El", "Op", "Il", "Em", "W dniu". */
  private static final Pattern ATTRIBUTION_START =
      Pattern.compile(
          "^[ \\t]*+(on|am|le|el|op|il|il giorno|em|no dia|w dniu|dnia|wiadomość)\\s",
          Pattern.CASE_INSENSITIVE);

  /** Something an attribution names: a date, a time, an address. */
  private static final Pattern ATTRIBUTION_DETAIL = Pattern.compile("[<@\\d]");

  private static final Pattern HISTORY_MARKER =
      Pattern.compile(
          "(?imd)^[ \\t>]*+(-{2,}+\\s*+(original message|ursprüngliche nachricht|message d'origine"
              + "|mensaje original|oorspronkelijk bericht|messaggio originale|mensagem original"
              + "|wiadomość oryginalna|oryginalna wiadomość|forwarded message|weitergeleitete nachricht"
              + "|message transféré|mensaje reenviado|doorgestuurd bericht|messaggio inoltrato"
              + "|mensagem encaminhada|mensagem reencaminhada|wiadomość przekazana dalej"
              + "|przekazana wiadomość)\\s*+-*+"
              + "|_{10,}+"
              + "|(begin forwarded message|anfang der weitergeleiteten nachricht|début du message réexpédié"
              + "|inicio del mensaje reenviado|begin doorgestuurd bericht|inizio messaggio inoltrato"
              + "|início da mensagem reencaminhada|início da mensagem encaminhada"
              + "|początek przekazywanej wiadomości|początek przekazanej wiadomości)[ \\t]*+:)",
          Pattern.UNICODE_CASE);

  private static final String FROM_WORD = "(from|von|de|van|da|od)";
  private static final String HEADER_WORD =
      "(sent|gesendet|envoyé|envoye|enviado el|enviado|enviada|verzonden|inviato|wysłano|wysłane|date|datum|fecha"
          + "|data|to|an|à|a|para|aan|do|cc|subject|betreff|objet|asunto|onderwerp|oggetto|assunto"
          + "|temat)";

  /** An Outlook header block: a From line followed by another header line, maybe bold or quoted. */
  private static final Pattern HEADER_BLOCK =
      Pattern.compile(
          "(?imd)^[ \\t>]*+\\*?"
              + FROM_WORD
              + "\\*?[ \\t]*+:[^\\n]*+\\n[ \\t>]*+\\*?"
              + HEADER_WORD
              + "\\*?[ \\t]*+:",
          Pattern.UNICODE_CASE);

  /** "Sent from my iPhone", "Get Outlook for Android" and their forms in the eight languages. */
  private static final Pattern MOBILE_SIGNATURE =
      Pattern.compile(
          "(?imd)^[ \\t]*+(sent from my |sent from outlook|sent from mail for|get outlook for"
              + "|von meinem [^\\n]{1,30} gesendet|gesendet von meinem|envoyé de mon|envoyé depuis mon"
              + "|enviado desde mi|enviado desde|verzonden vanaf mijn|verstuurd vanaf mijn|verzonden met"
              + "|inviato da|inviato dal mio|enviado do meu|enviado de meu|enviado a partir do"
              + "|wysłane z mojego|wysłane z )",
          Pattern.UNICODE_CASE);

  /** A legal disclaimer's first line, in the eight languages. */
  private static final Pattern DISCLAIMER =
      Pattern.compile(
          "(?imd)^[ \\t*]*+(confidentiality notice|disclaimer|this e-?mail (and any attachments? )?(is|are|may"
              + " contain|contains) (confidential|privileged|intended)|the information (contained )?in this"
              + " (e-?mail|message)|diese (e-?mail|nachricht) (enthält|kann) vertrauliche|diese e-?mail ist"
              + " vertraulich|ce (message|courriel|mail|e-mail)( et (toutes )?(les|ses) pièces jointes)? (est|sont)"
              + " (strictement )?confidentiel|este (mensaje|correo)( electrónico)? (y sus anexos )?(es|contiene)"
              + " (información )?confidencial|dit (e-?mail)?bericht is (uitsluitend|vertrouwelijk)|de informatie"
              + " in dit (e-?mail)?bericht|questo messaggio (e i suoi allegati )?(è|contiene)"
              + " (riservat|informazioni riservate)|esta mensagem (e seus anexos )?(é|pode conter|contém)"
              + " (confidencial|informação confidencial)|ta wiadomość (jest|może zawierać) (poufn|informacje"
              + " poufne))",
          Pattern.UNICODE_CASE);

  private static final Pattern SIGN_OFF =
      Pattern.compile(
          "(?imd)^[ \\t]*+(--[ \\t]*+|best( regards| wishes)?|kind regards|regards|warm regards|many thanks"
              + "|thanks|thank you|cheers|all the best"
              + "|mit freundlichen grüßen|mit freundlichen gruessen|freundliche grüße|viele grüße|beste grüße"
              + "|liebe grüße|grüße|gruß|lg|vg|mfg"
              + "|cordialement|bien cordialement|bien à vous|salutations|merci|bonne journée"
              + "|saludos|un saludo|atentamente|saludos cordiales|gracias|muchas gracias"
              + "|met vriendelijke groet(en)?|vriendelijke groet(en)?|groet(en)?|mvg|hartelijke groet"
              + "|cordiali saluti|distinti saluti|saluti|un saluto|grazie|buona giornata"
              + "|cumprimentos|atenciosamente|abraço|abraços|obrigad[oa]|melhores cumprimentos"
              + "|pozdrawiam|z poważaniem|pozdrowienia|dziękuję|dzięki)[ \\t]*+[,.!]?[ \\t]*+$",
          Pattern.UNICODE_CASE);

  private QuotedHistory() {}

  /** The text the sender wrote, each line stripped, quoted lines dropped. */
  static String ownText(String text) {
    String t = normalise(text);
    int cut = attribution(t);
    for (Pattern p : List.of(HISTORY_MARKER, HEADER_BLOCK)) {
      Matcher m = p.matcher(t);
      if (m.find() && m.start() < cut) {
        cut = m.start();
      }
    }
    t = t.substring(0, cut);
    // Signatures, mobile footers and disclaimers end the text once some text of the sender's own
    // comes before them.
    for (Pattern p : List.of(MOBILE_SIGNATURE, DISCLAIMER, SIGN_OFF)) {
      Matcher m = p.matcher(t);
      while (m.find()) {
        if (!unquoted(t.substring(0, m.start())).isBlank()) {
          t = t.substring(0, m.start());
          break;
        }
      }
    }
    return unquoted(t);
  }

  /**
   * Where the attribution line ("On ... wrote:") starts, or the text's length: a line ending in the
   * verb that starts like an attribution or names a date or an address, with the one or two lines
   * before it when a long attribution was wrapped.
   */
  private static int attribution(String t) {
    Matcher m = WROTE_LINE.matcher(t);
    while (m.find()) {
      String line = m.group();
      int start = m.start();
      int lines = 0;
      while (lines < 2 && !startsAttribution(t, start) && start > 0) {
        int prev = t.lastIndexOf('\n', start - 2) + 1;
        String before = t.substring(prev, start - 1);
        if (before.isBlank() || before.strip().startsWith(">")) {
          break;
        }
        start = prev;
        lines++;
      }
      if (startsAttribution(t, start)) {
        return start;
      }
      if (ATTRIBUTION_DETAIL.matcher(line).find()) {
        // "wt., 1 gru 2026 o 09:00 Sam Smith\n<sam@...> napisał(a):": a wrapped line with a date.
        int prev = m.start() < 2 ? 0 : t.lastIndexOf('\n', m.start() - 2) + 1;
        String before = m.start() < 2 ? "" : t.substring(prev, m.start() - 1).strip();
        boolean wrapped =
            !before.isEmpty()
                && !before.startsWith(">")
                && ATTRIBUTION_DETAIL.matcher(before).find()
                && !before.matches("(?s).*[.!?]$");
        return wrapped ? prev : m.start();
      }
    }
    return t.length();
  }

  private static boolean startsAttribution(String t, int start) {
    return ATTRIBUTION_START.matcher(t).region(start, t.length()).lookingAt();
  }

  /** One line terminator and one apostrophe, so that patterns see lines and words one way. */
  static String normalise(String text) {
    return text.replace("\r\n", "\n")
        .replace('\r', '\n')
        .replace('\u2028', '\n')
        .replace('\u2029', '\n')
        .replace('\u0085', '\n')
        .replace('\u2019', '\'')
        .replace('\u00a0', ' ');
  }

  private static String unquoted(String t) {
    StringBuilder own = new StringBuilder();
    for (String line : t.split("\n", -1)) {
      String l = line.strip();
      if (!l.startsWith(">")) {
        own.append(l).append('\n');
      }
    }
    return own.toString();
  }
}
