/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-application.h: the application: command line, session, main window */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KAITSU_TYPE_APPLICATION (kaitsu_application_get_type ())
G_DECLARE_FINAL_TYPE (KaitsuApplication, kaitsu_application, KAITSU, APPLICATION, AdwApplication)

KaitsuApplication *kaitsu_application_new             (void);
void               kaitsu_application_choose_renderer (GdkDisplay *display);
const char        *kaitsu_application_get_software_gl (GdkDisplay *display);
int                kaitsu_application_get_exit_status (KaitsuApplication *self);
GtkWidget         *kaitsu_application_new_about_dialog (GtkWindow        *parent);

G_END_DECLS
