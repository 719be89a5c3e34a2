package com.fourrunr.campaign.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.ReplyClassification;
import com.fourrunr.campaign.ReplyPolicy;
import com.fourrunr.campaign.reply.RuleBasedReplyClassifier;
import com.fourrunr.campaign.smtp.InboundWebhook;
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
 * {@code campaign classify FILE.eml...}: categorises saved mails as the engine would and prints one
 * JSON object per line per file: {@code file}, {@code category}, {@code confidence} (0 to 1),
 * {@code returnDate} (ISO date or null), {@code reason} (the evidence, for people) and {@code
 * bounceReason} (a {@link com.fourrunr.campaign.BounceReason} for a bounce, else null). A file that
 * cannot be read, is empty, is not a mail (binary, plain text, no mail header), is larger than
 * {@link InboundWebhook#DEFAULT_MAX_BYTES} or goes over a limit of {@link MimeReplies} gets a line
 * with {@code category} null and {@code error} naming the file and the problem instead, and the
 * exit status is 1; the other files are still classified. No stack trace is printed.
 */
@Command(
    name = "classify",
    mixinStandardHelpOptions = true,
    description =
        "Categorises saved mails (.eml) with the rule-based classifier and prints one JSON object"
            + " per line per file: file, category, confidence, returnDate, reason, bounceReason.",
    footer = {
      "",
      "Sample mails to try (bounces, out-of-office, complaints, auto-replies, people's answers in"
          + " several languages):",
      "  ./campaign classify " + ClassifyCommand.SAMPLES + "/*.eml"
    })
final class ClassifyCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The folder of sample mails in the repository, named in the help. */
  static final String SAMPLES = "campaign-adapters-smtp/src/test/resources/replies";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE.eml", description = "The mails to classify.")
  List<Path> files;

  @Option(
      names = "--min-confidence",
      defaultValue = "0.5",
      paramLabel = "N",
      description =
          "Verdicts below this confidence are NEEDS_REVIEW, as in the engine (default: ${DEFAULT-VALUE}).")
  double minConfidence;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ReplyPolicy policy;
    try {
      policy = ReplyPolicy.defaults().withMinConfidence(minConfidence);
    } catch (InvalidInputException e) {
      spec.commandLine()
          .getErr()
          .println("--min-confidence: " + minConfidence + " is not between 0 and 1");
      return 2;
    }
    RuleBasedReplyClassifier classifier = new RuleBasedReplyClassifier();
    int status = 0;
    for (Path file : files) {
      ObjectNode line = JSON.createObjectNode();
      line.put("file", file.toString());
      try {
        long size = Files.size(file);
        if (size > InboundWebhook.DEFAULT_MAX_BYTES) {
          throw new IllegalArgumentException(
              file
                  + ": "
                  + size
                  + " bytes is over the limit of "
                  + InboundWebhook.DEFAULT_MAX_BYTES
                  + " bytes");
        }
        byte[] raw = Files.readAllBytes(file);
        Instant modified = Files.getLastModifiedTime(file).toInstant();
        InboundReply reply;
        try {
          reply = MimeReplies.parse(raw, modified, "file");
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        ReplyClassification c = policy.review(classifier.classify(reply));
        line.put("category", c.category().name());
        line.put("confidence", c.confidence());
        line.put("returnDate", c.returnDate() == null ? null : c.returnDate().toString());
        line.put("reason", c.evidence());
        line.put("bounceReason", c.reason() == null ? null : c.reason().name());
      } catch (IOException e) {
        line.putNull("category");
        line.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
        status = 1;
      } catch (RuntimeException e) {
        // Bad input (IllegalArgumentException, MailLimitException) or a failure of a parser on it:
        // a line,
        // never a stack trace.
        line.putNull("category");
        line.put(
            "error",
            e instanceof IllegalArgumentException
                    && e.getMessage() != null
                    && e.getMessage().startsWith(file.toString())
                ? e.getMessage()
                : file + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        status = 1;
      }
      out.println(line);
    }
    out.flush();
    return status;
  }
}
