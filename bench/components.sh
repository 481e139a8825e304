#!/usr/bin/env bash
# Component benchmarks (BenchmarkDotNet, bench/Lagebild.Benchmarks): each analysis stage on one article, the whole
# pipeline per article, reading an HTML page and a JSON Lines line, story signals, clusterer add and state save, and
# SQLite AddRange of a 128-article batch. A short job in process (2 warm-ups, 5 iterations), a few minutes in all.
# Usage: bench/components.sh [BenchmarkDotNet arguments]   (default: --filter '*'; e.g. --filter '*Stage*')
# The stream benchmarks (clustering, store) read ../shared/data/10kgnad when it is there, else mix the built-in samples.
# Prints the summary table of each benchmark class; BenchmarkDotNet's full logs go to a temporary folder.
#
# Also: bench/components.sh breakdown INPUT…  — where the time of ingest goes, stage by stage, on one thread.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release bench/Lagebild.Benchmarks -nologo -v q -clp:ErrorsOnly >/dev/null
dll=bench/Lagebild.Benchmarks/bin/Release/net10.0/linux-x64/Lagebild.Benchmarks.dll
if [ "${1:-}" = breakdown ]; then
  exec dotnet "$dll" "$@"
fi
[ $# -gt 0 ] || set -- --filter '*'
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lagebild-components.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export LAGEBILD_BENCH_GNAD=${LAGEBILD_BENCH_GNAD:-$PWD/../shared/data/10kgnad/test.csv}
dotnet "$dll" "$@" --artifacts "$tmp" --exporters github >"$tmp/log.txt" 2>&1 || { tail -30 "$tmp/log.txt" >&2; exit 1; }
echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
for report in "$tmp"/results/*-report-github.md; do
  echo
  sed -n '/^| /,$p' "$report" | sed -e "s/&#39;//g" -e 's/[*][*]//g'
done
