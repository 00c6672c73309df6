/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-floor.c: the floor of Kaitsu's own stack, for scripts/benchmark. Not a test.
 *
 *   bench-floor label   a GTK 4 window with one label; the program links WebKitGTK
 *   bench-floor pages   the practice console's grant page in a window's web view, and the
 *                       simulated Microsoft sign-in in a second window sharing its web
 *                       process, as Kaitsu shows them (WebKit's defaults otherwise)
 *
 * Prints "kaitsu-bench: first-frame <monotonic µs>" when the window's first frame is drawn,
 * and in `pages` "kaitsu-bench: loaded <µs>" once both pages have loaded. Runs until killed. */

#include "config.h"

#include <gtk/gtk.h>
#include <webkit/webkit.h>

#include "kaitsu-simulator.h"

static guint pages_left;

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       data)
{
  g_printerr ("kaitsu-bench: first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, data);
}

static void
on_realize (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint), NULL);
}

static void
on_load_changed (WebKitWebView   *view,
                 WebKitLoadEvent  event)
{
  if (event != WEBKIT_LOAD_FINISHED)
    return;
  g_printerr ("kaitsu-bench: page %s\n", webkit_web_view_get_title (view));
  if (--pages_left == 0)
    g_printerr ("kaitsu-bench: loaded %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
}

/* The second view shares the first one's web process, as a pop-up does */
static GtkWidget *
new_page_window (GtkApplication *app,
                 const char     *uri,
                 int             width,
                 int             height,
                 GtkWidget     **related)
{
  GtkWidget *window = gtk_application_window_new (app);
  GtkWidget *view = *related != NULL ? g_object_new (WEBKIT_TYPE_WEB_VIEW, "related-view", *related, NULL)
                                     : webkit_web_view_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), view);
  g_signal_connect (view, "load-changed", G_CALLBACK (on_load_changed), NULL);
  webkit_web_view_load_uri (WEBKIT_WEB_VIEW (view), uri);
  pages_left++;
  *related = view;
  return window;
}

static void
on_activate (GtkApplication *app,
             const char     *mode)
{
  GtkWidget *window;

  if (g_str_equal (mode, "pages"))
    {
      static KaitsuSimulator *simulator;
      g_autoptr (GError) error = NULL;
      g_autofree char *console = NULL;
      g_autofree char *signin = NULL;
      KaitsuSites *sites;
      GtkWidget *first = NULL;

      simulator = kaitsu_simulator_new ();
      if (!kaitsu_simulator_start (simulator, &error))
        g_error ("The simulator does not start: %s", error->message);
      sites = kaitsu_simulator_get_sites (simulator);
      console = g_strconcat (kaitsu_sites_get_base (sites, KAITSU_SITE_CONSOLE), "/grant?service=exchange-online", NULL);
      signin = g_strconcat (kaitsu_sites_get_base (sites, KAITSU_SITE_MICROSOFT_LOGIN), "/login/email", NULL);
      window = new_page_window (app, console, 1280, 800, &first);
      gtk_window_present (GTK_WINDOW (new_page_window (app, signin, 560, 680, &first)));
    }
  else
    {
      window = gtk_application_window_new (app);
      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
      gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Kaitsu"));
      /* Linked, as Kaitsu links it */
      g_type_ensure (WEBKIT_TYPE_WEB_VIEW);
    }
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GtkApplication) app = gtk_application_new ("io.github.kaitsu.BenchFloor", G_APPLICATION_NON_UNIQUE);
  const char *mode = argc > 1 ? argv[1] : "label";

  g_signal_connect (app, "activate", G_CALLBACK (on_activate), (gpointer) mode);
  return g_application_run (G_APPLICATION (app), 1, argv);
}
