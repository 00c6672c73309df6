/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-mail.h: reading the activation mail and checking what it says */
#pragma once

#include <glib.h>

#include "kaitsu-sites.h"

G_BEGIN_DECLS

#define KAITSU_MAIL_MAX_SIZE (5 * 1024 * 1024)
#define KAITSU_MAIL_SENDER "PLX_account_support_MailBox@trendmicro.co.jp"
#define KAITSU_MAIL_SUBJECT "新規アカウント発行のお知らせ"
#define KAITSU_RESET_LINK_DAYS 7

typedef enum
{
  KAITSU_MAIL_ERROR_TOO_LARGE,
  KAITSU_MAIL_ERROR_NOT_A_MAIL,
} KaitsuMailError;

#define KAITSU_MAIL_ERROR (kaitsu_mail_error_quark ())
GQuark kaitsu_mail_error_quark (void);

typedef enum
{
  KAITSU_PROBLEM_ERROR,
  KAITSU_PROBLEM_WARNING,
} KaitsuProblemSeverity;

typedef struct
{
  KaitsuProblemSeverity severity;
  char *code;
  char *message;
} KaitsuMailProblem;

typedef struct
{
  char *subject;
  char *from;
  GDateTime *sent;
  char *company;
  char *account;
  char *login_url;
  char *reset_url;
  GDateTime *reset_expires;
  /* -1 unknown (no sent time), 0 still valid, 1 expired */
  int expired;
  gboolean forwarded;
  GPtrArray *problems;
} KaitsuMailFacts;

KaitsuMailFacts *kaitsu_mail_read            (const char       *data,
                                              gsize             length,
                                              GDateTime        *now,
                                              GError          **error);
KaitsuMailFacts *kaitsu_mail_read_trusting   (const char       *data,
                                              gsize             length,
                                              GDateTime        *now,
                                              KaitsuSites      *practice_sites,
                                              GError          **error);
KaitsuMailFacts *kaitsu_mail_read_file       (const char       *path,
                                              GDateTime        *now,
                                              GError          **error);
void             kaitsu_mail_facts_free      (KaitsuMailFacts  *facts);
/* A file, or "-" for standard input, up to limit bytes; NUL-terminated */
char            *kaitsu_read_input           (const char       *path,
                                              gsize             limit,
                                              gsize            *length,
                                              GError          **error);
/* Bytes in UTF-8 or a Japanese legacy encoding (ISO-2022-JP, Shift_JIS, EUC-JP), as UTF-8;
 * what none of them explains is replaced, never refused */
char            *kaitsu_decode_text          (const char       *data,
                                              gsize             length);
gboolean         kaitsu_mail_facts_usable    (KaitsuMailFacts  *facts);
gboolean         kaitsu_mail_facts_has       (KaitsuMailFacts  *facts,
                                              const char       *code);
int              kaitsu_mail_facts_days_left (KaitsuMailFacts  *facts,
                                              GDateTime        *now);
char            *kaitsu_mail_dup_validity    (GDateTime        *expires,
                                              GDateTime        *now,
                                              gboolean         *urgent);
int              kaitsu_mail_days_left       (GDateTime        *expires,
                                              GDateTime        *now);
char            *kaitsu_mail_facts_to_json   (KaitsuMailFacts  *facts);
char            *kaitsu_mail_facts_to_text   (KaitsuMailFacts  *facts,
                                              GDateTime        *now);
GDateTime       *kaitsu_mail_parse_date      (const char       *text);
char            *kaitsu_mail_format_date     (GDateTime        *time);
char            *kaitsu_mail_format_time     (GDateTime        *time);
GPtrArray       *kaitsu_mail_find_links      (const char       *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KaitsuMailFacts, kaitsu_mail_facts_free)

G_END_DECLS
