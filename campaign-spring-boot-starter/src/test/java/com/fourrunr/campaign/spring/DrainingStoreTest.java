package com.fourrunr.campaign.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.QueuePriority;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.OpenCampaigns;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The engine's view of the store claims nothing once the gate closes and forwards every other call
 * (default methods too) to the store as it is, its exceptions unwrapped.
 */
class DrainingStoreTest {
  private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
  private final List<String> calls = new ArrayList<>();

  /** A store that records the name of each call; {@code isSuppressed} fails. */
  private CampaignStore recording() {
    return (CampaignStore)
        Proxy.newProxyInstance(
            CampaignStore.class.getClassLoader(),
            new Class<?>[] {CampaignStore.class},
            (proxy, method, args) -> {
              calls.add(method.getName());
              return switch (method.getName()) {
                case "claimDueMessages" -> new ArrayList<CampaignMessage>(List.of());
                case "findLead" -> Optional.empty();
                case "findOpenCampaigns" -> new OpenCampaigns(Map.of(), Map.of());
                case "releaseClaims" -> 7;
                case "isSuppressed" -> throw new IllegalStateException("store down");
                case "toString" -> "the store";
                default -> null;
              };
            });
  }

  @Test
  void claimsGoToTheStoreUntilTheGateClosesThenNothingIsClaimed() {
    ClaimGate gate = new ClaimGate();
    CampaignStore view = DrainingStore.of(recording(), gate);

    view.claimDueMessages(NOW, "a", Duration.ofMinutes(1), 10);
    view.claimDueMessages(NOW, "a", Duration.ofMinutes(1), 10, QueuePriority.FIRST_MESSAGES_FIRST);
    assertThat(calls).containsExactly("claimDueMessages", "claimDueMessages");

    gate.close();
    assertThat(view.claimDueMessages(NOW, "a", Duration.ofMinutes(1), 10)).isEmpty();
    assertThat(
            view.claimDueMessages(
                NOW, "a", Duration.ofMinutes(1), 10, QueuePriority.FIRST_MESSAGES_FIRST))
        .isEmpty();
    assertThat(calls).hasSize(2);
    // Releasing claims and every other call still reach the store after the gate closes.
    assertThat(view.releaseClaims("a")).isEqualTo(7);
    assertThat(view.findLead("l1")).isEmpty();
    assertThat(calls)
        .containsExactly("claimDueMessages", "claimDueMessages", "releaseClaims", "findLead");
  }

  @Test
  void defaultMethodsReachTheStoresOwnImplementation() {
    CampaignStore view = DrainingStore.of(recording(), new ClaimGate());

    view.findOpenCampaigns(List.of("l1"), List.of("a@x.example"));

    assertThat(calls).containsExactly("findOpenCampaigns");
  }

  @Test
  void theStoresExceptionsAndTextPassThroughUnwrapped() {
    CampaignStore view = DrainingStore.of(recording(), new ClaimGate());

    assertThatThrownBy(() -> view.isSuppressed("a@x.example"))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("store down");
    assertThat(view.toString()).isEqualTo("the store");
    assertThat(view).isEqualTo(view).hasSameHashCodeAs(view);
  }
}
