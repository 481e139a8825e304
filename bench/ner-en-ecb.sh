#!/usr/bin/env bash
# Rough English entity recall on ECB+ (train + dev topics): of the participant and location mentions that
# ECB+ annotates and that are capitalised names (HUMAN_PART_PER → PER, HUMAN_PART_ORG → ORG, LOC_GEO/LOC_FAC → LOC),
# the share that `lagebild entities` covers with an entity of the same type (any overlap).
# ECB+ does not annotate every name, so precision cannot be measured this way; the predicted counts are printed.
# Needs python3. Usage: bench/ner-en-ecb.sh [ECBPLUS_FOLDER]   (default ../shared/data/ecbplus)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/ecbplus}
[ -f "$data/train.jsonl.gz" ] || { echo "ner-en-ecb: $data/train.jsonl.gz not found" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lagebild-ecb.XXXXXX"); trap 'rm -rf "$tmp"' EXIT
dotnet build -c Release src/Lagebild.Cli -nologo -v q -clp:ErrorsOnly >/dev/null
dll=src/Lagebild.Cli/bin/Release/net10.0/linux-x64/Lagebild.Cli.dll
python3 - "$data" "$tmp" <<'PY'
import json, gzip, sys
data, tmp = sys.argv[1], sys.argv[2]
types = {'HUMAN_PART_PER': 'PER', 'LOC_GEO': 'LOC', 'LOC_FAC': 'LOC', 'HUMAN_PART_ORG': 'ORG'}
gold = []
with open(f'{tmp}/docs.jsonl', 'w') as out:
    for split in ('train', 'dev'):
        for line in gzip.open(f'{data}/{split}.jsonl.gz', 'rt'):
            d = json.loads(line)
            text, spans, tid = '', {}, 0
            for s in d['sentences']:
                for t in s['tokens']:
                    tid += 1
                    if text and not text.endswith('\n'):
                        text += ' '
                    spans[tid] = (len(text), len(text) + len(t))
                    text += t
                text += '\n'
            out.write(json.dumps({'id': d['doc_id'], 'text': text, 'language': 'en'}) + '\n')
            for m in d['mentions']:
                typ = types.get(m['type'])
                words = m['text'].split()
                if not typ or not m['token_ids'] or m['token_ids'][0] not in spans:
                    continue
                if not all(w[:1].isupper() for w in words if w.lower() not in ('of', 'the', 'de')):
                    continue
                gold.append((d['doc_id'], typ, spans[m['token_ids'][0]][0], spans[m['token_ids'][-1]][1]))
json.dump(gold, open(f'{tmp}/gold.json', 'w'))
PY
dotnet "$dll" entities "$tmp/docs.jsonl" -q > "$tmp/pred.jsonl"
python3 - "$tmp" <<'PY'
import json, sys
from collections import Counter
tmp = sys.argv[1]
pred, npred = {}, Counter()
for line in open(f'{tmp}/pred.jsonl'):
    d = json.loads(line)
    pred[d['article']] = [(e['type'], m['start'], m['end']) for e in d['entities'] for m in e['mentions']]
    for e in d['entities']:
        npred[e['type']] += len(e['mentions'])
total, hit = Counter(), Counter()
for doc, typ, a, b in json.load(open(f'{tmp}/gold.json')):
    total[typ] += 1
    hit[typ] += any(t == typ and s < b and a < e for t, s, e in pred.get(doc, []))
for t in ('PER', 'LOC', 'ORG'):
    print(f'{t}: gold name mentions {total[t]}, recall (same type, overlap) {hit[t] / max(total[t], 1):.3f}, mentions predicted {npred[t]}')
PY
