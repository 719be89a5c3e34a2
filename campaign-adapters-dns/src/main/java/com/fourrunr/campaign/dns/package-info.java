/**
 * DNS look-ups with dnsjava behind an injectable {@link com.fourrunr.campaign.dns.DnsResolver}, and
 * the domain preflight built on them: {@link com.fourrunr.campaign.dns.DomainPreflight} checks a
 * sending domain's SPF, DKIM, DMARC and MX records.
 */
@NullMarked
package com.fourrunr.campaign.dns;

import org.jspecify.annotations.NullMarked;
