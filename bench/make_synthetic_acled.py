#!/usr/bin/env python3
"""Writes a synthetic ACLED-style CSV (current schema) of N rows over Mali,
Burkina Faso and Niger, for the store benchmarks. Every value is generated:
the rows imitate the shape of ACLED exports (quoted notes with commas,
"; "-joined associated actors, numeric ISO codes), not their content.

usage: make_synthetic_acled.py ROWS OUT.csv [--seed N]
"""
import argparse
import csv
import random

COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
           "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
           "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region",
           "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
           "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp"]

# (ISO numeric, name, id prefix, lon range, lat range, admin1 names)
COUNTRIES = [
    (466, "Mali", "MLI", (-11.5, 4.0), (10.5, 24.5),
     ["Kayes", "Koulikoro", "Sikasso", "Segou", "Mopti", "Timbuktu", "Gao", "Kidal", "Bamako"]),
    (854, "Burkina Faso", "BFO", (-5.3, 2.2), (9.6, 15.0),
     ["Sahel", "Nord", "Est", "Centre-Nord", "Boucle du Mouhoun", "Centre", "Hauts-Bassins"]),
    (562, "Niger", "NIG", (0.5, 15.5), (11.8, 23.0),
     ["Tillaberi", "Tahoua", "Agadez", "Diffa", "Maradi", "Zinder", "Dosso", "Niamey"]),
]

EVENTS = [
    ("Political violence", "Battles", ["Armed clash", "Government regains territory",
                                        "Non-state actor overtakes territory"]),
    ("Political violence", "Explosions/Remote violence",
     ["Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED"]),
    ("Political violence", "Violence against civilians",
     ["Attack", "Abduction/forced disappearance"]),
    ("Demonstrations", "Protests", ["Peaceful protest", "Protest with intervention"]),
    ("Demonstrations", "Riots", ["Violent demonstration", "Mob violence"]),
    ("Strategic developments", "Strategic developments",
     ["Looting/property destruction", "Arrests", "Other"]),
]

ACTORS = ["Armed Group A", "Armed Group B", "State Forces", "Militia C", "Protesters",
          "Rioters", "Civilians", "Unidentified Armed Group"]
SOURCES = ["Radio One", "Wire Service", "Local Monitor", "Regional Paper"]
SYLLABLES = ["ka", "ti", "bou", "ma", "ni", "go", "da", "sa", "ou", "ri", "le", "do"]


def place_name(rng):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=20240917)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    places = []
    for _ in range(5000):
        numeric, country, prefix, lons, lats, regions = rng.choice(COUNTRIES)
        places.append((numeric, country, prefix, rng.choice(regions), place_name(rng),
                       round(rng.uniform(*lats), 4), round(rng.uniform(*lons), 4)))
    with open(args.out, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for i in range(args.rows):
            numeric, country, prefix, admin1, location, lat, lon = rng.choice(places)
            disorder, event_type, subs = rng.choice(EVENTS)
            year = rng.randint(2012, 2024)
            date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            dead = rng.choice([0, 0, 0, 1, 2, 3, 5, 8, 12, 20, 40])
            actor1, actor2 = rng.sample(ACTORS, 2)
            assoc = "; ".join(rng.sample(ACTORS, rng.randint(0, 2)))
            notes = (f"On {date}, {actor1.lower()} and {actor2.lower()} were reported near "
                     f"{location}, {admin1}; {dead} killed, according to \"{rng.choice(SOURCES)}\".")
            writer.writerow([f"{prefix}{i + 1}", date, year, rng.choice([1, 1, 1, 2, 3]), disorder,
                             event_type, rng.choice(subs), actor1, assoc, rng.randint(1, 8),
                             actor2, "", rng.randint(0, 8), rng.randint(10, 88), "", numeric,
                             "Western Africa", country, admin1, "", "", location, lat, lon,
                             rng.choice([1, 1, 2, 3]), rng.choice(SOURCES), "National", notes,
                             dead, "", 1700000000 + i])


if __name__ == "__main__":
    main()
