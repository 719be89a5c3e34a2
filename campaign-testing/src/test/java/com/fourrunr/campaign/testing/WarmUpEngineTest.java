package com.fourrunr.campaign.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.SendLimits;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.WarmUp;
import com.fourrunr.campaign.quality.QualityGates;
import com.fourrunr.campaign.spi.SendLog;
import com.fourrunr.campaign.spi.WarmUpLog;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Warm-up on the settable clock: a new mailbox sends 10 on its first business day and 50 on its
 * 30th, rising in between, and a restart in between keeps its day on the ramp.
 */
class WarmUpEngineTest {
  private static final Instant MONDAY_9AM = Instant.parse("2026-03-02T09:00:00Z");

  private final SettableClock clock = new SettableClock(MONDAY_9AM);
  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private final RecordingSender sender = new RecordingSender();
  // kept outside the engine, as a database would keep them across its restarts
  private final WarmUpLog warmUpLog = WarmUpLog.inMemory();
  private final SendLog sendLog = SendLog.inMemory();

  private CampaignEngine engine() {
    return CampaignEngine.builder()
        .schedule(SendSchedule.calendarDays())
        .store(store)
        .sender(sender)
        .clock(clock)
        .from(new Mailbox("new@4runr.test", "4Runr"))
        .qualityGates(QualityGates.builder().uniqueness(false).build())
        .sendLimits(new SendLimits(200, 0, Duration.ZERO, 0))
        .sendLog(sendLog)
        .warmUp(WarmUp.defaults(), warmUpLog)
        .build();
  }

  private static List<Lead> leads(int n) {
    List<Lead> leads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      leads.add(
          Lead.builder("L-" + i, "p" + i + "@d" + (i % 97) + ".example")
              .firstName("Sam")
              .company("Example Ltd")
              .industry("Computing")
              .topServices("Engine design")
              .emailConfidence(EmailConfidence.REAL)
              .build());
    }
    return leads;
  }

  @Test
  void dayOneSendsTenDayThirtySendsFiftyAndARestartKeepsTheDay() {
    CampaignEngine engine = engine();
    engine.enrol(leads(1_200));

    Map<Integer, Integer> sentByBusinessDay = new LinkedHashMap<>();
    LocalDate day = LocalDate.ofInstant(MONDAY_9AM, ZoneOffset.UTC);
    int businessDay = 0;
    while (businessDay < 32) {
      if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
        businessDay++;
        clock.set(day.atTime(9, 0).toInstant(ZoneOffset.UTC));
        if (businessDay == 12) {
          engine = engine(); // a restart: a new engine on the same store and logs
        }
        int before = sender.sent().size();
        engine.runDue();
        sentByBusinessDay.put(businessDay, sender.sent().size() - before);
      }
      day = day.plusDays(1);
    }

    assertThat(sentByBusinessDay.get(1)).isEqualTo(10);
    assertThat(sentByBusinessDay.get(2)).isEqualTo(11);
    // after the restart the mailbox is on day 12 of its ramp, not day 1 again
    assertThat(sentByBusinessDay.get(12)).isEqualTo(WarmUp.defaults().capOnDay(12)).isEqualTo(25);
    assertThat(sentByBusinessDay.get(30)).isEqualTo(50);
    assertThat(sentByBusinessDay.get(32)).isEqualTo(50);
    for (int d = 1; d <= 32; d++) {
      assertThat(sentByBusinessDay.get(d)).isEqualTo(WarmUp.defaults().capOnDay(d));
    }
    assertThat(engine.queueStatus().mailboxes())
        .singleElement()
        .satisfies(u -> assertThat(u.perDayCap()).isEqualTo(50));
  }

  @Test
  void theRampRisesEvenlyAndWeekendsDoNotCount() {
    WarmUp ramp = WarmUp.defaults();
    assertThat(ramp.capOnDay(1)).isEqualTo(10);
    assertThat(ramp.capOnDay(30)).isEqualTo(50);
    assertThat(ramp.capOnDay(100)).isEqualTo(50);
    for (int d = 2; d <= 30; d++) {
      assertThat(ramp.capOnDay(d)).isGreaterThanOrEqualTo(ramp.capOnDay(d - 1));
    }
  }
}
