package com.fourrunr.campaign.dns;

import java.util.List;
import java.util.Objects;

/**
 * The answer to one DNS question: what came back, and why nothing did when nothing did.
 *
 * @param status whether records were found, the name exists without such records, the name does not
 *     exist, or the look-up failed (a timeout, a server failure)
 * @param values the records, in presentation form: a TXT record as its strings joined, an MX record
 *     as {@code "<preference> <host>"} (host without the final dot), an address as its text form
 * @param detail why the look-up failed, empty otherwise
 */
public record DnsAnswer(Status status, List<String> values, String detail) {
  /** What kind of answer it is. */
  public enum Status {
    /** At least one record. */
    FOUND,
    /** The name exists but has no record of the type asked. */
    NO_RECORDS,
    /** The name does not exist (NXDOMAIN). */
    NXDOMAIN,
    /** No answer could be had: a timeout or a server failure; try again later. */
    FAILED
  }

  /** Checks the parts and freezes the values. */
  public DnsAnswer {
    Objects.requireNonNull(status, "status");
    values = List.copyOf(values);
    Objects.requireNonNull(detail, "detail");
  }

  /** Records found ({@link Status#NO_RECORDS} when {@code values} is empty). */
  public static DnsAnswer of(List<String> values) {
    return new DnsAnswer(values.isEmpty() ? Status.NO_RECORDS : Status.FOUND, values, "");
  }

  /** The name does not exist. */
  public static DnsAnswer nxdomain() {
    return new DnsAnswer(Status.NXDOMAIN, List.of(), "");
  }

  /** The look-up failed, for the reason given. */
  public static DnsAnswer failed(String detail) {
    return new DnsAnswer(Status.FAILED, List.of(), detail);
  }

  /** Whether the look-up failed (so nothing can be concluded from it). */
  public boolean failed() {
    return status == Status.FAILED;
  }
}
