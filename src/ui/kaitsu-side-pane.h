/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-side-pane.h: the status pane: services, the console's lists, the timeline */
#pragma once

#include <gtk/gtk.h>

#include "kaitsu-flow.h"

G_BEGIN_DECLS

#define KAITSU_TYPE_SIDE_PANE (kaitsu_side_pane_get_type ())
G_DECLARE_FINAL_TYPE (KaitsuSidePane, kaitsu_side_pane, KAITSU, SIDE_PANE, GtkBox)

GtkWidget *kaitsu_side_pane_new                 (KaitsuFlow     *flow);
guint      kaitsu_side_pane_get_timeline_length (KaitsuSidePane *self);
void       kaitsu_side_pane_set_console_status  (KaitsuSidePane *self,
                                                 gpointer        status);
guint      kaitsu_side_pane_get_console_rows    (KaitsuSidePane *self);

void       kaitsu_side_pane_relabel             (KaitsuSidePane *self);

G_END_DECLS
