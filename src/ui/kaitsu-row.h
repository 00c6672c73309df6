/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-row.h: widgets side by side, like a horizontal GtkBox, without its costly width-for-height
 * questions to wrapped text (KaitsuRow), or going on to the next line when there is no room for
 * them all, like words in a paragraph (KaitsuWrapBox) */
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

#define KAITSU_TYPE_WRAP_BOX (kaitsu_wrap_box_get_type ())
G_DECLARE_FINAL_TYPE (KaitsuWrapBox, kaitsu_wrap_box, KAITSU, WRAP_BOX, GtkWidget)

GtkWidget *kaitsu_wrap_box_new         (int            spacing);
int        kaitsu_wrap_box_get_spacing (KaitsuWrapBox *self);
void       kaitsu_wrap_box_set_spacing (KaitsuWrapBox *self,
                                        int            spacing);
guint      kaitsu_wrap_box_get_n_lines (KaitsuWrapBox *self);

G_END_DECLS
