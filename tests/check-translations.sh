#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# check-translations.sh SRCDIR LANG: the translation is complete, current and clean (TAP).
set -u
src="$1"
lang="$2"
po="$src/po/$lang.po"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); fail=1; echo "not ok $n - $1"; sed 's/^/# /' "$2"; }

echo "1..5"

if msgfmt --check --check-accelerators=_ -o /dev/null "$po" 2>"$tmp/msgfmt"; then
  ok "$lang.po compiles cleanly"
else
  not_ok "$lang.po compiles cleanly" "$tmp/msgfmt"
fi

msgattrib --untranslated --no-obsolete "$po" >"$tmp/untranslated" 2>&1
if [ ! -s "$tmp/untranslated" ]; then ok "no untranslated message"; else not_ok "no untranslated message" "$tmp/untranslated"; fi

msgattrib --only-fuzzy --no-obsolete "$po" >"$tmp/fuzzy" 2>&1
if [ ! -s "$tmp/fuzzy" ]; then ok "no fuzzy message"; else not_ok "no fuzzy message" "$tmp/fuzzy"; fi

# The same extraction as meson's gettext 'glib' preset, into a scratch template.
(cd "$src" && GETTEXTDATADIRS="$src/po" xgettext --package-name=kaitsu -D "$src" -f po/POTFILES.in -o "$tmp/kaitsu.pot" \
  --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
  --keyword=NC_:1c,2 --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 \
  --keyword=g_dpgettext2:2c,3 --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format \
  --flag=NC_:2:pass-c-format --flag=g_dngettext:2:pass-c-format \
  --flag=g_strdup_printf:1:c-format --flag=g_string_printf:2:c-format \
  --flag=g_string_append_printf:2:c-format --flag=g_error_new:3:c-format \
  --flag=g_set_error:4:c-format) >"$tmp/xgettext" 2>&1
if msgcmp "$po" "$tmp/kaitsu.pot" >"$tmp/msgcmp" 2>&1; then
  ok "every string in the sources is translated in $lang.po"
else
  cat "$tmp/xgettext" >>"$tmp/msgcmp"
  not_ok "every string in the sources is translated in $lang.po" "$tmp/msgcmp"
fi

# Every source file with translatable strings is listed in POTFILES.in.
: >"$tmp/unlisted"
while IFS= read -r file; do
  rel="${file#"$src"/}"
  grep -qxF "$rel" "$src/po/POTFILES.in" || echo "$rel" >>"$tmp/unlisted"
done < <(grep -rlE '(^|[^a-zA-Z_])(N?_|C_|ngettext) ?\(|translatable="yes"' "$src/src" "$src/data" \
           --include='*.c' --include='*.ui' | sort)
if [ ! -s "$tmp/unlisted" ]; then ok "POTFILES.in lists every translatable file"; else not_ok "POTFILES.in lists every translatable file" "$tmp/unlisted"; fi

exit $fail
