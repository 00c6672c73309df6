/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-application.c: command-line contract, session load and save, the main window */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-application"

#include <epoxy/gl.h>
#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <string.h>

#include "kaitsu-application.h"
#include "kaitsu-autopilot.h"
#include "kaitsu-report.h"
#include "kaitsu-simulator.h"
#include "kaitsu-mail.h"
#include "kaitsu-page-reading.h"
#include "kaitsu-preflight.h"
#include "kaitsu-procedure.h"
#include "kaitsu-link-store.h"
#include "kaitsu-reason.h"
#include "kaitsu-session.h"
#include "kaitsu-window.h"

struct _KaitsuApplication
{
  AdwApplication parent_instance;

  KaitsuFlow *flow;
  char *session_path;
  /* Reads the activation's description while GTK starts; joined at shutdown */
  GThread *description_reader;
  GThread *icon_scanner;
  /* The mail's links, outside the session file (real activations only) */
  KaitsuLinkStore *links;
  guint save_source;
  gboolean save_error_shown;

  /* Practice mode */
  gboolean demo;
  gboolean autopilot;
  gboolean quit_when_done;
  char *report_path;
  char *scenarios;
  KaitsuSimulator *simulator;
  KaitsuAutopilot *pilot;
  gint64 started;
  int exit_status;
};

G_DEFINE_FINAL_TYPE (KaitsuApplication, kaitsu_application, ADW_TYPE_APPLICATION)

static KaitsuWindow *
get_window (KaitsuApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  return KAITSU_IS_WINDOW (window) ? KAITSU_WINDOW (window) : NULL;
}

static void
save_now (KaitsuApplication *self)
{
  g_autoptr (GError) error = NULL;

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->flow == NULL || kaitsu_session_save (self->flow, self->session_path, &error))
    {
      self->save_error_shown = FALSE;
      return;
    }
  g_warning ("Cannot save the session: %s", error->message);
  /* Tell once per failure spell, not at every click. */
  if (!self->save_error_shown && get_window (self) != NULL)
    {
      g_autofree char *reason = kaitsu_reason_dup_for_file (error);
      g_autofree char *text =
        g_strdup_printf (_("Your progress cannot be saved (%s). Kaitsu keeps working, but if you close it you will have to start over. Check that the disk is not full."),
                         reason);
      kaitsu_window_show_banner (get_window (self), KAITSU_BANNER_MESSAGE, text);
      self->save_error_shown = TRUE;
    }
}

static gboolean
save_in_idle (gpointer user_data)
{
  KaitsuApplication *self = user_data;

  self->save_source = 0;
  save_now (self);
  return G_SOURCE_REMOVE;
}

/* Changes come in bursts (a choice changes many steps): save once per burst. */
static void
on_flow_changed (KaitsuApplication *self)
{
  if (self->save_source == 0)
    self->save_source = g_idle_add (save_in_idle, self);
}

static char *
load_session (KaitsuApplication *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *damaged_path = NULL;
  KaitsuFlow *flow;

  flow = kaitsu_session_load (self->session_path, &damaged_path, &error);
  /* A newer Kaitsu's progress stays where it is, for that Kaitsu: this one keeps its own
   * beside it */
  if (g_error_matches (error, KAITSU_SESSION_ERROR, KAITSU_SESSION_ERROR_NEWER_FORMAT))
    {
      g_autofree char *newer = g_steal_pointer (&self->session_path);

      g_message ("Leaving %s to the newer Kaitsu that wrote it", newer);
      self->session_path = kaitsu_session_dup_fallback_path (newer);
      g_clear_error (&error);
      flow = kaitsu_session_load (self->session_path, &damaged_path, &error);
      if (flow == NULL && error == NULL)
        {
          self->flow = kaitsu_flow_new ();
          return g_strdup_printf (_("Your saved progress was written by a newer version of Kaitsu. It stays untouched for that version; this one starts afresh and keeps its own progress in %s."),
                                  self->session_path);
        }
    }
  if (flow != NULL)
    {
      self->flow = flow;
      if (kaitsu_flow_is_pristine (flow))
        return NULL;
      {
        g_autofree char *title = kaitsu_step_dup_title (kaitsu_flow_get_current_step (flow));
        /* Translators: %s is a step title, e.g. "Log in" */
        return g_strdup_printf (_("Welcome back. You were at the step “%s”. Continue where you left off, or start over?"),
                                title);
      }
    }

  self->flow = kaitsu_flow_new ();
  if (error == NULL)
    return NULL;
  g_message ("Cannot load the session %s: %s", self->session_path, error->message);
  if (damaged_path != NULL)
    return g_strdup_printf (_("Your saved progress could not be read, so this activation starts afresh; the damaged file was kept as %s."),
                            damaged_path);
  {
    g_autofree char *reason = kaitsu_reason_dup_for_file (error);

    return g_strdup_printf (_("Your saved progress could not be read (%s), so this activation starts afresh."),
                            reason);
  }
}

