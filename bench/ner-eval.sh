#!/usr/bin/env bash
# GermEval 2014 dev figures of a NER model (default: the shipped one) with the shared scorer:
# exact span and type over PER/LOC/ORG (*deriv, *part and OTH count as O).
#   bench/ner-eval.sh [MODEL]
set -euo pipefail
cd "$(dirname "$0")/.."
S=${SHARED:-../shared}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
dotnet build src/Lagebild.Cli -c Release --nologo -clp:ErrorsOnly >/dev/null
L="dotnet src/Lagebild.Cli/bin/Release/net10.0/linux-x64/Lagebild.Cli.dll"
ARGS=(tag --format conll "$S/data/germeval2014-ner/NER-de-dev.tsv" -o "$WORK/pred.tsv")
[ $# -gt 0 ] && ARGS+=(--model "$1")
$L "${ARGS[@]}"
python3 "$S/tools/score_ner.py" "$S/data/germeval2014-ner/NER-de-dev.tsv" "$WORK/pred.tsv"
