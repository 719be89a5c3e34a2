package com.fourrunr.campaign.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.jdbc.EmbeddedDatabase;
import com.fourrunr.campaign.jdbc.JdbcCampaignStore;
import com.fourrunr.campaign.spi.CampaignStore;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code campaign serve} killed with SIGKILL while it sends, again and again: the real command line
 * in a child JVM, the real engine, JDBC store and SMTP sender, against a GreenMail SMTP sink in
 * this JVM. Each kill comes at a seeded random point after the sink received one or two new
 * messages; the child is then started again on the same database. At the end, at the sink, by
 * Message-ID and by recipient and step: no step was delivered twice and none was lost (each was
 * sent once, or is listed as uncertain by the store and was delivered at most once). On the
 * embedded database and on PostgreSQL.
 *
 * <p>The schedule makes every message due at once (a one-step sequence, a send window of the whole
 * day in a zone where it is midday), so nothing waits for a clock; every wait is a bounded poll of
 * the sink or the child. The claim lease (5 minutes) never runs out during the test: a message a
 * killed child had claimed is only sent because the restarted child, under the same instance id,
 * takes its claims back at once.
 */
class CrashLoopTest {
  /**
   * Enough that twenty children, each killed some tens of milliseconds after its first sends, do
   * not drain the queue before the last start: with send batches on PostgreSQL (one statement per
   * send) a child sends about 17 messages before its kill, and 300 leads ran out after 17 kills.
   */
  private static final int LEADS = 600;

  private static final int KILLS = 20;
  private static final long SEED = 22L;
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Pattern LISTENING = Pattern.compile("service on (http://\\S+/)");
  private static final Pattern INSTANCE = Pattern.compile("instance: (\\S+)\\)");
  private static final Pattern ENROLLED = Pattern.compile("enrolled (\\d+) of (\\d+) leads");

  /** The API token /api/queue is read with (its SHA-256 in CAMPAIGN_API_TOKEN_SHA256). */
  private static final String API_TOKEN = "crash-loop-api-token-0123456789abcdef";

  @TempDir Path dir;

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void killedTwentyTimesWhileSendingOnTheEmbeddedDatabaseNothingIsSentTwiceOrLost()
      throws Exception {
    Path data = dir.resolve("data");
    Result r =
        crashLoop(
            "embedded H2", Map.of(), data, () -> EmbeddedDatabase.file(data.resolve("campaign")));
    r.assertHolds();
  }

  @Test
  void killedTwentyTimesWhileSendingOnPostgresqlNothingIsSentTwiceOrLost() throws Exception {
    try (EmbeddedPostgres pg =
        EmbeddedPostgres.builder()
            // the server is not what is killed here: no fsync keeps its commits fast
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off")
            .start()) {
      String url = pg.getJdbcUrl("postgres", "postgres");
      Result r =
          crashLoop(
              "PostgreSQL",
              Map.of("CAMPAIGN_JDBC_URL", url, "CAMPAIGN_JDBC_USER", "postgres"),
              dir.resolve("data"),
              () -> {
                PGSimpleDataSource ds = new PGSimpleDataSource();
                ds.setUrl(url);
                ds.setUser("postgres");
                return ds;
              });
      r.assertHolds();
    }
  }

  /** What the loop did and found. */
  private record Result(
      String database,
      int kills,
      int enrolled,
      int heldForReview,
      int messages,
      int delivered,
      int duplicatesById,
      int duplicatesByStep,
      int lost,
      int uncertain,
      int uncertainDelivered,
      int heldBehindUncertain,
      int unknownAtSink,
      List<String> problems,
      long millis,
      List<String> instanceIds) {
    void assertHolds() {
      assertThat(kills).isGreaterThanOrEqualTo(KILLS);
      assertThat(enrolled).isEqualTo(LEADS);
      assertThat(heldForReview).as("campaigns the gates held for review").isLessThan(LEADS / 4);
      assertThat(instanceIds).as("every restart used the same instance id").hasSize(1);
      assertThat(duplicatesById).as("Message-IDs delivered twice").isZero();
      assertThat(duplicatesByStep).as("recipient+step delivered twice").isZero();
      assertThat(unknownAtSink).as("mails whose Message-ID the store does not know").isZero();
      assertThat(lost).as("lost steps").isZero();
      assertThat(problems).isEmpty();
      assertThat(delivered + uncertain - uncertainDelivered + heldBehindUncertain)
          .as("every message is delivered, uncertain or held behind an uncertain step")
          .isEqualTo(messages);
    }
  }

