#!/usr/bin/env bash
# Takes the dashboard screenshot shown in the README (docs/dashboard.png): the browser test that
# runs the bundled Korea scenario, moves a what-if slider, and photographs the run's page.
# Needs Debian's chromium (apt-get install -y chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
PARLEY_SCREENSHOT="$PWD/docs/dashboard.png" dotnet test tests/Parley.Web.Tests -c Release --nologo \
  --filter "FullyQualifiedName~DashboardTests.The_Korea_example_runs_and_its_dashboard_is_photographed_for_the_docs"
echo "Wrote docs/dashboard.png"
