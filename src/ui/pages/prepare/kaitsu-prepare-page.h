/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-prepare-page.h: what to have at hand, and reading the activation mail */
#pragma once

#include "kaitsu-page.h"
#include "kaitsu-preflight.h"

G_BEGIN_DECLS

#define KAITSU_TYPE_PREPARE_PAGE (kaitsu_prepare_page_get_type ())
G_DECLARE_FINAL_TYPE (KaitsuPreparePage, kaitsu_prepare_page, KAITSU, PREPARE_PAGE, KaitsuPage)

void     kaitsu_prepare_page_read_file  (KaitsuPreparePage *self,
                                         GFile             *file);
void     kaitsu_prepare_page_read_text  (KaitsuPreparePage *self,
                                         const char        *text);
gboolean kaitsu_prepare_page_is_reading (KaitsuPreparePage *self);
guint    kaitsu_prepare_page_get_n_problems (KaitsuPreparePage *self,
                                             gboolean           errors);
gboolean kaitsu_prepare_page_is_checking_network (KaitsuPreparePage *self);
KaitsuPreflightReport *kaitsu_prepare_page_get_network_report (KaitsuPreparePage *self);

G_END_DECLS
