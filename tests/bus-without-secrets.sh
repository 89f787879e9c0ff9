#!/usr/bin/env bash
# Runs a command on a private D-Bus session bus that offers no services at all: the bus is
# there, but no Secret Service is, and none can be activated.
# Usage: tests/bus-without-secrets.sh COMMAND [ARGS…]
set -euo pipefail
dir=$(mktemp -d "${TMPDIR:-/tmp}/pi-console-bus.XXXXXX")
cat > "$dir/session.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=$dir</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF
dbus-daemon --config-file="$dir/session.conf" --fork --print-address=3 --print-pid=4 \
    3>"$dir/address" 4>"$dir/pid"
cleanup() { kill "$(cat "$dir/pid")" 2>/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT
DBUS_SESSION_BUS_ADDRESS=$(head -n 1 "$dir/address")
export DBUS_SESSION_BUS_ADDRESS
"$@"