  private interface DataSources {
    DataSource open() throws Exception;
  }

  private Result crashLoop(
      String database, Map<String, String> dbEnv, Path data, DataSources reopen) throws Exception {
    long started = System.nanoTime();
    GreenMail sink = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    sink.start();
    try {
      Path leads = writeLeads(dir.resolve("leads.csv"));
      Map<String, String> env = new HashMap<>(dbEnv);
      env.put("CAMPAIGN_MAILBOX_ADDRESS", "hello@4runr.test");
      env.put("CAMPAIGN_SMTP_HOST", "127.0.0.1");
      env.put("CAMPAIGN_SMTP_PORT", String.valueOf(sink.getSmtp().getPort()));
      env.put("CAMPAIGN_SMTP_SECURITY", "NONE");
      env.put(
          "CAMPAIGN_API_TOKEN_SHA256",
          com.fourrunr.campaign.smtp.WebhookSignature.sha256Hex(API_TOKEN));
      // One step: a later step waits at least a minute after the one before it, and this test does
      // not
      // wait for the clock. The store's record of each step is what is checked, whatever the step.
      env.put("CAMPAIGN_SEQUENCE_DAYS", "0");
      env.put("CAMPAIGN_SEND_WINDOW", "00:00-23:59");
      env.put("CAMPAIGN_SEND_DAYS", "MON-SUN");
      env.put("CAMPAIGN_SEND_JITTER", "false");
      env.put("CAMPAIGN_COUNTRY_HOLIDAYS", "false");

      Random random = new Random(SEED);
      List<String> instanceIds = new ArrayList<>();
      int kills = 0;
      int enrolled = -1;
      while (kills < KILLS) {
        int before = sink.getReceivedMessages().length;
        int target = before + 1 + random.nextInt(2);
        Child child = Child.start(env, data, kills == 0 ? leads : null);
        boolean sending =
            poll(() -> sink.getReceivedMessages().length >= target || !child.process.isAlive());
        assertThat(child.process.isAlive())
            .as("child %d runs; output:%n%s", kills, child.output())
            .isTrue();
        assertThat(sending)
            .as(
                "child %d sends within %s (sink has %d of %d); queue %s; output:%n%s",
                kills,
                WAIT,
                sink.getReceivedMessages().length,
                target,
                queue(child),
                child.output())
            .isTrue();
        // a little later still, at a random point: between two sends, in a hand-over, or in a
        // commit
        int jitterMillis = random.nextInt(25);
        if (jitterMillis > 0) {
          TimeUnit.MILLISECONDS.sleep(jitterMillis);
        }
        child.process.destroyForcibly(); // SIGKILL
        assertThat(child.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        kills++;
        if (enrolled < 0) {
          enrolled = child.enrolled();
        }
        child.instanceId().ifPresent(instanceIds::add);
      }

      // The last start runs until nothing is due any more, then stops normally.
      Child last = Child.start(env, data, null);
      URI base = last.awaitAddress();
      assertThat(base).as("the last child serves; output:%n%s", last.output()).isNotNull();
      boolean drained = poll(() -> queueDrained(base));
      assertThat(drained)
          .as("the last child sends everything left; output:%n%s", last.output())
          .isTrue();
      last.instanceId().ifPresent(instanceIds::add);
      last.process.destroy();
      last.process.waitFor(30, TimeUnit.SECONDS);
      last.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

      Result r =
          verify(
              database,
              kills,
              enrolled,
              sink,
              JdbcCampaignStore.create(reopen.open()),
              System.nanoTime() - started,
              instanceIds.stream().distinct().toList());
      System.out.printf(
          Locale.ROOT,
          "crash loop on %s: kills %d, leads %d (%d held for review by the gates),"
              + " messages %d, delivered %d,"
              + " duplicates by Message-ID %d, duplicates by recipient+step %d, lost %d, uncertain %d (%d of them"
              + " delivered once), held behind uncertain %d, unknown at sink %d, %.1f s (seed %d)%n",
          r.database,
          r.kills,
          r.enrolled,
          r.heldForReview,
          r.messages,
          r.delivered,
          r.duplicatesById,
          r.duplicatesByStep,
          r.lost,
          r.uncertain,
          r.uncertainDelivered,
          r.heldBehindUncertain,
          r.unknownAtSink,
          r.millis / 1000.0,
          SEED);
      return r;
    } finally {
      sink.stop();
    }
  }

  private String queue(Child child) {
    try {
      URI base = child.find(LISTENING).map(m -> URI.create(m.group(1))).orElse(null);
      return base == null
          ? "unknown"
          : http.send(
                  HttpRequest.newBuilder(base.resolve("api/queue"))
                      .timeout(Duration.ofSeconds(5))
                      .header("Authorization", "Bearer " + API_TOKEN)
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
    } catch (Exception e) {
      return e.toString();
    }
  }

  private boolean queueDrained(URI base) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(base.resolve("api/queue"))
                  .timeout(Duration.ofSeconds(5))
                  .header("Authorization", "Bearer " + API_TOKEN)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode counts = json.readTree(response.body()).path("counts");
      return response.statusCode() == 200
          && counts.path("due").asInt(-1) == 0
          && counts.path("scheduled").asInt(-1) == 0;
    } catch (Exception e) {
      return false;
    }
  }

