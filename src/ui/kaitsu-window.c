/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-window.c: the assistant window; navigation follows the flow */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-window"

#include <adwaita.h>
#include <glib/gi18n.h>

#include <string.h>

#include "kaitsu-a11y.h"
#include "kaitsu-application.h"
#include "kaitsu-label.h"
#include "kaitsu-preflight.h"
#include "kaitsu-report.h"
#include "kaitsu-web-view.h"
#include "kaitsu-reason.h"
#include "kaitsu-row.h"
#include "kaitsu-window.h"
#include "prepare/kaitsu-prepare-page.h"

struct _KaitsuWindow
{
  GtkApplicationWindow parent_instance;

  KaitsuFlow *flow;
  KaitsuSites *sites;
  KaitsuGuide *guide;
  /* The one "open in your browser?" question on screen, if any (weak) */
  GtkWidget *refusal_dialog;
  /* The keyboard shortcuts, while on screen (weak) */
  GtkWidget *shortcuts_window;
  GtkPaned *paned;
  /* Where the user left the divider, by kind of step; saved with the window's size */
  GHashTable *divider_positions;
  gboolean placing_divider;
  GSettings *settings;
  char *title_text;
  char *practice_mail;

  KaitsuStepList *step_list;
  KaitsuAssistant *assistant;
  KaitsuSidePane *side_pane;

  GtkWidget *back_button;
  GtkWidget *next_button;
  GtkLabel *next_hint;
  AdwWindowTitle *window_title;
  GtkWidget *practice_label;
  GtkRevealer *banner_revealer;
  GtkLabel *banner_label;
  GtkWidget *banner_start_over;
  GtkWidget *banner_dismiss;
  KaitsuRow *content_box;
  GtkRevealer *side_pane_revealer;
  GtkWidget *screen_share_button;

  /* The last state change, for screen readers (and a glance) */
  GtkLabel *status_line;
  KaitsuServiceState announced[KAITSU_N_SERVICES];
  /* The connection check after a failed load, newer than the prepare page's */
  KaitsuPreflightReport *last_preflight;
};

