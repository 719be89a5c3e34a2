/**
 * The public API of 4Runr Campaigns: the {@link com.fourrunr.campaign.CampaignEngine}, the domain
 * values it works on ({@link com.fourrunr.campaign.Lead}, {@link com.fourrunr.campaign.Campaign},
 * {@link com.fourrunr.campaign.CampaignMessage}, {@link com.fourrunr.campaign.CampaignEvent}) and
 * the ports a host or an adapter implements ({@link com.fourrunr.campaign.MessageGenerator}, {@link
 * com.fourrunr.campaign.Sender}, {@link com.fourrunr.campaign.ReplySource}, {@link
 * com.fourrunr.campaign.LeadSource}, {@link com.fourrunr.campaign.CampaignListener}).
 *
 * <p>Packages: this one is the API a host calls; {@link com.fourrunr.campaign.spi} is what an
 * implementer of the store port needs ({@link com.fourrunr.campaign.spi.CampaignStore} and its
 * changes, claims, send log and intake state); feature packages ({@code analytics}, {@code
 * channel}, {@code ops}, {@code tracking}, ...) are API too; packages named {@code internal} are
 * not API. The package-private classes here (enrolment, dispatch, reply handling, operator
 * actions...) are the engine's collaborators. ArchUnit tests in {@code campaign-examples} hold
 * these rules (no package cycles, no sub-package using the engine, no adapter in core, no {@code
 * internal} outside its module).
 *
 * <p>Nothing in this package does I/O of its own: mail, HTTP and databases live in adapter modules.
 * All time comes from the {@link java.time.Clock} given to the engine.
 */
@NullMarked
package com.fourrunr.campaign;

import org.jspecify.annotations.NullMarked;
