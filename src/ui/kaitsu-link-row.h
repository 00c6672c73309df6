/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-link-row.h: a link from the activation mail, to copy or open */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KAITSU_TYPE_LINK_ROW (kaitsu_link_row_get_type ())
G_DECLARE_FINAL_TYPE (KaitsuLinkRow, kaitsu_link_row, KAITSU, LINK_ROW, GtkBox)

GtkWidget  *kaitsu_link_row_new      (const char    *title);
void        kaitsu_link_row_set_uri  (KaitsuLinkRow *self,
                                      const char    *uri);
const char *kaitsu_link_row_get_uri  (KaitsuLinkRow *self);
void        kaitsu_link_row_set_note (KaitsuLinkRow *self,
                                      const char    *note,
                                      gboolean       is_error);

G_END_DECLS
