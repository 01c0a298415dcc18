#!/usr/bin/env bash
# Copies chart.js from the npm package into the dashboard (src/Parley.Web/wwwroot/lib), so that the
# .NET build needs no Node step. Run it to move to another version: ./scripts/refresh-chartjs.sh [VERSION]
# The copied files are committed; the build embeds them in Parley.Web.dll.
set -euo pipefail
cd "$(dirname "$0")/.."
version="${1:-4.6.1}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "chart.js@$version" > /dev/null && tar xzf "chart.js-$version.tgz")
lib=src/Parley.Web/wwwroot/lib
mkdir -p "$lib"
cp "$work/package/dist/chart.umd.min.js" "$lib/chart.umd.min.js"
cp "$work/package/LICENSE.md" "$lib/chart.js.LICENSE.md"
echo "chart.js $version -> $lib/chart.umd.min.js ($(wc -c < "$lib/chart.umd.min.js") bytes)"
