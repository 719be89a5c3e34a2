package com.fourrunr.campaign.dns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** Reads the word lists kept as resources next to this class: one entry a line, '#' comments. */
final class ListFiles {
  private ListFiles() {}

  static List<String> read(String name) {
    try (InputStream in = ListFiles.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is missing");
      }
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        return r.lines()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .map(l -> l.toLowerCase(Locale.ROOT))
            .toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("resource " + name + " could not be read", e);
    }
  }
}
