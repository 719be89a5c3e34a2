package com.fourrunr.campaign.bench;

import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.OutgoingEmail;
import com.fourrunr.campaign.tracking.LinkTracker;
import com.fourrunr.campaign.tracking.TrackingTokens;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Tracking's two hot paths, each beside its baseline in the same run: rewriting one outgoing email
 * (a 2 KB HTML and text body with three links) against signing its four tokens alone (three clicks
 * and the pixel: the crypto no rewriting can avoid); and checking one click token against one bare
 * HMAC-SHA256 of the same bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TrackingBenchmark {
  private static final byte[] KEY =
      "bench-tracking-key-0123456789-0123456789".getBytes(StandardCharsets.UTF_8);
  private static final List<String> LINKS =
      List.of(
          "https://4runr.com/case-studies/northwind?utm_source=mail",
          "https://4runr.com/pricing",
          "https://calendly.com/4runr/intro-call");

  TrackingTokens tokens;
  LinkTracker tracker;
  OutgoingEmail email;
  CampaignMessage message;
  String clickToken;
  byte[] clickTokenBody;
  SecretKeySpec macKey;

  @Setup
  public void setUp() {
    tokens = TrackingTokens.withKey(KEY);
    tracker = LinkTracker.builder("https://t.4runr.com", tokens).build();
    StringBuilder html = new StringBuilder("<html><body>");
    StringBuilder text = new StringBuilder();
    while (html.length() < 2_000) {
      html.append("<p>Hi Ada, teams like Northwind cut their route planning time in half. ");
      text.append("Hi Ada, teams like Northwind cut their route planning time in half.\n");
      for (String link : LINKS) {
        html.append("<a href=\"").append(link).append("\">more</a> ");
        text.append(link).append('\n');
      }
      html.append("</p>");
    }
    html.append("</body></html>");
    email =
        new OutgoingEmail(
            new Mailbox("hello@4runr.com", "4Runr"),
            "ada@northwind.example",
            "Route planning",
            text.toString(),
            html.toString(),
            "<m-1@4runr.com>",
            null,
            List.of(),
            Map.of(),
            null,
            "C-1");
    message =
        CampaignMessage.pending(
            "M-000001",
            "C-000001",
            "L-000001",
            0,
            MessageType.HOOK,
            "Route planning",
            text.toString(),
            html.toString());
    clickToken = tokens.click("C-000001", "M-000001", 0, 3, LINKS.get(0));
    clickTokenBody =
        clickToken.substring(0, clickToken.lastIndexOf('.')).getBytes(StandardCharsets.UTF_8);
    macKey = new SecretKeySpec(KEY, "HmacSHA256");
  }

  @Benchmark
  public OutgoingEmail trackEmail() {
    return tracker.track(email, message);
  }

  @Benchmark
  public int baselineSignFourTokens() {
    int length = tokens.open(message.campaignId(), message.id()).length();
    for (int i = 0; i < LINKS.size(); i++) {
      length +=
          tokens.click(message.campaignId(), message.id(), i, LINKS.size(), LINKS.get(i)).length();
    }
    return length;
  }

  @Benchmark
  public Optional<TrackingTokens.Click> verifyClickToken() {
    return tokens.verifyClick(clickToken);
  }

  @Benchmark
  public byte[] baselineOneHmac() throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(macKey);
    return mac.doFinal(clickTokenBody);
  }
}
