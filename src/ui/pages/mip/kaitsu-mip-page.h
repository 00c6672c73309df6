/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-mip-page.h: Microsoft Information Protection, for those who use it */
#pragma once

#include "kaitsu-page.h"

G_BEGIN_DECLS

#define KAITSU_TYPE_MIP_PAGE (kaitsu_mip_page_get_type ())
G_DECLARE_FINAL_TYPE (KaitsuMipPage, kaitsu_mip_page, KAITSU, MIP_PAGE, KaitsuPage)

G_END_DECLS
