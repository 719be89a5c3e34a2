/**
 * Quality gates for generated copy, and the {@link com.fourrunr.campaign.quality.SequenceWriter}
 * that writes a lead's sequence through them: the brand gate (banned phrases, lengths, subject,
 * placeholders, personalisation, no call to buy in a Hook or Proof, urgency in a FOMO), the
 * progression gate (steps in order, distinct, building on each other) and the uniqueness gate
 * (MinHash over word shingles against a bounded window of recent messages). No I/O.
 */
@NullMarked
package com.fourrunr.campaign.quality;

import org.jspecify.annotations.NullMarked;
