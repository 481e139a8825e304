#!/usr/bin/env bash
# Throughput of `lagebild extract` (articles per second) over a folder of articles.
# Usage: bench/extract-throughput.sh [FOLDER] [RUNS]   (default: ../shared/data/10kgnad, 5 runs)
# Prints each run's in-process figure (reading + analysis + JSON output, after start-up) and the
# whole-process wall time, then the median of each. Release build; output goes to /dev/null.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/10kgnad}
runs=${2:-5}
[ -e "$data" ] || { echo "bench: $data not found" >&2; exit 1; }
dotnet build -c Release src/Lagebild.Cli -nologo -v q -clp:ErrorsOnly >/dev/null
dll=src/Lagebild.Cli/bin/Release/net10.0/linux-x64/Lagebild.Cli.dll
inproc=(); wall=()
for i in $(seq "$runs"); do
  start=$(date +%s.%N)
  line=$(dotnet "$dll" extract "$data" -o /dev/null 2>&1 | grep '^extract:')
  end=$(date +%s.%N)
  articles=$(sed -E 's/^extract: ([0-9]+) articles.*/\1/' <<<"$line")
  rate=$(sed -E 's/.*\(([0-9.]+) articles\/s\).*/\1/' <<<"$line")
  w=$(awk -v a="$articles" -v s="$start" -v e="$end" 'BEGIN{printf "%.0f", a/(e-s)}')
  echo "run $i: $line | whole process: $w articles/s"
  inproc+=("$rate"); wall+=("$w")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
echo "median: $(median "${inproc[@]}") articles/s in process, $(median "${wall[@]}") articles/s whole process (incl. start-up), $(nproc) cores"
