#!/usr/bin/env bash
# Speed of `lagebild tag` on one core: tokens/s excluding process start-up and model load (the command
# reports both its loop rate, with reading and writing, and the tagger's own rate), the model load time,
# and the model file size. Input: the GermEval 2014 dev tokens repeated to ~1M tokens (only tokens are
# read; tags are ignored), so the JIT is warm for most of the run. Median of 3 runs.
#   bench/ner-speed.sh [MODEL]
set -euo pipefail
cd "$(dirname "$0")/.."
D=${SHARED:-../shared}/data
MODEL=${1:-src/Lagebild/Resources/ner-de.model.gz}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
dotnet build src/Lagebild.Cli -c Release --nologo -clp:ErrorsOnly >/dev/null
L="dotnet src/Lagebild.Cli/bin/Release/net10.0/linux-x64/Lagebild.Cli.dll"
for i in $(seq 24); do cat "$D/germeval2014-ner/NER-de-dev.tsv"; done > "$WORK/in.tsv"
echo "model: $MODEL ($(stat -c %s "$MODEL") bytes)"
for run in 1 2 3; do
  taskset -c 0 $L tag --format conll "$WORK/in.tsv" --model "$MODEL" -o "$WORK/out.tsv" 2>&1 | tee -a "$WORK/runs.txt"
done
echo "median tokens/s (loop with I/O): $(grep -o '[0-9]* tokens/s with' "$WORK/runs.txt" | awk '{print $1}' | sort -n | sed -n 2p)"
echo "median tokens/s (tagger alone):  $(grep -o '[0-9]* tokens/s tagging' "$WORK/runs.txt" | awk '{print $1}' | sort -n | sed -n 2p)"
echo "median model load (s):           $(grep -o 'model load [0-9.]*' "$WORK/runs.txt" | awk '{print $3}' | sort -n | sed -n 2p)"
