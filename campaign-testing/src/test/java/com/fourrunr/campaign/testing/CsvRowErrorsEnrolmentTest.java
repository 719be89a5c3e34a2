package com.fourrunr.campaign.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.EnrolmentReport;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.OutgoingEmail;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.Skip;
import com.fourrunr.campaign.SkipReason;
import com.fourrunr.campaign.csv.CsvLeadSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A leads file with an invalid byte in row 3 and a quote never closed in row 7: the other rows
 * enrol.
 */
class CsvRowErrorsEnrolmentTest {
  private static final String[] NAMES = {
    "Ada", "Grace", "Linus", "Ken", "Dennis", "Bjarne", "Barbara", "Edsger", "Frances", "Niklaus"
  };
  private static final String[] COMPANIES = {
    "Analytical Engines",
    "Navy Labs",
    "Kernel Works",
    "Bell Labs",
    "Unix Tools",
    "Cfront Systems",
    "Liskov Software",
    "Dijkstra Paths",
    "Allen Compilers",
    "Pascal Press"
  };
  private static final String[] SERVICES = {
    "Engine design",
    "Compilers",
    "Kernels",
    "Operating systems",
    "C tooling",
    "C++ tooling",
    "Data abstraction",
    "Shortest paths",
    "Optimising compilers",
    "Textbooks"
  };
  private final SettableClock clock = new SettableClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private final RecordingSender sender = new RecordingSender();

  @Test
  void rows3And7AreSkippedWithTheirLinesAndTheOthersAreEnrolledAndSent(@TempDir Path dir)
      throws Exception {
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    csv.writeBytes(
        "id,email,first_name,company,top_services,email_confidence\n"
            .getBytes(StandardCharsets.UTF_8));
    for (int n = 1; n <= 10; n++) {
      String row =
          "L-"
              + n
              + ",lead"
              + n
              + "@example.com,"
              + NAMES[n - 1]
              + ",\""
              + COMPANIES[n - 1]
              + ", Ltd\","
              + SERVICES[n - 1]
              + ",Real\n";
      if (n == 2) {
        row = row.replace(NAMES[1], "Gr\u0000ace");
      } else if (n == 6) {
        row = row.replace(", Ltd\"", ", Ltd");
      }
      byte[] bytes = row.getBytes(StandardCharsets.UTF_8);
      if (n == 2) {
        bytes[row.indexOf('\u0000')] = (byte) 0xFF;
      }
      csv.writeBytes(bytes);
    }
    Path file = dir.resolve("leads.csv");
    Files.write(file, csv.toByteArray());
    CampaignEngine engine =
        CampaignEngine.builder()
            .schedule(SendSchedule.calendarDays())
            .store(store)
            .sender(sender)
            .clock(clock)
            .from(new Mailbox("hello@4runr.test", "4Runr"))
            .build();

    EnrolmentReport report = engine.enrol(CsvLeadSource.of(file));

    assertThat(report.read()).isEqualTo(10);
    assertThat(report.enrolled()).isEqualTo(8);
    assertThat(report.skips())
        .extracting(Skip::location, Skip::reason)
        .containsExactly(
            tuple("row 3", SkipReason.INVALID_LEAD), tuple("row 7", SkipReason.INVALID_LEAD));
    assertThat(report.skips().get(0).detail())
        .contains("first_name")
        .contains("not valid UTF-8")
        .contains("line 3");
    assertThat(report.skips().get(1).detail()).contains("quoted value opened on line 7");

    // The Hooks go out through the first day (the engine spaces sends); the Proof is days later.
    for (int n = 1; n <= 10; n++) {
      boolean readable = n != 2 && n != 6;
      assertThat(store.findCampaignsByLead("L-" + n))
          .as("campaigns of L-" + n)
          .hasSize(readable ? 1 : 0);
    }
    for (int minute = 0; minute < 24 * 60; minute += 5) {
      engine.runDue();
      clock.advance(Duration.ofMinutes(5));
    }

    assertThat(sender.sent())
        .extracting(OutgoingEmail::to)
        .containsExactlyInAnyOrder(
            "lead1@example.com",
            "lead3@example.com",
            "lead4@example.com",
            "lead5@example.com",
            "lead7@example.com",
            "lead8@example.com",
            "lead9@example.com",
            "lead10@example.com");
  }
}
