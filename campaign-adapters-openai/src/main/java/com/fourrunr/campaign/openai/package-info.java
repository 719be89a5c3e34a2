/**
 * The OpenAI adapter: {@link com.fourrunr.campaign.openai.OpenAiMessageGenerator}, a {@link
 * com.fourrunr.campaign.MessageGenerator} over the Chat Completions API with structured output,
 * which the OpenAI API and compatible servers (Ollama, vLLM) speak. Configured by {@link
 * com.fourrunr.campaign.openai.OpenAiConfig}. Prompts are versioned resources under {@code
 * prompts/}.
 */
@NullMarked
package com.fourrunr.campaign.openai;

import org.jspecify.annotations.NullMarked;
