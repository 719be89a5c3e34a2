package com.fourrunr.campaign;

import com.fourrunr.campaign.spi.CampaignStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a referral ("not the right person, talk to Maria, maria@acme.test") into a lead, when the
 * engine is built with {@link CampaignEngineBuilder#referralLeads(boolean)}: a new lead at the same
 * company with the referral's address, enrolled through the normal path (gates, suppression, one
 * person one campaign), and a {@link EventType#LEAD_REFERRED} event on both campaigns naming the
 * other. Only an address at the original lead's domain (its address's or its company's) is
 * enrolled, so a reply cannot make the engine write to anyone it names.
 */
final class ReplyReferrals {
  private static final Logger log = LoggerFactory.getLogger(ReplyReferrals.class);
  static final String REFERRED_TO = "referred_to";
  static final String REFERRED_BY = "referred_by";

  private final EngineContext ctx;
  private final CampaignStore store;
  private final Enroller enroller;
  private final boolean enabled;

  ReplyReferrals(EngineContext ctx, Enroller enroller, boolean enabled) {
    this.ctx = ctx;
    this.store = ctx.store();
    this.enroller = enroller;
    this.enabled = enabled;
  }

  /**
   * Enrols the referral of a WRONG_PERSON verdict, after the reply was stored and acted on; returns
   * what was done for the reply's action ({@code ""} when nothing was).
   */
  String enrolReferral(Campaign campaign, ReplyClassification c, Instant now) {
    Referral referral = c.referral();
    if (!enabled
        || c.category() != ReplyCategory.WRONG_PERSON
        || referral == null
        || referral.email() == null) {
      return "";
    }
    String email = referral.email();
    Lead lead = store.findLead(campaign.leadId()).orElse(null);
    if (lead == null || email.equals(lead.email())) {
      return "";
    }
    String newId = leadId(lead.id(), email);
    String outcome;
    Campaign created = null;
    if (!sameCompany(lead, email)) {
      outcome = "not enrolled: " + domain(email) + " is not the lead's company domain";
    } else {
      Lead referred;
      try {
        String[] names = names(referral.name());
        referred =
            lead.toBuilder()
                .id(newId)
                .email(email)
                .firstName(names[0])
                .lastName(names[1])
                .title("")
                .linkedinUrl("")
                // A person at the company wrote the address down for us: as good as a verified one.
                .emailConfidence(EmailConfidence.REAL)
                .engagementStatus("")
                .customField("referredBy", lead.id())
                .build();
      } catch (InvalidInputException e) {
        referred = null;
      }
      if (referred == null) {
        outcome = "not enrolled: the referral is not a valid lead";
      } else {
        EnrolmentReport report = enroller.enrol(List.of(referred));
        if (report.enrolled() == 1) {
          created = newest(store.findCampaignsByLead(newId));
          outcome = "enrolled";
        } else {
          outcome =
              report.skips().isEmpty()
                  ? "not enrolled"
                  : "not enrolled: "
                      + report.skips().get(0).reason()
                      + " "
                      + report.skips().get(0).detail();
        }
      }
    }
    List<CampaignEvent> events = new ArrayList<>();
    events.add(
        ctx.event(
            now,
            campaign,
            null,
            new EventPayload.LeadReferred(
                REFERRED_TO,
                created == null ? "" : created.id(),
                newId,
                referral.name(),
                email,
                outcome)));
    if (created != null) {
      events.add(
          ctx.event(
              now,
              created,
              null,
              new EventPayload.LeadReferred(
                  REFERRED_BY,
                  campaign.id(),
                  lead.id(),
                  lead.displayName(),
                  lead.email(),
                  outcome)));
    }
    com.fourrunr.campaign.spi.StoreChanges.Builder changes =
        com.fourrunr.campaign.spi.StoreChanges.builder();
    events.forEach(changes::event);
    ctx.commitAndPublish(changes, events);
    log.info("referral from lead {} to {}: {}", lead.id(), newId, outcome);
    return ", referral " + outcome;
  }

  private static @Nullable Campaign newest(List<Campaign> campaigns) {
    Campaign out = null;
    for (Campaign c : campaigns) {
      if (out == null || c.createdAt().isAfter(out.createdAt())) {
        out = c;
      }
    }
    return out;
  }

  private static boolean sameCompany(Lead lead, String email) {
    String d = domain(email);
    return d.equals(domain(lead.email()))
        || (!lead.companyDomain().isBlank()
            && d.equals(lead.companyDomain().toLowerCase(Locale.ROOT)));
  }

  private static String domain(String email) {
    int at = email.lastIndexOf('@');
    return at < 0 ? "" : email.substring(at + 1).toLowerCase(Locale.ROOT);
  }

  private static String[] names(String name) {
    String n = name.strip();
    int space = n.indexOf(' ');
    return space < 0
        ? new String[] {n, ""}
        : new String[] {n.substring(0, space), n.substring(space + 1).strip()};
  }

  /** A lead id that names the original lead and the address, the same for the same referral. */
  static String leadId(String original, String email) {
    String readable = original + "-ref-" + email;
    if (readable.length() <= 200) {
      return readable;
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest((original + "|" + email).getBytes(StandardCharsets.UTF_8));
      return "ref-" + HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
