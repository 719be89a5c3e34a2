/**
 * The OpenAI adapter: a {@link com.fourrunr.campaign.MessageGenerator} over the OpenAI API and
 * OpenAI-compatible servers. Empty until the generation work lands; the engine defaults to the template
 * generator meanwhile.
 */
package com.fourrunr.campaign.openai;
