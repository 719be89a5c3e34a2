package com.fourrunr.campaign.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fourrunr.campaign.EnrolmentRules;
import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.LeadRecord;
import com.fourrunr.campaign.LeadSource;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.quality.QualityGates;
import com.fourrunr.campaign.quality.SequenceWriter;
import com.fourrunr.campaign.quality.Verdict;
import com.fourrunr.campaign.quality.WrittenMessage;
import com.fourrunr.campaign.quality.WrittenSequence;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code campaign preview}: writes and checks every lead's sequence without sending anything,
 * printing one JSON object per line per message ({@code leadId}, {@code step}, {@code type}, {@code
 * subject}, {@code body}, {@code verdicts} with each rule's {@code rule}, {@code result} and {@code
 * score}, and the audit facts), and one line with {@code leadId} and {@code error} for a lead that
 * is skipped or held. A row of the file that makes no lead (bad value, invalid UTF-8, a quote never
 * closed) prints a line with a null {@code leadId}, its {@code location} ({@code row 7}), the
 * {@code error} and the file's {@code line}; the other rows go on.
 */
final class Preview {
  private final ObjectMapper json = new ObjectMapper();
  private final SequenceWriter writer;
  private final Sequence sequence;
  private final PrintWriter out;

  /** What one preview found. */
  record Counts(int leads, int ready, int held, int skipped) {}

  Preview(GeneratorChoice choice, Sequence sequence, PrintWriter out) {
    this.writer =
        SequenceWriter.builder(choice.generator())
            .gates(QualityGates.defaults())
            .fallback(choice.fallback())
            .build();
    this.sequence = sequence;
    this.out = out;
  }

  Counts run(LeadSource source) {
    int leads = 0;
    int ready = 0;
    int held = 0;
    int skipped = 0;
    try (Stream<LeadRecord> records = source.read()) {
      Iterator<LeadRecord> it = records.iterator();
      while (it.hasNext()) {
        LeadRecord record = it.next();
        leads++;
        if (record instanceof LeadRecord.Invalid invalid) {
          skipped++;
          ObjectNode line = json.createObjectNode();
          line.putNull("leadId");
          line.put("location", invalid.location());
          line.put(
              "error",
              "INVALID_LEAD: "
                  + invalid.errors().stream()
                      .map(FieldError::toString)
                      .collect(Collectors.joining("; ")));
          if (invalid.line() > 0) {
            line.put("line", invalid.line());
          }
          print(line);
          continue;
        }
        Lead lead = ((LeadRecord.Valid) record).lead();
        // The engine's own rule: a lead enrolment would skip gets no copy, only its reason.
        EnrolmentRules.Skip rule = EnrolmentRules.check(lead);
        if (rule != null) {
          skipped++;
          print(error(lead, rule.toString()));
          continue;
        }
        WrittenSequence written = writer.write(lead, sequence);
        for (WrittenMessage m : written.messages()) {
          print(line(lead, m));
        }
        switch (written.outcome()) {
          case READY -> {
            ready++;
            writer.accept(lead, written);
          }
          case HELD -> {
            held++;
            print(error(lead, "HELD: " + written.reason()));
          }
          case SKIPPED -> {
            skipped++;
            print(error(lead, "INSUFFICIENT_DATA: " + written.reason()));
          }
          case FAILED -> {
            skipped++;
            print(error(lead, "GENERATION_FAILED: " + written.reason()));
          }
          default -> throw new IllegalStateException("unhandled outcome " + written.outcome());
        }
      }
    }
    out.flush();
    return new Counts(leads, ready, held, skipped);
  }

  private ObjectNode line(Lead lead, WrittenMessage m) {
    ObjectNode line = json.createObjectNode();
    line.put("leadId", lead.id());
    line.put("step", m.stepIndex() + 1);
    line.put("type", m.type().name());
    line.put("subject", m.message().subject());
    line.put("body", m.message().textBody());
    line.put("passed", m.passed());
    ArrayNode verdicts = line.putArray("verdicts");
    for (Verdict v : m.verdicts()) {
      verdicts
          .addObject()
          .put("rule", v.rule())
          .put("result", v.passed() ? "pass" : "fail")
          .put("score", Math.round(v.score() * 1000) / 1000.0)
          .put("detail", v.detail());
    }
    line.put("generator", m.message().info().generator());
    line.put("promptVersion", m.message().info().promptVersion());
    line.put("model", m.message().info().model());
    line.put("promptTokens", m.promptTokens());
    line.put("completionTokens", m.completionTokens());
    line.put("attempts", m.attempts());
    line.put("fallback", m.fallback());
    line.put("fallbackReason", m.fallbackReason());
    return line;
  }

  private ObjectNode error(Lead lead, String error) {
    ObjectNode line = json.createObjectNode();
    line.put("leadId", lead.id());
    line.put("error", error);
    return line;
  }

  private void print(ObjectNode line) {
    try {
      out.println(json.writeValueAsString(line));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
