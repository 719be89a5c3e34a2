package com.fourrunr.campaign;

import java.util.regex.Pattern;

/**
 * The job a message does in a sequence. Generators write to the type: a Hook opens with positioning
 * and curiosity, a Proof shows difference without pitching, a FOMO closes the loop with honest
 * urgency. Other types can be named for longer sequences.
 *
 * @param name a short name of letters, digits and underscores, for example {@code Hook}
 */
public record MessageType(String name) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");

  /** Step 1 by default: positioning and curiosity about the lead's company, no pitch. */
  public static final MessageType HOOK = new MessageType("Hook");

  /** Step 2 by default: a concrete result or insight for the lead's industry, no call to buy. */
  public static final MessageType PROOF = new MessageType("Proof");

  /** Step 3 by default: honest urgency from a real constraint; closes the loop. */
  public static final MessageType FOMO = new MessageType("FOMO");

  /**
   * A LinkedIn connection-request note (a task for a person, see {@link Channel#LINKEDIN}): short,
   * conversational, no links, within the account's note limit (300 characters, 200 on free
   * accounts).
   */
  public static final MessageType LINKEDIN_NOTE = new MessageType("LinkedInNote");

  /**
   * A LinkedIn message after the connection was accepted: short and conversational, within its
   * limit.
   */
  public static final MessageType LINKEDIN_FOLLOW_UP = new MessageType("LinkedInFollowUp");

  /** Checks the name. */
  public MessageType {
    if (name == null || !NAME.matcher(name).matches()) {
      throw InvalidInputException.of(
          "MessageType",
          "name",
          "'" + name + "' must be a letter then up to 39 letters, digits or _");
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
