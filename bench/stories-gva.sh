#!/usr/bin/env bash
# Stories on the shared GVA articles: `lagebild stories --min-count 1` (single victims reported), scored by
# `lagebild eval gva-stories`: BCubed of the stories against the incidents, and per incident the exact accuracy
# of the reconciled killed and injured figures (the incident's story is the one holding most of its articles).
# Usage: bench/stories-gva.sh [DATA_FOLDER] [-- STORIES_OPTIONS…]   (default: ../shared/data/gva-gun-violence-news)
# Needs jq. The data is converted into a temporary folder outside the repository, removed afterwards (KEEP=DIR keeps
# the articles and stories in DIR, for error analysis; never inside the repository).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
gva_args stories-gva "$@"
incidents=$data/incidents.jsonl.gz
[ -f "$incidents" ] || { echo "stories-gva: $incidents not found" >&2; exit 1; }
command -v jq >/dev/null || { echo "stories-gva: jq is required" >&2; exit 1; }
tmp=${KEEP:-$(mktemp -d "${TMPDIR:-/tmp}/lagebild-stories.XXXXXX")}
mkdir -p "$tmp"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT
dotnet build -c Release src/Lagebild.Cli -nologo -v q -clp:ErrorsOnly >/dev/null
dll=src/Lagebild.Cli/bin/Release/net10.0/linux-x64/Lagebild.Cli.dll
gva_articles "$docs" > "$tmp/articles.jsonl"
start=$(date +%s.%N)
dotnet "$dll" stories "$tmp/articles.jsonl" --min-count 1 -o "$tmp/stories.jsonl" "${opts[@]}"
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v n="$(wc -l < "$tmp/articles.jsonl")" 'BEGIN{printf "stories: %d articles in %.1f s (%.0f articles/s, whole process)\n", n, e-s, n/(e-s)}'
dotnet "$dll" eval gva-stories --documents "$docs" --incidents "$incidents" "$tmp/stories.jsonl"
