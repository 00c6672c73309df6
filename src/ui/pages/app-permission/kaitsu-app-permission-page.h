/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-app-permission-page.h: the SharePoint app-permission step of the 2024 Teams procedure */
#pragma once

#include "kaitsu-page.h"

G_BEGIN_DECLS

#define KAITSU_TYPE_APP_PERMISSION_PAGE (kaitsu_app_permission_page_get_type ())
G_DECLARE_FINAL_TYPE (KaitsuAppPermissionPage, kaitsu_app_permission_page, KAITSU, APP_PERMISSION_PAGE, KaitsuPage)

G_END_DECLS
