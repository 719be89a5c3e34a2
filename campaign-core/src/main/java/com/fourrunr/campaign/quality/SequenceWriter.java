package com.fourrunr.campaign.quality;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.GeneratedMessage;
import com.fourrunr.campaign.GenerationException;
import com.fourrunr.campaign.GenerationInfo;
import com.fourrunr.campaign.GenerationRequest;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.MessageGenerator;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes a lead's whole sequence through the {@link QualityGates}, applying the failure policy: a
 * step whose text fails the gates is written again (up to {@link #DEFAULT_ATTEMPTS} texts in all);
 * when the generator throws (it has done its own retries) or every text failed, the {@link
 * FallbackPolicy} applies: {@code TEMPLATE} writes the step with the fallback generator, {@code
 * HOLD} keeps the failing text and marks the sequence {@link WrittenSequence.Outcome#HELD held} for
 * review. A lead with no company description and no services is {@link
 * WrittenSequence.Outcome#SKIPPED skipped}: there is nothing to personalise with. The engine uses
 * it during enrolment, {@code campaign preview} uses it on its own.
 *
 * <pre>{@code
 * SequenceWriter writer = SequenceWriter.builder(openAi)
 *     .gates(QualityGates.defaults())
 *     .fallback(FallbackPolicy.TEMPLATE)
 *     .build();
 * WrittenSequence s = writer.write(lead, Sequence.hookProofFomo());
 * if (s.outcome() == WrittenSequence.Outcome.READY) writer.accept(lead, s);
 * }</pre>
 *
 * Thread-safe when its generators are.
 */
public final class SequenceWriter {
  /** Texts written per step before the fallback applies. */
  public static final int DEFAULT_ATTEMPTS = 2;

  private final MessageGenerator generator;
  private final MessageGenerator fallbackGenerator;
  private final QualityGates gates;
  private final FallbackPolicy fallback;
  private final int attempts;

  private SequenceWriter(Builder b) {
    this.generator = b.generator;
    this.fallbackGenerator = b.fallbackGenerator;
    this.gates = b.gates;
    this.fallback = b.fallback;
    this.attempts = b.attempts;
  }

  /** Starts a builder around the generator that writes the copy. */
  public static Builder builder(MessageGenerator generator) {
    return new Builder(generator);
  }

  /** The gates this writer checks with. */
  public QualityGates gates() {
    return gates;
  }

  /** The policy applied when the generator or its output fails. */
  public FallbackPolicy fallback() {
    return fallback;
  }

  /**
   * Whether the lead has enough data to personalise: a company description or at least one service.
   */
  public static boolean canPersonalise(Lead lead) {
    return !lead.companyDescription().isEmpty() || !lead.topServices().isEmpty();
  }

  /**
   * Writes and checks every step of {@code sequence} for {@code lead}. Never throws for a bad text.
   */
  public WrittenSequence write(Lead lead, Sequence sequence) {
    if (!canPersonalise(lead)) {
      return new WrittenSequence(
          WrittenSequence.Outcome.SKIPPED,
          List.of(),
          "company_description and top_services are both empty: nothing to personalise with");
    }
    List<GeneratedMessage> texts = new ArrayList<>();
    List<WrittenMessage> out = new ArrayList<>();
    List<String> holds = new ArrayList<>();
    for (int i = 0; i < sequence.size(); i++) {
      GenerationRequest request =
          new GenerationRequest(
              lead,
              sequence,
              i,
              texts,
              com.fourrunr.campaign.Experiment.variantOf(sequence, i, lead.id()));
      String step = "step " + (i + 1) + " (" + request.step().type() + ")";
      GeneratedMessage last = null;
      List<Verdict> lastVerdicts = List.of();
      String failure = "";
      int tries = 0;
      long[] tokens = new long[2];
      WrittenMessage accepted = null;
      for (int a = 0; a < attempts && accepted == null; a++) {
        tries++;
        GeneratedMessage m;
        try {
          m = Objects.requireNonNull(generator.generate(request), "generator returned null");
        } catch (RuntimeException e) {
          failure = "generator failed: " + e.getMessage();
          if (e instanceof GenerationException g && g.spent() != null) {
            count(tokens, g.spent());
          }
          break; // the generator has done its own retries
        }
        count(tokens, m);
        List<Verdict> v = gates.check(request, m);
        if (v.stream().allMatch(Verdict::passed)) {
          accepted =
              new WrittenMessage(
                  i, request.step().type(), m, v, tries, "none", "", tokens[0], tokens[1]);
        } else {
          last = m;
          lastVerdicts = v;
          failure =
              "gates failed "
                  + (tries == 1 ? "once" : tries + " times")
                  + ": "
                  + String.join(
                      ", ", v.stream().filter(x -> !x.passed()).map(Verdict::rule).toList());
        }
      }
      if (accepted == null && fallback == FallbackPolicy.TEMPLATE) {
        tries++;
        try {
          GeneratedMessage fb =
              Objects.requireNonNull(fallbackGenerator.generate(request), "fallback returned null");
          count(tokens, fb);
          List<Verdict> v = gates.check(request, fb);
          accepted =
              new WrittenMessage(
                  i,
                  request.step().type(),
                  fb,
                  v,
                  tries,
                  "template",
                  failure,
                  tokens[0],
                  tokens[1]);
          if (!accepted.passed()) {
            holds.add(
                step
                    + ": "
                    + failure
                    + "; the template fallback failed too: "
                    + accepted.failedRules());
          }
        } catch (RuntimeException e) {
          failure = failure + "; the template fallback failed: " + e.getMessage();
        }
      }
      if (accepted == null && last != null) {
        accepted =
            new WrittenMessage(
                i,
                request.step().type(),
                last,
                lastVerdicts,
                tries,
                fallback.name().toLowerCase(Locale.ROOT),
                failure,
                tokens[0],
                tokens[1]);
        holds.add(step + ": " + failure);
      }
      if (accepted == null) {
        return new WrittenSequence(WrittenSequence.Outcome.FAILED, out, step + ": " + failure);
      }
      out.add(accepted);
      texts.add(accepted.message());
    }
    return holds.isEmpty()
        ? new WrittenSequence(WrittenSequence.Outcome.READY, out, "")
        : new WrittenSequence(
            WrittenSequence.Outcome.HELD, out, "held for review: " + String.join("; ", holds));
  }

  private static void count(long[] tokens, GeneratedMessage m) {
    count(tokens, m.info());
  }

  private static void count(long[] tokens, GenerationInfo info) {
    tokens[0] += info.promptTokens();
    tokens[1] += info.completionTokens();
  }

  /**
   * Adds a sequence that is going out to the uniqueness window, so later leads are compared with
   * it.
   */
  public void accept(Lead lead, WrittenSequence sequence) {
    for (WrittenMessage m : sequence.messages()) {
      gates.remember("lead " + lead.id() + " " + m.type(), m.message());
    }
  }

  /** Collects the writer's settings; {@link #build()} rejects bad values at once. */
  public static final class Builder {
    private final MessageGenerator generator;
    private MessageGenerator fallbackGenerator = new TemplateMessageGenerator();
    private QualityGates gates = QualityGates.defaults();
    private FallbackPolicy fallback = FallbackPolicy.HOLD;
    private int attempts = DEFAULT_ATTEMPTS;

    private Builder(MessageGenerator generator) {
      this.generator = generator;
    }

    /** The gates to check with. Default: {@link QualityGates#defaults()} (with its own window). */
    public Builder gates(QualityGates gates) {
      this.gates = gates;
      return this;
    }

    /** The failure policy. Default: {@link FallbackPolicy#HOLD}. */
    public Builder fallback(FallbackPolicy fallback) {
      this.fallback = fallback;
      return this;
    }

    /**
     * The generator used by {@link FallbackPolicy#TEMPLATE}. Default: {@link
     * TemplateMessageGenerator}.
     */
    public Builder fallbackGenerator(MessageGenerator fallbackGenerator) {
      this.fallbackGenerator = fallbackGenerator;
      return this;
    }

    /**
     * Texts written per step before the fallback applies (1 to 5). Default: {@link
     * #DEFAULT_ATTEMPTS}.
     */
    public Builder attempts(int attempts) {
      this.attempts = attempts;
      return this;
    }

    /**
     * Checks the settings and builds the writer.
     *
     * @throws InvalidInputException listing every missing or bad setting
     */
    public SequenceWriter build() {
      List<FieldError> errors = new ArrayList<>();
      if (generator == null) {
        errors.add(new FieldError("generator", "is required"));
      }
      if (fallbackGenerator == null) {
        errors.add(new FieldError("fallbackGenerator", "must not be null"));
      }
      if (gates == null) {
        errors.add(new FieldError("gates", "must not be null"));
      }
      if (fallback == null) {
        errors.add(new FieldError("fallback", "must not be null"));
      }
      if (attempts < 1 || attempts > 5) {
        errors.add(new FieldError("attempts", attempts + " is not between 1 and 5"));
      }
      if (!errors.isEmpty()) {
        throw new InvalidInputException("SequenceWriter", errors);
      }
      return new SequenceWriter(this);
    }
  }

  @Override
  public String toString() {
    return "SequenceWriter[fallback=" + fallback + ", attempts=" + attempts + "]";
  }
}
