package com.fourrunr.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The stored form of event payloads: exact for what the engine writes, lenient for old rows. */
class EventCodecTest {
  private static final List<String> KEYS =
      List.of(
          "sequence",
          "steps",
          "tokens",
          "zone",
          "location",
          "reason",
          "detail",
          "step",
          "scheduledAt",
          "messageId",
          "error",
          "attempt",
          "retryAt",
          "attempts",
          "permanent",
          "from",
          "replyCode",
          "traffic",
          "machineReason",
          "url",
          "link",
          "linkCount",
          "resumeAt",
          "channel",
          "taskKind",
          "taskId",
          "category",
          "respondedAt",
          "replyId",
          "source",
          "action",
          "evidence",
          "confidence",
          "receivedAt",
          "returnDate",
          "email",
          "stepIndex",
          "passed",
          "generator",
          "promptVersion",
          "model",
          "promptTokens",
          "completionTokens",
          "generatorCalls",
          "fallback",
          "fallbackReason",
          "verdict.length",
          "verdict.tone",
          "rule",
          "subject",
          "account",
          "dueAt",
          "characters",
          "limit",
          "verdicts",
          "outcome",
          "mailbox",
          "variant",
          "variantTiming",
          "followUpAfter",
          "direction",
          "otherCampaignId",
          "otherLeadId",
          "name",
          "x-unknown");

  /**
   * Any stored map (known keys with well-formed or odd values, unknown keys) reads, and its payload
   * round-trips.
   */
  @Property(tries = 2000)
  void aPayloadSurvivesItsStoredForm(
      @ForAll("types") EventType type, @ForAll("storedMaps") Map<String, String> map) {
    EventPayload payload = EventCodec.decode(type, map);

    assertThat(payload.type()).isEqualTo(type);
    assertThat(EventCodec.decode(type, EventCodec.stored(payload))).isEqualTo(payload);
    assertThat(EventCodec.decode(type, EventCodec.encode(payload))).isEqualTo(payload);
  }

  /** Typed payloads built directly (not only decoded) round-trip too. */
  @Property(tries = 500)
  void aBuiltReplyPayloadSurvivesItsStoredForm(
      @ForAll("replies") EventPayload.ReplyClassified reply) {
    assertThat(EventCodec.decode(EventType.REPLY_CLASSIFIED, EventCodec.stored(reply)))
        .isEqualTo(reply);
  }

  @Test
  void aReplyClassifiedKeepsItsBounceReasonAndAnOldRowWithoutOneReadsAsNull() {
    EventPayload.ReplyClassified bounce =
        new EventPayload.ReplyClassified(
            "r1",
            ReplyCategory.BOUNCE_SOFT,
            "retried",
            "status 5.2.2",
            1.0,
            Instant.parse("2026-12-01T00:00:00Z"),
            "HOOK",
            null,
            BounceReason.MAILBOX_FULL);
    Map<String, String> stored = EventCodec.stored(bounce);
    assertThat(stored).containsEntry("bounceReason", "MAILBOX_FULL");
    assertThat(EventCodec.decode(EventType.REPLY_CLASSIFIED, stored)).isEqualTo(bounce);

    Map<String, String> old = new java.util.HashMap<>(stored);
    old.remove("bounceReason");
    EventPayload.ReplyClassified read =
        (EventPayload.ReplyClassified) EventCodec.decode(EventType.REPLY_CLASSIFIED, old);
    assertThat(read.reason()).isNull();
    assertThat(read.category()).isEqualTo(ReplyCategory.BOUNCE_SOFT);
    old.put("bounceReason", "SOMETHING_NEWER");
    assertThat(
            ((EventPayload.ReplyClassified) EventCodec.decode(EventType.REPLY_CLASSIFIED, old))
                .reason())
        .isNull();
  }

  @Provide
  Arbitrary<EventType> types() {
    return Arbitraries.of(EventType.class);
  }

