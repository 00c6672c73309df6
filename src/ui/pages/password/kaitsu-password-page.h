/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-password-page.h: setting the console password, with a live rule checker */
#pragma once

#include "kaitsu-page.h"

G_BEGIN_DECLS

#define KAITSU_TYPE_PASSWORD_PAGE (kaitsu_password_page_get_type ())
G_DECLARE_FINAL_TYPE (KaitsuPasswordPage, kaitsu_password_page, KAITSU, PASSWORD_PAGE, KaitsuPage)

G_END_DECLS
