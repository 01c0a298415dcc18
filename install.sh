#!/usr/bin/env bash
# Installs the `parley` command for the current user: packs the tool (and the Parley.Core and
# Parley.Formats library packages) into out/packages, then installs it from there as a global
# .NET tool (into ~/.dotnet/tools). Needs only the .NET 10 SDK; reads packages from NuGet only if
# they are not restored yet. Run it again after a change or a pull: it reinstalls.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

id=Parley.Cli
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)
packages="$PWD/out/packages"
tools="${DOTNET_CLI_HOME:-$HOME}/.dotnet/tools"

echo "Packing Parley $version into out/packages ..."
dotnet pack src/Parley.Cli -c Release --nologo -v quiet -o "$packages" # builds Parley.Core and Parley.Formats too
dotnet pack src/Parley.Formats -c Release --nologo -v quiet --no-build -o "$packages"
dotnet pack src/Parley.Core -c Release --nologo -v quiet --no-build -o "$packages"

# `dotnet tool update` to the version already installed does nothing, so a rebuilt package of the
# same version would not replace the old one: uninstall first, then install.
if dotnet tool list --global | awk 'NR > 2 { print tolower($1) }' | grep -qx "$(echo "$id" | tr '[:upper:]' '[:lower:]')"; then
  dotnet tool uninstall --global "$id" > /dev/null
fi
# --source (not --add-source): the package comes from out/packages only, never from a feed that
# might hold another package of the same name; the tool package carries all it needs.
dotnet tool install --global --source "$packages" "$id" --version "$version" > /dev/null

if ! installed=$("$tools/parley" --version 2>&1); then
  echo "Installed $tools/parley, but it does not start:" >&2
  echo "$installed" >&2
  echo "If .NET is not in its default place, set DOTNET_ROOT to the folder that holds 'dotnet'" >&2
  echo "(e.g. export DOTNET_ROOT=\"$(dirname "$(readlink -f "$(command -v dotnet)")")\")." >&2
  exit 1
fi
echo "Installed parley $installed as $tools/parley."

case ":$PATH:" in
  *":$tools:"*)
    echo "Try: parley forecast korea-2018"
    ;;
  *)
    echo
    echo "$tools is not on your PATH, so 'parley' is not found yet. Add it for this shell:"
    echo "  export PATH=\"\$PATH:$tools\""
    echo "and for every new one (or in ~/.zshrc, ~/.profile):"
    echo "  echo 'export PATH=\"\$PATH:$tools\"' >> ~/.bashrc"
    echo "Then try: parley forecast korea-2018"
    ;;
esac
