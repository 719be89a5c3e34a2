package com.fourrunr.campaign;

import com.fourrunr.campaign.quality.SequenceWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drafts a batch's copy on the enrolment's own threads before the batch is written in lead order:
 * for each candidate lead, its address check, then (unless the check skips it or it has nothing to
 * personalise with) its sequence through {@link ConcurrentDrafts#draft}. Nothing here touches the
 * store or the gates; anything that goes wrong only means the lead is written when its turn comes.
 */
final class DraftPool {
  private static final Logger log = LoggerFactory.getLogger(CampaignEngine.class);
  private static final AtomicInteger POOLS = new AtomicInteger();

  private DraftPool() {}

  /** A pool of {@code threads} daemon threads named {@code campaign-drafts-N-M}. */
  static ExecutorService start(int threads) {
    int pool = POOLS.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "campaign-drafts-" + pool + "-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    return Executors.newFixedThreadPool(threads, factory);
  }

  /**
   * Checks and drafts the candidates concurrently and waits for all of them.
   *
   * @param candidates the leads by their index in the batch
   * @return the address checks made, by the lead's index in the batch
   */
  static Map<Integer, AddressCheck> prefetch(
      ExecutorService pool,
      ConcurrentDrafts drafts,
      AddressVerifier verifier,
      Sequence sequence,
      Map<Integer, Lead> candidates) {
    if (candidates.size() < 2) {
      return Map.of();
    }
    Map<Integer, AddressCheck> checks = new ConcurrentHashMap<>();
    List<Callable<Void>> tasks = new ArrayList<>(candidates.size());
    candidates.forEach(
        (i, lead) ->
            tasks.add(
                () -> {
                  AddressCheck check = AddressChecks.check(verifier, lead.email());
                  checks.put(i, check);
                  if (check.outcome() != AddressCheck.Outcome.SKIP
                      && SequenceWriter.canPersonalise(lead)) {
                    drafts.draft(lead, sequence);
                  }
                  return null;
                }));
    try {
      pool.invokeAll(tasks);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("enrolment: drafting interrupted; the leads not drafted are written in turn");
    } catch (RuntimeException e) {
      log.warn("enrolment: drafting failed ({}); the leads are written in turn", e.toString());
    }
    return Map.copyOf(checks);
  }
}
