/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-web-view.h: the embedded browser view used for every web step */
#pragma once

#include <webkit/webkit.h>

G_BEGIN_DECLS

#define KAITSU_TYPE_WEB_VIEW (kaitsu_web_view_get_type ())
G_DECLARE_FINAL_TYPE (KaitsuWebView, kaitsu_web_view, KAITSU, WEB_VIEW, WebKitWebView)

WebKitNetworkSession *kaitsu_web_get_network_session  (void);
char                **kaitsu_web_dup_languages        (void);
GtkWidget            *kaitsu_web_view_new             (void);
GtkWidget            *kaitsu_web_view_new_related     (KaitsuWebView *related);

/* Screen-share mode makes text at least this much larger */
#define KAITSU_SCREEN_SHARE_SCALE 1.25
double                kaitsu_text_scale_effective     (GSettings     *settings);

G_END_DECLS
