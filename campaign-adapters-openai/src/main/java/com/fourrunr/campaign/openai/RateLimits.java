package com.fourrunr.campaign.openai;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Keeps concurrent calls within the account's limits as the API advertises them: the remaining
 * requests and tokens ({@code x-ratelimit-remaining-requests}, {@code
 * x-ratelimit-remaining-tokens}) until their resets ({@code x-ratelimit-reset-requests}, {@code
 * -tokens}), and at most {@code maxConcurrency} calls in flight. Each call reserves one request and
 * its estimated tokens before it is sent; a caller that would exceed a limit waits (the first
 * waiter sleeps until the reset, the others queue behind it), and a wait longer than {@code
 * maxWait} fails at once.
 *
 * <p>Until an answer has told the limits (at the start, and again after a reset, since the next
 * window's allowance is not known), one call at a time goes out; a server that sends no rate-limit
 * headers at all (Ollama, vLLM) is then held only by {@code maxConcurrency}. Time comes from the
 * clock and waits go through the sleeper, so tests run on a settable clock. Thread-safe.
 */
final class RateLimits {
  /** A reservation for one call, returned by {@link #release}. */
  record Permit(long tokens) {}

  /** The wait a limit asks for is longer than allowed. */
  static final class WaitTooLong extends Exception {
    private static final long serialVersionUID = 1L;

    private final Duration wait;

    WaitTooLong(Duration wait) {
      super("the rate limit resets in " + wait);
      this.wait = wait;
    }

    Duration waitTime() {
      return wait;
    }
  }

  private final Clock clock;
  private final OpenAiMessageGenerator.Sleeper sleeper;
  private final int maxConcurrency;
  private final Duration maxWait;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  private int inFlight;
  private long reservedTokens;
  private boolean answered;
  private boolean limited;
  private boolean sleeping;
  private long requestsLeft = -1;
  private @Nullable Instant requestsReset;
  private long tokensLeft = -1;
  private @Nullable Instant tokensReset;

  RateLimits(
      Clock clock, OpenAiMessageGenerator.Sleeper sleeper, int maxConcurrency, Duration maxWait) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.maxConcurrency = maxConcurrency;
    this.maxWait = maxWait;
  }

  /**
   * Waits until a call of about {@code tokens} tokens may go out, and reserves it.
   *
   * @throws WaitTooLong when a limit resets later than {@code maxWait} from now
   * @throws InterruptedException when interrupted while waiting
   */
  Permit acquire(long tokens) throws WaitTooLong, InterruptedException {
    lock.lock();
    try {
      while (true) {
        Instant now = clock.instant();
        expire(now);
        boolean known = requestsLeft >= 0 || tokensLeft >= 0;
        int allowed = !answered || (limited && !known) ? 1 : maxConcurrency;
        if (inFlight >= allowed) {
          changed.await();
          continue;
        }
        Duration wait = Duration.ZERO;
        if (requestsLeft == 0 && requestsReset != null) {
          wait = longer(wait, Duration.between(now, requestsReset));
        }
        if (tokensLeft >= 0 && tokensLeft < tokens && tokensReset != null) {
          wait = longer(wait, Duration.between(now, tokensReset));
        }
        if (wait.isZero() || wait.isNegative()) {
          inFlight++;
          reservedTokens += tokens;
          if (requestsLeft > 0) {
            requestsLeft--;
          }
          if (tokensLeft >= 0) {
            tokensLeft = Math.max(0, tokensLeft - tokens);
          }
          return new Permit(tokens);
        }
        if (wait.compareTo(maxWait) > 0) {
          throw new WaitTooLong(wait);
        }
        if (sleeping) {
          changed.await();
          continue;
        }
        sleeping = true;
        lock.unlock();
        try {
          sleeper.sleep(wait);
        } finally {
          lock.lock();
          sleeping = false;
          elapsedLocked(now, wait);
          changed.signalAll();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Ends a call: frees its place and reads the limits from the answer's headers (null when there
   * was no answer).
   *
   * @param serverWait the wait a 429 asked for ({@code retry-after}), or null
   */
  void release(Permit permit, @Nullable Headers headers, @Nullable Duration serverWait) {
    lock.lock();
    try {
      inFlight--;
      reservedTokens -= permit.tokens();
      if (headers != null) {
        answered = true;
        Instant now = clock.instant();
        Long requests = number(headers.get("x-ratelimit-remaining-requests"));
        Duration requestsIn =
            OpenAiMessageGenerator.duration(headers.get("x-ratelimit-reset-requests"));
        if (requests != null && requestsIn != null) {
          limited = true;
          requestsLeft = Math.max(0, requests - inFlight);
          requestsReset = now.plus(requestsIn);
        }
        Long tokens = number(headers.get("x-ratelimit-remaining-tokens"));
        Duration tokensIn =
            OpenAiMessageGenerator.duration(headers.get("x-ratelimit-reset-tokens"));
        if (tokens != null && tokensIn != null) {
          limited = true;
          tokensLeft = Math.max(0, tokens - reservedTokens);
          tokensReset = now.plus(tokensIn);
        }
        if (serverWait != null && !serverWait.isZero() && !serverWait.isNegative()) {
          // A 429 asked everyone to wait: no call goes out before then.
          Instant until = now.plus(serverWait);
          requestsLeft = 0;
          requestsReset =
              requestsReset == null || requestsReset.isBefore(until) ? until : requestsReset;
        }
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The current time, for {@link #elapsed}. */
  Instant now() {
    return clock.instant();
  }

  /**
   * A caller waited {@code slept} from {@code from} (a retry's backoff): windows that reset by then
   * are over, even when the clock does not show it.
   */
  void elapsed(Instant from, Duration slept) {
    lock.lock();
    try {
      elapsedLocked(from, slept);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Calls in flight now, for tests. */
  int inFlight() {
    lock.lock();
    try {
      return inFlight;
    } finally {
      lock.unlock();
    }
  }

  private void elapsedLocked(Instant from, Duration slept) {
    expire(from.plus(slept));
  }

  private void expire(Instant at) {
    if (requestsReset != null && !at.isBefore(requestsReset)) {
      requestsLeft = -1;
      requestsReset = null;
    }
    if (tokensReset != null && !at.isBefore(tokensReset)) {
      tokensLeft = -1;
      tokensReset = null;
    }
  }

  private static Duration longer(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static @Nullable Long number(@Nullable String text) {
    if (text == null) {
      return null;
    }
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
