#!/usr/bin/env bash
# End-to-end throughput of `lagebild ingest` (read → analyse → facts → entities → store → stories), one command:
# articles/s, wall time and peak memory, on one core and on both, into a fresh SQLite store and (with --pg) a fresh
# PostgreSQL database on a throwaway server started here.
#
# Usage: bench/e2e.sh [--sizes "10000 …"] [--scale] [--cores "1 2"] [--runs N] [--pg] [--pg-port PORT] [--no-sqlite]
#   --sizes     corpus sizes (default 10000)
#   --scale     also 100,000 articles (both cores, one run each store) and the 100k/10k time ratio; the 10k runs are
#               repeated after the 100k run and the ratio taken against the median of all of them, so that a machine
#               whose speed drifts during the hour (a shared VM) does not bias it either way
#   --cores     core counts to run on: 1 = taskset -c 0 and DOTNET_PROCESSOR_COUNT=1 (default "1 2")
#   --runs      runs per size, store and core count; the table shows medians (default 3)
#   --pg        also PostgreSQL: initdb + pg_ctl a throwaway server in a temporary folder on a free port (as root,
#               via runuser -u postgres; binaries from /usr/lib/postgresql/*/bin), stopped at the end; ingest's
#               --store gets its connection string
#   --pg-port   the port for that server (default: a free one)
#   --no-sqlite only PostgreSQL
# The articles are real German news (../shared/data/10kgnad, 1,004 articles) made into N with bench/lib.sh's
# gnad_corpus: bursts of reports on one source article, a source resting at least 30 days between its bursts,
# 100 articles a day, later reports keeping ~60 % of the sentences reordered plus one of the same section, every
# 40th a wire copy (~3 % duplicates at any size). Needs python3 and GNU time
# (installed with apt-get when missing and run as root). Data and stores live in a temporary folder, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

sizes=(10000); cores=(1 2); runs=3; scale=0; pg=0; sqlite=1; pg_port=""
while [ $# -gt 0 ]; do
  case $1 in
    --sizes) read -r -a sizes <<<"$2"; shift 2 ;;
    --cores) read -r -a cores <<<"$2"; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --scale) scale=1; shift ;;
    --pg) pg=1; shift ;;
    --pg-port) pg_port=$2; shift 2 ;;
    --no-sqlite) sqlite=0; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "e2e: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

gnad=../shared/data/10kgnad/test.csv
[ -f "$gnad" ] || { echo "e2e: $gnad not found (the shared data sits next to the repository)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "e2e: python3 is required" >&2; exit 1; }
if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null 2>&1 \
      || { DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
  fi
  [ -x /usr/bin/time ] || { echo "e2e: GNU time (/usr/bin/time) is required: apt-get install time" >&2; exit 1; }
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/lagebild-e2e.XXXXXX")
pgdir=""
cleanup() {
  if [ -n "$pgdir" ] && [ -f "$pgdir/data/postmaster.pid" ]; then
    runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp" ${pgdir:+"$pgdir"}
}
trap cleanup EXIT

echo "e2e: building the CLI (Release)" >&2
dotnet build -c Release src/Lagebild.Cli -nologo -v q -clp:ErrorsOnly >/dev/null
# Run a copy, so that a rebuild during a long run does not swap the files under it.
cp -r src/Lagebild.Cli/bin/Release/net10.0/linux-x64 "$tmp/cli"
dll="$tmp/cli/Lagebild.Cli.dll"

stores=()
[ "$sqlite" = 1 ] && stores+=(sqlite)
if [ "$pg" = 1 ]; then
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
    echo "e2e: postgres: no server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql); PostgreSQL runs skipped" >&2
  else
    # A port nobody listens on: never talk to another server that happens to run on this machine.
    [ -n "$pg_port" ] || pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    pgdir=$(mktemp -d "${TMPDIR:-/tmp}/lagebild-e2e-pg.XXXXXX")
    chown postgres "$pgdir" 2>/dev/null || true
    if runuser -u postgres -- "$pgbin/initdb" -D "$pgdir/data" -A trust -U postgres >"$tmp/initdb.log" 2>&1 \
       && runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" \
            -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pgdir/data" -w start >/dev/null 2>&1 \
       && [ -f "$pgdir/data/postmaster.pid" ]; then
      echo "e2e: postgres: throwaway server on 127.0.0.1:$pg_port ($("$pgbin/postgres" --version))" >&2
      stores+=(postgres)
    else
      echo "e2e: postgres: could not start a server (see below); PostgreSQL runs skipped" >&2
      tail -n 5 "$tmp/initdb.log" "$pgdir/server.log" >&2 2>/dev/null || true
      runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdir/data" -m fast -w stop >/dev/null 2>&1 || true
      rm -rf "$pgdir"; pgdir=""
    fi
  fi
fi
pg_conn="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=lagebild_bench"

corpus() { # N -> folder
  local dir="$tmp/corpus-$1"
  if [ ! -d "$dir" ]; then
    echo "e2e: writing $1 articles" >&2
    gnad_corpus "$gnad" "$1" "$dir"
  fi
  echo "$dir"
}

fresh_store() { # store -> --store value
  case $1 in
    sqlite) rm -f "$tmp"/store.db*; echo "$tmp/store.db" ;;
    postgres)
      "$pgbin/dropdb" -h 127.0.0.1 -p "$pg_port" -U postgres --if-exists lagebild_bench 2>/dev/null
      "$pgbin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres lagebild_bench
      echo "$pg_conn" ;;
  esac
}