G_DEFINE_FINAL_TYPE (KaitsuWindow, kaitsu_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_FLOW,
  PROP_SITES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void fit_divider (KaitsuWindow *self,
                         KaitsuStep    step,
                         gboolean      grow_only);

static void
on_guide_page_seen (KaitsuWindow            *self,
                    const KaitsuPageReading *reading)
{
  KaitsuStep step = kaitsu_flow_get_current_step (self->flow);
  KaitsuPage *page = kaitsu_assistant_get_page (self->assistant, step);
  gboolean unknown = kaitsu_screen_get_meaning (reading->screen) == KAITSU_SCREEN_UNKNOWN;
  KaitsuService wanted = kaitsu_step_get_service (step);
  KaitsuService service = reading->service != KAITSU_SERVICE_NONE ? reading->service : wanted;
  g_autofree char *says = kaitsu_screen_dup_says (reading->screen, service);
  KaitsuNoteKind kind = unknown ? KAITSU_NOTE_UNKNOWN
                        : kaitsu_screen_get_meaning (reading->screen) == KAITSU_SCREEN_AVOID ? KAITSU_NOTE_WARNING
                        : KAITSU_NOTE_PLAIN;

  /* The console's dialog is for another service than this step's: say so at once. What is
   * granted is booked to the service the dialog names. */
  if (wanted != KAITSU_SERVICE_NONE && reading->service != KAITSU_SERVICE_NONE && reading->service != wanted)
    {
      g_free (says);
      /* Translators: both are product names; the first is the one chosen in the console */
      says = g_strdup_printf (_("This is the dialog for %1$s, but this step is for %2$s. To grant %2$s, close the dialog with its × and choose %2$s. If you go on, Kaitsu counts this grant for %1$s."),
                              kaitsu_service_get_name (reading->service), kaitsu_service_get_name (wanted));
      kind = KAITSU_NOTE_WARNING;
    }
  /* An error or an unknown page leaves the highlight where the user was */
  if (!kaitsu_screen_keeps_substep (reading->screen))
    kaitsu_page_set_active_substep (page, kaitsu_step_find_substep (step, reading->screen));
  if (kaitsu_step_is_web (step))
    {
      kaitsu_page_show_screen (page, says, kind);
      fit_divider (self, step, TRUE);
    }
}

static void
on_labels_changed (KaitsuWindow *self)
{
  kaitsu_assistant_relabel (self->assistant);
  kaitsu_side_pane_relabel (self->side_pane);
}

static void
on_status_changed (KaitsuWindow *self,
                   gpointer      status)
{
  kaitsu_side_pane_set_console_status (self->side_pane, status);
}

static void
on_refused_response (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          data)
{
  const char *uri = g_object_get_data (G_OBJECT (dialog), "uri");

  if (g_strcmp0 (response, "open") == 0)
    gtk_show_uri (gtk_window_get_transient_for (GTK_WINDOW (dialog)), uri, GDK_CURRENT_TIME);
}

/* A link out of the activation's sites: not in here, but the user may open it outside. */
static void
on_navigation_refused (KaitsuWindow *self,
                       const char   *uri)
{
  g_autoptr (GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  GtkWidget *dialog;

  if (parsed == NULL || g_uri_get_host (parsed) == NULL ||
      (g_strcmp0 (g_uri_get_scheme (parsed), "https") != 0 && g_strcmp0 (g_uri_get_scheme (parsed), "http") != 0))
    return;
  /* One question at a time: a page that navigates away again and again gets no second one */
  if (self->refusal_dialog != NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Open this page in your web browser?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The link leads to %s, which is not part of the activation, so Kaitsu does not show it here."),
                                  g_uri_get_host (parsed));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open in Browser"),
                                    NULL);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "uri", g_strdup (uri), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_refused_response), NULL);
  self->refusal_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->refusal_dialog);
  kaitsu_a11y_fix_names (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_check_after_failure (GObject      *source,
                        GAsyncResult *result,
                        gpointer      data)
{
  g_autoptr (KaitsuWindow) self = data;
  KaitsuPreflightReport *report = kaitsu_preflight_run_finish (result, NULL);
  g_autofree char *detail = NULL;

  if (report == NULL)
    return;
  g_clear_pointer (&self->last_preflight, kaitsu_preflight_report_free);
  self->last_preflight = report;
  if (self->guide == NULL)
    return;
  for (guint i = 0; i < report->checks->len && detail == NULL; i++)
    {
      KaitsuPreflightCheck *check = g_ptr_array_index (report->checks, i);

      if (!check->ok)
        /* Translators: host, what failed, what to do */
        detail = g_strdup_printf (_("Connection check: %1$s — %2$s %3$s"), check->host, check->detail,
                                  check->advice != NULL ? check->advice : "");
    }
  if (detail == NULL && !kaitsu_preflight_report_clock_ok (report))
    detail = g_strdup (_("Connection check: this computer’s clock is wrong. Set the date and time correctly, then try again."));
  if (detail == NULL)
    detail = g_strdup (_("Connection check: every site answers now. Try again."));
  kaitsu_browser_set_error_detail (kaitsu_guide_get_browser (self->guide), detail);
}

/* A web step failed to load: check the connection again and say what it found. */
static void
on_load_failed (KaitsuWindow *self)
{
  g_autoptr (GPtrArray) hosts = kaitsu_preflight_hosts_for_sites (self->sites, NULL);

  kaitsu_browser_set_error_detail (kaitsu_guide_get_browser (self->guide),
                                   _("Checking the connection to every site…"));
  kaitsu_preflight_run_async (hosts, NULL, NULL, on_check_after_failure, g_object_ref (self));
}

/* The platform chosen on the welcome page, or seen before: where to expect the console */
static void
apply_platform (KaitsuWindow *self)
{
  KaitsuPlatform platform = kaitsu_flow_get_platform (self->flow);

  kaitsu_activation_set_platform (platform);
  if (self->sites != NULL && platform != KAITSU_PLATFORM_NONE && platform != kaitsu_sites_get_platform (self->sites))
    kaitsu_sites_set_platform (self->sites, platform, kaitsu_flow_get_region (self->flow));
}

/* The web view is made when a step first needs it, not at start-up. */
static void
ensure_browser (KaitsuWindow *self)
{
  KaitsuBrowser *browser;

  if (self->guide != NULL)
    return;
  if (self->sites == NULL)
    self->sites = kaitsu_sites_new_real (kaitsu_flow_get_region (self->flow));
  apply_platform (self);
  browser = kaitsu_browser_new (self->sites, KAITSU_BROWSER_MAIN, NULL);
  gtk_widget_set_size_request (GTK_WIDGET (browser), -1, 240);
  gtk_paned_set_end_child (self->paned, GTK_WIDGET (browser));
  self->guide = kaitsu_guide_new (self->flow, browser);
  g_signal_connect_object (self->guide, "page-seen", G_CALLBACK (on_guide_page_seen), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->guide, "labels-changed", G_CALLBACK (on_labels_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->guide, "status-changed", G_CALLBACK (on_status_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (browser, "navigation-refused", G_CALLBACK (on_navigation_refused), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (browser, "load-failed", G_CALLBACK (on_load_failed), self, G_CONNECT_SWAPPED);
  kaitsu_a11y_fix_names (GTK_WIDGET (browser));
}

/* The four service steps look alike and share one place; every other step has its own */
static const char *
divider_kind (KaitsuStep step)
{
  KaitsuService service = kaitsu_step_get_service (step);

  return service != KAITSU_SERVICE_NONE && kaitsu_service_get_step (service) == step ? "service"
                                                                                     : kaitsu_step_get_id (step);
}

/* The height of the instructions down to the sub-step at hand (with the way to the others), at
 * the width they get: the page is as wide as its text asks, at most the column's width */
static int
instructions_height (KaitsuWindow *self,
                     KaitsuStep    step)
{
  KaitsuPage *page = kaitsu_assistant_get_page (self->assistant, step);
  int width = gtk_widget_get_width (GTK_WIDGET (self->assistant));
  int natural_width;

  gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural_width, NULL, NULL);
  if (width <= 0 || width > natural_width)
    width = natural_width;
  return kaitsu_page_measure_head (page, width);
}

static void
set_divider (KaitsuWindow *self,
             int           position)
{
  self->placing_divider = TRUE;
  gtk_paned_set_position (self->paned, position);
  self->placing_divider = FALSE;
}

/* Where the user left it for this kind of step; else just below the instructions, so the page
 * gets the rest, but never lower than the most instructions may take. While the user has not
 * placed it, it follows them down as they grow (what Kaitsu says of the page, a longer
 * sub-step), never up: a page that jumps at every sub-step is worse than a little room lost. */
#define MAX_INSTRUCTIONS_HEIGHT 300

static void
fit_divider (KaitsuWindow *self,
             KaitsuStep    step,
             gboolean      grow_only)
{
  int height;

  if (g_hash_table_contains (self->divider_positions, divider_kind (step)))
    return;
  height = MIN (instructions_height (self, step), MAX_INSTRUCTIONS_HEIGHT);
  if (!grow_only || height > gtk_paned_get_position (self->paned))
    set_divider (self, height);
}

/* Once laid out: the width of the instructions was not known before the first frame */
static gboolean
fit_divider_when_laid_out (GtkWidget     *paned,
                           GdkFrameClock *clock,
                           gpointer       data)
{
  GtkRoot *root = gtk_widget_get_root (paned);
  KaitsuWindow *self = KAITSU_IS_WINDOW (root) ? KAITSU_WINDOW (root) : NULL;
  KaitsuStep step;

  if (self == NULL)
    return G_SOURCE_REMOVE;
  step = kaitsu_flow_get_current_step (self->flow);
  if (gtk_widget_get_width (GTK_WIDGET (self->assistant)) <= 0)
    return G_SOURCE_CONTINUE;
  if (kaitsu_step_is_web (step))
    fit_divider (self, step, TRUE);
  return G_SOURCE_REMOVE;
}

static void
place_divider (KaitsuWindow *self,
               KaitsuStep    step)
{
  gpointer position;

  if (g_hash_table_lookup_extended (self->divider_positions, divider_kind (step), NULL, &position))
    set_divider (self, GPOINTER_TO_INT (position));
  else
    {
      fit_divider (self, step, FALSE);
      if (gtk_widget_get_width (GTK_WIDGET (self->assistant)) <= 0)
        gtk_widget_add_tick_callback (GTK_WIDGET (self->paned), fit_divider_when_laid_out, NULL, NULL);
    }
}

/* Moved by the user: remembered for this kind of step */
static void
on_divider_moved (KaitsuWindow *self)
{
  KaitsuStep step = kaitsu_flow_get_current_step (self->flow);

  if (self->placing_divider || !kaitsu_step_is_web (step) || !gtk_widget_get_mapped (GTK_WIDGET (self->paned)))
    return;
  g_hash_table_insert (self->divider_positions, g_strdup (divider_kind (step)),
                       GINT_TO_POINTER (gtk_paned_get_position (self->paned)));
}

static void
follow_step (KaitsuWindow *self)
{
  KaitsuStep step = kaitsu_flow_get_current_step (self->flow);

  if (!kaitsu_step_is_web (step))
    {
      if (self->guide != NULL)
        gtk_widget_set_visible (GTK_WIDGET (kaitsu_guide_get_browser (self->guide)), FALSE);
      return;
    }
  ensure_browser (self);
  gtk_widget_set_visible (GTK_WIDGET (kaitsu_guide_get_browser (self->guide)), TRUE);
  place_divider (self, step);
  {
    g_autofree char *start = kaitsu_guide_dup_start_uri (self->guide, step);
    const KaitsuPageReading *reading = kaitsu_browser_get_reading (kaitsu_guide_get_browser (self->guide));

    /* The step begins on the page already shown: say at once what it is */
    if (start == NULL && reading != NULL)
      on_guide_page_seen (self, reading);
    /* Its page opens from the mail, which Kaitsu has not read: say so where the page would be */
    else if (start == NULL &&
             webkit_web_view_get_uri (WEBKIT_WEB_VIEW (kaitsu_browser_get_view (kaitsu_guide_get_browser (self->guide)))) == NULL)
      {
        g_autofree char *prepare = kaitsu_step_dup_title (KAITSU_STEP_PREPARE);
        /* Translators: %s is a step's title */
        g_autofree char *text = g_strdup_printf (_("This step’s page opens from a link in the activation mail, which Kaitsu has not read yet. Give Kaitsu the mail at the step “%s”."),
                                                 prepare);

        kaitsu_browser_show_empty (kaitsu_guide_get_browser (self->guide), _("The activation mail is needed"), text);
      }
    else
      kaitsu_guide_open_step (self->guide, step);
  }
}

/* GTK 4.14 and later speak it at once; on older GTK this does nothing */
static void
announce_to_screen_readers (KaitsuWindow *self,
                            const char   *text)
{
#if GTK_CHECK_VERSION (4, 14, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_accessible_announce (GTK_ACCESSIBLE (self), text, GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_MEDIUM);
  G_GNUC_END_IGNORE_DEPRECATIONS
#endif
}

/* A grey 「Next」 says why, under the step list, where the eye goes after the page, and to a
 * screen reader as the button's description */
static void
update_next_hint (KaitsuWindow *self)
{
  g_autofree char *hint = kaitsu_flow_dup_next_hint (self->flow);

  if (g_strcmp0 (hint, gtk_label_get_label (self->next_hint)) == 0 &&
      gtk_widget_get_visible (GTK_WIDGET (self->next_hint)) == (hint != NULL))
    return;
  kaitsu_label_set_label (self->next_hint, hint != NULL ? hint : "");
  gtk_widget_set_visible (GTK_WIDGET (self->next_hint), hint != NULL);
  gtk_widget_set_tooltip_text (self->next_button, hint);
  if (hint != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->next_button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, hint, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->next_button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
update_navigation (KaitsuWindow *self)
{
  KaitsuStep step = kaitsu_flow_get_current_step (self->flow);
  g_autofree char *title = kaitsu_step_dup_title (step);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.back",
                                 kaitsu_flow_can_go_back (self->flow));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.next",
                                 kaitsu_flow_can_go_next (self->flow));
  /* The last page has nothing to go on to. */
  gtk_widget_set_visible (self->next_button, step != KAITSU_STEP_FINISH);

  if (g_strcmp0 (title, self->title_text) != 0)
    {
      g_free (self->title_text);
      self->title_text = g_steal_pointer (&title);
      adw_window_title_set_title (self->window_title, self->title_text);
      gtk_window_set_title (GTK_WINDOW (self), self->title_text);
      /* Focus stays on Next: without this a screen reader would not say the page changed */
      announce_to_screen_readers (self, self->title_text);
    }
  adw_window_title_set_subtitle (self->window_title, kaitsu_step_get_id (step));
  update_next_hint (self);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KaitsuWindow *self = KAITSU_WINDOW (widget);

  kaitsu_flow_go_back (self->flow, NULL);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KaitsuWindow *self = KAITSU_WINDOW (widget);

  kaitsu_flow_go_next (self->flow, NULL);
}

static void
on_start_over_response (AdwMessageDialog *dialog,
                        const char       *response,
                        KaitsuWindow     *self)
{
  if (g_strcmp0 (response, "start-over") == 0)
    {
      kaitsu_flow_reset (self->flow);
      gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
    }
}

static void
start_over_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KaitsuWindow *self = KAITSU_WINDOW (widget);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Start the activation over?"),
                                                       _("Kaitsu forgets the choices and progress of this activation. What you already did in the console stays done.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "start-over", _("_Start Over"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "start-over", ADW_RESPONSE_DESTRUCTIVE);
  /* Enter keeps everything: forgetting the progress takes a deliberate choice */
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_start_over_response), self);
  kaitsu_a11y_fix_names (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

char *
kaitsu_dup_toolkit_versions (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  const char *software_gl = display != NULL ? kaitsu_application_get_software_gl (display) : NULL;
  g_autofree char *drawing = software_gl != NULL ? g_strdup_printf (", drawn by cairo (GL is %s)", software_gl) : NULL;

  return g_strdup_printf ("GTK %u.%u.%u, libadwaita %u.%u.%u, WebKitGTK %u.%u.%u%s", gtk_get_major_version (),
                          gtk_get_minor_version (), gtk_get_micro_version (),
                          adw_get_major_version (), adw_get_minor_version (), adw_get_micro_version (),
                          webkit_get_major_version (), webkit_get_minor_version (),
                          webkit_get_micro_version (), drawing != NULL ? drawing : "");
}

char *
kaitsu_window_dup_report (KaitsuWindow *self,
                          gboolean      json,
                          gboolean      include_names,
                          double        elapsed_s)
{
  g_autofree char *toolkit = kaitsu_dup_toolkit_versions ();
  KaitsuPage *prepare = kaitsu_assistant_get_page (self->assistant, KAITSU_STEP_PREPARE);
  KaitsuReportInput input = {
    .flow = self->flow,
    .mode = self->sites != NULL && kaitsu_sites_is_practice (self->sites) ? "practice" : "real",
    .toolkit = toolkit,
    .detections = self->guide != NULL ? kaitsu_guide_get_detections (self->guide) : NULL,
    .signin_errors = self->guide != NULL ? kaitsu_guide_get_signin_errors (self->guide) : NULL,
    .status = self->guide != NULL ? kaitsu_guide_get_console_seen (self->guide) : NULL,
    .screens_seen = self->guide != NULL ? kaitsu_guide_get_screens_seen (self->guide) : NULL,
    .unknown_pages = self->guide != NULL ? kaitsu_guide_get_unknown_pages (self->guide) : NULL,
    .preflight = self->last_preflight,
    .sharepoint_admin = self->sites != NULL ? kaitsu_sites_get_base (self->sites, KAITSU_SITE_SHAREPOINT_ADMIN) : NULL,
    .elapsed_s = elapsed_s,
    .include_names = include_names,
  };

  if (input.preflight == NULL && KAITSU_IS_PREPARE_PAGE (prepare))
    input.preflight = kaitsu_prepare_page_get_network_report (KAITSU_PREPARE_PAGE (prepare));
  return json ? kaitsu_report_to_json (&input) : kaitsu_report_to_text (&input);
}

static gboolean
get_include_names (KaitsuWindow *self)
{
  g_autoptr (GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (self), "report-include-names");

  return state != NULL && g_variant_get_boolean (state);
}

/* The page on view, in the user's own web browser: for pages Kaitsu cannot follow */
static void
open_in_browser_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KaitsuWindow *self = KAITSU_WINDOW (widget);

  if (self->guide != NULL)
    kaitsu_browser_open_externally (kaitsu_guide_get_browser (self->guide));
}

/* A notice of a few words that passes by itself, over the window (its text is plain, not
 * markup; libadwaita 1.2 shows a toast on one line and cuts a longer one) */
static void
add_toast (KaitsuWindow *self,
           const char   *text)
{
  g_autofree char *markup = NULL;
  AdwToast *toast;

  markup = g_markup_escape_text (text, -1);
  toast = adw_toast_new (markup);
  /* The window's own child: not bound, as gtk_widget_dispose_template would unparent it under
   * GtkWindow's feet */
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (gtk_window_get_child (GTK_WINDOW (self))), toast);
}

static void
copy_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KaitsuWindow *self = KAITSU_WINDOW (widget);
  gboolean names = get_include_names (self);
  g_autofree char *text = kaitsu_window_dup_report (self, FALSE, names, 0);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  /* A passing notice: nothing to answer, the report is on the clipboard */
  add_toast (self, names ? _("Diagnostic report copied, with names")
                         : _("Diagnostic report copied, names masked"));
}

static void
on_report_file (GtkNativeDialog *dialog,
                int              response,
                KaitsuWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      const char *choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "include-names");
      gboolean names = g_strcmp0 (choice, "true") == 0;
      g_autofree char *json = NULL;
      g_autoptr (GError) error = NULL;

      /* The dialog's tick and the menu's stay one setting */
      g_action_group_change_action_state (G_ACTION_GROUP (self), "report-include-names",
                                          g_variant_new_boolean (names));
      json = kaitsu_window_dup_report (self, TRUE, names, 0);

      if (file == NULL || !g_file_replace_contents (file, json, strlen (json), NULL, FALSE,
                                                    G_FILE_CREATE_PRIVATE, NULL, NULL, &error))
        {
          g_autofree char *reason = kaitsu_reason_dup_for_file (error);
          g_autofree char *text = g_strdup_printf (_("The report could not be saved (%s). Try another folder."),
                                                   reason);

          g_message ("Cannot save the report: %s", error != NULL ? error->message : "no file");
          kaitsu_window_show_banner (self, KAITSU_BANNER_MESSAGE, text);
        }
    }
  g_object_unref (dialog);
}

