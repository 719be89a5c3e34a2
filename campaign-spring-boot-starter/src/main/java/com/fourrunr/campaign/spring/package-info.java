/**
 * Spring Boot auto-configuration of 4Runr Campaigns: the {@code campaign.*} properties ({@link
 * com.fourrunr.campaign.spring.CampaignProperties}) and the beans a host would otherwise wire by
 * hand (store, senders, reply source, generator, engine, runner, health, metrics, web endpoints),
 * each replaceable by a bean of the host. See docs/spring-boot.md.
 */
@NullMarked
package com.fourrunr.campaign.spring;

import org.jspecify.annotations.NullMarked;
