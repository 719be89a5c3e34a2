package com.fourrunr.campaign;

import static com.fourrunr.campaign.CampaignStatus.ACTIVE;
import static com.fourrunr.campaign.CampaignStatus.COMPLETED;
import static com.fourrunr.campaign.CampaignStatus.HELD;
import static com.fourrunr.campaign.CampaignStatus.PAUSED;
import static com.fourrunr.campaign.CampaignStatus.PENDING_COPY;
import static com.fourrunr.campaign.CampaignStatus.RESPONDED;
import static com.fourrunr.campaign.CampaignStatus.STOPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class CampaignStatusTest {

  /**
   * The legal transitions, written out here on purpose: the test must not read the production
   * table.
   */
  private static final Map<CampaignStatus, Set<CampaignStatus>> EXPECTED =
      Map.of(
          ACTIVE, Set.of(PAUSED, COMPLETED, RESPONDED, STOPPED),
          PAUSED, Set.of(ACTIVE, RESPONDED, STOPPED),
          HELD, Set.of(ACTIVE, STOPPED),
          COMPLETED, Set.of(RESPONDED, STOPPED),
          RESPONDED, Set.of(),
          STOPPED, Set.of(),
          PENDING_COPY, Set.of(ACTIVE, HELD, STOPPED));

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final CampaignConfig CONFIG =
      CampaignConfig.defaults(new Mailbox("hello@4runr.test", "4Runr"));

  static Stream<Arguments> legalTransitions() {
    return allPairs().filter(a -> isLegal(a));
  }

  static Stream<Arguments> illegalTransitions() {
    return allPairs().filter(a -> !isLegal(a));
  }

  private static Stream<Arguments> allPairs() {
    List<Arguments> pairs = new ArrayList<>();
    for (CampaignStatus from : CampaignStatus.values()) {
      for (CampaignStatus to : CampaignStatus.values()) {
        pairs.add(Arguments.of(from, to));
      }
    }
    return pairs.stream();
  }

  private static boolean isLegal(Arguments pair) {
    Object[] a = pair.get();
    return EXPECTED.get((CampaignStatus) a[0]).contains((CampaignStatus) a[1]);
  }

  private static Campaign campaignIn(CampaignStatus status) {
    return new Campaign("C-1", "L-1", CONFIG, status, "test", T0, T0, null, 4);
  }

  @Test
  void expectedTableCoversEveryStatusAndSplitsAllPairs() {
    assertThat(EXPECTED.keySet()).containsExactlyInAnyOrder(CampaignStatus.values());
    int n = CampaignStatus.values().length;
    assertThat(legalTransitions().count() + illegalTransitions().count()).isEqualTo((long) n * n);
    assertThat(legalTransitions().count()).isEqualTo(14);
  }

  @ParameterizedTest(name = "{0} -> {1} is allowed")
  @MethodSource("legalTransitions")
  void legalTransitionIsAllowedAndMakesTheNextVersion(CampaignStatus from, CampaignStatus to) {
    Campaign before = campaignIn(from);
    Instant at = T0.plus(Duration.ofHours(1));

    Campaign after = before.transitionTo(to, "because", at);

    assertThat(from.canTransitionTo(to)).isTrue();
    assertThat(from.allowedTargets()).contains(to);
    assertThat(after.status()).isEqualTo(to);
    assertThat(after.statusReason()).isEqualTo("because");
    assertThat(after.updatedAt()).isEqualTo(at);
    assertThat(after.createdAt()).isEqualTo(T0);
    assertThat(after.version()).isEqualTo(before.version() + 1);
    assertThat(after.id()).isEqualTo(before.id());
    assertThat(after.leadId()).isEqualTo(before.leadId());
    assertThat(after.config()).isEqualTo(before.config());
  }

  @ParameterizedTest(name = "{0} -> {1} is rejected")
  @MethodSource("illegalTransitions")
  void illegalTransitionIsRejectedNamingBothStatuses(CampaignStatus from, CampaignStatus to) {
    Campaign before = campaignIn(from);

    assertThat(from.canTransitionTo(to)).isFalse();
    assertThat(from.allowedTargets()).doesNotContain(to);
    assertThatThrownBy(() -> before.transitionTo(to, "because", T0.plusSeconds(60)))
        .isInstanceOfSatisfying(
            IllegalTransitionException.class,
            e -> {
              assertThat(e.from()).isEqualTo(from);
              assertThat(e.to()).isEqualTo(to);
              assertThat(e.campaignId()).isEqualTo("C-1");
              assertThat(e.getMessage())
                  .contains("C-1")
                  .contains("from " + from.name())
                  .contains("to " + to.name());
            });
  }

  @ParameterizedTest
  @EnumSource(CampaignStatus.class)
  void selfTransitionIsRejected(CampaignStatus status) {
    assertThatThrownBy(() -> campaignIn(status).transitionTo(status, "again", T0))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("from " + status + " to " + status);
  }

  @ParameterizedTest
  @EnumSource(CampaignStatus.class)
  void allowedTargetsMatchTheExpectedTable(CampaignStatus status) {
    assertThat(status.allowedTargets()).containsExactlyInAnyOrderElementsOf(EXPECTED.get(status));
  }

  @Test
  void onlyRespondedAndStoppedAreFinal() {
    Set<CampaignStatus> finals = EnumSet.noneOf(CampaignStatus.class);
    for (CampaignStatus s : CampaignStatus.values()) {
      if (s.isFinal()) {
        finals.add(s);
      }
    }
    assertThat(finals).containsExactlyInAnyOrder(RESPONDED, STOPPED);
  }

  @Test
  void rejectionOfAFinalStatusSaysItIsFinal() {
    assertThatThrownBy(() -> campaignIn(STOPPED).transitionTo(ACTIVE, "revive", T0))
        .hasMessageContaining("STOPPED is final");
  }

  @Test
  void onlyActivePausedHeldAndPendingCopyAreOpen() {
    assertThat(EnumSet.allOf(CampaignStatus.class).stream().filter(CampaignStatus::isOpen))
        .containsExactlyInAnyOrder(ACTIVE, PAUSED, HELD, PENDING_COPY);
  }

  @Test
  void heldCampaignStartsAtVersionZeroWithItsReasonAndCanOnlyBeApprovedOrStopped() {
    Campaign held = Campaign.held("C-9", "L-9", CONFIG, T0, "brand.urgency failed twice");

    assertThat(held.status()).isEqualTo(HELD);
    assertThat(held.version()).isZero();
    assertThat(held.statusReason()).isEqualTo("brand.urgency failed twice");
    assertThat(held.transitionTo(ACTIVE, "approved", T0).version()).isEqualTo(1);
    assertThatThrownBy(() -> held.pausedUntil(null, "x", T0))
        .isInstanceOf(IllegalTransitionException.class);
    assertThatThrownBy(() -> held.transitionTo(COMPLETED, "x", T0))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void allowedTargetsCannotBeModified() {
    Set<CampaignStatus> targets = ACTIVE.allowedTargets();
    assertThatThrownBy(() -> targets.remove(PAUSED))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(ACTIVE.canTransitionTo(PAUSED)).isTrue();
  }

  @Test
  void newCampaignIsActiveAtVersionZero() {
    Campaign c = Campaign.start("C-9", "L-9", CONFIG, T0);

    assertThat(c.status()).isEqualTo(ACTIVE);
    assertThat(c.version()).isZero();
    assertThat(c.createdAt()).isEqualTo(T0);
    assertThat(c.updatedAt()).isEqualTo(T0);
    assertThat(c.resumeAt()).isNull();
  }

  @Test
  void everyChangeAlongAPathIncrementsTheVersionByOne() {
    Campaign c = Campaign.start("C-9", "L-9", CONFIG, T0);
    Instant t = T0;

    c = c.pausedUntil(null, "operator", t = t.plusSeconds(1));
    assertThat(c.version()).isEqualTo(1);
    c = c.transitionTo(ACTIVE, "resumed", t = t.plusSeconds(1));
    assertThat(c.version()).isEqualTo(2);
    c = c.transitionTo(COMPLETED, "all steps sent", t = t.plusSeconds(1));
    assertThat(c.version()).isEqualTo(3);
    c = c.transitionTo(RESPONDED, "reply: INTERESTED", t = t.plusSeconds(1));
    assertThat(c.version()).isEqualTo(4);
    assertThat(c.status()).isEqualTo(RESPONDED);
    assertThat(c.updatedAt()).isEqualTo(t);
  }

  @Test
  void pausedUntilKeepsTheResumeTimeAndTransitionClearsIt() {
    Instant resumeAt = T0.plus(Duration.ofDays(5));
    Campaign paused =
        Campaign.start("C-9", "L-9", CONFIG, T0).pausedUntil(resumeAt, "out of office", T0);

    assertThat(paused.status()).isEqualTo(PAUSED);
    assertThat(paused.resumeAt()).isEqualTo(resumeAt);
    assertThat(paused.statusReason()).isEqualTo("out of office");
    assertThat(paused.version()).isEqualTo(1);

    Campaign active = paused.transitionTo(ACTIVE, "return date reached", resumeAt);
    assertThat(active.resumeAt()).isNull();
    assertThat(active.version()).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(
      value = CampaignStatus.class,
      names = {"PAUSED", "HELD", "COMPLETED", "RESPONDED", "STOPPED"})
  void pausedUntilIsRejectedWhereAPauseIsNotAllowed(CampaignStatus status) {
    assertThatThrownBy(() -> campaignIn(status).pausedUntil(T0.plusSeconds(10), "ooo", T0))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining(status.name())
        .hasMessageContaining("PAUSED");
  }

  @Test
  void negativeVersionIsRejected() {
    assertThatThrownBy(() -> new Campaign("C", "L", CONFIG, ACTIVE, "", T0, T0, null, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version");
  }
}
