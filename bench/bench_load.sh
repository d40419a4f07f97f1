#!/usr/bin/env bash
# The load benchmark in one run: for each size N (default 10,000, 100,000 and
# 1,000,000), into one new store,
#   1. incimap import  of N synthetic ACLED-style rows (make_synthetic_acled.py);
#   2. incimap ingest  --batch of N/10 short synthetic reports (JSON Lines),
#                      each on its own day, town and event type so that few
#                      are merged, over real towns of Mali, Burkina Faso and
#                      Niger that the embedded gazetteer places;
#   3. incimap tiles   of the whole store, zooms 0..MAXZOOM, to a folder.
# Each step is its own process under GNU time, run with nice: wall time, CPU
# time (user + system, all threads) and peak memory, twice: max RSS (GNU
# time; it counts the pages of mapped files that were touched, such as the
# temporary files `incimap tiles` keeps its per-incident arrays in) and the
# peak of anonymous memory (the heap and stacks: RssAnon of /proc/PID/status,
# sampled every 50 ms). Then the growth factor of each figure from one size
# to the next: ~10 per 10x the data means linear time; memory should grow far
# less.
#
# usage: bench/bench_load.sh [SIZES] [MAXZOOM]    (defaults "10000 100000 1000000" 10)
#   INCIMAP_LOAD_INGEST_CAP=SECONDS  stops an ingest that runs longer (it is one
#                                    transaction: the store keeps the imported
#                                    rows) and reports it as capped.
#   INCIMAP_LOAD_KEEP=DIR            keeps the stores, batches and tiles in DIR.
#   INCIMAP_LOAD_STEPS="tiles"       runs only these of import, ingest and tiles
#                                    (with INCIMAP_LOAD_KEEP, on the stores an
#                                    earlier run kept there).
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
sizes=(${1:-10000 100000 1000000})
max_zoom=${2:-10}
ingest_cap=${INCIMAP_LOAD_INGEST_CAP:-0}
steps=" ${INCIMAP_LOAD_STEPS:-import ingest tiles} "
runs_step() { [[ $steps == *" $1 "* ]]; }
install_packages "${INCIMAP_APT_PACKAGES[@]}" time  # GNU time: peak memory of each step
cmake -S "$INCIMAP_ROOT" -B "$INCIMAP_ROOT/build-bench" -G Ninja -DCMAKE_BUILD_TYPE=Release >&2
cmake --build "$INCIMAP_ROOT/build-bench" --parallel "$(nproc)" --target incimap >&2
incimap="$INCIMAP_ROOT/build-bench/incimap"
if [ -n "${INCIMAP_LOAD_KEEP:-}" ]; then
  work=$INCIMAP_LOAD_KEEP
  mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/incimap-bench-load-XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi

