package com.fourrunr.campaign.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.GeneratedMessage;
import com.fourrunr.campaign.GenerationRequest;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.SequenceStep;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The hard cut keeps every LinkedIn text within its configured limit, whatever the lead's data and
 * whatever a generator wrote: notes never carry a link and never split a surrogate pair.
 */
class LinkedInNoteLengthPropertiesTest {
  private static final TemplateMessageGenerator TEMPLATE = new TemplateMessageGenerator();

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(600),
        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(400),
        Arbitraries.strings().withChars("aé😀 .\n\t-/:@".toCharArray()).ofMaxLength(500),
        Arbitraries.of(
            "https://example.com/a-very-long-path", "www.4runr.com", "ada@example.com", "acme.io"));
  }

  @Provide
  Arbitrary<Lead> anyLead() {
    Arbitrary<String> text = anyText();
    return Combinators.combine(text, text, text, text, text, text, text)
        .as(
            (first, last, company, industry, description, services, title) ->
                Lead.builder("L-1", "ada@example.com")
                    .firstName(first)
                    .lastName(last)
                    .company(company)
                    .industry(industry)
                    .companyDescription(description + " x")
                    .topServices(services)
                    .title(title)
                    .build());
  }

  @Property(tries = 400)
  void generatedNotesNeverExceedTheConfiguredLimitForAnyLead(
      @ForAll("anyLead") Lead lead, @ForAll @IntRange(min = 20, max = 300) int limit) {
    GeneratedMessage note = TEMPLATE.generate(request(lead, MessageType.LINKEDIN_NOTE));
    String fitted = LinkedInText.fit(note.textBody(), TaskKind.CONNECTION_NOTE, limit);

    assertThat(fitted.length()).isLessThanOrEqualTo(limit);
    assertThat(LinkedInText.hasLink(fitted)).isFalse();
    assertWhole(fitted);
  }

  @Property(tries = 200)
  void generatedFollowUpsNeverExceedTheConfiguredLimitForAnyLead(
      @ForAll("anyLead") Lead lead, @ForAll @IntRange(min = 50, max = 8000) int limit) {
    GeneratedMessage followUp = TEMPLATE.generate(request(lead, MessageType.LINKEDIN_FOLLOW_UP));
    String fitted = LinkedInText.fit(followUp.textBody(), TaskKind.FOLLOW_UP, limit);

    assertThat(fitted.length()).isLessThanOrEqualTo(limit);
    assertWhole(fitted);
  }

  @Property(tries = 1000)
  void anyTextIsCutWithinTheLimit(
      @ForAll("anyText") String text,
      @ForAll @IntRange(min = 1, max = 400) int limit,
      @ForAll TaskKind kind) {
    String fitted = LinkedInText.fit(text, kind, limit);

    assertThat(fitted.length()).isLessThanOrEqualTo(limit);
    if (kind == TaskKind.CONNECTION_NOTE) {
      assertThat(LinkedInText.hasLink(fitted)).as(fitted).isFalse();
    }
    assertWhole(fitted);
  }

  @Property(tries = 200)
  void aTextWithinTheLimitKeepsItsWords(@ForAll @IntRange(min = 40, max = 300) int limit) {
    String text = "Hi Ada, I wrote to you by email about analytics at Acme. Glad to connect here.";
    String fitted = LinkedInText.fit(text, TaskKind.CONNECTION_NOTE, limit);

    if (text.length() <= limit) {
      assertThat(fitted).isEqualTo(text);
    } else {
      // Cut short: the text's beginning, whole words only, within the limit, not cut to nothing.
      assertThat(fitted.length()).isLessThanOrEqualTo(limit).isGreaterThanOrEqualTo(limit / 2);
      assertThat(text).startsWith(fitted);
      assertThat(text.charAt(fitted.length())).as("character after the cut").isEqualTo(' ');
    }
  }

  private static void assertWhole(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        assertThat(i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
            .as("pair at " + i)
            .isTrue();
        i++;
      } else {
        assertThat(Character.isLowSurrogate(c)).as("lone low surrogate at " + i).isFalse();
      }
    }
  }

  private static GenerationRequest request(Lead lead, MessageType type) {
    List<SequenceStep> steps =
        List.of(new SequenceStep(MessageType.HOOK, 0), new SequenceStep(type, 3));
    return new GenerationRequest(
        lead,
        new Sequence("linkedin", steps),
        1,
        List.of(new GeneratedMessage("Hello", "An earlier email.", null)));
  }
}
