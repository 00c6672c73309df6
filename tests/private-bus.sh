#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# private-bus.sh keyring|none COMMAND...: runs COMMAND on a session bus of its own, with a
# fresh keyring unlocked in a scratch home (keyring), or with no service on the bus at all,
# so that nothing can answer for the Secret Service (none). KAITSU_TEST_KEYRING says which.
set -eu
mode="$1"
shift
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
# No accessibility bus either: GTK is told there is none
export XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/run" KAITSU_TEST_KEYRING="$mode" GTK_A11Y=none
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
case "$mode" in
  keyring)
    # The daemon creates the login keyring with this password and unlocks it
    dbus-run-session -- sh -c 'printf %s kaitsu-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' sh "$@"
    ;;
  none)
    cat >"$scratch/bus.conf" <<'CONF'
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF
    dbus-run-session --config-file="$scratch/bus.conf" -- "$@"
    ;;
  *)
    echo "usage: private-bus.sh keyring|none COMMAND..." >&2
    exit 2
    ;;
esac