static void
save_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Save the Diagnostic Report"), GTK_WINDOW (widget),
                                                              GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "kaitsu-report.json");
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "include-names",
                               _("Include names, mail addresses and IDs"), NULL, NULL);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (dialog), "include-names",
                               get_include_names (KAITSU_WINDOW (widget)) ? "true" : "false");
  g_signal_connect (dialog, "response", G_CALLBACK (on_report_file), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* The app's text follows the scale through the font resolution, as GNOME's own
 * text-scaling-factor does; the web views zoom by themselves. */
static void
apply_text_scale (KaitsuWindow *self)
{
  GtkSettings *gtk_settings = gtk_widget_get_settings (GTK_WIDGET (self));
  double scale = kaitsu_text_scale_effective (self->settings);
  gboolean sharing = g_settings_get_boolean (self->settings, "screen-share-mode");
  int base = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (gtk_settings), "kaitsu-base-dpi"));

  if (base == 0)
    {
      g_object_get (gtk_settings, "gtk-xft-dpi", &base, NULL);
      if (base <= 0)
        base = 96 * 1024;
      g_object_set_data (G_OBJECT (gtk_settings), "kaitsu-base-dpi", GINT_TO_POINTER (base));
    }
  if (G_APPROX_VALUE (scale, 1.0, 0.001))
    gtk_settings_reset_property (gtk_settings, "gtk-xft-dpi");
  else
    g_object_set (gtk_settings, "gtk-xft-dpi", (int) (base * scale), NULL);
  kaitsu_assistant_set_large_text (self->assistant, scale > 1.05);

  gtk_widget_set_visible (self->screen_share_button, sharing);
  if (sharing)
    gtk_widget_add_css_class (GTK_WIDGET (self), "screen-share");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "screen-share");
}

