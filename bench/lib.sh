# Shared pieces of the GVA benchmark scripts (sourced, not run). The data stays outside the repository.

# The GVA documents as Lagebild JSON Lines: one line per doc_id (a document linked to two incidents keeps its
# first), an empty text replaced by the title (such pages are articles too: they form stories of their own), with its
# address (its slug is read as a headline).
#   gva_articles DOCUMENTS.jsonl.gz > articles.jsonl
gva_articles() {
  zcat "$1" | jq -c '{id: .doc_id, published: .dct, title, url, text: (if (.text // "") | test("\\S") then .text else (.title // "-") end), language: "en"}' \
    | awk -F'"' '!seen[$4]++'
}

# The arguments of the GVA scripts, [DATA_FOLDER] [-- OPTIONS…]: sets data (default the shared GVA folder), docs (its
# documents, which must exist) and the array opts (the options passed on); NAME prefixes the error.
#   gva_args NAME "$@"
gva_args() {
  local name=$1
  shift
  data=../shared/data/gva-gun-violence-news
  if [ $# -gt 0 ] && [ "$1" != "--" ]; then data=$1; shift; fi
  [ "${1:-}" = "--" ] && shift
  opts=("$@")
  docs=$data/documents.jsonl.gz
  [ -f "$docs" ] || { echo "$name: $docs not found" >&2; exit 1; }
}

# The GVA gold stories, {"id", "story"} per document with its incident as the story (a document linked to two
# incidents keeps the first).
#   gva_gold DOCUMENTS.jsonl.gz > gold.jsonl
gva_gold() {
  zcat "$1" | jq -c '{id: .doc_id, story: .incident_id}' | awk -F'"' '!seen[$4]++'
}

# N articles: the GVA articles repeated, repetition k with ids suffixed "-k" and dates moved 6k years on, so that
# each repetition is a fresh stream of real-sized news (the earlier repetitions' stories are closed by then).
#   gva_repeated DOCUMENTS.jsonl.gz N > articles.jsonl
gva_repeated() {
  python3 - "$1" "$2" <<'PY'
import datetime, gzip, json, sys
docs, seen = [], set()
for line in gzip.open(sys.argv[1], "rt", encoding="utf-8"):
    d = json.loads(line)
    if d["doc_id"] not in seen:
        seen.add(d["doc_id"])
        docs.append(d)
n, k = int(sys.argv[2]), 0
while n > 0:
    for d in docs[:n]:
        try:
            day = datetime.date.fromisoformat(d["dct"][:10])
            day = day.replace(day=min(day.day, 28))
            published = day.replace(year=day.year + 6 * k).isoformat()
        except ValueError:
            published = None
        print(json.dumps({"id": f'{d["doc_id"]}-{k}', "published": published, "title": d["title"],
                          "text": d["text"] if d["text"].strip() else d["title"] or "-", "language": "en"}))
    n -= len(docs)
    k += 1
PY
}

# N German news articles for ingest benchmarks, built from the 1,004 real 10kGNAD articles and written in publication
# order as JSON Lines files of at most 10,000 articles (each under --max-bytes) into DIR, PER_DAY articles a day on
# average from 2016-01-01 (default 100, an outlet's daily output: 10k articles span 100 days, 100k span 1,000 days, so
# the stories of the first year are closed before the run ends and memory must stay bounded by the open window).
# Each article gets a headline (its first sentence) apart from its body. News comes in stories: articles are drawn in
# bursts (1 + a geometric number, mean 3.3) of reports on one source article within three days; a source article
# rests at least 30 days between its bursts, so one burst is one story (the 1,004 sources recur every ~33 days on
# average at 100 a day). The first report of a source is the article as it is; every later one keeps its first body
# sentence and about 60 % of the others in a new order, with one sentence of another article of the same section
# spliced in, so its text is new (seldom a near duplicate of an earlier one, even after a hundred reports on one
# source) yet real German prose. Every 40th article is a wire copy of one published shortly before (same text,
# another id), which the store links instead of storing twice. Deterministic (seeded).
#   gnad_corpus TEST.csv N DIR [PER_DAY]
gnad_corpus() {
  python3 - "$1" "$2" "$3" "${4:-100}" <<'PY'
import csv, datetime, json, os, random, re, sys
src, n, out, per_day = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
split = re.compile(r'(?<=[.!?])\s+(?=["„»(]?[A-ZÄÖÜ0-9])')
sources, sections = [], {}
with open(src, encoding="utf-8", newline="") as f:
    for section, text in csv.reader(f, delimiter=";", quotechar="'"):
        sentences = [s for s in split.split(text.strip()) if s]
        if len(sentences) < 2:
            sentences = [text[:80], text]
        sections.setdefault(section, []).append(len(sources))
        sources.append((sentences[0], sentences[1:], section))
rng = random.Random(20160101)
slots, rested, t = [], [-1e9] * len(sources), 0.0  # slots: (day, tiebreak, source)
while len(slots) < n:
    size = 1
    while rng.random() < 0.7:
        size += 1
    t += rng.expovariate(per_day / 3.3)  # burst starts: a Poisson process giving PER_DAY articles a day
    ready = [a for a in range(len(sources)) if rested[a] <= t - 30]
    a = rng.choice(ready) if ready else min(range(len(sources)), key=rested.__getitem__)
    rested[a] = t + 3
    slots.extend((t + rng.random() * 3, rng.random(), a) for _ in range(size))
slots = sorted(slots)[:n]
start = datetime.date(2016, 1, 1)
os.makedirs(out, exist_ok=True)
seen, recent, f = set(), [], None
for i, (day, _, a) in enumerate(slots):
    if i % 10000 == 0:
        if f:
            f.close()
        f = open(os.path.join(out, f"part-{i // 10000:05d}.jsonl"), "w", encoding="utf-8")
    title, body, section = sources[a]
    if i % 40 == 39 and recent:
        title, text = rng.choice(recent[-50:])
    elif a not in seen:
        seen.add(a)
        text = " ".join(body)
    else:
        rest = [s for s in body[1:] if rng.random() < 0.6]
        rng.shuffle(rest)
        rest.insert(rng.randint(0, len(rest)), rng.choice(sources[rng.choice(sections[section])][1] or [title]))
        text = " ".join(body[:1] + rest)
    recent.append((title, text))
    del recent[:-50]
    published = (start + datetime.timedelta(days=int(day))).isoformat()
    f.write(json.dumps({"id": f"gnad-{i}", "published": published, "title": title, "text": text, "language": "de"}, ensure_ascii=False) + "\n")
f.close()
PY
}
