#!/usr/bin/env bash
# Story clustering on the shared GVA articles: `lagebild cluster` scored by ../shared/tools/score_clusters.py
# with the GVA incident as the gold story (BCubed and pairwise), plus the singleton baseline.
# Usage: bench/cluster-gva.sh [DATA_FOLDER] [-- CLUSTER_OPTIONS…]   (default: ../shared/data/gva-gun-violence-news)
# Needs jq and python3. Input and outputs go to a temporary folder outside the repository that is removed
# afterwards (the data has no licence: nothing of it may land in the repository). KEEP=DIR keeps them in DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
gva_args cluster-gva "$@"
for c in jq python3; do command -v $c >/dev/null || { echo "cluster-gva: $c is required" >&2; exit 1; }; done
tmp=${KEEP:-$(mktemp -d "${TMPDIR:-/tmp}/lagebild-cluster.XXXXXX")}
mkdir -p "$tmp"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT

dotnet build -c Release src/Lagebild.Cli -nologo -v q -clp:ErrorsOnly >/dev/null
dll=src/Lagebild.Cli/bin/Release/net10.0/linux-x64/Lagebild.Cli.dll

# One line per doc_id (a few documents are linked to two incidents: the first one is gold); empty texts kept
# (they are articles too: they form stories of their own).
gva_articles "$docs" > "$tmp/articles.jsonl"
gva_gold "$docs" > "$tmp/gold.jsonl"

dotnet "$dll" cluster "$tmp/articles.jsonl" -o "$tmp/clusters.jsonl" "${opts[@]}"
python3 ../shared/tools/score_clusters.py "$tmp/gold.jsonl" "$tmp/clusters.jsonl"
echo "baseline (every article alone): $(python3 ../shared/tools/score_clusters.py "$tmp/gold.jsonl" /dev/null | tail -1)"