/* Built when asked for and gone when closed, not GtkApplication's help overlay, which is built
 * with every window and kept hidden: GTK 4.8's AT-SPI root, asked for a child past the end of
 * its list of windows (a screen reader that counted the sign-in window just closed), answers
 * with the last window of the list; a hidden one has no accessible path, and Kaitsu crashed
 * (g_variant_new_object_path (NULL) in the root's GetChildAtIndex, then a segfault) */
static void
show_shortcuts_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       data)
{
  KaitsuWindow *self = data;
  g_autoptr (GtkBuilder) builder = NULL;

  if (self->shortcuts_window == NULL)
    {
      builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/kaitsu-shortcuts-window.ui");
      self->shortcuts_window = GTK_WIDGET (gtk_builder_get_object (builder, "shortcuts_window"));
      gtk_window_set_transient_for (GTK_WINDOW (self->shortcuts_window), GTK_WINDOW (self));
      gtk_window_set_hide_on_close (GTK_WINDOW (self->shortcuts_window), FALSE);
      g_object_add_weak_pointer (G_OBJECT (self->shortcuts_window), (gpointer *) &self->shortcuts_window);
    }
  gtk_window_present (GTK_WINDOW (self->shortcuts_window));
}

static void
text_size_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer      data)
{
  KaitsuWindow *self = data;
  const char *name = g_action_get_name (G_ACTION (action));
  /* In tenths, so that steps land on 1.1, 1.2… */
  int tenths = (int) (g_settings_get_double (self->settings, "text-scale") * 10 + 0.5);
  double scale;

  if (g_str_equal (name, "text-larger"))
    scale = (tenths + 1) / 10.0;
  else if (g_str_equal (name, "text-smaller"))
    scale = (tenths - 1) / 10.0;
  else
    scale = 1.0;
  g_settings_set_double (self->settings, "text-scale", CLAMP (scale, 0.8, 2.5));
}

