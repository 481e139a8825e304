#!/usr/bin/env bash
# The whole test suite, on a fresh Debian machine with the .NET SDK.
# Installs what the tests need (Debian's chromium for the browser tests, npm for the map outline fetched at
# build time, postgresql for the storage tests on PostgreSQL, which start their own throwaway server on 127.0.0.1)
# when they are missing and this runs as root, then builds and runs every test project. Tests that read ../shared skip visibly when it is absent,
# and fail when CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet --version >/dev/null 2>&1 || { echo "test.sh: the .NET SDK (dotnet) is required" >&2; exit 1; }
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v npm >/dev/null 2>&1 || missing+=(npm)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "test.sh: installing ${missing[*]}" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "test.sh: ${missing[*]} missing: install with 'sudo apt-get install ${missing[*]}' (without them the browser and PostgreSQL tests skip, or fail under CI=true)" >&2
  fi
fi
dotnet restore Lagebild.sln --nologo
dotnet build Lagebild.sln -c Release --no-restore --nologo -clp:ErrorsOnly
dotnet test Lagebild.sln -c Release --no-build --nologo --logger "console;verbosity=minimal"
