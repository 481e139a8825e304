#!/usr/bin/env bash
# Trains the shipped German NER model (src/Lagebild/Resources/ner-de.model.gz) from the licence-compatible
# corpora in ../shared/data, exactly as the model card (models/ner-de.md) describes it.
#   bench/ner-train.sh [OUT_MODEL [EXTRA `train ner` OPTIONS…]]      (default: the shipped resource)
# For ablations: NER_CLUSTERS=FILE reuses a cluster file (written there if missing), NER_TRAIN="FILE[@W] …"
# replaces the training corpora, NER_SYNTHETIC, NER_EPOCHS and NER_SEED override the defaults below.
# Needs the .NET SDK and npm (for the MIT-licensed first-name lists of gender-detection-from-name).
# The GermEval 2014 dev split is only *reported* (--report), never used for training or model selection;
# the tuning dev set is SmartData v3 dev.
set -euo pipefail
cd "$(dirname "$0")/.."
D=${SHARED:-../shared}/data
OUT=${1:-src/Lagebild/Resources/ner-de.model.gz}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

dotnet build src/Lagebild.Cli -c Release --nologo -clp:ErrorsOnly >/dev/null
L="dotnet src/Lagebild.Cli/bin/Release/net10.0/linux-x64/Lagebild.Cli.dll"

# First names (MIT, npm gender-detection-from-name 1.11.5): only flags derived from them end up in the model.
(cd "$WORK" && npm pack --silent gender-detection-from-name@1.11.5 >/dev/null && tar xzf gender-detection-from-name-1.11.5.tgz)
N="$WORK/package/names"

# Unlabelled text for the word clusters: the tokens of every licence-compatible corpus (labels unused).
TEXT=(
  "$D/europeana-newspapers-ner/enp_DE.lft.norm.conll"          # CC0
  "$D/europeana-newspapers-ner/enp_DE.onb.norm.conll"          # CC0
  "$D/europeana-newspapers-ner/enp_DE.sbb.norm.conll"          # CC0
  "$D/zefys2025-ner/zefys2025-ner.filtered.conll"              # CC BY 4.0
  "$D/hipe2022-de/HIPE-2022-v2.1-newseye-dev-de.tsv"           # CC BY 4.0
  "$D/hipe2022-de/HIPE-2022-v2.1-newseye-dev2-de.tsv"          # CC BY 4.0
  "$D/hipe2022-de/HIPE-2022-v2.1-sonar-dev-de.tsv"             # CC BY 4.0
  "$D/german-ler/ler_train.reconstructed.conll.gz"             # CC BY 4.0 (see caveat in its SOURCE.md)
  "$D/german-ler/ler_dev.conll"                                # CC BY 4.0
  "$D/mobie/train.conll2003"                                   # CC BY 4.0
  "$D/mobie/dev.conll2003"                                     # CC BY 4.0
  "$D/smartdata-corpus/train.v1-minus-v3devtest.jsonl.gz"      # CC BY 4.0
  "$D/smartdata-corpus/dev.v3.jsonl.gz"                        # CC BY 4.0
)
# Labelled training data: everything above except the two tuning sets, and 10 % of the legal corpus
# (its 1.7M tokens of court decisions otherwise dominate; chosen on the tuning dev, see the model card).
TRAIN=(
  "$D/europeana-newspapers-ner/enp_DE.lft.norm.conll"
  "$D/europeana-newspapers-ner/enp_DE.onb.norm.conll"
  "$D/europeana-newspapers-ner/enp_DE.sbb.norm.conll"
  "$D/zefys2025-ner/zefys2025-ner.filtered.conll"
  "$D/hipe2022-de/HIPE-2022-v2.1-newseye-dev-de.tsv"
  "$D/hipe2022-de/HIPE-2022-v2.1-sonar-dev-de.tsv"
  "$D/german-ler/ler_train.reconstructed.conll.gz@0.1"
  "$D/mobie/train.conll2003"
  "$D/mobie/dev.conll2003"
  "$D/smartdata-corpus/train.v1-minus-v3devtest.jsonl.gz"
)
# Tuning dev (epoch selection and every configuration choice): modern news/tweets + historic newspapers.
TUNE=("$D/smartdata-corpus/dev.v3.jsonl.gz" "$D/hipe2022-de/HIPE-2022-v2.1-newseye-dev2-de.tsv")

[ -n "${NER_TRAIN:-}" ] && read -r -a TRAIN <<< "$NER_TRAIN"
C=${NER_CLUSTERS:-$WORK/clusters.tsv.gz}
[ -s "$C" ] || $L train clusters --text "${TEXT[@]}" --out "$C"

$L train ner --train "${TRAIN[@]}" --dev "${TUNE[@]}" \
  --report "$D/germeval2014-ner/NER-de-dev.tsv" \
  --clusters "$C" \
  --surnames "$D/gazetteer/german-name-lists-LER/personennamen.list.gz" \
  --first-names "$N/de.js" --other-first-names "$N/en.js" "$N/fr.js" "$N/it.js" "$N/es.js" "$N/tr.js" \
  --synthetic "${NER_SYNTHETIC:-5000}" --epochs "${NER_EPOCHS:-10}" --bits 20 --seed "${NER_SEED:-1}" \
  --out "$OUT" "${@:2}"