/* Said to screen readers where GTK can (4.14 and later), and shown under the step list */
void
kaitsu_window_announce (KaitsuWindow *self,
                        const char   *text)
{
  gboolean empty;

  g_return_if_fail (KAITSU_IS_WINDOW (self));

  empty = text == NULL || *text == '\0';
  kaitsu_label_set_label (self->status_line, text);
  /* Always in the accessibility tree, so that a screen reader is told of each change: a
   * label's new text is no event on GTK 4.8's AT-SPI, its accessible name is. */
  if (empty)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_line), "empty");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_line), "empty");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_line), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  empty ? _("Status") : text, -1);
  if (!empty)
    announce_to_screen_readers (self, text);
}

const char *
kaitsu_window_get_announcement (KaitsuWindow *self)
{
  g_return_val_if_fail (KAITSU_IS_WINDOW (self), NULL);
  return gtk_label_get_label (self->status_line);
}

static void
on_service_changed (KaitsuWindow  *self,
                    KaitsuService  service)
{
  KaitsuServiceState state;
  g_autofree char *text = NULL;

  if (service < 0 || service >= KAITSU_N_SERVICES)
    return;
  state = kaitsu_flow_get_service_state (self->flow, service);
  if (state == self->announced[service])
    return;
  self->announced[service] = state;
  switch (state)
    {
    case KAITSU_SERVICE_STATE_PROTECTED:
      /* Translators: %s is a service, such as Exchange Online */
      text = g_strdup_printf (_("%s is protected."), kaitsu_service_get_name (service));
      break;
    case KAITSU_SERVICE_STATE_SYNCING:
      text = g_strdup_printf (_("%s is granted; the console is setting it up."), kaitsu_service_get_name (service));
      break;
    case KAITSU_SERVICE_STATE_ERROR:
      /* Translators: a service, then what went wrong and what to do */
      text = g_strdup_printf (_("%1$s: %2$s"), kaitsu_service_get_name (service),
                              kaitsu_flow_get_service_last_error (self->flow, service) != NULL
                              ? kaitsu_flow_get_service_last_error (self->flow, service)
                              : _("the grant failed."));
      break;
    case KAITSU_SERVICE_STATE_NOT_STARTED:
    case KAITSU_SERVICE_STATE_CONNECTING:
    default:
      return;
    }
  kaitsu_window_announce (self, text);
}

