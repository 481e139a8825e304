#!/usr/bin/env bash
# Rebuilds the shipped story verifier (src/Lagebild/Resources/story-verifier.json) from the shared GVA articles and
# their incidents (the gold stories), with `lagebild train story-verifier`; see models/story-verifier.md.
# Usage: bench/train-verifier.sh [DATA_FOLDER] [-- TRAIN_OPTIONS…]   (default: ../shared/data/gva-gun-violence-news)
# The model holds 20 numbers, no text of the data. Inputs go to a temporary folder outside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
gva_args train-verifier "$@"
for c in jq; do command -v $c >/dev/null || { echo "train-verifier: $c is required" >&2; exit 1; }; done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lagebild-verifier.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
dotnet build -c Release src/Lagebild.Cli -nologo -v q -clp:ErrorsOnly >/dev/null
dll=src/Lagebild.Cli/bin/Release/net10.0/linux-x64/Lagebild.Cli.dll
gva_articles "$docs" > "$tmp/articles.jsonl"
gva_gold "$docs" > "$tmp/gold.jsonl"
dotnet "$dll" train story-verifier "$tmp/articles.jsonl" --gold "$tmp/gold.jsonl" -o src/Lagebild/Resources/story-verifier.json \
  --about "shared GVA split: $(wc -l < "$tmp/articles.jsonl") articles, incidents as gold stories (bench/train-verifier.sh; see models/story-verifier.md)" "${opts[@]}"