  @Provide
  Arbitrary<Map<String, String>> storedMaps() {
    Arbitrary<String> values =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(12),
            Arbitraries.integers().between(-5, 100_000).map(String::valueOf),
            Arbitraries.longs()
                .between(0, 4_000_000_000L)
                .map(n -> Instant.ofEpochSecond(n).toString()),
            Arbitraries.of(ReplyCategory.class).map(Enum::name),
            Arbitraries.of("true", "false", "0.75", "2026-04-01", "human", "machine"));
    return Arbitraries.maps(Arbitraries.of(KEYS), values).ofMaxSize(20);
  }

  @Provide
  Arbitrary<EventPayload.ReplyClassified> replies() {
    Arbitrary<String> text = Arbitraries.strings().ofMaxLength(20);
    Arbitrary<ReplyCategory> category = Arbitraries.of(ReplyCategory.class).injectNull(0.2);
    Arbitrary<Instant> at =
        Arbitraries.longs().between(0, 4_000_000_000L).map(Instant::ofEpochSecond).injectNull(0.2);
    Arbitrary<LocalDate> date =
        Arbitraries.integers().between(0, 30_000).map(d -> LocalDate.ofEpochDay(d)).injectNull(0.5);
    Arbitrary<Double> confidence = Arbitraries.doubles().between(0, 1);
    return Combinators.combine(
            text, category, text, text, confidence, at, text.injectNull(0.3), date)
        .as(EventPayload.ReplyClassified::new);
  }

  @Test
  void theEngineKeysAreWrittenAsBeforeWithTheVariantLastAndAFormatMarker() {
    EventPayload sent =
        new EventPayload.MessageSent("Hook", "<m1@4runr.test>", null, false).withVariant("B", true);

    assertThat(EventCodec.encode(sent))
        .containsExactly(
            Map.entry("step", "Hook"),
            Map.entry("messageId", "<m1@4runr.test>"),
            Map.entry("variant", "B"),
            Map.entry("variantTiming", "true"));
    assertThat(EventCodec.stored(sent))
        .containsEntry(EventCodec.FORMAT_KEY, EventCodec.FORMAT)
        .hasSize(5);
  }

  @Test
  void anOldRowWithMissingOrOddValuesReadsWithoutFailing() {
    Map<String, String> old = new LinkedHashMap<>();
    old.put("error", "421 try later");
    old.put("attempts", "many");
    old.put("permanent", "yes");
    old.put("someday", "a key nobody knows");

    EventPayload failed = EventCodec.decode(EventType.MESSAGE_FAILED, old);

    assertThat(failed)
        .isEqualTo(new EventPayload.MessageFailed("421 try later", 0, false, null, false));
    assertThat(
            EventCodec.decode(
                    EventType.REPLY_CLASSIFIED,
                    Map.of(
                        "category",
                        "RETIRED_CATEGORY",
                        "receivedAt",
                        "yesterday",
                        "confidence",
                        "high"))
                .category())
        .isNull();
    assertThat(EventCodec.decode(EventType.CAMPAIGN_PAUSED, null))
        .isEqualTo(new EventPayload.CampaignPaused("", null));
  }

  /** No main code outside the codec reads an event's string map by key. */
  @Test
  void noMainCodeReadsEventAttributesByKey() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    List<String> found = new ArrayList<>();
    List<Path> scanned = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module :
          modules.filter(m -> Files.isDirectory(m.resolve("src/main/java"))).toList()) {
        try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
          for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
            if (f.endsWith("CampaignEvent.java") || f.endsWith("EventCodec.java")) {
              continue; // the deprecated accessors and the codec: the stored form itself
            }
            scanned.add(f);
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
              String line = lines.get(i);
              if (line.contains(".attribute(")
                  || line.contains(".attributes().get")
                  || line.matches(".*\\b(e|ev|event|created|sent)\\.attributes\\(\\).*")) {
                found.add(root.relativize(f) + ":" + (i + 1) + ": " + line.strip());
              }
            }
          }
        }
      }
    }
    assertThat(scanned)
        .as("main sources of every module")
        .hasSizeGreaterThan(200)
        .anyMatch(f -> f.endsWith("AirtableSync.java"))
        .anyMatch(f -> f.endsWith("EventAggregator.java"));
    assertThat(found).isEmpty();
  }

  @Test
  void followUpsAndReferralsSurviveTheirStoredForm() {
    EventPayload followUp =
        new EventPayload.FollowUpScheduled(
            java.time.LocalDate.of(2026, 6, 1), ReplyCategory.NOT_INTERESTED, "busy until June");
    EventPayload referred =
        new EventPayload.LeadReferred(
            "referred_to",
            "C-2",
            "L-1-ref-maria@acme.test",
            "Maria Lopez",
            "maria@acme.test",
            "enrolled");

    assertThat(EventCodec.stored(followUp))
        .containsEntry("followUpAfter", "2026-06-01")
        .containsEntry("category", "NOT_INTERESTED");
    assertThat(EventCodec.decode(EventType.FOLLOW_UP_SCHEDULED, EventCodec.stored(followUp)))
        .isEqualTo(followUp);
    assertThat(EventCodec.decode(EventType.LEAD_REFERRED, EventCodec.stored(referred)))
        .isEqualTo(referred);
  }
}
