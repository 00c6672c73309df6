/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-private-label.h: a name, address or ID, masked while screen-share mode is on */
#pragma once

#include <gtk/gtk.h>

#include "kaitsu-mask.h"

G_BEGIN_DECLS

#define KAITSU_TYPE_PRIVATE_LABEL (kaitsu_private_label_get_type ())
G_DECLARE_FINAL_TYPE (KaitsuPrivateLabel, kaitsu_private_label, KAITSU, PRIVATE_LABEL, GtkBox)

GtkWidget  *kaitsu_private_label_new        (KaitsuMaskKind      kind,
                                             const char         *prefix);
void        kaitsu_private_label_set_text   (KaitsuPrivateLabel *self,
                                             const char         *text);
const char *kaitsu_private_label_get_text   (KaitsuPrivateLabel *self);
void        kaitsu_private_label_set_needed (KaitsuPrivateLabel *self,
                                             gboolean            needed);
GtkLabel   *kaitsu_private_label_get_label  (KaitsuPrivateLabel *self);

G_END_DECLS
