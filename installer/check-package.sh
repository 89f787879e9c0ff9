#!/usr/bin/env bash
# Checks the built .deb as a distribution would: desktop file, AppStream metainfo, lintian
# (no errors), and the unpacked pi-console answering --version.
set -euo pipefail
build=${1:-build}
deb=$(ls -t "$build"/pi-console_*.deb | head -n 1)
tgz=$(ls -t "$build"/pi-console-*.tar.gz | head -n 1)
echo "Checking $deb and $tgz"

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"

desktop-file-validate "$root"/usr/share/applications/*.desktop
appstreamcli validate --no-net "$root"/usr/share/metainfo/*.metainfo.xml
test -f "$root"/usr/share/icons/hicolor/scalable/apps/io.github.piconsole.console.svg
test -x "$root"/usr/bin/pi-sandbox
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
[[ $depends == *libqt6* ]] || { echo "Depends lacks the Qt libraries"; exit 1; }

lintian --fail-on error --tag-display-limit 0 "$deb"

# As from a terminal with no display: --version and --help need none.
env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$root"/usr/bin/pi-console --version
env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$root"/usr/bin/pi-console --help >/dev/null
"$root"/usr/bin/pi-sandbox --version
listing=$(tar -tzf "$tgz")
grep -q 'bin/pi-console$' <<<"$listing" || { echo "$tgz lacks bin/pi-console"; exit 1; }
echo "Package checks passed"
