#!/usr/bin/env bash
# Runs a command in a private world: its own HOME and XDG folders, its own D-Bus session and
# a gnome-keyring unlocked with a throwaway password, so tests never touch the user's real
# keychain, settings or history. Usage: tests/private-session.sh COMMAND [ARGS…]
set -euo pipefail

fail() {
    echo "tests/private-session.sh: $*" >&2
    exit 1
}

has_secret_service() {
    dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
        grep -q true
}

if [ "${1:-}" = "--inside" ]; then
    shift
    # Create and unlock the login keyring, then start its Secret Service on this bus. Each
    # step is checked on its own: `eval "$(failing command)"` would return 0 and the tests
    # would run with no keyring, or reach for another one.
    command -v gnome-keyring-daemon >/dev/null ||
        fail "gnome-keyring-daemon is not installed (installer/deps-debian.sh installs it)"
    unlock=$(printf 'throwaway-test-password' | gnome-keyring-daemon --unlock --components=secrets) ||
        fail "gnome-keyring-daemon --unlock failed (exit $?): no private keyring, no tests"
    eval "$unlock"
    started=$(gnome-keyring-daemon --start --components=secrets) ||
        fail "gnome-keyring-daemon --start failed (exit $?): no private keyring, no tests"
    eval "$started"
    export GNOME_KEYRING_CONTROL
    for _ in $(seq 50); do
        has_secret_service && break
        sleep 0.1
    done
    has_secret_service ||
        fail "no Secret Service on the private D-Bus session after starting gnome-keyring-daemon"
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
