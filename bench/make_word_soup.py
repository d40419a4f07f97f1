#!/usr/bin/env python3
"""Write a worst-case report for the reader: place names, armed groups,
attack verbs, victims, numbers and dates in random order, with a full stop
now and then, up to the size asked (default 60 MB, just under the 64 MiB cap).

    make_word_soup.py OUT [MEGABYTES] [SEED]

Every word is one the reader reacts to, so each sentence holds many candidate
events, places and actors: the reader's time on it is bounded by the cost per
word, not by how many words a normal report has.
"""
import random
import sys

PLACES = ["Djibo", "Dori", "Kidal", "Gao", "Menaka", "Tillaberi", "Ouallam", "Arbinda",
          "Fada N'Gourma", "Kaya", "Mopti", "Bandiagara", "Tinzaouatine", "Bamako",
          "Niamey", "Ouagadougou", "Diapaga", "Ansongo", "Tessit", "Boulkessi"]
ACTORS = ["JNIM", "ISGS", "the army", "soldiers", "gendarmes", "VDP", "Wagner",
          "militants", "gunmen", "the police", "Koglweogo", "Dozo", "rebels"]
VERBS = ["attacked", "killed", "ambushed", "abducted", "shelled", "looted", "burned",
         "clashed with", "fired on", "raided", "a attaqué", "ont tué"]
OTHERS = ["civilians", "villagers", "in", "near", "at", "on", "and", "the", "of",
          "dead", "wounded", "3", "12", "over 70", "dozens", "Sunday", "17 September",
          "le 4 mars", "between", "north of", "region", "cercle", "(", ")", ","]


def main() -> None:
    out = sys.argv[1]
    megabytes = float(sys.argv[2]) if len(sys.argv) > 2 else 60
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 7)
    pools = [PLACES, ACTORS, VERBS, OTHERS, OTHERS]
    limit = int(megabytes * (1 << 20))
    written = 0
    with open(out, "w", encoding="utf-8") as f:
        chunk = []
        while written < limit:
            word = rng.choice(rng.choice(pools))
            if rng.random() < 0.04:
                word += "."
            chunk.append(word)
            if len(chunk) == 4096:
                text = " ".join(chunk) + " "
                f.write(text)
                written += len(text.encode("utf-8"))
                chunk = []


if __name__ == "__main__":
    main()
