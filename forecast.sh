#!/usr/bin/env bash
# Forecasts a scenario with every default model, without installing anything:
#   ./forecast.sh                       the bundled Korea 2018 scenario
#   ./forecast.sh my.yaml -m bdm        a file of yours (relative to the folder you are in)
#   ./forecast.sh --format json         options alone go to the bundled scenario
# Everything after FILE goes to `parley forecast` (see `parley forecast --help`). Works from any
# folder; builds the command line first (Release) when needed.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ $# -gt 0 ] && [ "${1:0:1}" != "-" ]; then
  scenario="$1"
  shift
else
  scenario="$repo/scenarios/korea-2018.yaml"
fi
# dotnet run keeps the caller's working directory, so a relative FILE (or --out) means what it says.
exec dotnet run --project "$repo/src/Parley.Cli" -c Release -- forecast "$scenario" "$@"
