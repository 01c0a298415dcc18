#!/usr/bin/env bash
# Runs Parley's main job: forecast the bundled Korea 2018 scenario with every default model.
# Extra arguments go to `parley forecast` (e.g. --format json, --model scholz2011).
set -euo pipefail
cd "$(dirname "$0")"
dotnet run --project src/Parley.Cli -c Release -- forecast scenarios/korea-2018.yaml "$@"
