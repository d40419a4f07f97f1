#!/usr/bin/env python3
"""Synthetic incidents over the Sahel for the tile benchmarks: N points around
a few hundred invented "towns" in Mali, Burkina Faso and Niger (most within
tens of kilometres of one, the rest scattered), with ACLED event types in a
plausible mix, heavy-tailed fatalities and dates over five years. Writes a
CSV with longitude/latitude columns; deterministic for a given seed.

Usage: bench_tiles_generate.py N OUT.csv [SEED]
"""
import csv
import math
import random
import sys

TYPES = [("Battles", 0.32), ("Violence against civilians", 0.28),
         ("Explosions/Remote violence", 0.14), ("Strategic developments", 0.12),
         ("Protests", 0.09), ("Riots", 0.05)]
# Rough outlines of the three countries as boxes to place towns in.
REGIONS = [(-12.0, 10.5, 4.0, 24.5, 0.45),   # Mali
           (-5.3, 9.5, 2.2, 15.0, 0.35),     # Burkina Faso
           (0.5, 11.8, 15.5, 23.0, 0.20)]    # Niger


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 2024)
    towns = []
    for _ in range(400):
        r = rng.random()
        for lon0, lat0, lon1, lat1, share in REGIONS:
            if r < share:
                break
            r -= share
        towns.append((rng.uniform(lon0, lon1), rng.uniform(lat0, lat1), rng.paretovariate(1.2)))
    weights = [t[2] for t in towns]
    names = [t for t, _ in TYPES]
    shares = [s for _, s in TYPES]
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "longitude", "latitude", "event_type", "fatalities", "event_date"])
        for i in range(n):
            if rng.random() < 0.9:
                lon, lat, _ = rng.choices(towns, weights)[0]
                spread = 0.25 * rng.random() ** 2  # degrees, most very close
                a = rng.uniform(0, 2 * math.pi)
                lon += spread * math.cos(a)
                lat += spread * math.sin(a)
            else:
                lon0, lat0, lon1, lat1, _ = rng.choice(REGIONS)
                lon, lat = rng.uniform(lon0, lon1), rng.uniform(lat0, lat1)
            fatalities = int(rng.paretovariate(1.1)) - 1 if rng.random() < 0.6 else 0
            day = rng.randrange(5 * 365)
            date = "%04d-%02d-%02d" % (2020 + day // 365, 1 + (day % 365) // 31 % 12, 1 + day % 28)
            w.writerow([i + 1, "%.5f" % lon, "%.5f" % lat, rng.choices(names, shares)[0],
                        min(fatalities, 500), date])


if __name__ == "__main__":
    main()
