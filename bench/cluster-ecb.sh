#!/usr/bin/env bash
# Story clustering on ECB+ train and dev: `lagebild cluster` scored by ../shared/tools/score_clusters.py against
# the gold event clusters (`subtopic_cluster`). ECB+ documents have no dates; all are clustered at once per split.
# Usage: bench/cluster-ecb.sh [DATA_FOLDER] [-- CLUSTER_OPTIONS…]   (default: ../shared/data/ecbplus)
# Needs jq and python3. Inputs go to a temporary folder outside the repository that is removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data/ecbplus
if [ $# -gt 0 ] && [ "$1" != "--" ]; then data=$1; shift; fi
[ "${1:-}" = "--" ] && shift
for c in jq python3; do command -v $c >/dev/null || { echo "cluster-ecb: $c is required" >&2; exit 1; }; done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lagebild-ecb.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
dotnet build -c Release src/Lagebild.Cli -nologo -v q -clp:ErrorsOnly >/dev/null
dll=src/Lagebild.Cli/bin/Release/net10.0/linux-x64/Lagebild.Cli.dll
for split in train dev; do
  f=$data/$split.jsonl.gz
  [ -f "$f" ] || { echo "cluster-ecb: $f not found" >&2; exit 1; }
  zcat "$f" | jq -c '{id: .doc_id, text, language: "en"}' > "$tmp/$split.jsonl"
  zcat "$f" | jq -c '{id: .doc_id, story: .subtopic_cluster}' > "$tmp/$split.gold.jsonl"
  dotnet "$dll" cluster "$tmp/$split.jsonl" -o "$tmp/$split.out.jsonl" -q "$@"
  echo "== ECB+ $split"
  python3 ../shared/tools/score_clusters.py "$tmp/$split.gold.jsonl" "$tmp/$split.out.jsonl"
done
