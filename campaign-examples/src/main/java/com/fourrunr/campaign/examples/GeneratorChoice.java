package com.fourrunr.campaign.examples;

import com.fourrunr.campaign.MessageGenerator;
import com.fourrunr.campaign.openai.OpenAiConfig;
import com.fourrunr.campaign.openai.OpenAiMessageGenerator;
import com.fourrunr.campaign.quality.FallbackPolicy;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import java.util.Map;

/**
 * The generator the demo and {@code campaign preview} use: the OpenAI adapter when {@code
 * OPENAI_API_KEY} is set (with {@code OPENAI_BASE_URL} and {@code OPENAI_MODEL} when given), the
 * template generator otherwise. With a model, a step whose text fails after the retries falls back
 * to the template.
 *
 * @param generator the generator
 * @param fallback the failure policy to use with it
 * @param description one line for people: which generator, model and server
 */
record GeneratorChoice(MessageGenerator generator, FallbackPolicy fallback, String description) {
  static GeneratorChoice fromEnvironment(Map<String, String> env) {
    OpenAiConfig config = OpenAiConfig.fromEnvironment(env);
    if (config == null) {
      return new GeneratorChoice(
          new TemplateMessageGenerator(), FallbackPolicy.HOLD, "template (no network)");
    }
    return new GeneratorChoice(
        OpenAiMessageGenerator.create(config),
        FallbackPolicy.TEMPLATE,
        "openai, model " + config.model() + " at " + config.baseUrl() + " (template fallback)");
  }
}
