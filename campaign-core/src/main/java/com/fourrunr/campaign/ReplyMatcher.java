package com.fourrunr.campaign;

import com.fourrunr.campaign.spi.CampaignStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds the campaign an incoming mail belongs to: the message it answers (by {@code In-Reply-To},
 * {@code References}, a bounce's original Message-ID, then Message-IDs quoted in the text), else
 * the campaign of the sender's address or a bounce's failed recipient, preferring the one whose
 * thread subject the mail carries, then an open one, then the newest.
 */
final class ReplyMatcher {
  private static final Pattern MESSAGE_ID_IN_TEXT = Pattern.compile("<[^<>\\s@]+@[^<>\\s@]+>");
  private static final Pattern REPLY_PREFIX =
      Pattern.compile(
          "^\\s*((re|aw|antw|sv|vs|tr|rif|r|res|fw|fwd|wg|enc|rv)\\s*(\\[\\d+\\])?\\s*:\\s*)+",
          Pattern.CASE_INSENSITIVE);

  private final CampaignStore store;

  ReplyMatcher(CampaignStore store) {
    this.store = store;
  }

  /** The sent message the mail answers, or null. */
  @Nullable CampaignMessage matchMessage(InboundReply reply) {
    Set<String> candidates = new LinkedHashSet<>();
    if (reply.inReplyTo() != null) {
      candidates.add(reply.inReplyTo().strip());
    }
    List<String> refs = new ArrayList<>(reply.references());
    java.util.Collections.reverse(refs);
    refs.forEach(r -> candidates.add(r.strip()));
    String original = reply.header(InboundReply.DSN_ORIGINAL_MESSAGE_ID);
    if (original != null) {
      candidates.add(original.strip());
    }
    Matcher m = MESSAGE_ID_IN_TEXT.matcher(reply.text());
    while (m.find() && candidates.size() < 50) {
      candidates.add(m.group());
    }
    for (String id : candidates) {
      var found = store.findMessageByMessageId(id);
      if (found.isPresent()) {
        return found.get();
      }
    }
    return null;
  }

  /** The campaign of the mail's address when no message matched, or null. */
  @Nullable Campaign matchByAddress(InboundReply reply) {
    // A bounce comes from the mail system, not the lead: its report names the address that failed.
    String address = reply.header(InboundReply.DSN_FINAL_RECIPIENT);
    if (address == null || address.isBlank()) {
      address = reply.from();
    }
    address = EmailAddresses.normalise(address);
    if (address.isEmpty()) {
      return null;
    }
    String thread = threadSubject(reply.subject());
    Campaign best = null;
    boolean bestSubject = false;
    for (Lead lead : store.findLeadsByEmail(address)) {
      for (Campaign c : store.findCampaignsByLead(lead.id())) {
        // Prefer the campaign whose thread subject the mail carries, then an open one, then the
        // newest.
        boolean subject =
            !thread.isEmpty()
                && store.findMessages(c.id()).stream()
                    .anyMatch(
                        m ->
                            m.status() == DeliveryStatus.SENT
                                && threadSubject(m.subject()).equals(thread));
        if (best == null
            || (subject && !bestSubject)
            || (subject == bestSubject && c.status().isOpen() && !best.status().isOpen())
            || (subject == bestSubject
                && c.status().isOpen() == best.status().isOpen()
                && c.createdAt().isAfter(best.createdAt()))) {
          best = c;
          bestSubject = subject;
        }
      }
    }
    return best;
  }

  /**
   * A subject without its reply and forward prefixes ({@code Re:}, {@code AW:}, {@code TR:}, ...).
   */
  static String threadSubject(String subject) {
    return REPLY_PREFIX
        .matcher(subject)
        .replaceFirst("")
        .strip()
        .toLowerCase(java.util.Locale.ROOT);
  }
}
