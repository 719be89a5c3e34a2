package com.fourrunr.campaign.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.ReplyClassification;
import com.fourrunr.campaign.ReplyPolicy;
import com.fourrunr.campaign.reply.RuleBasedReplyClassifier;
import com.fourrunr.campaign.smtp.MimeReplies;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code campaign classify FILE.eml...}: categorises saved mails as the engine would and prints one JSON
 * object per line per file: {@code file}, {@code category}, {@code confidence} (0 to 1), {@code returnDate}
 * (ISO date or null) and {@code reason}. A file that cannot be read gets a line with {@code error} instead,
 * and the exit status is 1; the other files are still classified.
 */
@Command(
    name = "classify",
    mixinStandardHelpOptions = true,
    description = "Categorises saved mails (.eml) with the rule-based classifier and prints one JSON object"
        + " per line per file: file, category, confidence, returnDate, reason.")
final class ClassifyCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE.eml", description = "The mails to classify.")
  List<Path> files;

  @Option(names = "--min-confidence", defaultValue = "0.5", paramLabel = "N",
      description = "Verdicts below this confidence are NEEDS_REVIEW, as in the engine (default: ${DEFAULT-VALUE}).")
  double minConfidence;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ReplyPolicy policy;
    try {
      policy = ReplyPolicy.defaults().withMinConfidence(minConfidence);
    } catch (InvalidInputException e) {
      spec.commandLine().getErr().println("--min-confidence: " + minConfidence + " is not between 0 and 1");
      return 2;
    }
    RuleBasedReplyClassifier classifier = new RuleBasedReplyClassifier();
    int status = 0;
    for (Path file : files) {
      ObjectNode line = JSON.createObjectNode();
      line.put("file", file.toString());
      try {
        byte[] raw = Files.readAllBytes(file);
        Instant modified = Files.getLastModifiedTime(file).toInstant();
        InboundReply reply = MimeReplies.parse(raw, modified, "file");
        ReplyClassification c = policy.review(classifier.classify(reply));
        line.put("category", c.category().name());
        line.put("confidence", c.confidence());
        line.put("returnDate", c.returnDate() == null ? null : c.returnDate().toString());
        line.put("reason", c.evidence());
      } catch (IOException | IllegalArgumentException e) {
        line.putNull("category");
        line.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
        status = 1;
      }
      out.println(line);
    }
    out.flush();
    return status;
  }
}
