package com.fourrunr.campaign.quality;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.GeneratedMessage;
import com.fourrunr.campaign.GenerationRequest;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.SequenceStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks generated copy against 4Runr's standards before anything is sent. Three gates, each a set
 * of rules giving a {@link Verdict}:
 *
 * <ul>
 *   <li><b>brand</b>: {@code brand.banned-phrases} (clichés, spam triggers, pushy or begging
 *       language; configurable), {@code brand.body-length} (words, bounds per message type), {@code
 *       brand.subject-length}, {@code brand.placeholders} (no {@code {{...}}}, {@code [Name]},
 *       {@code {first_name}}), {@code brand.subject-characters} (no control characters or line
 *       breaks), {@code brand.personalisation} (a fact about the lead's company: its name, a
 *       service or its description), {@code brand.questions} (a Hook asks at most one question),
 *       {@code brand.no-call-to-buy} (Hook and Proof), {@code brand.urgency} (FOMO names a real
 *       constraint).
 *   <li><b>progression</b>: {@code progression.order} (the step follows the ones before it, Hook
 *       before Proof before FOMO), {@code progression.distinct} (differs from the earlier steps),
 *       {@code progression.builds-on} (a later step refers back to the earlier ones).
 *   <li><b>uniqueness</b>: {@code uniqueness.recent}: MinHash similarity to the closest of the
 *       recent messages of other campaigns stays under a threshold; messages join the window
 *       through {@link #remember}.
 * </ul>
 *
 * Built by {@link #builder()} or {@link #defaults()}; thread-safe.
 */
public final class QualityGates {
  /** Default banned phrases: clichés, spam-trigger words, pushy sales language, begging. */
  public static final List<String> DEFAULT_BANNED_PHRASES =
      List.of(
          "game changer",
          "game-changer",
          "revolutionary",
          "cutting-edge",
          "cutting edge",
          "synergy",
          "best-in-class",
          "world-class",
          "next-level",
          "paradigm shift",
          "low-hanging fruit",
          "circle back",
          "touch base",
          "just checking in",
          "just following up",
          "bumping this",
          "hope this email finds you well",
          "hope this finds you well",
          "act now",
          "buy now",
          "order now",
          "limited time offer",
          "limited-time offer",
          "100% guaranteed",
          "guaranteed results",
          "risk-free",
          "risk free",
          "click here",
          "no obligation",
          "don't miss out",
          "last chance",
          "once in a lifetime",
          "exclusive deal",
          "expires today",
          "only today",
          "skyrocket",
          "10x your",
          "crush it",
          "urgent",
          "asap",
          "please, please",
          "i'm begging",
          "desperate",
          "sorry to bother you",
          "i would be so grateful",
          "you'd be crazy",
          "what are you waiting for",
          "!!",
          "$$$",
          "free money",
          "make money fast");

  /** Default phrases that make a call to buy (not allowed in a Hook or a Proof). */
  public static final List<String> DEFAULT_CALL_TO_BUY =
      List.of(
          "buy",
          "purchase",
          "sign up",
          "signup",
          "subscribe",
          "pricing",
          "price list",
          "discount",
          "special offer",
          "book a call",
          "book a demo",
          "book a meeting",
          "schedule a call",
          "schedule a demo",
          "free trial",
          "our plans",
          "get started today",
          "request a quote",
          "sign the contract",
          "% off");

  /** Default phrases that carry an urgency element (at least one needed in a FOMO). */
  public static final List<String> DEFAULT_URGENCY =
      List.of(
          "slot",
          "slots",
          "places",
          "quarter",
          "this month",
          "next month",
          "window",
          "capacity",
          "deadline",
          "limited",
          "only take",
          "a few new",
          "season",
          "by the end of",
          "coming weeks",
          "onboarding",
          "spring",
          "summer",
          "autumn",
          "winter",
          "year-end",
          "year end",
          "q1",
          "q2",
          "q3",
          "q4");

  /** Default phrases by which a later step refers back to an earlier one. */
  public static final List<String> DEFAULT_BACK_REFERENCES =
      List.of(
          "my note",
          "my notes",
          "my earlier",
          "my last",
          "my previous",
          "earlier note",
          "earlier message",
          "earlier email",
          "last note",
          "follow-on",
          "follow on",
          "following up on",
          "follow up on",
          "as i mentioned",
          "i mentioned",
          "i wrote",
          "last week",
          "closing the loop",
          "close the loop",
          "one last note",
          "a final note",
          "since my",
          "building on");

  /**
   * Default service and industry phrases that a message may use only when the lead's own data
   * (company, description, services, industry, title) names them: a generator must not invent what
   * the lead does ({@code brand.lead-facts}).
   */
  public static final List<String> DEFAULT_FACT_PHRASES = CopyRules.DEFAULT_FACT_PHRASES;

  /**
   * Default body bounds in words per message type; other types get {@link #DEFAULT_OTHER_WORDS}.
   */
  public static final Map<MessageType, Bounds> DEFAULT_WORDS =
      Map.of(
          MessageType.HOOK, new Bounds(50, 120),
          MessageType.PROOF, new Bounds(50, 150),
          MessageType.FOMO, new Bounds(40, 130),
          MessageType.LINKEDIN_NOTE, new Bounds(10, 60),
          MessageType.LINKEDIN_FOLLOW_UP, new Bounds(15, 120));

  /** Default body bounds in words for types without their own. */
  public static final Bounds DEFAULT_OTHER_WORDS = new Bounds(20, 150);

  /** Default subject bounds in characters. */
  public static final Bounds DEFAULT_SUBJECT_CHARS = new Bounds(8, 60);

  /**
   * Default: a message this similar (estimated Jaccard of 3-word shingles) to a recent one fails.
   */
  public static final double DEFAULT_UNIQUENESS_THRESHOLD = 0.6;

  /** Default: a step this similar to an earlier step of the same sequence fails. */
  public static final double DEFAULT_DISTINCT_THRESHOLD = 0.5;

  /** Default number of recent messages kept for the uniqueness gate. */
  public static final int DEFAULT_RECENT_WINDOW = 20_000;

  static final Pattern PLACEHOLDER =
      Pattern.compile(
          "\\{\\{[^}]*}}|\\{[A-Za-z_][A-Za-z0-9_ ]{0,30}}|\\[(?:[A-Z][A-Za-z]*)(?:[ _][A-Za-z]+){0,3}]"
              + "|<[A-Z][A-Z_]{2,30}>|%s|\\$\\{[^}]*}");
  static final Pattern SUBJECT_BAD =
      Pattern.compile(
          "[\\p{Cc}\\p{Zl}\\p{Zp}\\u0085\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\uFEFF]");

  /**
   * Inclusive bounds.
   *
   * @param min the least allowed
   * @param max the most allowed
   */
  public record Bounds(int min, int max) {
    /** Checks {@code 0 <= min <= max}. */
    public Bounds {
      if (min < 0 || max < min) {
        throw new IllegalArgumentException("bounds " + min + ".." + max + " need 0 <= min <= max");
      }
    }

    boolean contains(int n) {
      return n >= min && n <= max;
    }

    @Override
    public String toString() {
      return min + ".." + max;
    }
  }

  private final PhraseScanner banned;
  private final List<String> bannedText;
  private final PhraseScanner callToBuy;
  private final PhraseScanner urgency;
  private final PhraseScanner backReferences;
  private final PhraseScanner factPatterns;
  private final List<String> factPhrases;
  private final Map<MessageType, Bounds> words;
  private final Bounds otherWords;
  private final Bounds subjectChars;
  private final double uniquenessThreshold;
  private final double distinctThreshold;
  private final String uniquenessText;
  private final String distinctText;
  private final boolean uniquenessEnabled;
  private final UniquenessIndex recent;

  /**
   * Signatures of bodies checked and not yet remembered, so {@link #remember} does not hash a body
   * again; cleared when it grows past {@value #PENDING_SIGNATURES} (bodies checked and never kept).
   */
  private final Map<String, long[]> checkedSignatures = new ConcurrentHashMap<>();

  private static final int PENDING_SIGNATURES = 4_096;

  /**
   * Shingle sets of bodies checked, so the later steps of a sequence compare with its earlier steps
   * without hashing them again; cleared when it grows past {@value #PENDING_SIGNATURES}.
   */
  private final Map<String, long[]> checkedSets = new ConcurrentHashMap<>();

  private QualityGates(Builder b) {
    this.bannedText = List.copyOf(b.banned);
    this.banned = phrases(b.banned);
    this.callToBuy = phrases(b.callToBuy);
    this.urgency = phrases(b.urgency);
    this.backReferences = phrases(b.backReferences);
    this.factPhrases = b.factPhrases.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
    this.factPatterns = new PhraseScanner(factPhrases, factPhrases);
    this.words = Map.copyOf(b.words);
    this.otherWords = b.otherWords;
    this.subjectChars = b.subjectChars;
    this.uniquenessThreshold = b.uniquenessThreshold;
    this.distinctThreshold = b.distinctThreshold;
    this.uniquenessText = Decimals.fixed(b.uniquenessThreshold, 2);
    this.distinctText = Decimals.fixed(b.distinctThreshold, 2);
    this.uniquenessEnabled = b.uniquenessEnabled;
    this.recent = new UniquenessIndex(b.recentWindow);
  }

  /** The default gates, with a fresh window of recent messages. */
  public static QualityGates defaults() {
    return builder().build();
  }

  /** Starts a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Checks one message written for {@code request}: every brand rule for its type, the progression
   * rules against {@code request.previous()}, and uniqueness against the recent window. The window
   * is not changed; call {@link #remember} once the message is accepted.
   */
  public List<Verdict> check(GenerationRequest request, GeneratedMessage message) {
    // the body's words and shingles, read once for every rule that needs them
    BodyShingles body = BodyShingles.of(message.textBody());
    List<Verdict> v = new ArrayList<>(brand(request, message, body));
    v.addAll(progression(request, message, body));
    if (uniquenessEnabled) {
      v.add(uniqueness(message, body));
    }
    return v;
  }

  /** Adds accepted messages to the window the uniqueness gate compares with. */
  public void remember(String label, GeneratedMessage message) {
    if (uniquenessEnabled) {
      long[] signature = checkedSignatures.remove(message.textBody());
      recent.add(
          signature != null ? signature : UniquenessIndex.signatureOf(message.textBody()), label);
    }
  }

  /** How many recent messages the uniqueness gate holds. */
  public int recentMessages() {
    return recent.size();
  }

  // ----------------------------------------------------------------------------------------------

  List<Verdict> brand(GenerationRequest request, GeneratedMessage m) {
    return brand(request, m, BodyShingles.of(m.textBody()));
  }

  private List<Verdict> brand(GenerationRequest request, GeneratedMessage m, BodyShingles body) {
    MessageType type = request.step().type();
    List<Verdict> v = new ArrayList<>();
    String all = m.subject() + "\n" + m.textBody();

    // A phrase in the lead's own name, services, industry or title ("Urgent care" as a service) is
    // a fact
    // about them, not our voice. The free-text description is not exempt: scraped text may carry
    // anything.
    Lead lead = request.lead();
    String own =
        (lead.company()
                + "\n"
                + String.join("\n", lead.topServices())
                + "\n"
                + lead.industry()
                + "\n"
                + lead.title())
            .toLowerCase(Locale.ROOT);
    List<String> hits = found(banned, all).stream().filter(h -> !own.contains(h)).toList();
    v.add(
        new Verdict(
            "brand.banned-phrases",
            hits.isEmpty(),
            hits.isEmpty() ? 1 : 1.0 / (1 + hits.size()),
            hits.isEmpty()
                ? "none of " + bannedText.size() + " banned phrases"
                : "found: " + String.join(", ", hits)));

    Bounds wb = words.getOrDefault(type, otherWords);
    int n = body.words();
    v.add(
        new Verdict(
            "brand.body-length",
            wb.contains(n),
            wb.contains(n) ? 1 : distanceScore(n, wb),
            n + " words (" + type + ": " + wb + ")"));

    int sl = m.subject().codePointCount(0, m.subject().length());
    v.add(
        new Verdict(
            "brand.subject-length",
            subjectChars.contains(sl),
            subjectChars.contains(sl) ? 1 : distanceScore(sl, subjectChars),
            sl + " characters (" + subjectChars + ")"));

    List<String> holders = new ArrayList<>();
    if (RegexPrefilters.mayHavePlaceholder(all)) {
      Matcher pm = PLACEHOLDER.matcher(all);
      while (pm.find() && holders.size() < 5) {
        holders.add(pm.group());
      }
    }
    v.add(
        new Verdict(
            "brand.placeholders",
            holders.isEmpty(),
            holders.isEmpty() ? 1 : 0,
            holders.isEmpty() ? "none" : "unresolved: " + String.join(", ", holders)));

    Matcher sm = SUBJECT_BAD.matcher(m.subject());
    boolean badSubject = RegexPrefilters.mayHaveBadSubjectCharacter(m.subject()) && sm.find();
    v.add(
        new Verdict(
            "brand.subject-characters",
            !badSubject,
            badSubject ? 0 : 1,
            badSubject
                ? String.format(Locale.ROOT, "U+%04X at %d", (int) sm.group().charAt(0), sm.start())
                : "one line, no control characters"));

    List<String> facts = personalFacts(request.lead(), m.textBody(), body.hashes());
    v.add(
        new Verdict(
            "brand.personalisation",
            !facts.isEmpty(),
            Math.min(1, facts.size() / 2.0),
            facts.isEmpty()
                ? "no fact about the lead's company (name, service or description) in the body"
                : "uses: " + String.join(", ", facts)));

    v.add(CopyRules.sizeBuckets(lead, all));
    v.add(CopyRules.possessives(all));
    v.add(CopyRules.properNames(lead, all));
    v.add(CopyRules.leadFacts(lead, all, factPatterns, factPhrases));

    if (type.equals(MessageType.HOOK)) {
      long q = m.textBody().chars().filter(c -> c == '?').count();
      v.add(
          new Verdict(
              "brand.questions",
              q <= 1,
              q <= 1 ? 1 : 1.0 / q,
              q + " question(s); a Hook asks at most one"));
    }
    if (type.equals(MessageType.HOOK) || type.equals(MessageType.PROOF)) {
      List<String> pitch = found(callToBuy, m.textBody());
      v.add(
          new Verdict(
              "brand.no-call-to-buy",
              pitch.isEmpty(),
              pitch.isEmpty() ? 1 : 0,
              pitch.isEmpty() ? "no call to buy" : "call to buy: " + String.join(", ", pitch)));
    }
    if (type.equals(MessageType.FOMO)) {
      List<String> urgent = found(urgency, m.textBody());
      v.add(
          new Verdict(
              "brand.urgency",
              !urgent.isEmpty(),
              urgent.isEmpty() ? 0 : 1,
              urgent.isEmpty()
                  ? "no urgency element (a real constraint: slots, a quarter, a window)"
                  : "urgency: " + String.join(", ", urgent)));
    }
    return v;
  }

  List<Verdict> progression(GenerationRequest request, GeneratedMessage m) {
    return progression(request, m, BodyShingles.of(m.textBody()));
  }

  private List<Verdict> progression(
      GenerationRequest request, GeneratedMessage m, BodyShingles body) {
    List<Verdict> v = new ArrayList<>();
    int index = request.stepIndex();
    List<String> problems = new ArrayList<>();
    if (request.previous().size() != index) {
      problems.add(
          "step "
              + (index + 1)
              + " written after "
              + request.previous().size()
              + " earlier step(s)");
    }
    int hook = -1;
    int proof = -1;
    int fomo = -1;
    List<SequenceStep> steps = request.sequence().steps();
    for (int i = 0; i < steps.size(); i++) {
      MessageType t = steps.get(i).type();
      if (t.equals(MessageType.HOOK) && hook < 0) {
        hook = i;
      } else if (t.equals(MessageType.PROOF) && proof < 0) {
        proof = i;
      } else if (t.equals(MessageType.FOMO) && fomo < 0) {
        fomo = i;
      }
    }
    if ((proof >= 0 && hook > proof) || (fomo >= 0 && (hook > fomo || proof > fomo))) {
      problems.add("sequence order is not Hook, Proof, FOMO");
    }
    v.add(
        new Verdict(
            "progression.order",
            problems.isEmpty(),
            problems.isEmpty() ? 1 : 0,
            problems.isEmpty()
                ? "step " + (index + 1) + " of " + steps.size()
                : String.join("; ", problems)));

    long[] mine = body.set();
    if (checkedSets.size() >= PENDING_SIGNATURES) {
      checkedSets.clear();
    }
    // a later step of the same sequence compares with this body: its set is kept, not made again
    checkedSets.put(m.textBody(), mine);
    double most = 0;
    String sameSubject = "";
    for (int i = 0; i < request.previous().size(); i++) {
      GeneratedMessage p = request.previous().get(i);
      long[] earlier = checkedSets.get(p.textBody());
      if (earlier == null) {
        earlier = Shingles.shingleSet(p.textBody());
      }
      most = Math.max(most, Shingles.jaccard(mine, earlier));
      if (p.subject().equalsIgnoreCase(m.subject())) {
        sameSubject = " same subject as step " + (i + 1);
      }
    }
    boolean distinct = most < distinctThreshold && sameSubject.isEmpty();
    v.add(
        new Verdict(
            "progression.distinct",
            distinct,
            (1 - most) * (sameSubject.isEmpty() ? 1 : 0.5),
            "max similarity to earlier steps "
                + Decimals.fixed(most, 2)
                + " (under "
                + distinctText
                + ")"
                + sameSubject));

    if (index > 0) {
      List<String> refs = found(backReferences, m.textBody());
      v.add(
          new Verdict(
              "progression.builds-on",
              !refs.isEmpty(),
              refs.isEmpty() ? 0 : 1,
              refs.isEmpty()
                  ? "does not refer back to the earlier steps"
                  : "refers back: " + String.join(", ", refs)));
    }
    return v;
  }

  Verdict uniqueness(GeneratedMessage m) {
    return uniqueness(m, BodyShingles.of(m.textBody()));
  }

  private Verdict uniqueness(GeneratedMessage m, BodyShingles body) {
    long[] signature = body.signature();
    if (checkedSignatures.size() >= PENDING_SIGNATURES) {
      checkedSignatures.clear();
    }
    checkedSignatures.put(m.textBody(), signature);
    UniquenessIndex.Match match = recent.closest(signature, uniquenessThreshold);
    double s = match == null ? 0 : match.similarity();
    boolean ok = s < uniquenessThreshold;
    return new Verdict(
        "uniqueness.recent",
        ok,
        1 - s,
        "closest of "
            + recent.size()
            + " recent: "
            + Decimals.fixed(s, 2)
            + " (under "
            + uniquenessText
            + ")"
            + (match == null ? "" : ", " + match.label()));
  }

  /** Facts about the lead's company found in the body. */
  static List<String> personalFacts(Lead lead, String body) {
    return personalFacts(lead, body, Shingles.shingleHashes(body));
  }

  /** As {@link #personalFacts(Lead, String)}, with the body's shingle hashes made already. */
  private static List<String> personalFacts(Lead lead, String body, long[] bodyShingles) {
    String b = body.toLowerCase(Locale.ROOT);
    List<String> facts = new ArrayList<>();
    if (lead.company().length() >= 2 && b.contains(lead.company().toLowerCase(Locale.ROOT))) {
      facts.add("company");
    }
    for (String s : lead.topServices()) {
      if (s.length() >= 3 && b.contains(s.toLowerCase(Locale.ROOT))) {
        facts.add("service");
        break;
      }
    }
    if (!lead.companyDescription().isEmpty()) {
      long[] desc = descriptionSet(lead.companyDescription());
      for (long h : bodyShingles) {
        if (Shingles.contains(desc, h)) {
          facts.add("description");
          break;
        }
      }
    }
    return facts;
  }

  /** The shingle set of a lead's description, the last one kept: each step reads the same. */
  private static long[] descriptionSet(String description) {
    DescriptionSet last = lastDescription;
    if (last != null && last.text().equals(description)) {
      return last.set();
    }
    long[] set = Shingles.shingleSet(description);
    lastDescription = new DescriptionSet(description, set);
    return set;
  }

  private record DescriptionSet(String text, long[] set) {}

  private static volatile @Nullable DescriptionSet lastDescription;

  private static double distanceScore(int n, Bounds b) {
    int off = n < b.min() ? b.min() - n : n - b.max();
    return Math.max(0, 1 - (double) off / Math.max(1, b.max()));
  }

  /**
   * The phrases of one rule compiled into one scanner: each phrase lower-cased, needing a word
   * boundary where it starts (ends) with a letter or digit ("buy", not "buyer").
   */
  private static PhraseScanner phrases(List<String> phrases) {
    return new PhraseScanner(
        phrases.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList(), phrases);
  }

  private static List<String> found(PhraseScanner phrases, String text) {
    Set<String> hits = new LinkedHashSet<>();
    // Lower-cased once, then one pass over the text finds every phrase of the rule.
    String t = text.replace('\u2019', '\'').toLowerCase(Locale.ROOT);
    boolean[] found = phrases.find(t);
    for (int i = 0; i < found.length; i++) {
      if (found[i]) {
        hits.add(phrases.phrase(i));
      }
    }
    return new ArrayList<>(hits);
  }

  /**
   * Collects gate settings, starting from the defaults; {@link #build()} rejects bad values at
   * once.
   */
  public static final class Builder {
    private List<String> banned = DEFAULT_BANNED_PHRASES;
    private List<String> callToBuy = DEFAULT_CALL_TO_BUY;
    private List<String> urgency = DEFAULT_URGENCY;
    private List<String> backReferences = DEFAULT_BACK_REFERENCES;
    private List<String> factPhrases = DEFAULT_FACT_PHRASES;
    private final Map<MessageType, Bounds> words = new HashMap<>(DEFAULT_WORDS);
    private Bounds otherWords = DEFAULT_OTHER_WORDS;
    private Bounds subjectChars = DEFAULT_SUBJECT_CHARS;
    private double uniquenessThreshold = DEFAULT_UNIQUENESS_THRESHOLD;
    private double distinctThreshold = DEFAULT_DISTINCT_THRESHOLD;
    private boolean uniquenessEnabled = true;
    private int recentWindow = DEFAULT_RECENT_WINDOW;

    private Builder() {}

    /** Replaces the banned phrases (matched case-insensitively, as whole words). */
    public Builder bannedPhrases(List<String> phrases) {
      this.banned = List.copyOf(phrases);
      return this;
    }

    /** Adds banned phrases to the current list. */
    public Builder addBannedPhrases(String... phrases) {
      List<String> all = new ArrayList<>(banned);
      all.addAll(List.of(phrases));
      this.banned = List.copyOf(all);
      return this;
    }

    /** Replaces the phrases that count as a call to buy. */
    public Builder callToBuyPhrases(List<String> phrases) {
      this.callToBuy = List.copyOf(phrases);
      return this;
    }

    /** Replaces the phrases that count as an urgency element. */
    public Builder urgencyPhrases(List<String> phrases) {
      this.urgency = List.copyOf(phrases);
      return this;
    }

    /** Replaces the phrases by which a later step refers back. */
    public Builder backReferencePhrases(List<String> phrases) {
      this.backReferences = List.copyOf(phrases);
      return this;
    }

    /**
     * Replaces the service and industry phrases that a message may use only when the lead's data
     * names them ({@code brand.lead-facts}); an empty list turns the rule's check off.
     */
    public Builder factPhrases(List<String> phrases) {
      this.factPhrases = List.copyOf(phrases);
      return this;
    }

    /** Body bounds in words for one message type. */
    public Builder bodyWords(MessageType type, int min, int max) {
      words.put(Objects.requireNonNull(type, "type"), new Bounds(min, max));
      return this;
    }

    /** Subject bounds in characters. */
    public Builder subjectCharacters(int min, int max) {
      this.subjectChars = new Bounds(min, max);
      return this;
    }

    /** Similarity to a recent message (0 to 1, exclusive) from which the uniqueness gate fails. */
    public Builder uniquenessThreshold(double threshold) {
      this.uniquenessThreshold = threshold;
      return this;
    }

    /** Similarity to an earlier step (0 to 1, exclusive) from which the progression gate fails. */
    public Builder distinctThreshold(double threshold) {
      this.distinctThreshold = threshold;
      return this;
    }

    /** How many recent messages the uniqueness gate compares with (1 to 10,000,000). */
    public Builder recentWindow(int messages) {
      this.recentWindow = messages;
      return this;
    }

    /** Turns the uniqueness gate off (on by default), for hosts that check repetition elsewhere. */
    public Builder uniqueness(boolean enabled) {
      this.uniquenessEnabled = enabled;
      return this;
    }

    /**
     * Checks the settings and builds the gates.
     *
     * @throws InvalidInputException listing every bad setting
     */
    public QualityGates build() {
      List<FieldError> errors = new ArrayList<>();
      check(errors, "bannedPhrases", banned);
      check(errors, "callToBuyPhrases", callToBuy);
      check(errors, "urgencyPhrases", urgency);
      check(errors, "backReferencePhrases", backReferences);
      check(errors, "factPhrases", factPhrases);
      if (!(uniquenessThreshold > 0 && uniquenessThreshold <= 1)) {
        errors.add(
            new FieldError("uniquenessThreshold", uniquenessThreshold + " is not in (0, 1]"));
      }
      if (!(distinctThreshold > 0 && distinctThreshold <= 1)) {
        errors.add(new FieldError("distinctThreshold", distinctThreshold + " is not in (0, 1]"));
      }
      if (recentWindow < 1 || recentWindow > 10_000_000) {
        errors.add(new FieldError("recentWindow", recentWindow + " is not between 1 and 10000000"));
      }
      if (!errors.isEmpty()) {
        throw new InvalidInputException("QualityGates", errors);
      }
      return new QualityGates(this);
    }

    private static void check(List<FieldError> errors, String field, List<String> phrases) {
      for (String p : phrases) {
        if (p == null || p.isBlank()) {
          errors.add(new FieldError(field, "holds a blank phrase"));
          return;
        }
      }
    }
  }
}
