#!/usr/bin/env python3
"""Reference values for the A/B statistics tests (AbStatisticsTest), computed independently of the Java
code: plain Python 3 standard library only (scipy/statsmodels are not installed here).

- Fisher's exact test: exact hypergeometric probabilities as Fractions (math.comb), two-sided by summing
  the tables no more probable than the observed one (the scipy / R definition, exact comparison).
- z-test and Wilson: math.erfc and statistics.NormalDist (not the Java erfc approximation).
- mixture SPRT: the closed form of the normal mixture likelihood ratio (Johari et al. 2017), pooled variance.
- Holm: the step-down adjustment, by its definition.
- Sample size: the classic two-proportion formula, and the smallest n whose last look alone has the power.
Run: python3 ab_reference.py
"""
from fractions import Fraction
from math import comb, erfc, sqrt, log, exp, ceil
from statistics import NormalDist

N = NormalDist()


def fisher_two_sided(x1, n1, x2, n2):
    K, M = x1 + x2, n1 + n2
    total = comb(M, n1)
    def prob(k):
        return Fraction(comb(K, k) * comb(M - K, n1 - k), total)
    obs = prob(x1)
    lo, hi = max(0, n1 - (M - K)), min(n1, K)
    return float(sum(prob(k) for k in range(lo, hi + 1) if prob(k) <= obs))


def z_pvalue(x1, n1, x2, n2):
    p = (x1 + x2) / (n1 + n2)
    se = sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
    z = (x1 / n1 - x2 / n2) / se
    return erfc(abs(z) / sqrt(2))


def wilson(x, n, alpha=0.05):
    z = N.inv_cdf(1 - alpha / 2)
    p = x / n
    c = (p + z * z / (2 * n)) / (1 + z * z / n)
    h = z * sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0, c - h), min(1, c + h)


def msprt_p(x1, n1, x2, n2, tau2):
    """1 / Lambda, the mixture likelihood ratio with N(0, tau2) mixing on the difference, pooled variance."""
    p = (x1 + x2) / (n1 + n2)
    v = p * (1 - p) * (1 / n1 + 1 / n2)
    d = x2 / n2 - x1 / n1
    lam = sqrt(v / (v + tau2)) * exp(tau2 * d * d / (2 * v * (v + tau2)))
    return min(1.0, 1 / lam)


def holm(ps):
    order = sorted(range(len(ps)), key=lambda i: ps[i])
    out, running = [0.0] * len(ps), 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (len(ps) - rank) * ps[i]))
        out[i] = running
    return out


def fixed_n(p1, lift, alpha=0.05, power=0.8):
    p2 = p1 * (1 + lift)
    pb = (p1 + p2) / 2
    za, zb = N.inv_cdf(1 - alpha / 2), N.inv_cdf(power)
    n = (za * sqrt(2 * pb * (1 - pb)) + zb * sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / (p2 - p1) ** 2
    return ceil(n)


def seq_power_at(n, p1, lift, alpha=0.05):
    p2 = p1 * (1 + lift)
    d = p2 - p1
    tau2 = d * d
    pb = (p1 + p2) / 2
    v = pb * (1 - pb) * 2 / n
    c = sqrt((v + tau2) / tau2 * (2 * log(1 / alpha) + log((v + tau2) / v)))
    sd = sqrt((p1 * (1 - p1) + p2 * (1 - p2)) / n)
    return N.cdf((d - c * sqrt(v)) / sd)


def seq_n(p1, lift, alpha=0.05, power=0.8):
    n = 1
    while seq_power_at(n, p1, lift, alpha) < power:
        n += 1
    return n


if __name__ == "__main__":
    print("fisher 100/100 vs 95/100", fisher_two_sided(100, 100, 95, 100))
    print("z      100/100 vs 95/100", z_pvalue(100, 100, 95, 100))
    print("fisher 1/11 vs 0/5", fisher_two_sided(1, 11, 0, 5))
    print("fisher 7/40 vs 1/38", fisher_two_sided(7, 40, 1, 38))
    print("fisher 3/200 vs 11/210", fisher_two_sided(3, 200, 11, 210))
    print("z 500/10000 vs 560/10000", z_pvalue(500, 10000, 560, 10000))
    print("z 60/100 vs 40/100", z_pvalue(60, 100, 40, 100))
    print("wilson 1/11", wilson(1, 11), "0/5", wilson(0, 5), "500/10000", wilson(500, 10000))
    print("wilson 2/3", wilson(2, 3), "1/2", wilson(1, 2))
    print("msprt tau=0.01 150/3000 vs 240/3000", msprt_p(150, 3000, 240, 3000, 1e-4))
    print("msprt tau=0.01 500/10000 vs 560/10000", msprt_p(500, 10000, 560, 10000, 1e-4))
    print("msprt tau=0.01 100/100 vs 95/100", msprt_p(100, 100, 95, 100, 1e-4))
    print("holm", holm([0.01, 0.04, 0.03, 0.2]))
    print("holm", holm([0.004, 0.012, 0.02]))
    for p1, lift in [(0.02, 0.5), (0.05, 0.4), (0.05, 0.5), (0.10, 0.2)]:
        print("plan", p1, lift, "fixed", fixed_n(p1, lift), "sequential", seq_n(p1, lift))
    # AbStatisticsTest cases
    print("guardrail msprt tau=0.01 2/2000 vs 90/2000", msprt_p(2, 2000, 90, 2000, 1e-4))
    e1 = msprt_p(150, 3000, 240, 3000, 1e-4)
    e2 = msprt_p(100, 2000, 135, 2000, 1e-4)
    print("two experiments", e1, e2, "holm", holm([e1, e2]))
    print("z 2/3 vs 1/2", z_pvalue(2, 3, 1, 2), "z 1/11 vs 0/5", z_pvalue(1, 11, 0, 5))
    print("three variants z 40/400 vs 25/410", z_pvalue(40, 400, 25, 410), "vs 30/390", z_pvalue(40, 400, 30, 390))
    print("wilson 40/400", wilson(40, 400), "25/410", wilson(25, 410), "30/390", wilson(30, 390))
