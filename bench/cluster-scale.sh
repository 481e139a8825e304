#!/usr/bin/env bash
# Scale of `lagebild cluster`: time and peak memory (max RSS) for 10k, 30k and 100k articles.
# The articles are the shared GVA articles repeated: repetition k gets ids suffixed "-k" and dates moved
# 6k years on, so every repetition is a fresh stream of real-sized news with real vocabulary (the earlier
# repetitions' stories are closed by then: memory must stay bounded by the open window, not grow with N).
# Usage: bench/cluster-scale.sh [SIZES…]   (default: 10000 30000 100000). Needs python3 and GNU time (/usr/bin/time).
# Data is generated into a temporary folder outside the repository and removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
docs=../shared/data/gva-gun-violence-news/documents.jsonl.gz
[ -f "$docs" ] || { echo "cluster-scale: $docs not found" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "cluster-scale: GNU time (/usr/bin/time) is required (apt-get install time)" >&2; exit 1; }
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(10000 30000 100000)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lagebild-scale.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

dotnet build -c Release src/Lagebild.Cli -nologo -v q -clp:ErrorsOnly >/dev/null
dll=src/Lagebild.Cli/bin/Release/net10.0/linux-x64/Lagebild.Cli.dll

echo "articles  seconds  articles/s  max RSS MiB  stories"
for n in "${sizes[@]}"; do
  gva_repeated "$docs" "$n" > "$tmp/in.jsonl"
  /usr/bin/time -f "%e %M" -o "$tmp/time" dotnet "$dll" cluster "$tmp/in.jsonl" -o "$tmp/out.jsonl" -q --max-bytes 2000000000
  read -r secs kb < "$tmp/time"
  stories=$(python3 -c "import json,sys; print(len({json.loads(l)['story'] for l in open(sys.argv[1])}))" "$tmp/out.jsonl")
  awk -v n="$n" -v s="$secs" -v k="$kb" -v st="$stories" 'BEGIN{printf "%8d  %7.1f  %10.0f  %11.0f  %7d\n", n, s, n/s, k/1024, st}'
done
