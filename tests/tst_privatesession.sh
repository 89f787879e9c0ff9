#!/usr/bin/env bash
# tests/private-session.sh must not run its command when the private keyring does not start:
# a gnome-keyring-daemon that fails (here a stand-in on PATH that exits 3) ends it at once,
# with a message and a non-zero exit. And with the real daemon, the command runs inside.
# Usage: tests/tst_privatesession.sh [KEYCHAIN-TEST…]: each executable given, run outside the
# private session, must fail at once and say how to run it.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
fake=$(mktemp -d "${TMPDIR:-/tmp}/pi-console-fake-keyring.XXXXXX")
trap 'rm -rf "$fake"' EXIT
failures=0
check() { # description, condition (as an exit status)
    if [ "$2" -eq 0 ]; then echo "PASS: $1"; else echo "FAIL: $1"; failures=$((failures + 1)); fi
}

for step in unlock start; do
    cat >"$fake/gnome-keyring-daemon" <<FAKE
#!/bin/sh
# Fails at the --$step step only; the other step answers like the real one.
# It reads its input as the real one does, so the password's writer never meets a closed pipe.
case " \$* " in *" --unlock "*) cat >/dev/null ;; esac
case " \$* " in *" --$step "*) echo "fake keyring: cannot $step" >&2; exit 3 ;; esac
exit 0
FAKE
    chmod +x "$fake/gnome-keyring-daemon"
    rm -f "$fake/ran"
    PATH="$fake:$PATH" "$here/private-session.sh" touch "$fake/ran" >"$fake/out" 2>"$fake/err"
    status=$?
    check "a failing --$step ends the session with a non-zero exit (got $status)" \
        "$([ "$status" -ne 0 ]; echo $?)"
    check "a failing --$step runs no command" "$([ ! -e "$fake/ran" ]; echo $?)"
    check "a failing --$step says so" \
        "$(grep -q "gnome-keyring-daemon --$step failed" "$fake/err"; echo $?)"
done

"$here/private-session.sh" sh -c 'test -d "$PI_PRIVATE_ROOT" && touch "$1"' sh "$fake/ran-inside" \
    >"$fake/out" 2>"$fake/err"
status=$?
check "with the real daemon the command runs inside (exit $status)" \
    "$([ "$status" -eq 0 ] && [ -e "$fake/ran-inside" ]; echo $?)"
"$here/private-session.sh" sh -c 'exit 7' >/dev/null 2>&1
status=$?
check "the command's own exit status comes back (got $status)" "$([ "$status" -eq 7 ]; echo $?)"

# Outside the session (no PI_PRIVATE_ROOT; and a bus that leads nowhere, so that even a test
# that did not refuse could reach no keyring), every keychain test refuses to run.
for binary in "$@"; do
    name=$(basename "$binary")
    args=()
    [ "$name" = render-screenshots ] && args=("$fake/shots")
    env -u PI_PRIVATE_ROOT DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/pi-console-test-bus \
        QT_QPA_PLATFORM=offscreen "$binary" "${args[@]}" >"$fake/out" 2>&1
    status=$?
    check "$name outside the private session fails (exit $status)" "$([ "$status" -ne 0 ]; echo $?)"
    check "$name says to use make test or tests/private-session.sh" \
        "$(grep -q 'PI_PRIVATE_ROOT is not set: .*make test.*tests/private-session.sh' "$fake/out"; echo $?)"
    if [ "$name" != render-screenshots ]; then
        check "$name runs no test function" \
            "$(! grep -E '^(PASS|FAIL!) +: [A-Za-z]+::' "$fake/out" | grep -qv '::initTestCase()\|::cleanupTestCase()'; echo $?)"
    fi
done

[ "$failures" -eq 0 ]