static void
on_banner_start_over (KaitsuWindow *self)
{
  kaitsu_flow_reset (self->flow);
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

static void
on_banner_dismiss (KaitsuWindow *self)
{
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

static gboolean
kaitsu_window_close_request (GtkWindow *window)
{
  KaitsuWindow *self = KAITSU_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set (self->settings, "window-size", "(ii)", width, height);
  {
    GVariantBuilder positions;
    GHashTableIter iter;
    gpointer kind, position;

    g_variant_builder_init (&positions, G_VARIANT_TYPE ("a{si}"));
    g_hash_table_iter_init (&iter, self->divider_positions);
    while (g_hash_table_iter_next (&iter, &kind, &position))
      g_variant_builder_add (&positions, "{si}", (const char *) kind, GPOINTER_TO_INT (position));
    g_settings_set_value (self->settings, "divider-positions", g_variant_builder_end (&positions));
  }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  return GTK_WINDOW_CLASS (kaitsu_window_parent_class)->close_request (window);
}

/* The real console needs about 1280×700 beside the step list and the page: on a screen with
 * little more than that the window is maximized, on a larger one it takes most of it */
static void
fit_to_monitor (GtkWidget *widget)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (widget));
  GdkMonitor *monitor = gdk_display_get_monitor_at_surface (gtk_widget_get_display (widget), surface);
  GdkRectangle area;

  g_signal_handlers_disconnect_by_func (widget, fit_to_monitor, NULL);
  if (monitor == NULL)
    return;
  gdk_monitor_get_geometry (monitor, &area);
  if (area.width < 1920 || area.height < 1080)
    gtk_window_maximize (GTK_WINDOW (widget));
  else
    gtk_window_set_default_size (GTK_WINDOW (widget), area.width * 9 / 10, area.height * 9 / 10);
}

/* Once per display, whoever opens the first window: the app or a test. AdwApplication loads
 * style.css from the resource base path by itself; a window without it (tests) loads it here. */
static void
load_style (GdkDisplay *display)
{
  g_auto (GStrv) resource_path = NULL;
  GtkIconTheme *theme;

  if (g_object_get_data (G_OBJECT (display), "kaitsu-style") != NULL)
    return;
  if (!ADW_IS_APPLICATION (g_application_get_default ()))
    {
      g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
      gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (css),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }
  /* The application adds this by itself; a window without one (tests) needs it too. Adding it
   * again would make GTK read the whole icon theme again, on the main thread. (GtkApplication
   * writes it with a closing slash.) */
  theme = gtk_icon_theme_get_for_display (display);
  resource_path = gtk_icon_theme_get_resource_path (theme);
  if (resource_path == NULL || (!g_strv_contains ((const char * const *) resource_path, RESOURCE_PREFIX "/icons/") &&
                                !g_strv_contains ((const char * const *) resource_path, RESOURCE_PREFIX "/icons")))
    gtk_icon_theme_add_resource_path (theme, RESOURCE_PREFIX "/icons");
  g_object_set_data (G_OBJECT (display), "kaitsu-style", GINT_TO_POINTER (TRUE));
}

