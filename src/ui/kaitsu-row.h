/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-row.h: widgets side by side, like a horizontal GtkBox, without its costly width-for-height
 * questions to wrapped text */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KAITSU_TYPE_ROW (kaitsu_row_get_type ())
G_DECLARE_FINAL_TYPE (KaitsuRow, kaitsu_row, KAITSU, ROW, GtkWidget)

GtkWidget *kaitsu_row_new     (int        spacing);
void       kaitsu_row_set_centered (KaitsuRow *self,
                                    gboolean   centered);
void       kaitsu_row_append  (KaitsuRow *self,
                               GtkWidget *child);
void       kaitsu_row_prepend (KaitsuRow *self,
                               GtkWidget *child);

G_END_DECLS
