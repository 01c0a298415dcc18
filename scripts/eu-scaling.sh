#!/usr/bin/env bash
# Prints the expected-utility scaling table (variant, actors, seconds for 10 rounds, ms per round,
# growth exponent). Usage: scripts/eu-scaling.sh [sizes…]   (default 10 100 250 500 1000 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/Parley.Benchmarks -- scaling eu "$@"
