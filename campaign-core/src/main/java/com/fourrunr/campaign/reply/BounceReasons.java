package com.fourrunr.campaign.reply;

import com.fourrunr.campaign.BounceReason;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Tells why a mail bounced: first by the RFC 3463 status code's subject and detail when they are
 * specific (x.1.1 an unknown user, x.2.2 a full mailbox, x.4.7 an expired delivery...), then by the
 * diagnostic text (in the languages the common servers answer in), then by a generic status code
 * (x.7.1, x.0.0...). Stateless.
 */
final class BounceReasons {
  private BounceReasons() {}

  /** Status codes whose subject.detail decide alone, before any text. */
  private static final Map<String, BounceReason> SPECIFIC =
      Map.ofEntries(
          Map.entry("1.1", BounceReason.USER_UNKNOWN),
          Map.entry("1.2", BounceReason.HOST_UNKNOWN),
          Map.entry("1.3", BounceReason.USER_UNKNOWN),
          Map.entry("1.6", BounceReason.USER_UNKNOWN),
          Map.entry("2.1", BounceReason.SUSPENDED),
          Map.entry("2.2", BounceReason.MAILBOX_FULL),
          Map.entry("2.3", BounceReason.MESSAGE_TOO_BIG),
          Map.entry("3.1", BounceReason.MAILBOX_FULL),
          Map.entry("3.4", BounceReason.MESSAGE_TOO_BIG),
          Map.entry("4.5", BounceReason.RATE_LIMITED),
          Map.entry("4.6", BounceReason.NETWORK),
          Map.entry("4.7", BounceReason.EXPIRED),
          Map.entry("4.300", BounceReason.EXPIRED),
          Map.entry("4.316", BounceReason.EXPIRED),
          Map.entry("4.310", BounceReason.HOST_UNKNOWN),
          Map.entry("5.3", BounceReason.RATE_LIMITED),
          Map.entry("7.23", BounceReason.POLICY),
          Map.entry("7.25", BounceReason.POLICY),
          Map.entry("7.26", BounceReason.POLICY),
          Map.entry("7.27", BounceReason.POLICY),
          Map.entry("7.28", BounceReason.RATE_LIMITED),
          Map.entry("7.511", BounceReason.BLOCKED),
          Map.entry("7.606", BounceReason.BLOCKED),
          Map.entry("7.607", BounceReason.BLOCKED),
          Map.entry("7.608", BounceReason.BLOCKED),
          Map.entry("7.609", BounceReason.BLOCKED),
          Map.entry("7.708", BounceReason.BLOCKED),
          Map.entry("7.750", BounceReason.BLOCKED),
          Map.entry("7.705", BounceReason.BLOCKED));

  /** Status subjects that say something, but less than a text. */
  private static final Map<String, BounceReason> GENERIC =
      Map.of(
          "6", BounceReason.POLICY,
          "7", BounceReason.POLICY,
          "2", BounceReason.UNDEFINED,
          "1", BounceReason.UNDEFINED,
          "4", BounceReason.NETWORK);

  private record Phrases(BounceReason reason, Pattern pattern) {}

