#!/usr/bin/env bash
# `incimap extract URL…` against the loopback server: an article and a feed
# become incidents carrying their URL or item link as doc_id and their title
# as source; a 404 among them is named and the others still go through
# (exit 1); the requests say who asks (User-Agent incimap/…); a second run
# reads the pages from the cache without a request, and --refresh asks again.
# Usage: extract_urls.sh path/to/incimap
set -euo pipefail
bin=$1
source "$(dirname "${BASH_SOURCE[0]}")/../support/loopback_server.sh" extract-urls

mkdir -p "$work/served"
cat >"$work/served/article.html" <<'HTML'
<html><head><title>Checkpoint attacked in Gao | Sahel Wire</title>
<meta property="og:title" content="Checkpoint attacked in Gao">
<meta property="article:published_time" content="2024-02-14T08:00:00Z">
<script>var teaser = "Gunmen attacked Kidal on 1 January 2024, killing 500 people.";</script>
</head><body><nav><a href="/">Home</a> Gunmen attacked Menaka on 2 January 2024.</nav>
<article><h1>Checkpoint attacked in Gao</h1>
<p>Gunmen attacked an army checkpoint in Gao on Monday, killing four soldiers.</p>
</article><footer>Sahel Wire</footer></body></html>
HTML
cat >"$work/served/feed" <<'RSS'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Sahel Wire</title>
<item><title>Mine kills three near Djibo</title>
<link>http://wire.example/djibo-mine</link>
<pubDate>Thu, 12 Oct 2023 09:00:00 GMT</pubDate>
<description>A roadside bomb killed three civilians near Djibo on Wednesday.</description></item>
</channel></rss>
RSS
printf 'application/rss+xml' >"$work/served/feed.content-type"

start_loopback_server "$work/served"
base=http://127.0.0.1:$port/

extract() { "$bin" extract --format jsonl "$@" >"$work/out" 2>"$work/err"; }

code=0
extract "${base}article.html" "${base}missing.html" "${base}feed" || code=$?
[ "$code" -eq 1 ] || fail "exit $code with a 404 among the URLs, expected 1"
grep -qF "HTTP 404 Not Found for ${base}missing.html" "$work/err" || fail "the 404 is not named"
python3 - "$work/out" "$base" <<'PY' || fail "the incidents of the pages"
import json, sys
incidents = [json.loads(line) for line in open(sys.argv[1])]
base = sys.argv[2]
gao = [i for i in incidents if i["doc_id"] == base + "article.html"]
assert len(gao) == 1, incidents  # not the script's Kidal, the menu's Menaka nor the headline again
assert gao[0]["location"] == "Gao" and gao[0]["event_date"] == "2024-02-12", gao
assert gao[0]["source"] == "Checkpoint attacked in Gao" and gao[0]["fatalities"] == 4, gao
djibo = [i for i in incidents if i["doc_id"] == "http://wire.example/djibo-mine"]
assert len(djibo) == 1, incidents
assert djibo[0]["source"] == "Mine kills three near Djibo", djibo
assert djibo[0]["event_date"] == "2023-10-11" and djibo[0]["location"] == "Djibo", djibo
assert len(incidents) == 2, incidents
PY
echo "ok: an article and a feed item read, the 404 named"

cut -f3 "$work/requests.log" | grep -qv '^incimap/' && fail "a request without incimap's User-Agent"
requests=$(wc -l <"$work/requests.log")
cp "$work/out" "$work/first"
extract "${base}article.html" "${base}feed" || fail "the second run failed"
cmp -s "$work/out" "$work/first" || fail "the second run printed other incidents"
[ "$(wc -l <"$work/requests.log")" -eq "$requests" ] || fail "the second run downloaded again"
echo "ok: the second run reads the cache"

extract --refresh "${base}article.html" || fail "--refresh failed"
[ "$(wc -l <"$work/requests.log")" -eq $((requests + 1)) ] || fail "--refresh did not download"
echo "ok: --refresh downloads again"
