#!/usr/bin/env bash
# Killed/injured figures of `lagebild extract` on the shared GVA articles, scored by `lagebild eval gva`
# (per-article exact accuracy against the incident gold; rules in src/Lagebild/Evaluation/GvaEvaluation.cs).
# Usage: bench/eval-gva.sh [DATA_FOLDER] [-- EVAL_OPTIONS…]   (default: ../shared/data/gva-gun-violence-news)
#   e.g. bench/eval-gva.sh ../shared/data/gva-gun-violence-news -- --json
# Needs jq. The documents are written as Lagebild JSONL input ({"id": doc_id, "published": dct, "title", "text",
# "language": "en"}; one line per doc_id, empty texts left out: they are scored as articles without prediction)
# into a temporary folder outside the repository, which is removed afterwards: the data is for internal
# evaluation only (no licence), nothing of it may land in the repository. Release build, like extract-throughput.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data/gva-gun-violence-news
if [ $# -gt 0 ] && [ "$1" != "--" ]; then data=$1; shift; fi
[ "${1:-}" = "--" ] && shift
docs=$data/documents.jsonl.gz
incidents=$data/incidents.jsonl.gz
for f in "$docs" "$incidents"; do [ -f "$f" ] || { echo "eval-gva: $f not found" >&2; exit 1; }; done
command -v jq >/dev/null || { echo "eval-gva: jq is required" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/lagebild-gva.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

dotnet build -c Release src/Lagebild.Cli -nologo -v q -clp:ErrorsOnly >/dev/null
dll=src/Lagebild.Cli/bin/Release/net10.0/linux-x64/Lagebild.Cli.dll

# jq -c writes "id" first, so awk's 4th '"'-field is the doc_id (hex): keep its first line only.
zcat "$docs" \
  | jq -c 'select((.text // "") | test("\\S")) | {id: .doc_id, published: .dct, title, text, language: "en"}' \
  | awk -F'"' '!seen[$4]++' > "$tmp/articles.jsonl"
echo "input: $(wc -l < "$tmp/articles.jsonl") articles with text ($(zcat "$docs" | wc -l) document lines)"

start=$(date +%s.%N)
set +e
dotnet "$dll" extract ${EXTRACT_OPTS:-} "$tmp/articles.jsonl" -o "$tmp/facts.jsonl" 2> "$tmp/extract.err"
rc=$?
set -e
end=$(date +%s.%N)
if [ "$rc" -ne 0 ]; then
  echo "eval-gva: extract failed (exit $rc):" >&2; head -5 "$tmp/extract.err" >&2; exit 1
fi
summary=$(grep '^extract:' "$tmp/extract.err" || true)
problems=$(grep -vc '^extract:' "$tmp/extract.err" || true)
articles=$(sed -E 's/^extract: ([0-9]+) articles.*/\1/' <<<"$summary")
echo "$summary"
awk -v a="$articles" -v s="$start" -v e="$end" -v p="$problems" -v c="$(nproc)" \
  'BEGIN{printf "extract whole process: %.1f s, %.0f articles/s (incl. start-up), %d stderr lines besides the summary, %d cores\n", e-s, a/(e-s), p, c}'
echo "facts: $(wc -l < "$tmp/facts.jsonl") lines, killed $(grep -c '"kind":"killed"' "$tmp/facts.jsonl" || true), injured $(grep -c '"kind":"injured"' "$tmp/facts.jsonl" || true)"
echo

start=$(date +%s.%N)
dotnet "$dll" eval gva --documents "$docs" --incidents "$incidents" "$tmp/facts.jsonl" "$@"
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN{printf "\neval gva: %.1f s\n", e-s}'
