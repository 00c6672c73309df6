/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-guide.h: turns what the web pages show into the flow's progress */
#pragma once

#include <gtk/gtk.h>

#include "kaitsu-browser.h"
#include "kaitsu-console-status.h"
#include "kaitsu-flow.h"
#include "kaitsu-report.h"

G_BEGIN_DECLS

#define KAITSU_TYPE_GUIDE (kaitsu_guide_get_type ())
G_DECLARE_FINAL_TYPE (KaitsuGuide, kaitsu_guide, KAITSU, GUIDE, GObject)

KaitsuGuide         *kaitsu_guide_new                (KaitsuFlow    *flow,
                                                      KaitsuBrowser *browser);
KaitsuBrowser       *kaitsu_guide_get_browser        (KaitsuGuide   *self);
GArray              *kaitsu_guide_get_detections     (KaitsuGuide   *self);
GPtrArray           *kaitsu_guide_get_signin_errors  (KaitsuGuide   *self);
KaitsuConsoleStatus *kaitsu_guide_get_console_seen   (KaitsuGuide   *self);
GtkWindow           *kaitsu_guide_get_signin_window  (KaitsuGuide   *self);
gboolean             kaitsu_guide_console_says_pending (KaitsuGuide *self,
                                                        KaitsuService service);
/* Of KaitsuPageOutline: the pages Kaitsu did not recognise, for the report */
GPtrArray           *kaitsu_guide_get_unknown_pages  (KaitsuGuide   *self);
/* Of KaitsuScreenSeen: every screen met, in order */
GArray              *kaitsu_guide_get_screens_seen   (KaitsuGuide   *self);
void                 kaitsu_guide_open_step          (KaitsuGuide   *self,
                                                      KaitsuStep     step);
char                *kaitsu_guide_dup_start_uri      (KaitsuGuide   *self,
                                                      KaitsuStep     step);

G_END_DECLS