  private Result verify(
      String database,
      int kills,
      int enrolled,
      GreenMail sink,
      CampaignStore store,
      long nanos,
      List<String> instanceIds)
      throws Exception {
    // At the sink: by Message-ID, and by recipient and step (the step is the length of the
    // References
    // chain: a Proof refers to its Hook, a FOMO to both).
    Map<String, Integer> byId = new HashMap<>();
    Map<String, Integer> byRecipientStep = new HashMap<>();
    for (MimeMessage m : sink.getReceivedMessages()) {
      String id = m.getMessageID();
      String to =
          ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0])
              .getAddress()
              .toLowerCase(Locale.ROOT);
      String references = m.getHeader("References", " ");
      int step = references == null ? 0 : references.trim().split("\\s+").length;
      byId.merge(id, 1, Integer::sum);
      byRecipientStep.merge(to + "#" + step, 1, Integer::sum);
    }
    int duplicatesById = (int) byId.values().stream().filter(n -> n > 1).count();
    int duplicatesByStep = (int) byRecipientStep.values().stream().filter(n -> n > 1).count();

    // In the store: every message sent (and at the sink once), uncertain (at the sink at most
    // once), or
    // waiting behind an uncertain step of its campaign; nothing else.
    List<String> problems = new ArrayList<>();
    Map<String, Boolean> known = new HashMap<>();
    int messages = 0;
    int delivered = 0;
    int lost = 0;
    int uncertain = 0;
    int uncertainDelivered = 0;
    int held = 0;
    int heldForReview = 0;
    String after = null;
    while (true) {
      List<Campaign> page = store.listCampaigns(after, 200);
      if (page.isEmpty()) {
        break;
      }
      for (Campaign c : page) {
        after = c.id();
        if (c.status() == CampaignStatus.HELD) {
          // held for review at enrolment by the quality gates: nothing of it may have gone out
          heldForReview++;
          for (CampaignMessage m : store.findMessages(c.id())) {
            if (m.status() != DeliveryStatus.PENDING) {
              problems.add("held campaign " + c.id() + " has message " + m.id() + " " + m.status());
            }
          }
          continue;
        }
        boolean blocked = false;
        for (CampaignMessage m : store.findMessages(c.id())) {
          messages++;
          int atSink = m.messageId() == null ? 0 : byId.getOrDefault(m.messageId(), 0);
          if (m.messageId() != null) {
            known.put(m.messageId(), true);
          }
          if (m.status() == DeliveryStatus.SENT) {
            if (atSink == 1) {
              delivered++;
            } else {
              lost++;
              problems.add(m.id() + " is SENT but at the sink " + atSink + " times");
            }
          } else if (m.status() == DeliveryStatus.SENDING) {
            uncertain++;
            blocked = true;
            if (atSink == 1) {
              uncertainDelivered++;
              delivered++;
            } else if (atSink > 1) {
              problems.add("uncertain " + m.id() + " is at the sink " + atSink + " times");
            }
          } else if (blocked && m.status() == DeliveryStatus.PENDING) {
            held++;
          } else {
            lost++;
            problems.add(m.id() + " (step " + m.stepIndex() + ") ended " + m.status());
          }
        }
      }
    }
    int unknown = (int) byId.keySet().stream().filter(id -> !known.containsKey(id)).count();
    return new Result(
        database,
        kills,
        enrolled,
        heldForReview,
        messages,
        delivered,
        duplicatesById,
        duplicatesByStep,
        lost,
        uncertain,
        uncertainDelivered,
        held,
        unknown,
        problems,
        TimeUnit.NANOSECONDS.toMillis(nanos),
        instanceIds);
  }

  /** Polls until {@code done} or {@link #WAIT} has passed. */
  private static boolean poll(BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (done.getAsBoolean()) {
        return true;
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
    return done.getAsBoolean();
  }

  private static final String[][] PROFILES = {
    {
      "Logistics",
      "runs cross-border trucking between Lagos and Accra with live shipment tracking",
      "Cross-border trucking;Shipment tracking"
    },
    {
      "Healthcare",
      "operates family dental clinics open evenings and Saturdays",
      "Family dentistry;Orthodontics"
    },
    {
      "Software",
      "builds payroll software for restaurants with shift planning built in",
      "Payroll software;Shift planning"
    },
    {
      "Manufacturing",
      "machines aluminium parts for e-bike makers in small batches",
      "CNC machining;Anodising"
    },
    {
      "Retail",
      "sells refurbished office furniture online with next-day delivery",
      "Refurbished desks;Office chairs"
    },
    {
      "Hospitality",
      "runs three boutique hotels on the coast with a farm-to-table restaurant",
      "Boutique rooms;Event catering"
    },
    {
      "Construction",
      "installs solar roofs on warehouses and farm buildings",
      "Solar roofing;Battery storage"
    },
    {
      "Education",
      "teaches coding bootcamps for career changers in the evenings",
      "Web development courses;Career coaching"
    },
    {
      "Finance",
      "handles bookkeeping and tax filings for freelancers and small agencies",
      "Bookkeeping;Tax filing"
    },
    {
      "Agriculture",
      "grows greenhouse tomatoes and supplies supermarkets year round",
      "Greenhouse produce;Cold-chain supply"
    },
    {
      "Legal",
      "advises start-ups on employment contracts and share options",
      "Employment law;Equity plans"
    },
    {"Marketing", "produces short product videos for online shops", "Product videos;Social ads"},
    {
      "Energy",
      "services wind turbines for community energy cooperatives",
      "Turbine maintenance;Blade inspection"
    },
    {
      "Real estate",
      "manages student housing near three universities",
      "Property management;Tenant services"
    },
    {
      "Food",
      "bakes sourdough bread for cafes and delivers before seven",
      "Wholesale bread;Pastries"
    }
  };
  private static final String[] FIRST_NAMES = {
    "Ada",
    "Grace",
    "Alan",
    "Edsger",
    "Barbara",
    "Donald",
    "Frances",
    "Ken",
    "Radia",
    "Niklaus",
    "Margaret",
    "Tim",
    "Hedy",
    "Linus",
    "Katherine",
    "Dennis",
    "Shafi",
    "Leslie"
  };
  private static final String[] WORDS = {
    "Brightline",
    "Andes",
    "Northwind",
    "Copperleaf",
    "Bluewater",
    "Redwood",
    "Silverline",
    "Greenfield",
    "Stonebridge",
    "Kestrel",
    "Harbour",
    "Summit",
    "Orchard",
    "Lantern",
    "Meridian",
    "Foxglove",
    "Ironbark",
    "Juniper"
  };
  private static final String[] TITLES = {
    "Head of Growth", "COO", "Founder", "Operations Director", "Managing Director", "VP Sales"
  };

  /**
   * Leads of varied companies (the quality gates hold copy too like the last ones), whose local
   * time is about midday now, so the whole-day window never ends during the test.
   */
  private static Path writeLeads(Path file) throws Exception {
    int offset = Math.floorMod(12 - LocalTime.now(ZoneOffset.UTC).getHour() + 12, 24) - 12;
    // Etc/GMT-N is N hours east of UTC
    String zone = offset == 0 ? "Etc/GMT" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset);
    StringBuilder csv =
        new StringBuilder(
            "id,email,first_name,last_name,title,company,domain,industry,"
                + "company_size,city,region,country,timezone,email_confidence,company_description,top_services\n");
    for (int i = 1; i <= LEADS; i++) {
      String[] profile = PROFILES[i % PROFILES.length];
      String name = FIRST_NAMES[i % FIRST_NAMES.length];
      String word = WORDS[(i * 7) % WORDS.length];
      String company = word + " " + profile[0].split(" ")[0] + " " + i;
      String domain = word.toLowerCase(Locale.ROOT) + i + ".example";
      csv.append(
          String.format(
              Locale.ROOT,
              "L-%03d,%s.%d@%s,%s,Okafor,%s,%s,%s,%s,51-200,Lagos,Lagos,,%s,Real,"
                  + "\"%s %s.\",%s%n",
              i,
              name.toLowerCase(Locale.ROOT),
              i,
              domain,
              name,
              TITLES[i % TITLES.length],
              company,
              domain,
              profile[0],
              zone,
              company,
              profile[1],
              profile[2]));
    }
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    return file;
  }

  /** One {@code campaign serve} in its own JVM, its output collected. */
  private static final class Child {
    final Process process;
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    private Child(Process process) {
      this.process = process;
      Thread drain =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = r.readLine()) != null) {
                    lines.add(line);
                  }
                } catch (java.io.IOException e) {
                  // the process died: its output ends here
                }
              },
              "crash-loop-child-output");
      drain.setDaemon(true);
      drain.start();
    }

    static Child start(Map<String, String> env, Path data, Path leads) throws Exception {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command =
          new ArrayList<>(
              List.of(
                  java,
                  "-XX:TieredStopAtLevel=1",
                  "-XX:+UseSerialGC",
                  "-Xshare:auto",
                  "-Dorg.slf4j.simpleLogger.log.com.fourrunr=info",
                  "-cp",
                  System.getProperty("java.class.path"),
                  "com.fourrunr.campaign.examples.CampaignCli",
                  "serve",
                  "--port",
                  "0",
                  "--data",
                  data.toString(),
                  "--tick",
                  "1"));
      if (leads != null) {
        command.addAll(List.of("--leads", leads.toString()));
      }
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      pb.environment().keySet().removeIf(k -> k.startsWith("CAMPAIGN_"));
      pb.environment().putAll(env);
      return new Child(pb.start());
    }

    String output() {
      synchronized (lines) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
      }
    }

    private java.util.Optional<Matcher> find(Pattern p) {
      synchronized (lines) {
        for (String line : lines) {
          Matcher m = p.matcher(line);
          if (m.find()) {
            return java.util.Optional.of(m);
          }
        }
      }
      return java.util.Optional.empty();
    }

    URI awaitAddress() throws InterruptedException {
      poll(() -> find(LISTENING).isPresent() || !process.isAlive());
      return find(LISTENING).map(m -> URI.create(m.group(1))).orElse(null);
    }

    int enrolled() {
      return find(ENROLLED).map(m -> Integer.parseInt(m.group(1))).orElse(-1);
    }

    java.util.Optional<String> instanceId() {
      return find(INSTANCE).map(m -> m.group(1));
    }
  }
}