static void
kaitsu_window_constructed (GObject *object)
{
  KaitsuWindow *self = KAITSU_WINDOW (object);
  static const GActionEntry entries[] = {
    { "text-larger", text_size_action },
    { "text-smaller", text_size_action },
    { "text-normal", text_size_action },
    { "report-include-names", NULL, NULL, "false" },
    { "show-help-overlay", show_shortcuts_action },
  };
  g_autoptr (GAction) side_pane_action = NULL;
  g_autoptr (GAction) screen_share_action = NULL;
  GtkWidget *separator;
  GtkWidget *left;
  int width, height;

  G_OBJECT_CLASS (kaitsu_window_parent_class)->constructed (object);

  g_assert (KAITSU_IS_FLOW (self->flow));

  load_style (gtk_widget_get_display (GTK_WIDGET (self)));
  self->assistant = KAITSU_ASSISTANT (kaitsu_assistant_new (self->flow));
  kaitsu_assistant_set_practice (self->assistant, self->sites != NULL && kaitsu_sites_is_practice (self->sites));
  self->paned = GTK_PANED (gtk_paned_new (GTK_ORIENTATION_VERTICAL));
  /* A divider one can see and grab, between the instructions and the page */
  gtk_paned_set_wide_handle (self->paned, TRUE);
  self->divider_positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  {
    g_autoptr (GVariant) saved = g_settings_get_value (self->settings, "divider-positions");
    GVariantIter iter;
    const char *kind;
    gint32 position;

    g_variant_iter_init (&iter, saved);
    while (g_variant_iter_next (&iter, "{&si}", &kind, &position))
      if (position > 0)
        g_hash_table_insert (self->divider_positions, g_strdup (kind), GINT_TO_POINTER (position));
  }
  g_signal_connect_object (self->paned, "notify::position", G_CALLBACK (on_divider_moved), self, G_CONNECT_SWAPPED);
  gtk_widget_set_hexpand (GTK_WIDGET (self->paned), TRUE);
  gtk_paned_set_start_child (self->paned, GTK_WIDGET (self->assistant));
  gtk_paned_set_shrink_start_child (self->paned, FALSE);
  gtk_paned_set_shrink_end_child (self->paned, FALSE);
  kaitsu_row_prepend (self->content_box, GTK_WIDGET (self->paned));
  gtk_widget_set_visible (self->practice_label, self->sites != NULL && kaitsu_sites_is_practice (self->sites));
  separator = gtk_separator_new (GTK_ORIENTATION_VERTICAL);
  kaitsu_row_prepend (self->content_box, separator);
  self->step_list = KAITSU_STEP_LIST (kaitsu_step_list_new (self->flow));
  gtk_widget_set_size_request (GTK_WIDGET (self->step_list), 240, -1);
  gtk_widget_set_vexpand (GTK_WIDGET (self->step_list), TRUE);
  left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (left), GTK_WIDGET (self->step_list));
  self->next_hint = g_object_new (GTK_TYPE_LABEL, "wrap", TRUE, "wrap-mode", PANGO_WRAP_WORD_CHAR,
                                  "xalign", 0.0f, "max-width-chars", 30, "visible", FALSE, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->next_hint), "next-hint");
  gtk_box_append (GTK_BOX (left), GTK_WIDGET (self->next_hint));
  self->status_line = g_object_new (GTK_TYPE_LABEL, "accessible-role", GTK_ACCESSIBLE_ROLE_STATUS,
                                    "wrap", TRUE, "wrap-mode", PANGO_WRAP_WORD_CHAR, "xalign", 0.0f,
                                    "max-width-chars", 30, "visible", TRUE,
                                    /* A long error is told in full on its page; four lines here */
                                    "lines", 4, "ellipsize", PANGO_ELLIPSIZE_END, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_line), "status-line");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_line), "empty");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_line), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Status"), -1);
  gtk_box_append (GTK_BOX (left), GTK_WIDGET (self->status_line));
  kaitsu_row_prepend (self->content_box, left);
  self->side_pane = KAITSU_SIDE_PANE (kaitsu_side_pane_new (self->flow));
  gtk_revealer_set_child (self->side_pane_revealer, GTK_WIDGET (self->side_pane));
  /* Rows inside expand, which would otherwise make the pane share the extra width with the
   * page: the page and the web view get it */
  gtk_widget_set_hexpand (GTK_WIDGET (self->side_pane_revealer), FALSE);
  gtk_widget_set_hexpand (left, FALSE);

  side_pane_action = g_settings_create_action (self->settings, "side-pane-visible");
  g_action_map_add_action (G_ACTION_MAP (self), side_pane_action);
  g_settings_bind (self->settings, "side-pane-visible", self->side_pane_revealer,
                   "reveal-child", G_SETTINGS_BIND_GET);
  screen_share_action = g_settings_create_action (self->settings, "screen-share-mode");
  g_action_map_add_action (G_ACTION_MAP (self), screen_share_action);
  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  g_signal_connect_object (self->settings, "changed::screen-share-mode", G_CALLBACK (apply_text_scale),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::text-scale", G_CALLBACK (apply_text_scale),
                           self, G_CONNECT_SWAPPED);
  apply_text_scale (self);
  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    self->announced[s] = kaitsu_flow_get_service_state (self->flow, s);
  g_signal_connect_object (self->flow, "service-changed", G_CALLBACK (on_service_changed),
                           self, G_CONNECT_SWAPPED);

  g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  /* Never sized by the user yet: as large as the screen it opens on allows */
  {
    g_autoptr (GVariant) saved = g_settings_get_user_value (self->settings, "window-size");

    if (saved == NULL)
      g_signal_connect (self, "realize", G_CALLBACK (fit_to_monitor), NULL);
  }
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect_object (self->flow, "step-changed", G_CALLBACK (update_navigation),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flow, "choices-changed", G_CALLBACK (apply_platform),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flow, "notify::current-step", G_CALLBACK (follow_step),
                           self, G_CONNECT_SWAPPED);
  update_navigation (self);
  follow_step (self);
  kaitsu_a11y_fix_names (GTK_WIDGET (self));
}

static void
kaitsu_window_dispose (GObject *object)
{
  KaitsuWindow *self = KAITSU_WINDOW (object);

  if (self->refusal_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->refusal_dialog), (gpointer *) &self->refusal_dialog);
  self->refusal_dialog = NULL;
  /* Destroyed with the window it tells of */
  if (self->shortcuts_window != NULL)
    {
      GtkWidget *shortcuts = self->shortcuts_window;

      g_object_remove_weak_pointer (G_OBJECT (shortcuts), (gpointer *) &self->shortcuts_window);
      self->shortcuts_window = NULL;
      gtk_window_destroy (GTK_WINDOW (shortcuts));
    }
  g_clear_object (&self->guide);
  g_clear_pointer (&self->last_preflight, kaitsu_preflight_report_free);
  /* They follow GSettings, which outlives this window: no state change may reach a
   * window that is going away. */
  g_action_map_remove_action (G_ACTION_MAP (self), "side-pane-visible");
  g_action_map_remove_action (G_ACTION_MAP (self), "screen-share-mode");
  gtk_widget_dispose_template (GTK_WIDGET (self), KAITSU_TYPE_WINDOW);
  g_clear_object (&self->sites);
  g_clear_object (&self->settings);
  g_clear_object (&self->flow);
  G_OBJECT_CLASS (kaitsu_window_parent_class)->dispose (object);
}

static void
kaitsu_window_finalize (GObject *object)
{
  g_free (KAITSU_WINDOW (object)->title_text);
  g_free (KAITSU_WINDOW (object)->practice_mail);
  g_clear_pointer (&KAITSU_WINDOW (object)->divider_positions, g_hash_table_unref);
  G_OBJECT_CLASS (kaitsu_window_parent_class)->finalize (object);
}

