package com.fourrunr.campaign;

import java.util.List;

/**
 * Where incoming mail comes from: an IMAP mailbox, a webhook queue, or a script in tests and the
 * demo. The engine's {@link CampaignEngine#pollReplies()} reads it and stores each mail before
 * acting on it.
 */
@FunctionalInterface
public interface ReplySource {
  /**
   * Returns the mail that arrived since the last call, oldest first, at most a bounded batch (call
   * again until empty). Must not return the same mail twice in normal operation; the engine also
   * ignores a mail whose Message-ID it has stored already.
   */
  List<InboundReply> poll();
}
