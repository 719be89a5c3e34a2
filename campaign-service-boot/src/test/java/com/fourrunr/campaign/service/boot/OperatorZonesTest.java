package com.fourrunr.campaign.service.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Operators' zones from settings, checked at start, and times as the console writes them. */
class OperatorZonesTest {
  private static ServiceSecurityProperties.Operator operator(String name, String zone) {
    ServiceSecurityProperties.Operator o = new ServiceSecurityProperties.Operator();
    o.setUsername(name);
    o.setZone(zone);
    return o;
  }

  @Test
  void anOperatorSeesTheirZoneAndOthersTheServiceZone() {
    OperatorZones zones =
        new OperatorZones(
            List.of(operator("ana", " Europe/Berlin "), operator("bo", "")), ZoneOffset.UTC);
    assertThat(zones.of("ana")).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(zones.of("bo")).isEqualTo(ZoneOffset.UTC);
    assertThat(zones.of("someone else")).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void aZoneThatIsNotAnIanaIdStopsTheStartNamingTheSetting() {
    assertThatThrownBy(
            () ->
                new OperatorZones(
                    List.of(operator("ana", "UTC"), operator("bo", "Mars/Olympus")),
                    ZoneOffset.UTC))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "campaign.operators[1].zone: 'Mars/Olympus' is not an IANA time zone id"
                + " (for example Europe/Berlin)");
  }

  @Test
  void timesAreToTheMinuteWithTheZoneNamed() {
    Instant t = Instant.parse("2026-12-07T08:30:59.123456Z");
    assertThat(ConsoleTimes.format(t, ZoneId.of("Europe/Berlin")))
        .isEqualTo("2026-12-07 09:30 Europe/Berlin");
    assertThat(ConsoleTimes.format(t, ZoneId.of("America/New_York")))
        .isEqualTo("2026-12-07 03:30 America/New_York");
    assertThat(ConsoleTimes.format(null, ZoneOffset.UTC)).isEqualTo("—");
  }

  @Test
  void theBackLinkAfterAnActionStaysOnTheConsole() {
    assertThat(CampaignsController.safeBack("/campaigns?q=ada", "C-1"))
        .isEqualTo("/campaigns?q=ada");
    assertThat(CampaignsController.safeBack("https://evil.example/", "C-1"))
        .isEqualTo("/campaigns/C-1");
    assertThat(CampaignsController.safeBack("//evil.example/campaigns", "C-1"))
        .isEqualTo("/campaigns/C-1");
    assertThat(CampaignsController.safeBack(null, "C-1")).isEqualTo("/campaigns/C-1");
  }
}
