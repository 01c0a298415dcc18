#!/usr/bin/env bash
# Runs Parley's whole test suite. Restores packages and builds first; needs only the .NET 10 SDK.
set -euo pipefail
cd "$(dirname "$0")"
dotnet test Parley.sln --nologo "$@"
