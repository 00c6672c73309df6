/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-label.h: setting a label's text without laying it out again when it is the same */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void kaitsu_label_set_label (GtkLabel   *label,
                             const char *text);

G_END_DECLS
