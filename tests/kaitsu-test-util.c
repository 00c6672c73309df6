/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-test-util.c: shared set-up for the tests; waits are on events, never on sleeps */

#include "config.h"

#include <glib/gi18n.h>
#include <libintl.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "kaitsu-test-util.h"
#ifndef KAITSU_TEST_NO_GTK
#include "kaitsu-application.h"
#endif

/* A safety net so a broken test fails instead of hanging CI; not a performance limit. */
#define WAIT_LIMIT_SECONDS 60

void
kaitsu_test_init (int    *argc,
                  char ***argv)
{
  const char *localedir = g_getenv ("KAITSU_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (argc, argv, NULL);
}

#ifndef KAITSU_TEST_NO_GTK
void
kaitsu_test_init_gtk (int    *argc,
                      char ***argv)
{
  kaitsu_test_init (argc, argv);
  /* libadwaita's style and colours, as the application has them */
  adw_init ();
  /* Drawn as the application draws its windows on this computer */
  kaitsu_application_choose_renderer (gdk_display_get_default ());
  /* Screenshots and assertions see finished states, not the middle of a slide. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

#endif

gboolean
kaitsu_test_ui_is_japanese (void)
{
  return g_strcmp0 (g_getenv ("KAITSU_TEST_LANGUAGE"), "ja") == 0;
}

static gboolean
on_limit (gpointer data)
{
  gboolean *expired = data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

/* As kaitsu_test_wait_until, at most @seconds; whether it came */
gboolean
kaitsu_test_wait_for (gboolean  (*done) (gpointer data),
                      gpointer    data,
                      guint       seconds)
{
  gboolean expired = FALSE;
  guint limit = g_timeout_add_seconds (seconds, on_limit, &expired);

  while (!done (data) && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (limit);
  return !expired;
}

void
kaitsu_test_wait_until (gboolean  (*done) (gpointer data),
                        gpointer    data,
                        const char *what)
{
  if (!kaitsu_test_wait_for (done, data, WAIT_LIMIT_SECONDS))
    g_error ("Gave up waiting for %s", what);
}

#ifndef KAITSU_TEST_NO_GTK
static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  guint *frames = data;

  (*frames)++;
  return *frames < 3 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
frames_drawn (gpointer data)
{
  return *(guint *) data >= 3;
}

/* The first widget under @root, @root included and depth first, that @match accepts, or NULL */
GtkWidget *
kaitsu_test_find_widget (GtkWidget       *root,
                         KaitsuTestMatch  match,
                         gconstpointer    data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = kaitsu_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Waits until the widget is mapped and a few frames have been drawn with its current state. */
void
kaitsu_test_wait_for_frame (GtkWidget *widget)
{
  guint frames = 0;

  gtk_widget_add_tick_callback (widget, count_frame, &frames, NULL);
  gtk_widget_queue_draw (widget);
  kaitsu_test_wait_until (frames_drawn, &frames, "frames to be drawn");
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

/* On screen with a size: ready to be looked at, measured or sent keys */
void
kaitsu_test_wait_until_mapped (GtkWidget  *widget,
                               const char *what)
{
  kaitsu_test_wait_until (is_mapped, widget, what);
}

char *
kaitsu_test_save_screenshot (GtkWidget  *widget,
                             const char *name)
{
  char *path;

  kaitsu_test_wait_for_frame (widget);
  path = kaitsu_test_save_screenshot_now (widget, name);
  g_assert_nonnull (path);
  return path;
}

/* Without waiting for frames: for callers inside a running application's main loop */
char *
kaitsu_test_save_screenshot_now (GtkWidget  *widget,
                                 const char *name)
{
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  char *path;
  int width, height;

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  /* Nothing drawn yet: the caller may try again after the next frame. */
  if (node == NULL)
    return NULL;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));

  dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") != NULL ? g_getenv ("G_TEST_BUILDDIR") : ".",
                          "screenshots", NULL);
  g_mkdir_with_parents (dir, 0755);
  file = g_strdup_printf ("%s.png", name);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
  return path;
}
#endif
