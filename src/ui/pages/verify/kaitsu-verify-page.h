/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-verify-page.h: every chosen service shown as protected */
#pragma once

#include "kaitsu-page.h"

G_BEGIN_DECLS

#define KAITSU_TYPE_VERIFY_PAGE (kaitsu_verify_page_get_type ())
G_DECLARE_FINAL_TYPE (KaitsuVerifyPage, kaitsu_verify_page, KAITSU, VERIFY_PAGE, KaitsuPage)

G_END_DECLS