static void
kaitsu_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_FLOW:
      g_value_set_object (value, KAITSU_WINDOW (object)->flow);
      break;
    case PROP_SITES:
      g_value_set_object (value, KAITSU_WINDOW (object)->sites);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kaitsu_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_FLOW:
      KAITSU_WINDOW (object)->flow = g_value_dup_object (value);
      break;
    case PROP_SITES:
      KAITSU_WINDOW (object)->sites = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kaitsu_window_class_init (KaitsuWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kaitsu_window_constructed;
  object_class->dispose = kaitsu_window_dispose;
  object_class->finalize = kaitsu_window_finalize;
  object_class->get_property = kaitsu_window_get_property;
  object_class->set_property = kaitsu_window_set_property;
  GTK_WINDOW_CLASS (klass)->close_request = kaitsu_window_close_request;

  properties[PROP_FLOW] =
    g_param_spec_object ("flow", NULL, NULL, KAITSU_TYPE_FLOW,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* NULL: the real sites of the flow's region */
  properties[PROP_SITES] =
    g_param_spec_object ("sites", NULL, NULL, KAITSU_TYPE_SITES,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KAITSU_TYPE_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/kaitsu-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KaitsuWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, KaitsuWindow, next_button);
  gtk_widget_class_bind_template_child (widget_class, KaitsuWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, KaitsuWindow, practice_label);
  gtk_widget_class_bind_template_child (widget_class, KaitsuWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, KaitsuWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, KaitsuWindow, banner_start_over);
  gtk_widget_class_bind_template_child (widget_class, KaitsuWindow, banner_dismiss);
  gtk_widget_class_bind_template_child (widget_class, KaitsuWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, KaitsuWindow, side_pane_revealer);
  gtk_widget_class_bind_template_child (widget_class, KaitsuWindow, screen_share_button);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_start_over);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_dismiss);

  gtk_widget_class_install_action (widget_class, "assistant.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "assistant.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "assistant.start-over", NULL, start_over_action);
  gtk_widget_class_install_action (widget_class, "assistant.copy-report", NULL, copy_report_action);
  gtk_widget_class_install_action (widget_class, "assistant.open-in-browser", NULL, open_in_browser_action);
  gtk_widget_class_install_action (widget_class, "assistant.save-report", NULL, save_report_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "assistant.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "assistant.next", NULL);
}

/* For scripts/benchmark (G_MESSAGES_DEBUG=kaitsu-bench): when the first frame is drawn */
static void
on_first_paint (GdkFrameClock *clock,
                KaitsuWindow  *self)
{
  g_log ("kaitsu-bench", G_LOG_LEVEL_DEBUG, "first-frame %" G_GINT64_FORMAT, g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (clock, on_first_paint, self);
}

static void
on_realize (KaitsuWindow *self)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (on_first_paint), self, 0);
}

static void
kaitsu_window_init (KaitsuWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
  g_signal_connect (self, "realize", G_CALLBACK (on_realize), NULL);
}

KaitsuWindow *
kaitsu_window_new (GtkApplication *application,
                   KaitsuFlow     *flow)
{
  return g_object_new (KAITSU_TYPE_WINDOW, "application", application, "flow", flow, NULL);
}

KaitsuWindow *
kaitsu_window_new_with_sites (GtkApplication *application,
                              KaitsuFlow     *flow,
                              KaitsuSites    *sites)
{
  return g_object_new (KAITSU_TYPE_WINDOW, "application", application, "flow", flow,
                       "sites", sites, NULL);
}

KaitsuSites *
kaitsu_window_get_sites (KaitsuWindow *self)
{
  g_return_val_if_fail (KAITSU_IS_WINDOW (self), NULL);
  return self->sites;
}

KaitsuGuide *
kaitsu_window_get_guide (KaitsuWindow *self)
{
  g_return_val_if_fail (KAITSU_IS_WINDOW (self), NULL);
  return self->guide;
}

KaitsuFlow *
kaitsu_window_get_flow (KaitsuWindow *self)
{
  g_return_val_if_fail (KAITSU_IS_WINDOW (self), NULL);
  return self->flow;
}

KaitsuAssistant *
kaitsu_window_get_assistant (KaitsuWindow *self)
{
  g_return_val_if_fail (KAITSU_IS_WINDOW (self), NULL);
  return self->assistant;
}

KaitsuStepList *
kaitsu_window_get_step_list (KaitsuWindow *self)
{
  g_return_val_if_fail (KAITSU_IS_WINDOW (self), NULL);
  return self->step_list;
}

KaitsuSidePane *
kaitsu_window_get_side_pane (KaitsuWindow *self)
{
  g_return_val_if_fail (KAITSU_IS_WINDOW (self), NULL);
  return self->side_pane;
}

GtkWidget *
kaitsu_window_get_back_button (KaitsuWindow *self)
{
  g_return_val_if_fail (KAITSU_IS_WINDOW (self), NULL);
  return self->back_button;
}

GtkWidget *
kaitsu_window_get_next_button (KaitsuWindow *self)
{
  g_return_val_if_fail (KAITSU_IS_WINDOW (self), NULL);
  return self->next_button;
}

const char *
kaitsu_window_get_title_text (KaitsuWindow *self)
{
  g_return_val_if_fail (KAITSU_IS_WINDOW (self), NULL);
  return self->title_text;
}

void
kaitsu_window_show_banner (KaitsuWindow     *self,
                           KaitsuBannerKind  kind,
                           const char       *text)
{
  g_return_if_fail (KAITSU_IS_WINDOW (self));

  kaitsu_label_set_label (self->banner_label, text);
  gtk_widget_set_visible (self->banner_start_over, kind == KAITSU_BANNER_RESUME);
  gtk_button_set_label (GTK_BUTTON (self->banner_dismiss),
                        kind == KAITSU_BANNER_RESUME ? _("_Continue") : _("_Close"));
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

gboolean
kaitsu_window_get_banner_visible (KaitsuWindow *self)
{
  g_return_val_if_fail (KAITSU_IS_WINDOW (self), FALSE);
  return gtk_revealer_get_reveal_child (self->banner_revealer);
}

void
kaitsu_window_set_practice_mail (KaitsuWindow *self,
                                 const char   *mail)
{
  g_return_if_fail (KAITSU_IS_WINDOW (self));

  g_free (self->practice_mail);
  self->practice_mail = g_strdup (mail);
}

const char *
kaitsu_window_get_practice_mail (KaitsuWindow *self)
{
  g_return_val_if_fail (KAITSU_IS_WINDOW (self), NULL);
  return self->practice_mail;
}
