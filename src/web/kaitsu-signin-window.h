/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-signin-window.h: the Microsoft sign-in and consent pop-up, over the assistant */
#pragma once

#include <gtk/gtk.h>

#include "kaitsu-browser.h"

G_BEGIN_DECLS

#define KAITSU_TYPE_SIGNIN_WINDOW (kaitsu_signin_window_get_type ())
G_DECLARE_FINAL_TYPE (KaitsuSigninWindow, kaitsu_signin_window, KAITSU, SIGNIN_WINDOW, GtkWindow)

KaitsuSigninWindow *kaitsu_signin_window_new         (KaitsuSites   *sites,
                                                      KaitsuWebView *view,
                                                      GtkWindow     *parent);
KaitsuBrowser      *kaitsu_signin_window_get_browser (KaitsuSigninWindow *self);
gboolean            kaitsu_signin_window_is_asking   (KaitsuSigninWindow *self);
void                kaitsu_signin_window_set_guidance (KaitsuSigninWindow *self,
                                                       const char         *id,
                                                       const char         *text);
void                kaitsu_signin_window_show_problem (KaitsuSigninWindow *self,
                                                       const char         *title,
                                                       const char         *text,
                                                       gboolean            dead_end);
const char         *kaitsu_signin_window_get_problem  (KaitsuSigninWindow *self);
gboolean            kaitsu_signin_window_is_dead_end  (KaitsuSigninWindow *self);

G_END_DECLS
