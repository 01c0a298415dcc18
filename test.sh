#!/usr/bin/env bash
# Runs Parley's whole test suite. Restores packages and builds first; needs the .NET 10 SDK, and
# Debian's chromium for the dashboard's browser tests: when /usr/bin/chromium is missing, this
# script installs it (apt-get, when run as root); elsewhere the browser tests fail saying how to get it.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get > /dev/null; then
    echo "Installing chromium for the browser tests (apt-get install chromium) ..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null
  else
    echo "warning: /usr/bin/chromium is missing and this user cannot install it (needs root and apt-get): the browser tests will fail; install it with 'apt-get install -y chromium'." >&2
  fi
fi
# Release, as CI builds it: warnings, analyzers and the .editorconfig style rules are errors in every configuration.
dotnet test Parley.sln -c Release --nologo "$@"
