package com.fourrunr.campaign.openai;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One message type's prompt, read from {@code prompts/NAME.system.txt} and {@code
 * prompts/NAME.user.txt} beside this class. The first line of each file is a header {@code #
 * prompt: NAME}, which names the version and is not sent. The user part has slots ({@code
 * {{lead_data}}} ...) filled by {@link #user}.
 */
final class Prompt {
  private static final String HEADER = "# prompt: ";

  /** The slots the generator fills in a user part. */
  static final java.util.Set<String> SLOTS =
      java.util.Set.of(
          "prompt",
          "step_number",
          "step_count",
          "step_type",
          "lead_data",
          "previous_messages",
          "categories",
          "reply_data",
          "rules_guess");

  final String version;
  final String system;
  private final String user;

  private Prompt(String version, String system, String user) {
    this.version = version;
    this.system = system;
    this.user = user;
  }

  static Prompt load(String name) {
    return load(name, null);
  }

  /**
   * The prompt {@code name}: from {@code folder} when it holds both {@code NAME.system.txt} and
   * {@code NAME.user.txt} (a host's own wording, with its own version in the header line), else the
   * built-in one.
   *
   * @throws IllegalStateException when a file is unreadable, has no header line, or only one part
   *     is there
   */
  static Prompt load(String name, @Nullable Path folder) {
    String system;
    String user;
    Path ownSystem = folder == null ? null : folder.resolve(name + ".system.txt");
    Path ownUser = folder == null ? null : folder.resolve(name + ".user.txt");
    if (ownSystem != null
        && ownUser != null
        && (Files.exists(ownSystem) || Files.exists(ownUser))) {
      if (!Files.isReadable(ownSystem) || !Files.isReadable(ownUser)) {
        throw new IllegalStateException(
            "prompt "
                + name
                + " in "
                + folder
                + ": both "
                + ownSystem.getFileName()
                + " and "
                + ownUser.getFileName()
                + " are needed");
      }
      system = readFile(ownSystem);
      user = readFile(ownUser);
    } else {
      system = read(name + ".system.txt");
      user = read(name + ".user.txt");
    }
    String version = header(system, name);
    if (!version.equals(header(user, name))) {
      throw new IllegalStateException(
          "prompt " + name + ": system and user parts name different versions");
    }
    String userBody = body(user);
    for (int open = userBody.indexOf("{{"); open >= 0; open = userBody.indexOf("{{", open + 2)) {
      int close = userBody.indexOf("}}", open);
      String slot = close < 0 ? userBody.substring(open) : userBody.substring(open + 2, close);
      if (!SLOTS.contains(slot)) {
        throw new IllegalStateException(
            "prompt " + name + ": unknown slot {{" + slot + "}} (known: " + SLOTS + ")");
      }
    }
    return new Prompt(version, body(system), userBody);
  }

  /**
   * The user part with each {@code {{slot}}} replaced; values are inserted once, never re-scanned.
   */
  String user(Map<String, String> slots) {
    StringBuilder out = new StringBuilder(user.length() + 1024);
    int i = 0;
    while (i < user.length()) {
      int open = user.indexOf("{{", i);
      if (open < 0) {
        out.append(user, i, user.length());
        break;
      }
      int close = user.indexOf("}}", open);
      String key = close < 0 ? null : user.substring(open + 2, close);
      if (key == null || !slots.containsKey(key)) {
        throw new IllegalStateException("prompt " + version + ": no value for slot " + key);
      }
      out.append(user, i, open).append(slots.get(key));
      i = close + 2;
    }
    return out.toString();
  }

  private static String header(String text, String name) {
    int nl = text.indexOf('\n');
    String first = nl < 0 ? text : text.substring(0, nl);
    if (!first.startsWith(HEADER)) {
      throw new IllegalStateException(
          "prompt " + name + ": first line must be '" + HEADER + "NAME'");
    }
    return first.substring(HEADER.length()).strip();
  }

  private static String body(String text) {
    int nl = text.indexOf('\n');
    return text.substring(nl + 1).strip();
  }

  private static String readFile(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new IllegalStateException(
          "prompt file " + file + " is not readable: " + e.getMessage(), e);
    }
  }

  private static String read(String file) {
    try (InputStream in = Prompt.class.getResourceAsStream("prompts/" + file)) {
      if (in == null) {
        throw new IllegalStateException("prompt resource prompts/" + file + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
