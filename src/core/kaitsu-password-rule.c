/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-password-rule.c: 8 to 25 characters with digits, upper- and lower-case letters */

#include "config.h"

#include "kaitsu-password-rule.h"

KaitsuPasswordProblems
kaitsu_password_check (const char *candidate)
{
  KaitsuPasswordProblems problems = KAITSU_PASSWORD_NO_DIGIT | KAITSU_PASSWORD_NO_UPPER |
                                    KAITSU_PASSWORD_NO_LOWER;
  glong length;

  if (candidate == NULL || !g_utf8_validate (candidate, -1, NULL))
    return problems | KAITSU_PASSWORD_TOO_SHORT | KAITSU_PASSWORD_OTHER_CHARS;

  length = g_utf8_strlen (candidate, -1);
  if (length < KAITSU_PASSWORD_MIN_LENGTH)
    problems |= KAITSU_PASSWORD_TOO_SHORT;
  if (length > KAITSU_PASSWORD_MAX_LENGTH)
    problems |= KAITSU_PASSWORD_TOO_LONG;

  for (const char *p = candidate; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= '0' && c <= '9')
        problems &= ~KAITSU_PASSWORD_NO_DIGIT;
      else if (c >= 'A' && c <= 'Z')
        problems &= ~KAITSU_PASSWORD_NO_UPPER;
      else if (c >= 'a' && c <= 'z')
        problems &= ~KAITSU_PASSWORD_NO_LOWER;
      else
        problems |= KAITSU_PASSWORD_OTHER_CHARS;
    }
  return problems;
}
