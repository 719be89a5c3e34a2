package com.fourrunr.campaign.spring;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.channel.LinkedInAccount;
import com.fourrunr.campaign.channel.LinkedInSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** {@code campaign.linkedin.accounts} as {@link LinkedInSettings}, each problem named. */
final class LinkedInAccounts {
  private LinkedInAccounts() {}

  /**
   * The accounts' settings ({@link LinkedInSettings#defaults()} when none is configured), or null
   * when a problem was added to {@code errors}.
   */
  static @Nullable LinkedInSettings read(
      CampaignProperties.LinkedIn linkedIn, List<FieldError> errors) {
    List<CampaignProperties.LinkedInAccountProperties> given = linkedIn.accountList();
    if (given.isEmpty()) {
      return LinkedInSettings.defaults();
    }
    List<LinkedInAccount> accounts = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int before = errors.size();
    for (int i = 0; i < given.size(); i++) {
      CampaignProperties.LinkedInAccountProperties a = given.get(i);
      String at = "campaign.linkedin.accounts[" + i + "].";
      String id = a.id();
      if (id == null || id.isBlank()) {
        errors.add(new FieldError(at + "id", "is required"));
        continue;
      }
      if (!ids.add(id)) {
        errors.add(new FieldError(at + "id", "'" + id + "' is given twice"));
        continue;
      }
      try {
        accounts.add(
            new LinkedInAccount(
                id,
                a.weeklyInvitations(),
                a.dailyTasks(),
                a.spacing(),
                a.noteLimit(),
                a.followUpLimit()));
      } catch (InvalidInputException e) {
        for (FieldError fe : e.errors()) {
          errors.add(new FieldError(at + kebab(fe.field()), fe.problem()));
        }
      }
    }
    return errors.size() > before ? null : new LinkedInSettings(accounts);
  }

  /** {@code weeklyInvitations} as {@code weekly-invitations}. */
  static String kebab(String field) {
    return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
