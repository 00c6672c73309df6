/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-step-list.h: the numbered list of steps on the left, with their states */
#pragma once

#include <gtk/gtk.h>

#include "kaitsu-flow.h"

G_BEGIN_DECLS

#define KAITSU_TYPE_STEP_LIST (kaitsu_step_list_get_type ())
G_DECLARE_FINAL_TYPE (KaitsuStepList, kaitsu_step_list, KAITSU, STEP_LIST, GtkWidget)

GtkWidget     *kaitsu_step_list_new          (KaitsuFlow     *flow);
GtkListBoxRow *kaitsu_step_list_get_row      (KaitsuStepList *self,
                                              KaitsuStep      step);
KaitsuStep     kaitsu_step_list_get_selected (KaitsuStepList *self);

G_END_DECLS
