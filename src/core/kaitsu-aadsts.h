/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-aadsts.h: Microsoft's sign-in and consent answers, in plain words */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  /* 0 when Microsoft said yes */
  guint code;
  gboolean consented;
  char *error;
  char *description;
  char *tenant;
  char *correlation_id;
  char *request_id;
  char *timestamp;
} KaitsuConsentAnswer;

KaitsuConsentAnswer *kaitsu_consent_answer_from_uri  (const char          *uri);
void                 kaitsu_consent_answer_free      (KaitsuConsentAnswer *answer);
guint                kaitsu_aadsts_find_code         (const char          *text);
void                 kaitsu_find_support_ids         (const char          *text,
                                                      char               **correlation_id,
                                                      char               **request_id,
                                                      char               **timestamp);
gboolean             kaitsu_aadsts_is_known          (guint                code);
char                *kaitsu_aadsts_dup_explanation   (guint                code);
char                *kaitsu_aadsts_dup_advice        (guint                code);
gboolean             kaitsu_aadsts_needs_browser     (guint                code);
gboolean             kaitsu_aadsts_is_retryable      (guint                code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KaitsuConsentAnswer, kaitsu_consent_answer_free)

G_END_DECLS
