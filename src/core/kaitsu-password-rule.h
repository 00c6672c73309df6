/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-password-rule.h: the console password rule of the password-reset page */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KAITSU_PASSWORD_MIN_LENGTH 8
#define KAITSU_PASSWORD_MAX_LENGTH 25

typedef enum
{
  KAITSU_PASSWORD_OK           = 0,
  KAITSU_PASSWORD_TOO_SHORT    = 1 << 0,
  KAITSU_PASSWORD_TOO_LONG     = 1 << 1,
  KAITSU_PASSWORD_NO_DIGIT     = 1 << 2,
  KAITSU_PASSWORD_NO_UPPER     = 1 << 3,
  KAITSU_PASSWORD_NO_LOWER     = 1 << 4,
  KAITSU_PASSWORD_OTHER_CHARS  = 1 << 5,
} KaitsuPasswordProblems;

KaitsuPasswordProblems kaitsu_password_check (const char *candidate);

G_END_DECLS
