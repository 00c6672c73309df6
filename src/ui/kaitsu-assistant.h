/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-assistant.h: the stack of pages, one per step */
#pragma once

#include <gtk/gtk.h>

#include "kaitsu-page.h"

G_BEGIN_DECLS

#define KAITSU_TYPE_ASSISTANT (kaitsu_assistant_get_type ())
G_DECLARE_FINAL_TYPE (KaitsuAssistant, kaitsu_assistant, KAITSU, ASSISTANT, GtkWidget)

GtkWidget  *kaitsu_assistant_new              (KaitsuFlow      *flow);
KaitsuPage *kaitsu_assistant_get_page         (KaitsuAssistant *self,
                                               KaitsuStep       step);
void        kaitsu_assistant_relabel          (KaitsuAssistant *self);
/* Practice mode: each page says what the simulated sites accept where they ask */
void        kaitsu_assistant_set_practice     (KaitsuAssistant *self,
                                               gboolean         practice);
KaitsuPage *kaitsu_assistant_get_visible_page (KaitsuAssistant *self);
void        kaitsu_assistant_set_large_text   (KaitsuAssistant *self,
                                               gboolean         large);

G_END_DECLS
