package com.fourrunr.campaign.reply;

import com.fourrunr.campaign.Referral;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads whom a person points to: the first address in their own text that is not their own, with
 * the capitalised words just before it as the name ("talk to Maria Lopez (maria.lopez@acme.test)",
 * "Ansprechpartnerin ist Eva Graf, eva.graf@acme.test"); without an address, a capitalised name
 * after a pointing phrase ("you should contact Maria"). Thread-safe; no state.
 */
final class Referrals {
  private static final Pattern ADDRESS =
      Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){1,8}");
  private static final Pattern NAME_WORD = Pattern.compile("\\p{Lu}[\\p{L}'-]{1,30}");
  private static final Pattern POINTER =
      Pattern.compile(
          // Only the phrase ignores case: under (?i) \p{Lu} would match lower-case words too, and
          // "contact Maria about this" would name "Maria about this".
          "((?iu:contact|talk to|speak to|speak with|reach out to|try|email|write to|wenden sie sich an"
              + "|ansprechpartner(?:in)? ist|zuständig ist|contactez|contacter|contacte a|contacte con"
              + "|hable con|neem contact op met|contatti|fale com|skontaktować z))\\s++"
              + "((?:\\p{Lu}[\\p{L}'-]{1,30}\\s?){1,3})");
  private static final List<String> NOT_NAMES =
      List.of(
          "Please",
          "Bitte",
          "Veuillez",
          "Por",
          "Mr",
          "Mrs",
          "Ms",
          "Herr",
          "Frau",
          "Mme",
          "M",
          "Sr",
          "Sra",
          "Dhr",
          "Mevr",
          "Sig",
          "Pan",
          "Pani",
          "Email",
          "E-Mail",
          "Mail",
          "At",
          "Or",
          "C'est",
          "It's");

  private static final List<String> MORE_NOT_NAMES =
      List.of(
          "Contatti",
          "Contacte",
          "Contactez",
          "Contact",
          "Kontakt",
          "Fale",
          "Talk",
          "Try",
          "Ask",
          "Write",
          "Schreiben",
          "Wenden",
          "Neem",
          "Escriba",
          "Hable",
          "Se",
          "Si");
  private static final List<String> PARTICLES =
      List.of("de", "van", "der", "den", "von", "da", "di", "dos", "das", "del", "la", "le", "du");
  private static final Pattern CAPITALISED_RUN =
      Pattern.compile(
          "\\p{Lu}[\\p{L}'-]{1,30}(?:\\s++(?:(?:de|van|der|von|da|di|dos|del)\\s++)?\\p{Lu}[\\p{L}'-]{1,30}){1,2}");

  private Referrals() {}

  private static boolean notName(String w) {
    return NOT_NAMES.contains(w) || MORE_NOT_NAMES.contains(w);
  }

  /** The referral in {@code own} (the person's own text, case kept), or null. */
  static @Nullable Referral find(String own, String sender) {
    Matcher a = ADDRESS.matcher(own);
    while (a.find()) {
      String email = stripDots(a.group());
      if (email.equalsIgnoreCase(sender)) {
        continue;
      }
      return new Referral(nameBefore(own, a.start()), email);
    }
    Matcher p = POINTER.matcher(own);
    if (p.find()) {
      String name = cleanName(p.group(2));
      if (!name.isEmpty()) {
        return new Referral(name, null);
      }
    }
    return null;
  }

  private static String stripDots(String email) {
    String e = email;
    while (e.endsWith(".") || e.endsWith("-")) {
      e = e.substring(0, e.length() - 1);
    }
    return e.toLowerCase(Locale.ROOT);
  }

  /** Up to three capitalised words just before {@code at} on the same line. */
  private static String nameBefore(String own, int at) {
    int lineStart = own.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
    String before = own.substring(Math.max(lineStart, at - 120), at);
    // Drop the glue between a name and its address: "<", "(", ":", ",", "-", "at", "via".
    before =
        before.replaceAll(
            "(?iu)[\\s<(\\[:,–-]*+(?:(?<!\\p{L})(?:at|via|unter|à|em|pod|op|a|an|e-?mail)\\s*+:?[\\s<(\\[]*+)?$",
            "");
    before = before.replaceAll("[\\s<(\\[:,–-]++$", "");
    String[] words = before.split("\\s++");
    List<String> name = new ArrayList<>();
    for (int i = words.length - 1; i >= 0 && name.size() < 3; i--) {
      String w = words[i].replaceAll("^[\"'(]|[\"'),]$", "");
      if (!name.isEmpty()
          && PARTICLES.contains(w)
          && i > 0
          && NAME_WORD.matcher(words[i - 1]).matches()) {
        name.add(0, w);
        continue;
      }
      if (!NAME_WORD.matcher(w).matches() || notName(w)) {
        break;
      }
      name.add(0, w);
    }
    if (name.isEmpty()) {
      // "C'est Paul Roux qui s'occupe de ce sujet : paul.roux@..." : the last full name on the
      // line.
      Matcher run = CAPITALISED_RUN.matcher(own.substring(lineStart, at));
      String last = "";
      while (run.find()) {
        last = run.group();
      }
      List<String> kept = new ArrayList<>();
      for (String w : last.split("\\s++")) {
        if (!notName(w) && !w.isEmpty()) {
          kept.add(w);
        }
      }
      return kept.size() >= 2 ? String.join(" ", kept) : "";
    }
    return String.join(" ", name);
  }

  private static String cleanName(String raw) {
    List<String> name = new ArrayList<>();
    for (String w : raw.strip().split("\\s++")) {
      if (notName(w)) {
        break;
      }
      name.add(w);
    }
    return String.join(" ", name);
  }
}
