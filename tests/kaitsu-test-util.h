/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-test-util.h: what every Kaitsu test needs: translations, main-loop waits, screenshots */
#pragma once

#ifdef KAITSU_TEST_NO_GTK
#include <glib.h>
#else
#include <adwaita.h>
#endif

G_BEGIN_DECLS

void     kaitsu_test_init            (int           *argc,
                                      char        ***argv);
void     kaitsu_test_wait_until      (gboolean     (*done) (gpointer data),
                                      gpointer       data,
                                      const char    *what);
gboolean kaitsu_test_wait_for        (gboolean     (*done) (gpointer data),
                                      gpointer       data,
                                      guint          seconds);
gboolean kaitsu_test_ui_is_japanese  (void);

#ifndef KAITSU_TEST_NO_GTK
void     kaitsu_test_init_gtk        (int           *argc,
                                      char        ***argv);
void     kaitsu_test_wait_for_frame  (GtkWidget     *widget);
void     kaitsu_test_wait_until_mapped (GtkWidget   *widget,
                                        const char  *what);
char    *kaitsu_test_save_screenshot (GtkWidget     *widget,
                                      const char    *name);
char    *kaitsu_test_save_screenshot_now (GtkWidget *widget,
                                          const char *name);

typedef gboolean (*KaitsuTestMatch) (GtkWidget     *widget,
                                     gconstpointer  data);
GtkWidget *kaitsu_test_find_widget   (GtkWidget       *root,
                                      KaitsuTestMatch  match,
                                      gconstpointer    data);
#endif

G_END_DECLS