  /** Checked in this order: the more particular reasons first. */
  private static final List<Phrases> PHRASES =
      List.of(
          phrases(
              BounceReason.MAILBOX_FULL,
              "mailbox (is )?full|mailbox_full|mail ?box size limit exceeded|over ?quota|quota exceeded"
                  + "|exceeded (its |the )?(storage|quota)|exceeded storage allocation|not enough storage"
                  + "|insufficient (system )?storage|storage (limit|quota)|user has exhausted"
                  + "|mailbox has exceeded|mailbox quota|full mailbox|inbox is full|out of storage"
                  + "|postfach (ist )?(voll|überfüllt)|speicherplatz|quota überschritten|kontingent"
                  + "|boîte (aux lettres |mail )?(est )?pleine|quota dépassé|buzón (está )?lleno"
                  + "|casella (di posta )?piena|переполнен|превышен.{0,20}(квот|размер ящика)"
                  + "|容量(超過|オーバー|が一杯|がいっぱい)|メールボックスがいっぱい"),
          phrases(
              BounceReason.MESSAGE_TOO_BIG,
              "message (is )?too (big|large)|message size exceeds|exceeds (the )?(maximum|max) "
                  + "(allowed )?(message )?size|size limit|message length exceeds|too large"
                  + "|nachricht (ist )?zu groß|message trop (volumineux|gros)|mensaje demasiado grande"
                  + "|слишком (большое|велико)|サイズ(超過|オーバー)"),
          phrases(
              BounceReason.EXPIRED,
              "delivery time expired|message expired|expired after|retry time(out)? (exceeded|not reached"
                  + " for any host after a long failure)|could not be delivered within|too long in"
                  + " (the )?queue|in the queue too long|queue lifetime|giving up|gave up|maximum time"
                  + "|time limit exceeded|retry timeout|delivery expired|has not been delivered for"
                  + "|zustellung.{0,30}(abgebrochen|aufgegeben)|délai (de remise )?(expiré|dépassé)"
                  + "|срок.{0,30}истек"),
          phrases(
              BounceReason.HOST_UNKNOWN,
              "host (or domain name )?not found|dns domain .{0,80} does not exist|host unknown|unknown host|domain (name )?not found"
                  + "|no such domain|domain (does not|doesn't) exist|unrouteable (mail )?domain"
                  + "|unroutable domain|name or service not known|nxdomain|null mx|no mx record"
                  + "|domain (is )?not (valid|resolvable)|unknown domain|invalid domain"
                  + "|domain existiert nicht|domaine inexistant|dominio (no existe|inexistente)"
                  + "|домен не существует|ドメインが(存在しません|見つかりません)"),
          phrases(
              BounceReason.USER_UNKNOWN,
              "user unknown|unknown user|no such (user|mailbox|recipient|account|person)|user not found"
                  + "|mailbox (not found|unavailable|does not exist|unknown)|recipient (not found|unknown"
                  + "|address rejected: (user unknown|undeliverable address|access denied))"
                  + "|recipientnotfound|invalid (recipient|mailbox|address)|unknown recipient"
                  + "|does ?n[o']t (exist|have an? [^ ]+ account)|no mailbox here|address not found"
                  + "|(couldn't|could not|can't|cannot) be found|unrouteable address|unknown local"
                  + "|account (does not|doesn't) exist|not listed in (the )?(domino|public name)"
                  + "|no longer (valid|available|exists)|not a valid (mailbox|recipient|user)"
                  + "|address (does not|doesn't) exist|bad destination mailbox|invalid address"
                  + "|unbekannt|existiert nicht|nicht gefunden|ungültige? (empfänger|adresse)"
                  + "|kein postfach|inconnu|n'existe pas|introuvable|desconocid|no existe"
                  + "|sconosciut|non esiste|inesistente|onbekend|bestaat niet|nie istnieje"
                  + "|нет такого|не существует|не найден|несуществующ|不明|存在しない|存在しません"
                  + "|見つかりません|宛先が見つから|登録されていません|不存在"),
          phrases(
              BounceReason.SUSPENDED,
              "disabled|suspended|deactivated|inactive|account (is )?locked|blocked account"
                  + "|mailbox (is )?(closed|frozen)|gesperrt|deaktiviert|désactivé|suspendu"
                  + "|desactivad|заблокирован|отключен|停止"),
          phrases(
              BounceReason.BLOCKED,
              "blocked using|blacklist|blocklist|block list|blocked by|listed (at|on|in)|spamhaus"
                  + "|spamcop|barracuda|\\brbl\\b|dnsbl|reputation|client host rejected|your ip"
                  + "|sender ip|ip address.{0,40}(blocked|rejected|banned|listed)|banned sending ip"
                  + "|not allowed to send|poor reputation|connection refused by.{0,20}policy"
                  + "|access denied.{0,40}ip|bad reputation|blocked|\\bs3140\\b|\\bs3150\\b"),
          phrases(
              BounceReason.SPAM_FILTERED,
              "spam|unsolicited|bulk mail|junk mail|content (was )?rejected|message content"
                  + "|content filter|looks like|virus|malware|phish|suspicious|unwanted"
                  + "|als spam|indésirable|correo no deseado|спам|迷惑メール"),
          phrases(
              BounceReason.RATE_LIMITED,
              "rate limit|too many (messages|connections|recipients|emails|mails)|unusual rate"
                  + "|throttl|greylist|graylist|try again later|try later|sending rate"
                  + "|exceeded the (maximum )?(number|rate)|connection limit|slow down|temporarily deferred"
                  + "|zu viele|trop de|demasiados|слишком много"),
          phrases(
              BounceReason.NETWORK,
              "connection (timed out|refused|reset|lost)|timed out|no route to host|network"
                  + " (is )?unreachable|host unreachable|lost connection|could not connect"
                  + "|unable to connect|connection failed|temporary (lookup|dns) failure"),
          phrases(
              BounceReason.POLICY,
              "policy|not authori[sz]ed|relay(ing)? (access )?(denied|not permitted|prohibited)"
                  + "|dmarc|\\bspf\\b|dkim|authentication|unauthenticated|sender verify"
                  + "|sender address rejected|not permitted|access denied|rejected by recipient"
                  + "|not accepted|refused"));

  private static Phrases phrases(BounceReason reason, String regex) {
    return new Phrases(
        reason, Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
  }

  /**
   * The reason for a bounce.
   *
   * @param status the status code (class.subject.detail), or null when the bounce has none
   * @param text the diagnostic text and the bounce's own text, lower-cased
   */
  static BounceReason of(@Nullable String status, String text) {
    String subjectDetail = status == null ? null : status.substring(status.indexOf('.') + 1);
    if (subjectDetail != null) {
      BounceReason specific = SPECIFIC.get(subjectDetail);
      if (specific != null) {
        return specific;
      }
    }
    BounceReason byText = byText(text);
    if (byText != null) {
      return byText;
    }
    if (subjectDetail != null) {
      String subject = subjectDetail.substring(0, subjectDetail.indexOf('.'));
      BounceReason generic = GENERIC.get(subject);
      if (generic != null) {
        return generic;
      }
    }
    return BounceReason.UNDEFINED;
  }

  /** The first reason whose phrases the text holds, or null. */
  static @Nullable BounceReason byText(String text) {
    String t = text.length() > 8_192 ? text.substring(0, 8_192) : text;
    for (Phrases p : PHRASES) {
      if (p.pattern().matcher(t).find()) {
        return p.reason();
      }
    }
    return null;
  }
}
