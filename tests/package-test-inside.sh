#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# package-test-inside.sh DEB: run by `scripts/kaitsu-dev package-test` inside a clean Debian 12
# root. Installs the package with apt, uses it as a user would, removes it, and shows that
# nothing of it is left.
set -eu
here=/kaitsu-test
deb="$here/$1"
step() { echo "package-test: $*"; }

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
dpkg-query -W -f '${Package}\n' | sort >"$here/packages-before"

step "installing $1 with apt (its dependencies from the archive)"
apt-get install -y -qq --no-install-recommends "$deb" >"$here/apt-install.log"
version="$(dpkg-query -W -f '${Version}' kaitsu)"
dpkg -L kaitsu | sort >"$here/files"

step "kaitsu --version"
test "$(kaitsu --version)" = "kaitsu $version"

step "LANG=ja_JP.UTF-8 kaitsu --print-steps: the procedure in Japanese"
LANG=ja_JP.UTF-8 kaitsu --print-steps >"$here/steps-ja"
grep -q "はじめに" "$here/steps-ja"
grep -q "「Teamsチャット」" "$here/steps-ja"

step "kaitsu --check-mail on a sample mail"
status=0
kaitsu --check-mail "$here/utf8.eml" >"$here/mail" || status=$?
# 0 usable, 1 usable with problems (the sample's link has long expired); 2 would be unreadable
test "$status" -le 1
grep -q "CAS" "$here/mail"

step "kaitsu --explain-page on a whole Microsoft page"
sed '/^# /d' "$here/ms-kmsi.ja.txt" |
  kaitsu --explain-page https://login.microsoftonline.com/common/SAS/ProcessAuth --text-file - --json >"$here/explained"
grep -q '"screen" : "ms-kmsi"' "$here/explained"

step "a whole practice activation under Xvfb, by the autopilot"
mkdir -p /tmp/kaitsu-home
HOME=/tmp/kaitsu-home XDG_STATE_HOME=/tmp/kaitsu-home/state LANG=ja_JP.UTF-8 \
  xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- \
  kaitsu --demo --autopilot --quit-when-done --report "$here/report.json" >"$here/practice.log" 2>&1 ||
  { tail -20 "$here/practice.log"; exit 1; }
# Exit status 0 is the contract for "every service protected"; the report says it per service
for service in exchange-online sharepoint-online onedrive teams; do
  grep -A1 "^    \"$service\" : {" "$here/report.json" | grep -q '"state" : "protected"'
done

step "removing the package"
apt-get purge -y -qq kaitsu >/dev/null
apt-get autoremove --purge -y -qq >/dev/null
left=0
while read -r file; do
  if [ -e "$file" ] && [ ! -d "$file" ]; then
    echo "package-test: left behind: $file"
    left=1
  fi
done <"$here/files"
if dpkg-query -W -f '${Status}' kaitsu 2>/dev/null | grep -q installed; then
  echo "package-test: kaitsu is still installed"
  left=1
fi
test "$left" -eq 0
dpkg-query -W -f '${Package}\n' | sort >"$here/packages-after"
# apt keeps what it protects (systemd, mount…) even when only kaitsu's libraries pulled it in
kept="$(comm -13 "$here/packages-before" "$here/packages-after" | tr '\n' ' ')"
step "$(wc -l <"$here/files") paths installed, none left after purge; dependencies apt kept: ${kept:-none}"
step "passed"
