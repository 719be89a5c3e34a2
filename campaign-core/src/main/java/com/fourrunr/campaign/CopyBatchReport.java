package com.fourrunr.campaign;

/**
 * What one check of the pending copy batches did ({@link CampaignEngine#pollCopyBatches()}): the
 * campaigns whose copy arrived, by the status they moved to, and what their copy cost.
 *
 * @param activated campaigns whose copy passed the gates: now {@link CampaignStatus#ACTIVE}, first
 *     step scheduled
 * @param held campaigns held for review ({@link CampaignStatus#HELD}): copy that failed the gates,
 *     or steps the batch wrote no text for
 * @param stopped campaigns stopped because no text at all could be written for a step
 * @param tokens the prompt and completion tokens the batch reported for their copy
 * @param estimatedCost what those tokens cost in US dollars by the engine's {@link ModelPrices}, at
 *     the batch discount
 */
public record CopyBatchReport(
    int activated, int held, int stopped, long tokens, double estimatedCost) {}
