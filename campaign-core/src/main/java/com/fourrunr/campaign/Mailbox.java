package com.fourrunr.campaign;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An address mail is sent from, with the name shown beside it.
 *
 * @param address the sending address, lower-cased
 * @param displayName the name shown to recipients; may be empty
 */
public record Mailbox(String address, String displayName) {
  private static final Pattern ADDRESS = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  /** Checks the address. */
  public Mailbox {
    address = address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
    displayName = displayName == null ? "" : displayName.strip();
    if (!ADDRESS.matcher(address).matches()) {
      throw InvalidInputException.of(
          "Mailbox", "address", "'" + address + "' is not an email address");
    }
  }

  /** The domain part of the address. */
  public String domain() {
    return address.substring(address.indexOf('@') + 1);
  }
}
