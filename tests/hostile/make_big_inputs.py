#!/usr/bin/env python3
"""make_big_inputs.py DIR: writes the hostile inputs too big to keep in git.

  one_line.txt  a report of 100 MiB on a single line (words, no line end)
  one_line.csv  an event table whose second record is one 100 MiB line
  ML.zip        a zip bomb: ML.txt inflates to 1 GiB of NUL bytes, no line end
"""
import pathlib
import sys
import zipfile

out = pathlib.Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
size = 100 << 20

words = b"gunmen attacked the market near Djibo and soldiers returned fire "
with open(out / "one_line.txt", "wb") as f:
    f.write(words * (size // len(words) + 1))

with open(out / "one_line.csv", "wb") as f:
    f.write(b"event_date,event_type,location,latitude,longitude,notes\n")
    f.write(b"2024-09-17,Battles,Djibo,14.0994,-1.6255,")
    f.write(words * (size // len(words) + 1))

with zipfile.ZipFile(out / "ML.zip", "w", zipfile.ZIP_DEFLATED) as z:
    with z.open("ML.txt", "w", force_zip64=True) as member:
        block = b"\0" * (1 << 20)
        for _ in range(1024):
            member.write(block)
