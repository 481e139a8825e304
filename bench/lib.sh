# Shared pieces of the GVA benchmark scripts (sourced, not run). The data stays outside the repository.

# The GVA documents as Lagebild JSON Lines: one line per doc_id (a document linked to two incidents keeps its
# first), an empty text replaced by the title (such pages are articles too: they form stories of their own).
#   gva_articles DOCUMENTS.jsonl.gz > articles.jsonl
gva_articles() {
  zcat "$1" | jq -c '{id: .doc_id, published: .dct, title, text: (if (.text // "") | test("\\S") then .text else (.title // "-") end), language: "en"}' \
    | awk -F'"' '!seen[$4]++'
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
