/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-welcome-page.h: choose services, region and MIP use */
#pragma once

#include "kaitsu-page.h"

G_BEGIN_DECLS

#define KAITSU_TYPE_WELCOME_PAGE (kaitsu_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (KaitsuWelcomePage, kaitsu_welcome_page, KAITSU, WELCOME_PAGE, KaitsuPage)

G_END_DECLS
