package com.fourrunr.campaign.channel;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The LinkedIn accounts tasks are spread over. Each new campaign's LinkedIn steps go to one
 * account, chosen by its campaign id (stable, so a campaign keeps its account); each account keeps
 * its own caps.
 *
 * @param accounts one or more accounts, with distinct ids
 */
public record LinkedInSettings(List<LinkedInAccount> accounts) {
  /** Checks the accounts. */
  public LinkedInSettings {
    List<FieldError> errors = new ArrayList<>();
    if (accounts == null || accounts.isEmpty()) {
      errors.add(new FieldError("accounts", "needs at least one LinkedIn account"));
    } else {
      Set<String> ids = new HashSet<>();
      for (LinkedInAccount a : accounts) {
        if (a == null) {
          errors.add(new FieldError("accounts", "contains null"));
        } else if (!ids.add(a.id())) {
          errors.add(new FieldError("accounts", "account id '" + a.id() + "' is given twice"));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("LinkedInSettings", errors);
    }
    accounts = List.copyOf(accounts);
  }

  /** The default: one paid account named {@code default} with the default caps. */
  public static LinkedInSettings defaults() {
    return of(LinkedInAccount.premium("default"));
  }

  /** The given accounts. */
  public static LinkedInSettings of(LinkedInAccount... accounts) {
    return new LinkedInSettings(List.of(accounts));
  }

  /** The account a campaign's tasks use. */
  public LinkedInAccount accountFor(String campaignId) {
    return accounts.get(Math.floorMod(campaignId.hashCode(), accounts.size()));
  }

  /** An account by id, or the first when that id is no longer configured. */
  public LinkedInAccount account(String id) {
    for (LinkedInAccount a : accounts) {
      if (a.id().equals(id)) {
        return a;
      }
    }
    return accounts.get(0);
  }
}
