package com.fourrunr.campaign;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A lead that was not enrolled, and why.
 *
 * @param location where the record came from ({@code row 7}, a record id)
 * @param leadId the lead's id, or null when the record had none
 * @param reason the kind of reason
 * @param detail the reason in words, naming the field where there is one
 */
public record Skip(String location, @Nullable String leadId, SkipReason reason, String detail) {
  /** Checks the required fields. */
  public Skip {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }
}
