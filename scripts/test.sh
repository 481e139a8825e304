#!/usr/bin/env bash
# The whole test suite, on a fresh Debian machine with the .NET SDK.
# Installs what the tests need (nothing beyond the SDK yet; browsers and PostgreSQL come with later issues),
# then builds and runs every test project. Tests that read ../shared skip visibly when it is absent,
# and fail when CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet --version >/dev/null 2>&1 || { echo "test.sh: the .NET SDK (dotnet) is required" >&2; exit 1; }
dotnet restore Lagebild.sln --nologo
dotnet build Lagebild.sln -c Release --no-restore --nologo -clp:ErrorsOnly
dotnet test Lagebild.sln -c Release --no-build --nologo --logger "console;verbosity=minimal"
