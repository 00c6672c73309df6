/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-window.h: the main window: step list, assistant, status pane */
#pragma once

#include <gtk/gtk.h>

#include "kaitsu-assistant.h"
#include "kaitsu-flow.h"
#include "kaitsu-guide.h"
#include "kaitsu-sites.h"
#include "kaitsu-side-pane.h"
#include "kaitsu-step-list.h"

G_BEGIN_DECLS

#define KAITSU_TYPE_WINDOW (kaitsu_window_get_type ())
G_DECLARE_FINAL_TYPE (KaitsuWindow, kaitsu_window, KAITSU, WINDOW, GtkApplicationWindow)

typedef enum
{
  KAITSU_BANNER_MESSAGE,
  KAITSU_BANNER_RESUME,
} KaitsuBannerKind;

KaitsuWindow    *kaitsu_window_new            (GtkApplication   *application,
                                               KaitsuFlow       *flow);
KaitsuWindow    *kaitsu_window_new_with_sites (GtkApplication   *application,
                                               KaitsuFlow       *flow,
                                               KaitsuSites      *sites);
KaitsuSites     *kaitsu_window_get_sites      (KaitsuWindow     *self);
KaitsuGuide     *kaitsu_window_get_guide      (KaitsuWindow     *self);
void             kaitsu_window_set_practice_mail (KaitsuWindow  *self,
                                                  const char    *mail);
const char      *kaitsu_window_get_practice_mail (KaitsuWindow  *self);
KaitsuFlow      *kaitsu_window_get_flow       (KaitsuWindow     *self);
KaitsuAssistant *kaitsu_window_get_assistant  (KaitsuWindow     *self);
KaitsuStepList  *kaitsu_window_get_step_list  (KaitsuWindow     *self);
KaitsuSidePane  *kaitsu_window_get_side_pane  (KaitsuWindow     *self);
GtkWidget       *kaitsu_window_get_back_button (KaitsuWindow    *self);
GtkWidget       *kaitsu_window_get_next_button (KaitsuWindow    *self);
const char      *kaitsu_window_get_title_text (KaitsuWindow     *self);
void             kaitsu_window_show_banner    (KaitsuWindow     *self,
                                               KaitsuBannerKind  kind,
                                               const char       *text);
gboolean         kaitsu_window_get_banner_visible (KaitsuWindow *self);
char            *kaitsu_window_dup_report     (KaitsuWindow     *self,
                                               gboolean          json,
                                               gboolean          include_names,
                                               double            elapsed_s);
void             kaitsu_window_announce       (KaitsuWindow     *self,
                                               const char       *text);
const char      *kaitsu_window_get_announcement (KaitsuWindow   *self);
char            *kaitsu_dup_toolkit_versions  (void);

G_END_DECLS
