#!/usr/bin/env python3
"""Writes N short synthetic news reports, one file each, of attacks spread
over towns of Mali, Burkina Faso and Niger and over the days of 2023, for
the benchmarks of many writers: two reports rarely share a town and a day.
Every sentence is generated from the templates below.

usage: make_place_reports.py N FOLDER [--seed N]
"""
import argparse
import datetime
import os
import random

TOWNS = [
    ("Gao", "Mali"), ("Mopti", "Mali"), ("Kidal", "Mali"), ("Timbuktu", "Mali"),
    ("Segou", "Mali"), ("Sikasso", "Mali"), ("Kayes", "Mali"), ("Menaka", "Mali"),
    ("Dori", "Burkina Faso"), ("Djibo", "Burkina Faso"), ("Kaya", "Burkina Faso"),
    ("Ouahigouya", "Burkina Faso"), ("Fada N'Gourma", "Burkina Faso"),
    ("Koudougou", "Burkina Faso"), ("Tillaberi", "Niger"), ("Tahoua", "Niger"),
    ("Agadez", "Niger"), ("Diffa", "Niger"), ("Maradi", "Niger"), ("Zinder", "Niger"),
    ("Dosso", "Niger"),
]
VICTIMS = ["villagers", "civilians", "farmers", "traders", "herders"]
WORDS = {2: "Two", 3: "Three", 4: "Four", 5: "Five", 6: "Six", 7: "Seven"}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("count", type=int)
    parser.add_argument("folder")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.folder, exist_ok=True)
    start = datetime.date(2023, 1, 1)
    for i in range(args.count):
        town, country = TOWNS[i % len(TOWNS)]
        day = start + datetime.timedelta(days=(i // len(TOWNS)) % 365)
        killed = rng.choice(sorted(WORDS))
        victims = rng.choice(VICTIMS)
        text = (f"Title: {WORDS[killed]} {victims} killed near {town}\n"
                f"Published: {day + datetime.timedelta(days=1)}\n"
                f"URL: http://reports.example/{i}\n\n"
                f"Gunmen killed {killed} {victims} in {town}, {country}, on "
                f"{day.strftime('%A')} {day.day} {day.strftime('%B %Y')}, a local official said.\n")
        with open(os.path.join(args.folder, f"report-{i:05d}.txt"), "w") as out:
            out.write(text)


if __name__ == "__main__":
    main()
