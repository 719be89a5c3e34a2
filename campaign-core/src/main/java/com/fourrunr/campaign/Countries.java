package com.fourrunr.campaign;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Country names and codes as the JDK knows them, reduced to ISO 3166-1 alpha-2 codes. */
final class Countries {
  private static final Set<String> CODES = Set.of(Locale.getISOCountries());
  private static final Map<String, String> BY_NAME = new HashMap<>();

  static {
    for (String code : CODES) {
      String name = new Locale("", code).getDisplayCountry(Locale.ENGLISH);
      BY_NAME.put(name.toLowerCase(Locale.ROOT), code);
    }
    // Names people write that differ from the JDK's English display names.
    BY_NAME.put("usa", "US");
    BY_NAME.put("united states of america", "US");
    BY_NAME.put("america", "US");
    BY_NAME.put("uk", "GB");
    BY_NAME.put("great britain", "GB");
    BY_NAME.put("england", "GB");
    BY_NAME.put("scotland", "GB");
    BY_NAME.put("wales", "GB");
    BY_NAME.put("northern ireland", "GB");
    BY_NAME.put("uae", "AE");
    BY_NAME.put("south korea", "KR");
    BY_NAME.put("czech republic", "CZ");
    BY_NAME.put("holland", "NL");
  }

  private Countries() {}

  /** The alpha-2 code for a code or an English country name, or null when it is neither. */
  static @Nullable String toCode(String text) {
    String t = text.strip();
    if (t.length() == 2) {
      String code = t.toUpperCase(Locale.ROOT);
      if (CODES.contains(code)) {
        return code;
      }
      // Two letters that are no ISO code may still be a name people write, such as "UK".
    }
    return BY_NAME.get(t.toLowerCase(Locale.ROOT));
  }
}
