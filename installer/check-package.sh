#!/usr/bin/env bash
# Checks the built .deb as a distribution would: desktop file, AppStream metainfo, lintian
# (no errors, and none of its hardening tags: the binaries are PIE, full RELRO, bound at
# start, fortified), and the unpacked pi-console answering --version.
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

# Hardening: every compile of the build had the release flags, and lintian finds none of its
# hardening tags (an override must say why; it is listed, not hidden).
unhardened=$(awk '/"command":/ && !(/-D_FORTIFY_SOURCE=2/ && /-fstack-protector-strong/ && /-O2/)' \
    "$build/compile_commands.json")
if [ -n "$unhardened" ]; then
    echo "Compiled without -O2 -D_FORTIFY_SOURCE=2 -fstack-protector-strong:"
    echo "$unhardened"
    exit 1
fi
status=0
report=$(lintian --fail-on error --display-info --show-overrides --tag-display-limit 0 "$deb") ||
    status=$?
[ -z "$report" ] || echo "$report"
[ "$status" -eq 0 ] || { echo "lintian found errors"; exit 1; }
if grep -E '^[^O]: .*hardening-no-(relro|fortify-functions|bindnow|pie)' <<<"$report"; then
    echo "The binaries lack hardening (see the tags above)"
    exit 1
fi

# As from a terminal with no display: --version and --help need none.
env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$root"/usr/bin/pi-console --version
env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$root"/usr/bin/pi-console --help >/dev/null
"$root"/usr/bin/pi-sandbox --version
listing=$(tar -tzf "$tgz")
grep -q 'bin/pi-console$' <<<"$listing" || { echo "$tgz lacks bin/pi-console"; exit 1; }
echo "Package checks passed"
