/**
 * The service-provider interface: what an implementer of a port of the engine needs, as opposed to
 * what a host calls (the {@link com.fourrunr.campaign} package). A store adapter implements {@link
 * com.fourrunr.campaign.spi.CampaignStore} (one atomic {@link
 * com.fourrunr.campaign.spi.StoreChanges} per commit, {@link com.fourrunr.campaign.spi.MessageClaim
 * claims} with an owner and a lease, {@link com.fourrunr.campaign.spi.ConcurrentUpdateException} on
 * a stale version), and may implement {@link com.fourrunr.campaign.spi.SendLog} (shared send caps)
 * and {@link com.fourrunr.campaign.spi.ReplyIntakeState} (where reply intake resumes). The contract
 * tests in {@code campaign-testing} hold an implementation to these rules. Integrations that drive
 * a running engine (health, alerts, tracking) receive the narrow {@link
 * com.fourrunr.campaign.spi.CampaignClient} instead of the whole engine.
 *
 * <p>A host passes a store to {@link com.fourrunr.campaign.CampaignEngineBuilder#store} and
 * otherwise never calls these types. The ports a host implements itself ({@code Sender}, {@code
 * MessageGenerator}, {@code ReplySource}, {@code LeadSource}, {@code ReplyClassifier}, {@code
 * CampaignListener}, {@code SendSchedule}) stay in the API package: they are part of configuring an
 * engine, often a lambda.
 */
@NullMarked
package com.fourrunr.campaign.spi;

import org.jspecify.annotations.NullMarked;
