package com.fourrunr.campaign;

import com.fourrunr.campaign.quality.QualityGates;
import com.fourrunr.campaign.quality.Verdict;
import com.fourrunr.campaign.quality.WrittenMessage;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.StoreChanges;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A person's rewrite of a held campaign's copy: the edited steps go through the same quality gates
 * as written copy, and only when every edited step passes are they stored and the campaign
 * approved, in one commit with their audit ({@link EventType#MESSAGE_CHECKED}) and the approval.
 */
final class HeldCopyReview {
  private final EngineContext ctx;
  private final CampaignChanges campaigns;
  private final OperatorActions actions;
  private final QualityGates gates;
  private final CampaignStore store;

  HeldCopyReview(
      EngineContext ctx, CampaignChanges campaigns, OperatorActions actions, QualityGates gates) {
    this.ctx = ctx;
    this.campaigns = campaigns;
    this.actions = actions;
    this.gates = gates;
    this.store = ctx.store();
  }

  /** See {@link CampaignEngine#reviseAndApprove}. */
  Campaign reviseAndApprove(String campaignId, List<StepEdit> edits, String operator) {
    if (operator == null || operator.isBlank()) {
      throw InvalidInputException.of("approval", "operator", "is required");
    }
    Map<Integer, StepEdit> byStep = new LinkedHashMap<>();
    for (StepEdit e : List.copyOf(edits)) {
      if (byStep.put(e.stepIndex(), e) != null) {
        throw InvalidInputException.of(
            "approval", "step " + (e.stepIndex() + 1), "is edited twice");
      }
    }
    return campaigns.changeCampaign(
        campaignId,
        c -> {
          if (c.status() != CampaignStatus.HELD) {
            throw new IllegalStateException(
                "campaign '"
                    + c.id()
                    + "' is "
                    + c.status()
                    + ", not HELD: only a campaign held for review can be approved");
          }
          Lead lead =
              store
                  .findLead(c.leadId())
                  .orElseThrow(
                      () -> new IllegalStateException("lead " + c.leadId() + " is not stored"));
          Instant now = ctx.clock().instant();
          List<CampaignMessage> stored = new ArrayList<>(store.findMessages(c.id()));
          stored.sort(Comparator.comparingInt(CampaignMessage::stepIndex));
          for (Integer step : byStep.keySet()) {
            if (stored.stream().noneMatch(m -> m.stepIndex() == step)) {
              throw InvalidInputException.of(
                  "approval", "step " + (step + 1), "the campaign has no such step");
            }
          }
          StoreChanges.Builder changes = StoreChanges.builder();
          List<CampaignEvent> events = new ArrayList<>();
          List<CampaignMessage> revised = new ArrayList<>();
          List<GeneratedMessage> previous = new ArrayList<>();
          List<FieldError> failures = new ArrayList<>();
          for (CampaignMessage m : stored) {
            StepEdit edit = byStep.get(m.stepIndex());
            if (edit == null) {
              previous.add(new GeneratedMessage(m.subject(), m.textBody(), m.htmlBody()));
              revised.add(m);
              continue;
            }
            GeneratedMessage g =
                new GeneratedMessage(
                    edit.subject(),
                    edit.textBody(),
                    null,
                    GenerationInfo.of("operator:" + operator.strip()));
            List<Verdict> verdicts =
                gates.check(
                    new GenerationRequest(lead, c.config().sequence(), m.stepIndex(), previous), g);
            for (Verdict v : verdicts) {
              if (!v.passed()) {
                failures.add(
                    new FieldError(
                        "step " + (m.stepIndex() + 1),
                        v.rule() + (v.detail().isEmpty() ? "" : ": " + v.detail())));
              }
            }
            previous.add(g);
            CampaignMessage edited = edited(m, edit);
            revised.add(edited);
            if (m.stepIndex() != 0) {
              changes.message(edited);
            }
            events.add(
                ctx.event(
                    now,
                    c,
                    edited,
                    new WrittenMessage(
                            m.stepIndex(),
                            m.type(),
                            g,
                            verdicts,
                            1,
                            "none",
                            "edited by " + operator.strip(),
                            0,
                            0)
                        .audit()));
          }
          if (!failures.isEmpty()) {
            throw new InvalidInputException("edited copy fails the quality gates", failures);
          }
          String reason =
              byStep.isEmpty()
                  ? "approved after review by " + operator.strip()
                  : "approved after review by "
                      + operator.strip()
                      + " with edited copy (step "
                      + String.join(", ", byStep.keySet().stream().map(i -> "" + (i + 1)).toList())
                      + ")";
          return actions.approval(c, now, reason, revised, changes, events);
        });
  }

  private static CampaignMessage edited(CampaignMessage m, StepEdit edit) {
    return new CampaignMessage(
        m.id(),
        m.campaignId(),
        m.leadId(),
        m.stepIndex(),
        m.type(),
        edit.subject(),
        edit.textBody(),
        null,
        m.status(),
        m.scheduledAt(),
        m.sentAt(),
        m.messageId(),
        m.attempts(),
        m.lastError(),
        m.providerResponse());
  }
}
