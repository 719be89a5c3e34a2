/**
 * The Airtable adapter: a {@link com.fourrunr.campaign.LeadSource} over an Airtable view and a listener
 * that writes campaign fields back. Empty until the Airtable work lands.
 */
package com.fourrunr.campaign.airtable;
