#!/usr/bin/env bash
# Runs a command in a private world: its own HOME and XDG folders, its own D-Bus session and
# a gnome-keyring unlocked with a throwaway password, so tests never touch the user's real
# keychain, settings or history. Usage: tests/private-session.sh COMMAND [ARGS…]
set -euo pipefail

if [ "${1:-}" = "--inside" ]; then
    shift
    # Create and unlock the login keyring, then start its Secret Service on this bus.
    eval "$(printf 'throwaway-test-password' | gnome-keyring-daemon --unlock --components=secrets)"
    eval "$(gnome-keyring-daemon --start --components=secrets)"
    export GNOME_KEYRING_CONTROL
    status=0
    "$@" || status=$?
    if [ -n "${GNOME_KEYRING_PID:-}" ]; then kill "$GNOME_KEYRING_PID" 2>/dev/null || true; fi
    exit "$status"
fi

root=$(mktemp -d "${TMPDIR:-/tmp}/pi-console-test.XXXXXX")
cleanup() { rm -rf "$root"; }
trap cleanup EXIT

mkdir -p "$root/home" "$root/config" "$root/data" "$root/cache" "$root/state" "$root/runtime"
chmod 700 "$root/runtime"
export PI_PRIVATE_ROOT="$root"
export HOME="$root/home"
export XDG_CONFIG_HOME="$root/config"
export XDG_DATA_HOME="$root/data"
export XDG_CACHE_HOME="$root/cache"
export XDG_STATE_HOME="$root/state"
export XDG_RUNTIME_DIR="$root/runtime"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
unset PI_API_KEY DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL

dbus-run-session -- "$0" --inside "$@"