# make_reports COUNT OUT.jsonl: COUNT short reports in varied wording, one
# JSON object per line ({"id", "published", "title", "text"}).
make_reports() {
  python3 - "$1" "$2" <<'EOF'
import datetime, json, random, sys

count, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(7)
TOWNS = {
    "Mali": ["Gao", "Timbuktu", "Mopti", "Djenne", "Menaka", "Kidal", "Ansongo", "Bourem",
             "Douentza", "Bandiagara", "Bankass", "Koro", "Tenenkou", "Niono", "Segou", "San",
             "Macina", "Diabaly", "Goundam", "Niafunke", "Tessalit", "Aguelhok", "Hombori",
             "Gossi", "Kayes", "Sikasso", "Koutiala", "Nara", "Kati", "Tominian"],
    "Burkina Faso": ["Djibo", "Dori", "Gorom-Gorom", "Arbinda", "Sebba", "Ouahigouya", "Kaya",
                     "Kongoussi", "Barsalogho", "Fada N'Gourma", "Diapaga", "Pama", "Titao",
                     "Tougan", "Dedougou", "Nouna", "Kantchari", "Gayeri", "Solenzo", "Bogande",
                     "Koupela", "Tenkodogo", "Yako", "Gourcy", "Boromo"],
    "Niger": ["Tillaberi", "Ouallam", "Ayorou", "Banibangou", "Abala", "Filingue", "Tera",
              "Torodi", "Makalondi", "Tahoua", "Tillia", "Agadez", "Diffa", "Bosso", "Maradi",
              "Zinder", "Dosso", "Mainé-Soroa", "Tassara", "Birni N'Konni"],
}
ARMIES = {"Mali": ["the Malian army", "FAMa soldiers"],
          "Burkina Faso": ["the Burkinabe army", "VDP volunteers"],
          "Niger": ["the Nigerien army", "Nigerien troops"]}
ARMED = ["JNIM fighters", "militants of the Islamic State Sahel Province",
         "unidentified gunmen", "armed men on motorbikes", "Katiba Macina fighters"]
# Event types with a few ways of telling each; {a} armed group, {s} state
# forces, {n} a number, {p} the place and country, {d} the day.
STORIES = [
    ["{a} attacked a checkpoint held by {s} at {p} {d}, and {n} soldiers were killed in the exchange of fire.",
     "Heavy fighting broke out {d} between {s} and {a} near {p}; officials counted {n} dead.",
     "{s} clashed with {a} outside {p} {d}. A local source said {n} people died in the battle."],
    ["{a} killed {n} villagers {d} in a raid on {p}, residents told reporters.",
     "Gunmen stormed a market in {p} {d} and shot {n} civilians, according to a local official.",
     "{n} civilians were abducted and later found dead near {p} after {a} raided the area {d}."],
    ["A roadside bomb struck a convoy of {s} near {p} {d}, killing {n} soldiers.",
     "An improvised explosive device went off on the road out of {p} {d}; {n} passengers were killed.",
     "A drone strike hit a gathering close to {p} {d}, and {n} people were reported killed."],
    ["Several hundred residents demonstrated peacefully in {p} {d} against rising insecurity.",
     "Traders marched through {p} {d} to protest the closure of the main road.",
     "Students staged a sit-in in {p} {d} to demand the return of their teachers."],
    ["Angry youths set fire to tyres and blocked the streets of {p} {d}; {n} people were hurt in the riot.",
     "A crowd ransacked the town hall of {p} {d} after rumours of an arrest, and police fired tear gas."],
    ["{s} arrested {n} suspected members of {a} in {p} {d}.",
     "{a} looted and burned shops and granaries in {p} {d}, without casualties reported."],
]
TITLES = ["Report from {t}", "{t}: news of the day", "Security update, {t}", "{t} correspondent"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
towns = [(town, country) for country, names in TOWNS.items() for town in names]
first_day = datetime.date(2015, 1, 1)
days = 3650
combos = days * len(towns) * len(STORIES)
if count > combos:
    sys.exit(f"at most {combos} distinct reports")
step = 1_000_003  # a prime not dividing combos: i -> i * step mod combos is one-to-one
with open(out, "w", encoding="utf-8") as f:
    for i in range(count):
        k = i * step % combos
        day, k = k % days, k // days
        (town, country), kind = towns[k % len(towns)], k // len(towns)
        date = first_day + datetime.timedelta(days=day)
        published = date + datetime.timedelta(days=rng.randint(0, 3))
        when = (f"on {date.day} {MONTHS[date.month - 1]} {date.year}" if rng.random() < 0.5
                else f"on {MONTHS[date.month - 1]} {date.day}, {date.year}")
        text = rng.choice(STORIES[kind]).format(
            a=rng.choice(ARMED), s=rng.choice(ARMIES[country]), n=rng.randint(2, 40),
            p=f"{town}, {country},", d=when)
        text = text[0].upper() + text[1:]
        f.write(json.dumps({"id": f"load-{i + 1}", "published": published.isoformat(),
                            "title": rng.choice(TITLES).format(t=town), "text": text},
                           ensure_ascii=False) + "\n")
EOF
}

# peak_anon PID: the largest RssAnon (kB) of PID's descendants, sampled every
# 50 ms until PID ends.
peak_anon() {
  local parent=$1 peak=0 pid key value rest
  while kill -0 "$parent" 2>/dev/null; do
    for pid in $(pgrep -P "$parent"; pgrep -P "$(pgrep -P "$parent" | head -n 1)" 2>/dev/null); do
      # The process may end between pgrep and the read.
      { while read -r key value rest; do
          [ "$key" = RssAnon: ] && [ "$value" -gt "$peak" ] && peak=$value
        done <"/proc/$pid/status"; } 2>/dev/null || true
    done
    sleep 0.05
  done
  echo "$peak"
}

# measure SIZE STEP COMMAND…: runs it with nice under GNU time (and the cap, for
# ingest) and appends "SIZE STEP wall cpu max_rss_kb status anon_kb" to
# $work/times.
measure() {
  local size=$1 step=$2 status=ok
  shift 2
  local cap=()
  [ "$step" = ingest ] && [ "$ingest_cap" != 0 ] && cap=(timeout "$ingest_cap")
  /usr/bin/time -o "$work/time.txt" -f "%e %U %S %M" "${cap[@]}" nice "$@" \
    >"$work/$size-$step.out" 2>"$work/$size-$step.err" &
  local timed=$!
  peak_anon "$timed" >"$work/anon.txt" &
  local sampler=$!
  if ! wait "$timed"; then
    status=failed
    [ "${#cap[@]}" -gt 0 ] && grep -q 'status 124' "$work/time.txt" && status=capped
    echo "$size $step: $status (stderr in $work/$size-$step.err)" >&2
  fi
  wait "$sampler"
  tail -n 1 "$work/time.txt" | awk -v n="$size" -v s="$step" -v st="$status" -v anon="$(cat "$work/anon.txt")" \
    '{print n, s, $1, $2 + $3, $4, st, anon}' >>"$work/times"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
: >"$work/times"
for size in "${sizes[@]}"; do
  reports=$((size / 10))
  store="$work/$size.gpkg"
  echo "$size:$steps(load average $(cut -d' ' -f1-3 /proc/loadavg))…" >&2
  if runs_step import; then
    python3 "$INCIMAP_ROOT/bench/make_synthetic_acled.py" "$size" "$work/$size.csv"
    rm -rf "$store"
    measure "$size" import "$incimap" import --store "$store" --format acled "$work/$size.csv"
    rm -f "$work/$size.csv"
  elif [ ! -f "$store" ]; then
    echo "$store: no store of an earlier run (INCIMAP_LOAD_KEEP names where they are)" >&2
    exit 1
  fi
  if runs_step ingest; then
    make_reports "$reports" "$work/$size.jsonl"
    measure "$size" ingest "$incimap" ingest --store "$store" --batch "$work/$size.jsonl"
    tail -n 1 "$work/$size-ingest.err"
  fi
  if runs_step tiles; then
    rm -rf "$work/$size-tiles"
    measure "$size" tiles "$incimap" tiles --store "$store" --minzoom 0 --maxzoom "$max_zoom" \
      --out "$work/$size-tiles"
    echo "$size: $(find "$work/$size-tiles" -name '*.png' | wc -l) tiles" \
      "($(du -sm "$work/$size-tiles" | cut -f1) MB), store $(du -m "$store" | cut -f1) MB"
  fi
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

# The table: each step at each size, and its growth from the size before.
printf '\n%-10s %-7s %9s %9s %8s %8s %10s %10s %10s %10s %s\n' size step "wall s" "cpu s" "RSS MB" \
  "anon MB" "wall ×" "cpu ×" "RSS ×" "anon ×" ""
awk '
  { key = $2; wall = $3; cpu = $4; rss = $5; anon = $7
    grow_wall = grow_cpu = grow_rss = grow_anon = "-"
    if (key in last_wall && $6 == "ok") {
      grow_wall = sprintf("%.1f", wall / last_wall[key])
      grow_cpu = sprintf("%.1f", cpu / last_cpu[key])
      grow_rss = sprintf("%.2f", rss / last_rss[key])
      if (last_anon[key] > 0) grow_anon = sprintf("%.2f", anon / last_anon[key])
    }
    printf "%-10d %-7s %9.1f %9.1f %8.0f %8.0f %10s %10s %10s %10s %s\n", $1, key, wall, cpu,
      rss / 1024, anon / 1024, grow_wall, grow_cpu, grow_rss, grow_anon, ($6 == "ok" ? "" : $6)
    if ($6 == "ok") { last_wall[key] = wall; last_cpu[key] = cpu; last_rss[key] = rss; last_anon[key] = anon }
  }' "$work/times"
echo "(× : the figure divided by the same step's at the size before; ~10 per 10x the data is linear;"
echo " RSS counts the touched pages of mapped files, anon only the heap and stacks)"
