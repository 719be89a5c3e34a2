package com.fourrunr.campaign.reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.ReplyCategory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The labelled corpus of human replies ({@code replies/human-replies.jsonl}, written for these
 * tests) and our own pitch quoted below a reply in each mail client's style and language. Shared
 * with other modules' tests through campaign-core's test-jar.
 */
public final class HumanReplies {
  static final Instant RECEIVED = Instant.parse("2026-12-01T10:00:00Z");
  static final List<String> LANGUAGES = List.of("en", "de", "fr", "es", "nl", "it", "pt", "pl");
  static final List<String> STYLES =
      List.of(
          "gmail",
          "apple",
          "outlook",
          "outlook_gt",
          "forward",
          "gt",
          "disclaimer",
          "mobile_outlook");

  /** One labelled reply. */
  public record Reply(
      String id,
      String lang,
      ReplyCategory label,
      String quote,
      String text,
      LocalDate followUp,
      String referral,
      String referralName,
      LocalDate returnDate) {
    /** The mail: the reply with our pitch quoted below it in its style. */
    public InboundReply mail() {
      return HumanReplies.mail(text + quoted(quote, lang));
    }
  }

  /**
   * Our pitch, in each language: it names interest, a call, a demo, the right person, an opt-out.
   */
  static final Map<String, String> PITCH =
      Map.of(
          "en",
          "Hi Dana,\nwould you be interested in a quick call? I can show you a 15-minute demo and send"
              + " pricing.\nIf you're not the right person, who should I talk to?\nNot interested?"
              + " Reply STOP to unsubscribe.\nSam",
          "de",
          "Hallo Jonas,\nhätten Sie Interesse an einem kurzen Telefonat? Gerne zeige ich Ihnen eine"
              + " Demo.\nFalls Sie nicht zuständig sind, an wen kann ich mich wenden?\nKein Interesse?"
              + " Antworten Sie mit STOP zum Abmelden.\nSam",
          "fr",
          "Bonjour Luc,\nseriez-vous intéressé par un appel rapide ? Je peux vous montrer une"
              + " démo.\nSi vous n'êtes pas la bonne personne, veuillez contacter qui ?\nPas intéressé ?"
              + " Répondez STOP pour vous désinscrire.\nSam",
          "es",
          "Hola Ana,\n¿le interesaría una llamada rápida? Puedo mostrarle una demo.\nSi no es la"
              + " persona adecuada, ¿con quién hablo?\n¿No le interesa? Responda BAJA para darse de"
              + " baja.\nSam",
          "nl",
          "Hallo Pieter,\nheeft u interesse in een kort gesprek? Graag een demo van 15 minuten.\nNiet"
              + " de juiste persoon?\nGeen interesse? Antwoord STOP om af te melden.\nSam",
          "it",
          "Ciao Marco,\nsaresti interessato a una breve call? Posso mostrarti una demo.\nSe non sei la"
              + " persona giusta, chi posso contattare?\nNon ti interessa? Rispondi STOP per la"
              + " disiscrizione.\nSam",
          "pt",
          "Olá João,\nteria interesse numa chamada rápida? Posso mostrar uma demo.\nSe não for a"
              + " pessoa certa, com quem falo?\nNão tem interesse? Responda SAIR para"
              + " descadastrar.\nSam",
          "pl",
          "Dzień dobry,\nczy byliby Państwo zainteresowani krótką rozmową? Chętnie pokażę demo.\nJeśli"
              + " nie jest Pan właściwą osobą, z kim mogę się skontaktować?\nNie interesuje? Proszę"
              + " odpisać STOP, aby się wypisać.\nSam");

  /** Gmail's attribution line, in each language. */
  static final Map<String, String> GMAIL_WROTE =
      Map.of(
          "en", "On Tue, Dec 1, 2026 at 9:00 AM Sam Smith <sam@4runr.test> wrote:",
          "de", "Am Di., 1. Dez. 2026 um 09:00 Uhr schrieb Sam Smith <sam@4runr.test>:",
          "fr", "Le mar. 1 déc. 2026 à 09:00, Sam Smith <sam@4runr.test> a écrit :",
          "es", "El mar, 1 dic 2026 a las 9:00, Sam Smith (<sam@4runr.test>) escribió:",
          "nl", "Op di 1 dec 2026 om 09:00 schreef Sam Smith <sam@4runr.test>:",
          "it", "Il giorno mar 1 dic 2026 alle ore 09:00 Sam Smith <sam@4runr.test> ha scritto:",
          "pt", "Em ter., 1 de dez. de 2026 às 09:00, Sam Smith <sam@4runr.test> escreveu:",
          "pl", "wt., 1 gru 2026 o 09:00 Sam Smith <sam@4runr.test> napisał(a):");

  /** Apple Mail's attribution line, in each language. */
  static final Map<String, String> APPLE_WROTE =
      Map.of(
          "en", "On 1 Dec 2026, at 09:00, Sam Smith <sam@4runr.test> wrote:",
          "de", "Am 01.12.2026 um 09:00 schrieb Sam Smith <sam@4runr.test>:",
          "fr", "Le 1 déc. 2026 à 09:00, Sam Smith <sam@4runr.test> a écrit :",
          "es", "El 1 dic 2026, a las 9:00, Sam Smith <sam@4runr.test> escribió:",
          "nl", "Op 1 dec. 2026 om 09:00 heeft Sam Smith <sam@4runr.test> het volgende geschreven:",
          "it", "Il giorno 1 dic 2026, alle ore 09:00, Sam Smith <sam@4runr.test> ha scritto:",
          "pt", "No dia 1 de dez. de 2026, às 09:00, Sam Smith <sam@4runr.test> escreveu:",
          "pl",
              "Wiadomość napisana przez Sam Smith <sam@4runr.test> w dniu 01.12.2026, o godz."
                  + " 09:00:");

