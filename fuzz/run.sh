#!/usr/bin/env bash
# Fuzz a reader or the facts grammar for a bounded time with AFL++ and SharpFuzz.
#
#   fuzz/run.sh TARGET SECONDS      one target: html, feed, jsonl, csv, text, facts
#   fuzz/run.sh all SECONDS         every target, one after the other, SECONDS each
#   fuzz/run.sh replay TARGET PATH… run the (uninstrumented) target on files or folders, e.g. a crash
#
# Installs what is missing: AFL++ (Debian's afl++, when run as root) and the SharpFuzz command-line tool
# (dotnet tool, into fuzz/.tools, never globally). Publishes fuzz/Lagebild.Fuzz to fuzz/out/bin, instruments
# Lagebild.dll there with SharpFuzz, and runs afl-fuzz from fuzz/corpus/TARGET with fuzz/dict/TARGET.dict.
# Results go to fuzz/findings/TARGET (git-ignored; an earlier run there is moved aside): crashes/ and hangs/
# hold the inputs to look at, replay them with `fuzz/run.sh replay TARGET fuzz/findings/TARGET/default/crashes`.
# Environment: FUZZ_TIMEOUT_MS (per input, default 3000: slower counts as a hang), FUZZ_MAX_LEN (bytes, default 65536).
# Exit status: 0 when no target found a crash or a hang, 1 when one did, 2 on usage or setup errors.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
targets=(html feed jsonl csv text facts)

usage() { echo "usage: fuzz/run.sh TARGET|all SECONDS   |   fuzz/run.sh replay TARGET PATH…   (targets: ${targets[*]})" >&2; exit 2; }
[ $# -ge 2 ] || usage

publish() {
  # A fresh copy every time: instrumenting rewrites Lagebild.dll in place, and must not run twice on one file.
  rm -rf "$here/out/bin"
  echo "run.sh: publishing fuzz/Lagebild.Fuzz" >&2
  dotnet publish "$here/Lagebild.Fuzz/Lagebild.Fuzz.csproj" -c Release -o "$here/out/bin" --nologo -v quiet -clp:ErrorsOnly >&2
}

if [ "$1" = replay ]; then
  # The plain build, not the instrumented copy in fuzz/out/bin (which a running fuzzer may be using).
  shift
  [ $# -ge 2 ] || usage
  dotnet build "$here/Lagebild.Fuzz/Lagebild.Fuzz.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
  exec dotnet run --no-build --project "$here/Lagebild.Fuzz/Lagebild.Fuzz.csproj" -c Release -- "$@"
fi

what="$1"
seconds="$2"
[[ "$seconds" =~ ^[0-9]+$ ]] && [ "$seconds" -gt 0 ] || usage
if [ "$what" = all ]; then
  run=("${targets[@]}")
else
  [[ " ${targets[*]} " == *" $what "* ]] || usage
  run=("$what")
fi

# --- what the run needs -------------------------------------------------------------------------------------
if ! command -v afl-fuzz >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "run.sh: installing afl++" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null
  else
    echo "run.sh: afl-fuzz is missing: install it with 'sudo apt-get install afl++'" >&2
    exit 2
  fi
fi
sharpfuzz="$here/.tools/sharpfuzz"
if [ ! -x "$sharpfuzz" ]; then
  echo "run.sh: installing the SharpFuzz command-line tool into fuzz/.tools" >&2
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$here/.tools" >/dev/null
fi

publish
echo "run.sh: instrumenting Lagebild.dll" >&2
"$sharpfuzz" "$here/out/bin/Lagebild.dll"

# --- afl-fuzz ------------------------------------------------------------------------------------------------
export AFL_SKIP_BIN_CHECK=1                     # the target is dotnet; the coverage comes from the instrumented dll
export AFL_NO_UI=1                              # a log, not a curses screen
export AFL_NO_AFFINITY=1                        # a shared machine: let the scheduler place it
export AFL_SKIP_CPUFREQ=1
export AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1  # SharpFuzz reports crashes itself; the core pattern does not matter
export AFL_FORKSRV_INIT_TMOUT=60000             # the .NET start and the warm-up (gazetteer, NER model) take seconds
export AFL_NO_CRASH_README=1
export DOTNET_TieredPGO=0                       # steadier timing across the run
timeout_ms="${FUZZ_TIMEOUT_MS:-3000}"
max_len="${FUZZ_MAX_LEN:-65536}"
mkdir -p "$here/findings"

summary=()
found=0
for t in "${run[@]}"; do
  out="$here/findings/$t"
  [ -d "$out" ] && mv "$out" "$out.$(date +%Y%m%d-%H%M%S)"
  dict=()
  [ -f "$here/dict/$t.dict" ] && dict=(-x "$here/dict/$t.dict")
  echo "run.sh: fuzzing $t for ${seconds}s (log: fuzz/findings/$t.log)" >&2
  # Hang guard: -t kills an execution that takes longer than timeout_ms and files its input under hangs/;
  # -G keeps inputs small enough that a slow one means a slow algorithm, not a big input.
  set +e
  afl-fuzz -i "$here/corpus/$t" -o "$out" -V "$seconds" -t "$timeout_ms" -m none -G "$max_len" "${dict[@]}" \
    -- dotnet "$here/out/bin/Lagebild.Fuzz.dll" "$t" >"$here/findings/$t.log" 2>&1
  rc=$?
  set -e
  stats="$out/default/fuzzer_stats"
  if [ ! -f "$stats" ]; then
    echo "run.sh: afl-fuzz did not start for $t (exit $rc); the end of its log:" >&2
    tail -n 25 "$here/findings/$t.log" >&2
    exit 2
  fi
  get() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
  crashes=$(find "$out/default/crashes" -type f -name 'id:*' 2>/dev/null | wc -l)
  hangs=$(find "$out/default/hangs" -type f -name 'id:*' 2>/dev/null | wc -l)
  [ "$crashes" -gt 0 ] || [ "$hangs" -gt 0 ] && found=1
  summary+=("$(printf '%-6s %6ss %10s %9s %7s %9s %8s %8s %7s' "$t" "$(get run_time)" "$(get execs_done)" "$(get execs_per_sec)" \
    "$(get corpus_count)" "$(get edges_found)" "$(get bitmap_cvg)" "$crashes" "$hangs")")
done

echo
printf '%-6s %7s %10s %9s %7s %9s %8s %8s %7s\n' target time execs execs/s paths edges coverage crashes hangs
printf '%s\n' "${summary[@]}"
if [ "$found" = 1 ]; then
  echo
  echo "Findings (replay with: fuzz/run.sh replay TARGET FILE):"
  for t in "${run[@]}"; do
    find "$here/findings/$t/default/crashes" "$here/findings/$t/default/hangs" -type f -name 'id:*' 2>/dev/null | sed "s|^$here/|  fuzz/|"
  done
fi
exit "$found"
