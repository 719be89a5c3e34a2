package com.fourrunr.campaign.bench;

import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.EventPayload;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.analytics.AnalyticsOptions;
import com.fourrunr.campaign.analytics.AnalyticsReport;
import com.fourrunr.campaign.analytics.EventAggregator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The analytics aggregator over 1,000,000 events (about 170,000 campaigns of Hook, Proof and FOMO
 * with A/B variants, opens human and machine, clicks and replies, leads in 5 segment dimensions),
 * against a baseline that only counts the same events in a plain {@code HashMap} by step and type:
 * the floor of any reading of every event. Events come campaign by campaign, as {@code
 * StoreAnalytics} reads them, and each campaign's state is forgotten after it. At tear-down the
 * aggregator's group count (what its memory grows with) is printed; run with {@code -prof gc} for
 * allocation rates.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(1)
public class AnalyticsBenchmark {
  @Param({"1000000"})
  int events;

  List<CampaignEvent> log;
  List<Lead> leadOfEvent;
  Map<String, Lead> leads;
  int groups;
  int states;

  @Setup(Level.Trial)
  public void setUp() {
    Random random = new Random(1);
    String[] industries = {
      "SaaS", "Retail", "Healthcare", "Logistics", "Fintech", "Construction", "Media"
    };
    String[] sizes = {"1-10", "11-50", "51-200", "201-500", "1001-5000"};
    String[] titles = {"CEO", "VP Sales", "Head of Growth", "Marketing Manager", "Engineer"};
    String[] countries = {"US", "GB", "DE", "FR", "CA", "AU"};
    leads = new HashMap<>();
    for (int i = 0; i < 1000; i++) {
      leads.put(
          "L" + i,
          Lead.builder("L" + i, "p" + i + "@co" + i + ".example")
              .industry(industries[i % industries.length])
              .companySize(sizes[i % sizes.length])
              .title(titles[i % titles.length])
              .country(countries[i % countries.length])
              .build());
    }
    log = new ArrayList<>(events);
    leadOfEvent = new ArrayList<>(events);
    Instant t = Instant.parse("2026-03-02T09:00:00Z");
    String[] steps = {"Hook", "Proof", "FOMO"};
    int c = 0;
    while (log.size() < events) {
      String campaign = "C" + c;
      String leadId = "L" + (c % 1000);
      Lead lead = leads.get(leadId);
      add(
          new CampaignEvent(
              "e",
              t,
              campaign,
              leadId,
              null,
              new EventPayload.CampaignCreated("hook-proof-fomo", 0, 0, Map.of())),
          lead);
      String variant = random.nextBoolean() ? "A" : "B";
      for (int s = 0; s < 3 && log.size() < events; s++) {
        String m = campaign + "-" + s;
        add(
            new CampaignEvent(
                "e",
                t,
                campaign,
                leadId,
                m,
                new EventPayload.MessageSent(steps[s], "", s == 0 ? variant : null, false)),
            lead);
        if (random.nextInt(3) == 0) {
          add(
              new CampaignEvent(
                  "e",
                  t,
                  campaign,
                  leadId,
                  m,
                  new EventPayload.MessageOpened(null, "machine", "apple-mpp")),
              lead);
        }
        if (random.nextInt(4) == 0) {
          add(
              new CampaignEvent(
                  "e", t, campaign, leadId, m, new EventPayload.MessageOpened(null, "human", null)),
              lead);
        }
        if (random.nextInt(20) == 0) {
          add(
              new CampaignEvent(
                  "e",
                  t,
                  campaign,
                  leadId,
                  m,
                  new EventPayload.LinkClicked(
                      null, "human", null, "https://4runr.example", null, null)),
              lead);
        }
        if (random.nextInt(25) == 0) {
          add(
              new CampaignEvent(
                  "e",
                  t,
                  campaign,
                  leadId,
                  m,
                  new EventPayload.ReplyClassified(
                      "",
                      random.nextBoolean()
                          ? ReplyCategory.INTERESTED
                          : ReplyCategory.NOT_INTERESTED,
                      "",
                      "",
                      0,
                      null,
                      steps[s],
                      null)),
              lead);
          break;
        }
      }
      c++;
    }
    while (log.size() > events) {
      log.remove(log.size() - 1);
      leadOfEvent.remove(leadOfEvent.size() - 1);
    }
  }

  private void add(CampaignEvent e, Lead lead) {
    log.add(e);
    leadOfEvent.add(lead);
  }

  @Benchmark
  public AnalyticsReport aggregateAndReport() {
    EventAggregator agg =
        EventAggregator.create(
            AnalyticsOptions.defaults(),
            id -> Optional.ofNullable(leads.get(id)),
            Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    String current = null;
    for (int i = 0; i < log.size(); i++) {
      CampaignEvent e = log.get(i);
      if (current != null && !current.equals(e.campaignId())) {
        agg.forget(current);
      }
      current = e.campaignId();
      agg.accept(e, leadOfEvent.get(i));
    }
    groups = agg.groupCount();
    states = agg.campaignStateCount();
    return agg.report();
  }

  @Benchmark
  public Map<String, EnumMap<EventType, Long>> baselineHashMapCount() {
    Map<String, EnumMap<EventType, Long>> counts = new HashMap<>();
    for (CampaignEvent e : log) {
      counts
          .computeIfAbsent(
              Objects.toString(e.payload().step(), ""), k -> new EnumMap<>(EventType.class))
          .merge(e.type(), 1L, Long::sum);
    }
    return counts;
  }

  @TearDown(Level.Trial)
  public void printRetained() {
    if (groups > 0) {
      System.out.println(
          "aggregator retained: "
              + groups
              + " groups, "
              + states
              + " campaign states, over "
              + log.size()
              + " events");
    }
  }
}