  /** Outlook's header names (From, Sent, To, Subject), in each language. */
  static final Map<String, List<String>> OUTLOOK_HEADERS =
      Map.of(
          "en", List.of("From", "Sent", "To", "Subject"),
          "de", List.of("Von", "Gesendet", "An", "Betreff"),
          "fr", List.of("De", "Envoyé", "À", "Objet"),
          "es", List.of("De", "Enviado el", "Para", "Asunto"),
          "nl", List.of("Van", "Verzonden", "Aan", "Onderwerp"),
          "it", List.of("Da", "Inviato", "A", "Oggetto"),
          "pt", List.of("De", "Enviado", "Para", "Assunto"),
          "pl", List.of("Od", "Wysłano", "Do", "Temat"));

  /** The first line of a legal disclaimer, in each language. */
  static final Map<String, String> DISCLAIMER =
      Map.of(
          "en",
          "This email and any attachments are confidential and intended solely for the addressee."
              + " If you are interested in our privacy policy, call us.",
          "de",
          "Diese E-Mail enthält vertrauliche Informationen. Bei Interesse an unserer Datenschutzerklärung"
              + " rufen Sie uns an.",
          "fr",
          "Ce message et toutes les pièces jointes sont confidentiels. Intéressé par notre politique ?",
          "es",
          "Este mensaje es confidencial. Si le interesa nuestra política de privacidad, llámenos.",
          "nl",
          "Dit bericht is uitsluitend bestemd voor de geadresseerde. Interesse? Bel ons.",
          "it",
          "Questo messaggio è riservato. Se interessato, contatti l'ufficio privacy.",
          "pt",
          "Esta mensagem é confidencial. Tem interesse na nossa política? Fale com o DPO.",
          "pl",
          "Ta wiadomość jest poufna. Jeśli są Państwo zainteresowani, proszę o kontakt.");

  /** The separator of a forwarded message, in each language. */
  static final Map<String, String> FORWARDED =
      Map.of(
          "en", "---------- Forwarded message ---------",
          "de", "---------- Weitergeleitete Nachricht ---------",
          "fr", "---------- Message transféré ---------",
          "es", "---------- Mensaje reenviado ---------",
          "nl", "---------- Doorgestuurd bericht ---------",
          "it", "---------- Messaggio inoltrato ---------",
          "pt", "---------- Mensagem encaminhada ---------",
          "pl", "---------- Wiadomość przekazana dalej ---------");

  private HumanReplies() {}

  /** Our pitch quoted in {@code style} and {@code lang}, to append below a reply. */
  static String quoted(String style, String lang) {
    String pitch = PITCH.get(lang);
    List<String> h = OUTLOOK_HEADERS.get(lang);
    String outlook =
        h.get(0)
            + ": Sam Smith <sam@4runr.test>\n"
            + h.get(1)
            + ": 1.12.2026 09:00\n"
            + h.get(2)
            + ": Dana <dana@acme.test>\n"
            + h.get(3)
            + ": Quick question about a demo\n\n"
            + pitch;
    return switch (style) {
      case "none" -> "";
      case "gmail" -> "\n\n" + GMAIL_WROTE.get(lang) + "\n\n" + gt(pitch);
      case "apple" -> "\n\n" + APPLE_WROTE.get(lang) + "\n\n" + gt(pitch);
      case "outlook" -> "\n\n" + outlook;
      case "outlook_gt" -> "\n\n" + gt(outlook);
      case "forward" ->
          "\n\n"
              + FORWARDED.get(lang)
              + "\n"
              + h.get(0)
              + ": Sam Smith <sam@4runr.test>\nDate: Tue, 1 Dec 2026\nSubject: Demo?\n\n"
              + pitch;
      case "gt" -> "\n\n" + gt(pitch);
      case "disclaimer" ->
          "\n\n" + DISCLAIMER.get(lang) + "\n\n" + GMAIL_WROTE.get(lang) + "\n" + gt(pitch);
      case "mobile_outlook" -> "\n\n" + "________________________________\n" + outlook;
      default -> throw new IllegalArgumentException("unknown quote style " + style);
    };
  }

  static String gt(String text) {
    StringBuilder b = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      b.append("> ").append(line).append('\n');
    }
    return b.toString();
  }

  static InboundReply mail(String text) {
    return InboundReply.builder("dana@acme.test", RECEIVED)
        .subject("Re: Quick question")
        .text(text)
        .build();
  }

  /** Every labelled reply. */
  public static List<Reply> all() {
    ObjectMapper json = new ObjectMapper();
    List<Reply> replies = new ArrayList<>();
    try (InputStream in =
            Objects.requireNonNull(
                HumanReplies.class.getResourceAsStream("/replies/human-replies.jsonl"));
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = json.readTree(line);
        replies.add(
            new Reply(
                n.path("id").asText(),
                n.path("lang").asText(),
                ReplyCategory.valueOf(n.path("label").asText()),
                n.path("quote").asText(),
                n.path("text").asText(),
                n.hasNonNull("followUp") ? LocalDate.parse(n.get("followUp").asText()) : null,
                n.path("referral").asText(""),
                n.path("referralName").asText(""),
                n.hasNonNull("returnDate") ? LocalDate.parse(n.get("returnDate").asText()) : null));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return replies;
  }
}
