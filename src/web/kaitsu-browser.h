/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-browser.h: a web view with its address line, failure pages, detection and policy */
#pragma once

#include <gtk/gtk.h>

#include "kaitsu-page-reading.h"
#include "kaitsu-sites.h"
#include "kaitsu-web-view.h"

G_BEGIN_DECLS

#define KAITSU_TYPE_BROWSER (kaitsu_browser_get_type ())
G_DECLARE_FINAL_TYPE (KaitsuBrowser, kaitsu_browser, KAITSU, BROWSER, GtkBox)

typedef enum
{
  KAITSU_BROWSER_MAIN,
  KAITSU_BROWSER_SIGNIN,
} KaitsuBrowserRole;

KaitsuBrowser *kaitsu_browser_new               (KaitsuSites       *sites,
                                                 KaitsuBrowserRole  role,
                                                 KaitsuWebView     *view);
KaitsuWebView *kaitsu_browser_get_view          (KaitsuBrowser     *self);
KaitsuSites   *kaitsu_browser_get_sites         (KaitsuBrowser     *self);
void           kaitsu_browser_load              (KaitsuBrowser     *self,
                                                 const char        *uri);
const char    *kaitsu_browser_get_uri           (KaitsuBrowser     *self);
const char    *kaitsu_browser_get_text          (KaitsuBrowser     *self);
/* What the last page read was; NULL before the first */
const KaitsuPageReading *kaitsu_browser_get_reading (KaitsuBrowser *self);
/* Title, headings, buttons and links of the last page, as JSON; never a field's value */
const char    *kaitsu_browser_get_outline       (KaitsuBrowser     *self);
void           kaitsu_browser_fill              (KaitsuBrowser     *self,
                                                 const char        *fills[],
                                                 const char        *click);
void                 kaitsu_browser_press_near (KaitsuBrowser *self,
                                                const char    *label,
                                                const char    *near);
void                 kaitsu_browser_press_first (KaitsuBrowser      *self,
                                                 const char * const *labels);
void                 kaitsu_browser_console_moved (KaitsuBrowser *self);
void           kaitsu_browser_run_script        (KaitsuBrowser     *self,
                                                 const char        *script);
gint64         kaitsu_browser_get_finished_at   (KaitsuBrowser     *self);
gboolean       kaitsu_browser_is_reading        (KaitsuBrowser     *self);
void           kaitsu_browser_set_error_detail  (KaitsuBrowser     *self,
                                                 const char        *detail);
void           kaitsu_browser_reload            (KaitsuBrowser     *self);
void           kaitsu_browser_show_empty        (KaitsuBrowser     *self,
                                                 const char        *title,
                                                 const char        *text);
/* The page on view, in the user's own web browser */
void           kaitsu_browser_open_externally   (KaitsuBrowser     *self);

void           kaitsu_browser_set_answer_timeout (KaitsuBrowser    *self,
                                                  guint             milliseconds);

G_END_DECLS
