/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-service-page.h: granting one Microsoft 365 service in the console */
#pragma once

#include "kaitsu-page.h"

G_BEGIN_DECLS

#define KAITSU_TYPE_SERVICE_PAGE (kaitsu_service_page_get_type ())
G_DECLARE_FINAL_TYPE (KaitsuServicePage, kaitsu_service_page, KAITSU, SERVICE_PAGE, KaitsuPage)

G_END_DECLS
