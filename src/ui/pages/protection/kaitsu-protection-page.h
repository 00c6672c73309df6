/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-protection-page.h: per service, access granted and scanning, as read from the console */
#pragma once

#include "kaitsu-page.h"

G_BEGIN_DECLS

#define KAITSU_TYPE_PROTECTION_PAGE (kaitsu_protection_page_get_type ())
G_DECLARE_FINAL_TYPE (KaitsuProtectionPage, kaitsu_protection_page, KAITSU, PROTECTION_PAGE, KaitsuPage)

/* What the page says of the whole: protected, or what is missing (for tests and the report) */
char *kaitsu_protection_dup_verdict (KaitsuFlow *flow);

G_END_DECLS
