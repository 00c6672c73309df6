/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-mask.h: personal data shortened for a shared screen or a report, e.g. CAS••••01 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  /* A name of a person, company or tenant: the first character stays */
  KAITSU_MASK_NAME,
  /* a•••@e•••.co.jp */
  KAITSU_MASK_EMAIL,
  /* Account IDs and App IDs: the first three and last two characters stay */
  KAITSU_MASK_ID,
  /* An address or host of the tenant: c•••-admin.sharepoint.com */
  KAITSU_MASK_ADDRESS,
  /* A link from the mail: the site and page stay, the values after ? do not (tokens) */
  KAITSU_MASK_LINK,
} KaitsuMaskKind;

#define KAITSU_MASK_DOTS "••••"

char *kaitsu_mask          (KaitsuMaskKind      kind,
                            const char         *value);
char *kaitsu_mask_guess    (const char         *value);
char *kaitsu_mask_text     (const char         *text,
                            const char * const *known);
/* An address for the log: where it is, never its query or fragment (tokens, tenant IDs) */
char *kaitsu_uri_for_log   (const char         *uri);

G_END_DECLS
