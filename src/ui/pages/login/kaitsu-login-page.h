/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-login-page.h: logging in to the Licensing Management Platform */
#pragma once

#include "kaitsu-page.h"

G_BEGIN_DECLS

#define KAITSU_TYPE_LOGIN_PAGE (kaitsu_login_page_get_type ())
G_DECLARE_FINAL_TYPE (KaitsuLoginPage, kaitsu_login_page, KAITSU, LOGIN_PAGE, KaitsuPage)

G_END_DECLS
