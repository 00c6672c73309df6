/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-a11y.h: accessible names as screen readers should hear them, on every GTK */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void kaitsu_a11y_fix_names (GtkWidget *root);

G_END_DECLS
