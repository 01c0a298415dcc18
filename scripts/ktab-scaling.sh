#!/usr/bin/env bash
# Prints the ktab-smp scaling table (actors, dims, turns, wall seconds, seconds per turn) next to
# smpc's figures from issue #3. Usage: scripts/ktab-scaling.sh [--dims 3] [--threads 0]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/Parley.Benchmarks -- --ktab-scaling "$@"
