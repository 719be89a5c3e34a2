package com.fourrunr.campaign;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What model tokens cost, for the estimate in the {@link EnrolmentReport}: US dollars per million
 * prompt (input) and completion (output) tokens by model name, and the discount of batch calls. A
 * model is found by the longest name in the table that its name starts with ({@code
 * gpt-4o-mini-2024-07-18} is priced as {@code gpt-4o-mini}); an unknown model costs 0.
 *
 * <p>{@link #defaults()} holds OpenAI's list prices of standard calls (per million tokens, input /
 * output): gpt-4o-mini 0.15 / 0.60, gpt-4o 2.50 / 10.00, gpt-4.1 2.00 / 8.00, gpt-4.1-mini 0.40 /
 * 1.60, gpt-4.1-nano 0.10 / 0.40; the Batch API costs half. Prices change: give your own with
 * {@link CampaignEngineBuilder#modelPrices}.
 *
 * @param perMillion prices by model name
 * @param batchDiscount the share of the price saved by a batch call (0.5: half the price)
 */
public record ModelPrices(Map<String, Price> perMillion, double batchDiscount) {
  /**
   * One model's prices.
   *
   * @param prompt US dollars per million prompt tokens
   * @param completion US dollars per million completion tokens
   */
  public record Price(double prompt, double completion) {
    /** Checks that neither is negative. */
    public Price {
      if (prompt < 0 || completion < 0) {
        throw new IllegalArgumentException("prices must not be negative");
      }
    }
  }

  /** Checks the table and the discount. */
  public ModelPrices {
    Objects.requireNonNull(perMillion, "perMillion");
    Map<String, Price> copy = new LinkedHashMap<>();
    perMillion.forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), Objects.requireNonNull(v)));
    perMillion = java.util.Collections.unmodifiableMap(copy);
    if (!(batchDiscount >= 0 && batchDiscount <= 1)) {
      throw new IllegalArgumentException(
          "batchDiscount " + batchDiscount + " is not between 0 and 1");
    }
  }

  /** OpenAI's list prices (see the class comment), with the Batch API's 50% discount. */
  public static ModelPrices defaults() {
    Map<String, Price> p = new LinkedHashMap<>();
    p.put("gpt-4o-mini", new Price(0.15, 0.60));
    p.put("gpt-4o", new Price(2.50, 10.00));
    p.put("gpt-4.1", new Price(2.00, 8.00));
    p.put("gpt-4.1-mini", new Price(0.40, 1.60));
    p.put("gpt-4.1-nano", new Price(0.10, 0.40));
    return new ModelPrices(p, 0.5);
  }

  /**
   * The estimated cost in US dollars.
   *
   * @param model the model's name as the API reports it
   * @param batch whether the tokens were spent through a batch (discounted)
   */
  public double cost(String model, long promptTokens, long completionTokens, boolean batch) {
    String name = model.toLowerCase(Locale.ROOT);
    Price best = null;
    int bestLength = -1;
    for (Map.Entry<String, Price> e : perMillion.entrySet()) {
      if (name.startsWith(e.getKey()) && e.getKey().length() > bestLength) {
        best = e.getValue();
        bestLength = e.getKey().length();
      }
    }
    if (best == null) {
      return 0;
    }
    double full = (promptTokens * best.prompt() + completionTokens * best.completion()) / 1_000_000;
    return batch ? full * (1 - batchDiscount) : full;
  }
}
