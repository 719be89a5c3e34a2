package com.fourrunr.campaign.spi;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.Lead;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Which campaigns an operator looks for ({@link CampaignStore#searchCampaigns}): every filter that
 * is set must hold. Text is compared in its {@linkplain #fold folded} form.
 *
 * @param status only campaigns in this status, or null for any
 * @param mailbox only campaigns sending from this address (any case), or null for any
 * @param sequence only campaigns on the sequence of this name, or null for any
 * @param text only campaigns whose lead's full name ({@code first last}), last name, email address
 *     or company starts with this text (any case); empty for any
 */
public record CampaignSearch(
    @Nullable CampaignStatus status,
    @Nullable String mailbox,
    @Nullable String sequence,
    String text) {
  /** The longest search text kept; longer text is cut. */
  public static final int MAX_TEXT_LENGTH = 200;

  /** Folds the filters: blank means unset, the mailbox and text are {@linkplain #fold folded}. */
  public CampaignSearch {
    mailbox = mailbox == null || mailbox.isBlank() ? null : fold(mailbox);
    sequence = sequence == null || sequence.isBlank() ? null : sequence.strip();
    text = text == null ? "" : fold(text);
    if (text.length() > MAX_TEXT_LENGTH) {
      text = text.substring(0, MAX_TEXT_LENGTH);
    }
  }

  /** Every campaign. */
  public static CampaignSearch all() {
    return new CampaignSearch(null, null, null, "");
  }

  /** Whether no filter is set. */
  public boolean isAll() {
    return status == null && mailbox == null && sequence == null && text.isEmpty();
  }

  /** The form text is searched in: surrounding space removed, lower case (root locale). */
  public static String fold(String text) {
    return text.strip().toLowerCase(Locale.ROOT);
  }

  /**
   * The lead's full name as searched: first and last name with one space, {@linkplain #fold
   * folded}.
   */
  public static String fullName(Lead lead) {
    return fold(lead.firstName() + " " + lead.lastName());
  }

  /** Whether a campaign and its lead match every filter set. */
  public boolean matches(Campaign campaign, Lead lead) {
    if (status != null && campaign.status() != status) {
      return false;
    }
    if (mailbox != null && !fold(campaign.config().from().address()).equals(mailbox)) {
      return false;
    }
    if (sequence != null && !campaign.config().sequence().name().equals(sequence)) {
      return false;
    }
    return text.isEmpty()
        || fullName(lead).startsWith(text)
        || fold(lead.lastName()).startsWith(text)
        || fold(lead.email()).startsWith(text)
        || fold(lead.company()).startsWith(text);
  }
}