static void
write_report (KaitsuApplication *self)
{
  KaitsuWindow *window = get_window (self);
  double elapsed_s = (g_get_monotonic_time () - self->started) / (double) G_USEC_PER_SEC;
  g_autofree char *json = NULL;
  g_autofree char *toolkit = kaitsu_dup_toolkit_versions ();
  g_autoptr (GError) error = NULL;

  if (self->report_path == NULL)
    return;
  if (window != NULL)
    json = kaitsu_window_dup_report (window, TRUE, FALSE, elapsed_s);
  else
    {
      KaitsuReportInput input = { .flow = self->flow, .mode = self->demo ? "practice" : "real",
                                  .toolkit = toolkit, .elapsed_s = elapsed_s };

      json = kaitsu_report_to_json (&input);
    }
  if (!g_file_set_contents_full (self->report_path, json, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_printerr ("%s\n", error->message);
}

static void
on_autopilot_finished (KaitsuApplication    *self,
                       KaitsuAutopilotState  state)
{
  if (state == KAITSU_AUTOPILOT_DONE)
    /* Granted is not enough: every service scanning, as read from the console */
    self->exit_status = kaitsu_flow_all_chosen_scanning (self->flow) ? 0 : 1;
  else if (state == KAITSU_AUTOPILOT_WAITING)
    /* Not finished, through no fault to act on: try again later */
    self->exit_status = 1;
  else
    self->exit_status = 3;
  save_now (self);
  write_report (self);
  if (self->quit_when_done)
    g_application_quit (G_APPLICATION (self));
}

static gboolean
start_practice (KaitsuApplication *self)
{
  g_autoptr (GError) error = NULL;

  self->simulator = kaitsu_simulator_new ();
  if (!kaitsu_simulator_set_scenarios (self->simulator, self->scenarios, &error) ||
      !kaitsu_simulator_start (self->simulator, &error))
    {
      g_printerr (_("Practice mode cannot start: %s\n"), error->message);
      self->exit_status = 2;
      return FALSE;
    }
  /* Practice starts afresh each time and never touches the real activation's session. */
  g_free (self->session_path);
  self->session_path = g_build_filename (g_get_user_state_dir (), "kaitsu", "practice-session.json", NULL);
  self->flow = kaitsu_flow_new ();
  return TRUE;
}

static void
kaitsu_application_activate (GApplication *application)
{
  KaitsuApplication *self = KAITSU_APPLICATION (application);
  g_autofree char *banner = NULL;
  KaitsuWindow *window = get_window (self);
  gboolean resume;

  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }
  self->started = g_get_monotonic_time ();
  if (self->demo)
    {
      g_autofree char *mail = NULL;

      if (!start_practice (self))
        {
          g_application_quit (application);
          return;
        }
      g_signal_connect_object (self->flow, "changed", G_CALLBACK (on_flow_changed), self, G_CONNECT_SWAPPED);
      window = kaitsu_window_new_with_sites (GTK_APPLICATION (self), self->flow,
                                             kaitsu_simulator_get_sites (self->simulator));
      mail = kaitsu_simulator_dup_sample_mail (self->simulator);
      kaitsu_window_set_practice_mail (window, mail);
      if (self->autopilot)
        {
          self->pilot = kaitsu_autopilot_new (window, mail);
          /* A slow practice sync is not a stuck one */
          kaitsu_autopilot_set_patience (self->pilot, MAX (16, 3 * kaitsu_simulator_get_sync_delay (self->simulator)));
          kaitsu_autopilot_set_mistakes (self->pilot, kaitsu_simulator_get_mistakes (self->simulator));
          g_signal_connect_object (self->pilot, "finished", G_CALLBACK (on_autopilot_finished),
                                   self, G_CONNECT_SWAPPED);
        }
      gtk_window_present (GTK_WINDOW (window));
      save_now (self);
      return;
    }

  banner = load_session (self);
  resume = banner != NULL && !kaitsu_flow_is_pristine (self->flow);
  g_signal_connect_object (self->flow, "changed", G_CALLBACK (on_flow_changed),
                           self, G_CONNECT_SWAPPED);
  self->links = kaitsu_link_store_new (self->flow, self->session_path);
  kaitsu_link_store_restore (self->links);
  /* A file of an earlier version held the links (the links are in memory right after loading
   * only then): they leave it now, without a write at every other start */
  if (kaitsu_flow_get_login_url (self->flow) != NULL || kaitsu_flow_get_reset_url (self->flow) != NULL)
    save_now (self);

  window = kaitsu_window_new (GTK_APPLICATION (self), self->flow);
  if (banner != NULL)
    kaitsu_window_show_banner (window, resume ? KAITSU_BANNER_RESUME : KAITSU_BANNER_MESSAGE,
                               banner);
  gtk_window_present (GTK_WINDOW (window));
}

/* kaitsu --check-mail: 0 usable, 1 problems, 2 unreadable. */
static int
check_mail (const char *path,
            gboolean    json)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (KaitsuMailFacts) facts = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  facts = kaitsu_mail_read_file (path, now, &error);
  if (facts == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  text = json ? kaitsu_mail_facts_to_json (facts) : kaitsu_mail_facts_to_text (facts, now);
  g_print ("%s\n", text);
  return kaitsu_mail_facts_usable (facts) ? 0 : 1;
}

/* kaitsu --explain-page: 0 recognised, 1 not recognised, 2 unusable input. */
static int
explain_page (const char *uri,
              const char *text_path,
              gboolean    json)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean recognised;

  text = kaitsu_explain_page (uri, text_path, json, &recognised, &error);
  if (text == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  g_print ("%s\n", text);
  return recognised ? 0 : 1;
}

/* kaitsu --preflight: 0 when every site can be reached with a correct clock, 1 otherwise. */
static int
preflight (const char *region,
           const char *platform_id,
           gboolean    json)
{
  KaitsuPlatform platform = kaitsu_platform_from_id (platform_id);
  g_autoptr (KaitsuSites) sites = NULL;
  g_autoptr (GPtrArray) hosts = NULL;
  g_autoptr (KaitsuPreflightReport) report = NULL;
  g_autofree char *text = NULL;

  if (region != NULL && kaitsu_region_find (region) < 0)
    {
      g_autoptr (GString) known = g_string_new (NULL);

      for (guint i = 0; i < kaitsu_region_get_count (); i++)
        g_string_append_printf (known, "%s%s", i > 0 ? ", " : "", kaitsu_region_get_id (i));
      /* Translators: %1$s is what the user typed, %2$s the list of region codes */
      g_printerr (_("Unknown region “%1$s”. Use one of: %2$s.\n"), region, known->str);
      return 2;
    }
  if (platform_id != NULL && platform == KAITSU_PLATFORM_NONE)
    {
      /* Translators: %s is what the user typed; cas and vision-one are typed as they are */
      g_printerr (_("Unknown platform “%s”. Use cas (Cloud App Security) or vision-one (Trend Vision One).\n"), platform_id);
      return 2;
    }
  sites = kaitsu_sites_new_real (region != NULL ? region : KAITSU_DEFAULT_REGION);
  if (platform != KAITSU_PLATFORM_NONE)
    kaitsu_sites_set_platform (sites, platform, region != NULL ? region : KAITSU_DEFAULT_REGION);
  hosts = kaitsu_preflight_hosts_for_sites (sites, NULL);
  report = kaitsu_preflight_run_sync (hosts, NULL);
  text = json ? kaitsu_preflight_report_to_json (report) : kaitsu_preflight_report_to_text (report);
  g_print ("%s\n", text);
  return kaitsu_preflight_report_passed (report) ? 0 : 1;
}

static int
kaitsu_application_handle_local_options (GApplication *application,
                                         GVariantDict *options)
{
  gboolean json = g_variant_dict_contains (options, "json");

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("kaitsu %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_contains (options, "print-steps"))
    {
      g_autofree char *text = json ? kaitsu_procedure_to_json () : kaitsu_procedure_to_checklist ();

      g_print ("%s\n", text);
      return 0;
    }
  if (g_variant_dict_contains (options, "preflight"))
    {
      g_autofree char *region = NULL;
      g_autofree char *platform = NULL;

      g_variant_dict_lookup (options, "region", "s", &region);
      g_variant_dict_lookup (options, "platform", "s", &platform);
      return preflight (region, platform, json);
    }
  if (g_variant_dict_contains (options, "explain-page"))
    {
      g_autofree char *uri = NULL;
      g_autofree char *path = NULL;

      g_variant_dict_lookup (options, "explain-page", "s", &uri);
      g_variant_dict_lookup (options, "text-file", "^ay", &path);
      return explain_page (uri, path, json);
    }
  if (g_variant_dict_contains (options, "text-file"))
    {
      g_printerr (_("--text-file goes with --explain-page.\n"));
      return 2;
    }
  if (g_variant_dict_contains (options, "check-mail"))
    {
      g_autofree char *path = NULL;

      g_variant_dict_lookup (options, "check-mail", "^ay", &path);
      return check_mail (path, json);
    }
  if (json)
    {
      g_printerr (_("--json goes with a command such as --print-steps.\n"));
      return 2;
    }
  {
    KaitsuApplication *self = KAITSU_APPLICATION (application);

    self->demo = g_variant_dict_contains (options, "demo");
    self->autopilot = g_variant_dict_contains (options, "autopilot");
    self->quit_when_done = g_variant_dict_contains (options, "quit-when-done");
    g_variant_dict_lookup (options, "report", "^ay", &self->report_path);
    g_variant_dict_lookup (options, "scenario", "s", &self->scenarios);
    if (!self->demo && (self->autopilot || self->scenarios != NULL))
      {
        g_printerr (_("--autopilot and --scenario work only in practice mode: add --demo. The autopilot never touches the real sites.\n"));
        return 2;
      }
    if (self->scenarios != NULL)
      {
        g_autoptr (KaitsuSimulator) check = kaitsu_simulator_new ();
        g_autoptr (GError) error = NULL;

        if (!kaitsu_simulator_set_scenarios (check, self->scenarios, &error))
          {
            g_printerr ("%s\n", error->message);
            return 2;
          }
      }
    if (self->demo)
      /* Practice windows never take over a running real activation, nor each other. */
      g_application_set_flags (application, G_APPLICATION_NON_UNIQUE);
  }
  return -1;
}

/* The About window, its licence in the user's language: GTK's own sentence for the GPL is not
 * translated into Japanese, so Kaitsu says it itself. The toolkit versions are its
 * troubleshooting text, for support to ask for. */
GtkWidget *
kaitsu_application_new_about_dialog (GtkWindow *parent)
{
  const char *developers[] = { _("The Kaitsu developers"), NULL };
  g_autofree char *versions = kaitsu_dup_toolkit_versions ();
  g_autofree char *debug_info = g_strdup_printf ("Kaitsu %s\n%s\n", PACKAGE_VERSION, versions);

  return g_object_new (ADW_TYPE_ABOUT_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       "application-name", _("Kaitsu"),
                       "application-icon", APP_ID,
                       "version", PACKAGE_VERSION,
                       "developer-name", _("The Kaitsu developers"),
                       "developers", developers,
                       "comments", _("Activate おまかせクラウドアップセキュリティ for Microsoft 365, step by step."),
                       "website", "https://github.com/kaitsu/kaitsu",
                       "issue-url", "https://github.com/kaitsu/kaitsu/issues",
                       "license-type", GTK_LICENSE_CUSTOM,
                       "license", _("Kaitsu is free software: you may share it and change it under the terms of the GNU General Public License, version 3 or, at your choice, any later version, as published by the Free Software Foundation.\n\n"
                                    "Kaitsu is shared in the hope that it helps, but with no warranty of any kind, not even that it is fit for sale or for a particular purpose. The licence says more: https://www.gnu.org/licenses/gpl-3.0.html"),
                       "debug-info", debug_info,
                       "debug-info-filename", "kaitsu-versions.txt",
                       "translator-credits", _("translator-credits"),
                       NULL);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  KaitsuApplication *self = user_data;

  gtk_window_present (GTK_WINDOW (kaitsu_application_new_about_dialog (GTK_WINDOW (get_window (self)))));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  KaitsuApplication *self = user_data;
  KaitsuWindow *window = get_window (self);

  if (window != NULL)
    gtk_window_close (GTK_WINDOW (window));
  else
    g_application_quit (G_APPLICATION (self));
}

/* Ctrl+C or a kill: end like a closed window, saving the session and the report. */
static gboolean
on_terminate (gpointer data)
{
  g_application_quit (G_APPLICATION (data));
  return G_SOURCE_CONTINUE;
}

/* The name of a GL driver that draws on the processor, or NULL for a graphics card's (or no GL
 * at all: GTK then draws with cairo by itself) */
static char *
dup_software_gl (GdkDisplay *display)
{
  g_autoptr (GdkGLContext) context = NULL;
  g_autoptr (GError) error = NULL;
  const char *renderer;
  char *software = NULL;

  context = gdk_display_create_gl_context (display, &error);
  if (context == NULL || !gdk_gl_context_realize (context, &error))
    {
      g_debug ("No GL: %s", error != NULL ? error->message : "no context");
      return NULL;
    }
  gdk_gl_context_make_current (context);
  renderer = (const char *) glGetString (GL_RENDERER);
  if (renderer != NULL && (strstr (renderer, "llvmpipe") != NULL || strstr (renderer, "softpipe") != NULL ||
                           strstr (renderer, "swrast") != NULL))
    software = g_strdup (renderer);
  gdk_gl_context_clear_current ();
  return software;
}

/* GTK 4.8's GL renderer on a software GL driver (a computer or virtual machine without a
 * graphics card, a remote desktop, Xvfb) spends most of Kaitsu's time: some 55 ms of processor
 * per frame, against a few for cairo drawing the same window. There, and only there, Kaitsu's
 * windows are drawn by cairo: with a graphics card GTK keeps its GL renderer, and GSK_RENDERER,
 * when set, decides. Once per display, before its first window is drawn. */
void
kaitsu_application_choose_renderer (GdkDisplay *display)
{
  g_autofree char *software = NULL;

  g_return_if_fail (GDK_IS_DISPLAY (display));

  if (g_object_get_data (G_OBJECT (display), "kaitsu-renderer-chosen") != NULL)
    return;
  g_object_set_data (G_OBJECT (display), "kaitsu-renderer-chosen", GINT_TO_POINTER (TRUE));
  if (g_getenv ("GSK_RENDERER") != NULL)
    return;
  software = dup_software_gl (display);
  if (software == NULL)
    return;
  g_debug ("GL is drawn by the processor (%s): windows are drawn by cairo", software);
  /* For scripts/benchmark, whose floor then draws with cairo too */
  g_log ("kaitsu-bench", G_LOG_LEVEL_DEBUG, "renderer cairo");
  /* GSK reads the display's choice before the environment's, for every new surface */
  g_object_set_data_full (G_OBJECT (display), "gsk-renderer", g_strdup ("cairo"), g_free);
  g_object_set_data_full (G_OBJECT (display), "kaitsu-software-gl", g_steal_pointer (&software), g_free);
}

/* The software GL driver that made kaitsu_application_choose_renderer pick cairo, or NULL */
const char *
kaitsu_application_get_software_gl (GdkDisplay *display)
{
  g_return_val_if_fail (GDK_IS_DISPLAY (display), NULL);
  return g_object_get_data (G_OBJECT (display), "kaitsu-software-gl");
}

static gpointer
scan_icon_theme (gpointer theme)
{
  /* Any lookup makes a stale theme read its folders again; the answer does not matter */
  gtk_icon_theme_has_icon (theme, "open-menu-symbolic");
  return NULL;
}

/* The first icon shown makes GTK read the icon theme (index files, icon caches, the folders in
 * resources): a twentieth of the main thread's work before the first frame. GTK starts that
 * read in a thread when the theme is made, but GtkApplication and libadwaita then add their
 * resource folders, which makes the theme stale, and the window's first icon read it again on
 * the main thread. Once every folder is in place, a thread reads it alongside the window's
 * construction; GTK's icon theme may be looked up from any thread, and a lookup on the main
 * thread waits for the read. */
static GThread *
scan_icon_theme_in_background (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  if (display == NULL)
    return NULL;
  return g_thread_new ("kaitsu-icons", scan_icon_theme, gtk_icon_theme_get_for_display (display));
}

static void
kaitsu_application_startup (GApplication *application)
{
  static const GActionEntry actions[] = {
    { "about", about_action },
    { "quit", quit_action },
  };
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.screen-share-mode", { "<Control><Shift>p", NULL } },
    { "win.side-pane-visible", { "F9", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "win.text-larger", { "<Control>plus", "<Control>equal", NULL } },
    { "win.text-smaller", { "<Control>minus", NULL } },
    { "win.text-normal", { "<Control>0", NULL } },
  };

  /* Only once the window is wanted: a command that answers and exits needs no thread */
  KAITSU_APPLICATION (application)->description_reader = kaitsu_activation_load_in_background ();
  /* Pango reads the font configuration in a thread of its own when its font map is made: made
   * here, that read runs alongside GTK's start-up instead of holding up the window's first text
   * (the main thread waited for it, laying out the welcome page) */
  pango_cairo_font_map_get_default ();
  G_APPLICATION_CLASS (kaitsu_application_parent_class)->startup (application);
  kaitsu_application_choose_renderer (gdk_display_get_default ());
  KAITSU_APPLICATION (application)->icon_scanner = scan_icon_theme_in_background ();

  g_action_map_add_action_entries (G_ACTION_MAP (application), actions,
                                   G_N_ELEMENTS (actions), application);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (application), accels[i].action, accels[i].accels);

  gtk_window_set_default_icon_name (APP_ID);
  g_unix_signal_add (SIGTERM, on_terminate, application);
  g_unix_signal_add (SIGINT, on_terminate, application);
}

static void
kaitsu_application_shutdown (GApplication *application)
{
  KaitsuApplication *self = KAITSU_APPLICATION (application);

  if (self->save_source != 0)
    save_now (self);
  if (self->links != NULL)
    kaitsu_link_store_flush (self->links);
  g_clear_object (&self->links);
  if (self->pilot == NULL || kaitsu_autopilot_get_state (self->pilot) == KAITSU_AUTOPILOT_RUNNING)
    write_report (self);
  g_clear_object (&self->pilot);
  if (self->description_reader != NULL)
    g_thread_join (g_steal_pointer (&self->description_reader));
  if (self->icon_scanner != NULL)
    g_thread_join (g_steal_pointer (&self->icon_scanner));
  G_APPLICATION_CLASS (kaitsu_application_parent_class)->shutdown (application);
}

static void
kaitsu_application_finalize (GObject *object)
{
  KaitsuApplication *self = KAITSU_APPLICATION (object);

  g_clear_object (&self->flow);
  g_clear_object (&self->simulator);
  g_free (self->report_path);
  g_free (self->scenarios);
  g_free (self->session_path);
  G_OBJECT_CLASS (kaitsu_application_parent_class)->finalize (object);
}

static void
kaitsu_application_class_init (KaitsuApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = kaitsu_application_finalize;
  app_class->activate = kaitsu_application_activate;
  app_class->startup = kaitsu_application_startup;
  app_class->shutdown = kaitsu_application_shutdown;
  app_class->handle_local_options = kaitsu_application_handle_local_options;
}

static void
kaitsu_application_init (KaitsuApplication *self)
{
  static const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { "print-steps", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the activation procedure as a checklist"), NULL },
    { "check-mail", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Read an activation mail (a file, or - for standard input) and report what it says"), N_("FILE") },
    { "explain-page", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Say what Kaitsu makes of a page: its address, and with --text-file the text it shows"), N_("URL") },
    { "text-file", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("For --explain-page: the page’s visible text (a file, or - for standard input)"), N_("FILE") },
    { "preflight", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Check that this computer can reach every site of the activation"), NULL },
    { "region", 0, 0, G_OPTION_ARG_STRING, NULL, N_("The console’s region for --preflight (jp, eu, uk, us, au, ca, sg, in)"), N_("REGION") },
    { "platform", 0, 0, G_OPTION_ARG_STRING, NULL, N_("The console’s platform for --preflight: cas or vision-one"), N_("PLATFORM") },
    { "json", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print machine-readable JSON"), NULL },
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Practice mode: every site is simulated on this computer"), NULL },
    { "autopilot", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Practice mode only: fill in and click the simulated pages automatically"), NULL },
    { "quit-when-done", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Quit when the activation ends: 0 every service granted and scanning, 3 stopped on an error, 1 otherwise"), NULL },
    { "report", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Write the diagnostic report (JSON) to this file at the end"), N_("FILE") },
    { "scenario", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Practice mode: make the simulator behave a certain way (comma-separated)"), N_("NAME") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Guides you through activating Trend Micro Cloud App Security for Microsoft 365."));
  self->session_path = kaitsu_session_dup_default_path ();
}

KaitsuApplication *
kaitsu_application_new (void)
{
  return g_object_new (KAITSU_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", "/io/github/kaitsu/Kaitsu",
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

int
kaitsu_application_get_exit_status (KaitsuApplication *self)
{
  g_return_val_if_fail (KAITSU_IS_APPLICATION (self), 1);
  return self->exit_status;
}