# Whether this build stores into PostgreSQL: a probe ingest of the bundled samples must leave tables in the database.
if [[ " ${stores[*]} " == *" postgres "* ]]; then
  fresh_store postgres >/dev/null
  (cd "$tmp" && dotnet "$dll" ingest "$OLDPWD/samples" --store "$pg_conn" >"$tmp/probe.out" 2>&1) || true
  tables=$("$pgbin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d lagebild_bench -Atc \
    "SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')")
  if [ "${tables:-0}" = 0 ]; then
    echo "e2e: postgres: SKIPPED — this build has no PostgreSQL backend (ingest --store \"$pg_conn\" left the database empty: $(grep -v '^\s*$' "$tmp/probe.out" | head -1 | cut -c1-160))" >&2
    rm -f "$tmp/Host="*
    stores=("${stores[@]/postgres}")
    read -r -a stores <<<"${stores[*]}"
    pg_skipped=1
  fi
fi
[ ${#stores[@]} -gt 0 ] || { echo "e2e: no store to run" >&2; [ "${pg_skipped:-0}" = 1 ] && exit 0; exit 1; }

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }

# One run: prints "wall_s in_process_s max_rss_kib user_s sys_s stories" or fails with the reason on stderr.
run_once() { # store cores n dir
  local store=$1 c=$2 n=$3 dir=$4 target cpus
  target=$(fresh_store "$store")
  cpus=0; [ "$c" -ge 2 ] && cpus=$(seq -s, 0 $((c - 1)))
  # Run in the temporary folder: a build that takes the connection string for a file name leaves that file there.
  if ! (cd "$tmp" && DOTNET_PROCESSOR_COUNT=$c /usr/bin/time -f "%e %M %U %S" -o "$tmp/time" \
         taskset -c "$cpus" dotnet "$dll" ingest "$dir" --store "$target" >"$tmp/out" 2>"$tmp/err"); then
    echo "$(grep -v '^\s*$' "$tmp/err" | head -1)" >&2
    return 1
  fi
  if [ "$store" = postgres ]; then
    local tables
    tables=$("$pgbin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d lagebild_bench -Atc \
      "SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')")
    if [ "${tables:-0}" = 0 ]; then
      rm -f "$tmp/$target"*
      echo "the database stayed empty: this build has no PostgreSQL backend (it took the connection string for an SQLite file name)" >&2
      return 1
    fi
  fi
  local line secs stories
  line=$(grep '^ingest:' "$tmp/out")
  secs=$(sed -E 's/.* read in ([0-9.]+) s.*/\1/' <<<"$line")
  stories=$(grep '^stories:' "$tmp/out" | sed -E 's/.* ([0-9]+) new stories.*/\1/')
  read -r wall kb user sys <"$tmp/time"
  echo "$wall $secs $kb $user $sys $stories"
}

results=()
declare -A seconds all_walls all_cpu
measure() { # store cores n runs
  local store=$1 c=$2 n=$3 r=$4 dir walls=() inproc=() rss=() cpu=() stories=0 out i
  dir=$(corpus "$n")
  for i in $(seq "$r"); do
    if ! out=$(run_once "$store" "$c" "$n" "$dir" 2>"$tmp/why"); then
      if [ "$store" = postgres ]; then
        echo "e2e: postgres: ingest failed — is the PostgreSQL backend in this build? ($(head -c 300 "$tmp/why"))" >&2
      else
        echo "e2e: $store: ingest failed: $(head -c 300 "$tmp/why")" >&2
      fi
      results+=("$(printf '%-8s %5s %8d %8s %10s %12s %9s %8s %7s' "$store" "$c" "$n" failed - - - - -)")
      return 0
    fi
    read -r w s kb u sy st <<<"$out"
    walls+=("$w"); inproc+=("$s"); rss+=("$kb"); cpu+=("$(awk -v u="$u" -v s="$sy" 'BEGIN{print u+s}')"); stories=$st
    all_walls["$store/$c/$n"]+="$w "; all_cpu["$store/$c/$n"]+="${cpu[-1]} "
    echo "e2e: $store, $c core(s), $n articles, run $i: $w s wall, $s s in process, $((kb / 1024)) MiB peak RSS, $u s user + $sy s sys" >&2
  done
  local mw ms mk mc
  mw=$(median "${walls[@]}"); ms=$(median "${inproc[@]}"); mk=$(median "${rss[@]}"); mc=$(median "${cpu[@]}")
  seconds["$store/$c/$n"]=$mw
  results+=("$(awk -v st="$store" -v c="$c" -v n="$n" -v w="$mw" -v s="$ms" -v k="$mk" -v cpu="$mc" -v sto="$stories" -v r="$r" \
    'BEGIN{printf "%-8s %5s %8d %8.1f %10.0f %12.0f %9.0f %8.1f %7d  (median of %d)", st, c, n, w, n/w, n/s, k/1024, cpu, sto, r}')")
}

for n in "${sizes[@]}"; do
  for store in "${stores[@]}"; do
    for c in "${cores[@]}"; do
      measure "$store" "$c" "$n" "$runs"
    done
  done
done
if [ "$scale" = 1 ]; then
  for store in "${stores[@]}"; do
    [ -n "${seconds[$store/2/10000]:-}" ] || measure "$store" 2 10000 "$runs"
    measure "$store" 2 100000 1
    measure "$store" 2 10000 "$runs"
    results[-1]+="  (after the 100k run)"
  done
fi

echo
echo "lagebild ingest, end to end ($(nproc) cores here; load average before the table: $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%-8s %5s %8s %8s %10s %12s %9s %8s %7s\n' store cores articles "wall s" articles/s "in-process/s" "RSS MiB" "CPU s" stories
printf '%s\n' "${results[@]}"
[ "${pg_skipped:-0}" = 1 ] && echo "postgres: not measured — this build has no PostgreSQL backend (see above)"
if [ "$scale" = 1 ]; then
  for store in "${stores[@]}"; do
    b=${seconds[$store/2/100000]:-}
    if [ -n "${all_walls[$store/2/10000]:-}" ] && [ -n "$b" ]; then
      # shellcheck disable=SC2086
      a=$(median ${all_walls[$store/2/10000]}); ca=$(median ${all_cpu[$store/2/10000]}); cb=$(median ${all_cpu[$store/2/100000]})
      awk -v s="$store" -v a="$a" -v b="$b" -v ca="$ca" -v cb="$cb" -v r="${all_walls[$store/2/10000]}" \
        'BEGIN{printf "%s: 100,000 articles took %.1f× the time of 10,000 (%.1f s vs the median %.1f s of the 10k runs before and after: %s; target ≤ 11×); CPU time %.1f×\n", s, b/a, b, a, r, cb/ca}'
    fi
  done
fi
