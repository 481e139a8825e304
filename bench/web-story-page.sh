#!/usr/bin/env bash
# Story page render time with N articles in the store (default 10,000: the shared GVA articles repeated with
# dates moved 6 years per repetition, as in cluster-scale.sh). Ingests into a temporary store, starts
# `lagebild serve` on 127.0.0.1, warms it up, then times 20 requests of the story page of the biggest story
# and of the stories page with curl. Needs python3 and curl. Nothing is written into the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
n=${1:-10000}
docs=../shared/data/gva-gun-violence-news/documents.jsonl.gz
[ -f "$docs" ] || { echo "web-story-page: $docs not found" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lagebild-web.XXXXXX")
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
dotnet build -c Release src/Lagebild.Cli -nologo -v q -clp:ErrorsOnly >/dev/null
dll=src/Lagebild.Cli/bin/Release/net10.0/linux-x64/Lagebild.Cli.dll
gva_repeated "$docs" "$n" > "$tmp/in.jsonl"
start=$(date +%s.%N)
dotnet "$dll" ingest "$tmp/in.jsonl" --store "$tmp/s.db" --max-bytes 2000000000 | head -2
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v n="$n" 'BEGIN{printf "ingest: %d articles in %.1f s (%.0f articles/s)\n", n, e-s, n/(e-s)}'
port=$((20000 + RANDOM % 20000))
dotnet "$dll" serve --store "$tmp/s.db" --port "$port" 2>"$tmp/serve.log" &
pid=$!
for _ in $(seq 60); do curl -s -o /dev/null "http://127.0.0.1:$port/api/openapi.json" && break; sleep 0.5; done
first=$(curl -s -o /dev/null -w "%{time_total}" "http://127.0.0.1:$port/")
echo "first request (builds the stories of the whole store once): ${first} s"
story=$(curl -s "http://127.0.0.1:$port/api/stories" | python3 -c "import json,sys; s=json.load(sys.stdin); print(max(s, key=lambda x: len(x['articles']))['story'])")
for page in "/story/$story" "/"; do
  times=$(for _ in $(seq 20); do curl -s -o /dev/null -w "%{time_total}\n" "http://127.0.0.1:$port$page"; done | sort -n)
  echo "$page: median $(sed -n 10p <<<"$times") s, max $(tail -1 <<<"$times") s over 20 requests"
done
