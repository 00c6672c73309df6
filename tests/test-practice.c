/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-practice.c: whole activations end to end: the real application, real WebKit, the
 * built-in simulator and the autopilot, under Xvfb. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kaitsu-aadsts.h"
#include "kaitsu-activation.h"
#include "kaitsu-application.h"
#include "kaitsu-autopilot.h"
#include "kaitsu-mask.h"
#include "kaitsu-simulator.h"
#include "kaitsu-session.h"
#include "kaitsu-signin-window.h"
#include "kaitsu-test-util.h"
#include "kaitsu-web-view.h"
#include "kaitsu-window.h"

typedef struct
{
  gboolean interfere;
  KaitsuWindow *window;
  KaitsuFlow *flow;
  int exit_status;
  JsonObject *report;
  JsonParser *parser;
  gboolean screenshots;
  GHashTable *shot;
  gboolean protected_without_consent;
  gboolean saw_refused_on_permission_step;
  /* Screen-share mode on the App ID step: the App ID whole, the account masked elsewhere */
  gboolean share_screen;
  /* Every cookie value the sites set, as WebKit holds them */
  GHashTable *cookie_values;
  gboolean shared_app_id_whole;
  gboolean shared_account_masked;
  gboolean explained_53003;
  gboolean explained_in_signin;
  gboolean heading_for_code;
  gboolean explained_65004;
  guint side_pane_rows;
  char *copied_report;
  char *named_report;
  /* The practice mail's password link token, which no report may hold */
  char *reset_token;
  char *announcement;
  char *report_text;
  /* What the finish page says of the whole */
  char *verdict;
  gboolean offered_browser;
  gboolean crash_done;
  guint crashes_seen;
  gboolean crash_told;
  /* The notice over the reloaded page: shown on it, and still shown at the finish */
  gboolean reload_seen;
  gboolean crash_notice_on_reload;
  gboolean crash_notice_at_finish;
  gboolean copy_told;
  gboolean refusal_tried;
  guint refusals_seen;
  char *uri_before_refusal;
  char *uri_after_refusal;
  guint detections_seen;
  /* The wrong service's dialog on the SharePoint step, and what the page said there */
  gboolean saw_wrong_dialog;
  gboolean warned_wrong_dialog;
  /* "The console shows it as protected" pressed while the console says 「保留」 */
  gboolean confirm_against_pending;
  gboolean confirm_tried;
  gboolean confirm_refused;
  /* Each screen the guide read: the page's highlighted sub-step was the screen's */
  guint substep_checks;
  GString *substep_mismatches;
  /* Scenario runs: a picture of each screen met, once, as "<scenario>-<screen>-<lang>" */
  const char *shoot_as;
  GHashTable *screens_shot;
  /* How many times the icon theme lists Kaitsu's icon folder, however spelled */
  guint icon_folders;
} Run;

static const char *
lang (void)
{
  return kaitsu_test_ui_is_japanese () ? "ja" : "en";
}

static gboolean
capture (gpointer data)
{
  Run *run = data;
  KaitsuPage *page = kaitsu_assistant_get_visible_page (kaitsu_window_get_assistant (run->window));
  const char *id = kaitsu_step_get_id (kaitsu_page_get_step (page));
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  /* Not on screen yet: the next step or page will try again. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (run->window)) || gtk_widget_get_width (GTK_WIDGET (run->window)) == 0)
    {
      g_timeout_add (50, capture, run);
      return G_SOURCE_REMOVE;
    }
  if (g_hash_table_contains (run->shot, id))
    return G_SOURCE_REMOVE;
  name = g_strdup_printf ("practice-%02d-%s-%s", kaitsu_page_get_step (page) + 1, id, lang ());
  path = kaitsu_test_save_screenshot_now (GTK_WIDGET (run->window), name);
  if (path == NULL)
    g_timeout_add (50, capture, run);
  else
    g_hash_table_add (run->shot, g_strdup (id));
  return G_SOURCE_REMOVE;
}

static void
schedule_capture (Run *run)
{
  /* After layout and drawing (120), before the autopilot's next move (200) */
  if (run->screenshots)
    g_idle_add_full (150, capture, run, NULL);
}

static void
on_refused (Run        *run,
            const char *uri)
{
  run->refusals_seen++;
}

/* The shown label whose text holds @needle */
static gboolean
is_label_containing (GtkWidget     *widget,
                     gconstpointer  needle)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
         strstr (gtk_label_get_label (GTK_LABEL (widget)), needle) != NULL;
}

static GtkWidget *
find_label_containing (GtkWidget  *root,
                       const char *needle)
{
  return kaitsu_test_find_widget (root, is_label_containing, needle);
}

/* Whether the notice over the main page, that it was reloaded, is shown */
static gboolean
crash_notice_shown (Run *run)
{
  KaitsuGuide *guide = kaitsu_window_get_guide (run->window);
  GtkWidget *notice = guide == NULL ? NULL :
    find_label_containing (GTK_WIDGET (kaitsu_guide_get_browser (guide)),
                           _("The page stopped working and was reloaded. Your progress is kept; if something you typed is gone, type it again."));
  GtkWidget *revealer = notice != NULL ? gtk_widget_get_ancestor (notice, GTK_TYPE_REVEALER) : NULL;

  return revealer != NULL && gtk_revealer_get_reveal_child (GTK_REVEALER (revealer));
}

static void
on_crashed (Run *run)
{
  run->crashes_seen++;
  /* Said over the page, where it happened, as a notice (that stays over the reloaded page) */
  run->crash_told = crash_notice_shown (run);
}

static gboolean
kill_web_process (gpointer data)
{
  Run *run = data;
  KaitsuGuide *guide = kaitsu_window_get_guide (run->window);

  if (guide != NULL)
    webkit_web_view_terminate_web_process (WEBKIT_WEB_VIEW (kaitsu_browser_get_view (kaitsu_guide_get_browser (guide))));
  return G_SOURCE_REMOVE;
}

static gboolean
try_refused_navigation (gpointer data)
{
  Run *run = data;
  KaitsuBrowser *browser = kaitsu_guide_get_browser (kaitsu_window_get_guide (run->window));

  run->uri_before_refusal = g_strdup (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (kaitsu_browser_get_view (browser))));
  /* As a link on a page would: the page itself navigates away (asynchronous) … */
  kaitsu_browser_run_script (browser, "location.href = 'https://www.example.com/elsewhere';");
  /* … and as Kaitsu's own load would (at once): both go through the same policy. */
  kaitsu_browser_load (browser, "https://www.example.com/elsewhere");
  return G_SOURCE_REMOVE;
}

static void
set_screen_share (gboolean on)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_boolean (settings, "screen-share-mode", on);
}

static void
check_screen_share (Run *run)
{
  KaitsuAssistant *assistant = kaitsu_window_get_assistant (run->window);
  const char *app_id = kaitsu_flow_get_app_id (run->flow);
  const char *account = kaitsu_flow_get_account (run->flow);

  set_screen_share (TRUE);
  run->shared_app_id_whole =
    app_id != NULL &&
    find_label_containing (GTK_WIDGET (kaitsu_assistant_get_page (assistant, KAITSU_STEP_TEAMS_APP_PERMISSION)), app_id) != NULL;
  run->shared_account_masked =
    account != NULL &&
    find_label_containing (GTK_WIDGET (kaitsu_assistant_get_page (assistant, KAITSU_STEP_PREPARE)), account) == NULL &&
    find_label_containing (GTK_WIDGET (kaitsu_window_get_side_pane (run->window)), account) == NULL;
}

static void
on_cookies (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr (GHashTable) values = data;
  GList *cookies = webkit_cookie_manager_get_all_cookies_finish (WEBKIT_COOKIE_MANAGER (source), result, NULL);

  for (GList *l = cookies; l != NULL; l = l->next)
    g_hash_table_add (values, g_strdup (soup_cookie_get_value (l->data)));
  g_list_free_full (cookies, (GDestroyNotify) soup_cookie_free);
}

static void
collect_cookies (Run *run)
{
  WebKitCookieManager *manager = webkit_network_session_get_cookie_manager (kaitsu_web_get_network_session ());

  webkit_cookie_manager_get_all_cookies (manager, NULL, on_cookies, g_hash_table_ref (run->cookie_values));
}

static void sample_side_pane (Run *run);

/* The finish page's verdict, as its label shows it */
static char *
dup_verdict_shown (Run *run)
{
  KaitsuPage *page = kaitsu_assistant_get_page (kaitsu_window_get_assistant (run->window), KAITSU_STEP_FINISH);
  g_autofree char *missing = g_strdup (_("Not finished yet. Still missing:%s"));
  const char *done = _("Your company is protected: every service you chose has access granted and its threat protection policy switched on.");
  GtkWidget *label;

  *strstr (missing, "%s") = '\0';
  label = find_label_containing (GTK_WIDGET (page), missing);
  if (label == NULL)
    label = find_label_containing (GTK_WIDGET (page), done);
  return label != NULL ? g_strdup (gtk_label_get_label (GTK_LABEL (label))) : NULL;
}

static void
on_step (Run *run)
{
  KaitsuStep step = kaitsu_flow_get_current_step (run->flow);
  KaitsuGuide *guide = kaitsu_window_get_guide (run->window);

  if (guide != NULL)
    collect_cookies (run);
  if (run->share_screen && step == KAITSU_STEP_TEAMS_APP_PERMISSION)
    check_screen_share (run);
  else if (run->share_screen)
    set_screen_share (FALSE);
  schedule_capture (run);
  if (step == KAITSU_STEP_FINISH && run->copied_report == NULL)
    {
      run->crash_notice_at_finish = crash_notice_shown (run);
      /* What "Copy Diagnostic Report" puts on the clipboard */
      run->copied_report = kaitsu_window_dup_report (run->window, FALSE, FALSE, 0);
      run->named_report = kaitsu_window_dup_report (run->window, TRUE, TRUE, 0);
      run->announcement = g_strdup (kaitsu_window_get_announcement (run->window));
      run->verdict = dup_verdict_shown (run);
      {
        const char *mail = kaitsu_window_get_practice_mail (run->window);
        const char *token = mail != NULL ? strstr (mail, "ResetPassword?T=") : NULL;

        if (token != NULL)
          run->reset_token = g_strndup (token + strlen ("ResetPassword?T="),
                                        strcspn (token + strlen ("ResetPassword?T="), "&> \r\n"));
      }
      gtk_widget_activate_action (GTK_WIDGET (run->window), "assistant.copy-report", NULL);
      /* Said in passing, over the window: nothing to answer */
      run->copy_told = find_label_containing (GTK_WIDGET (run->window),
                                              _("Diagnostic report copied, names masked")) != NULL &&
                       !kaitsu_window_get_banner_visible (run->window);
    }
  sample_side_pane (run);
  if (guide != NULL && run->interfere && run->crashes_seen == 0 && !run->crash_done)
    {
      g_signal_connect_swapped (kaitsu_guide_get_browser (guide), "process-crashed", G_CALLBACK (on_crashed), run);
      g_signal_connect_swapped (kaitsu_guide_get_browser (guide), "navigation-refused", G_CALLBACK (on_refused), run);
      run->crash_done = TRUE;
      /* Mid-activation, the web process dies: Kaitsu reloads and carries on. */
      g_idle_add (kill_web_process, run);
    }
  if (step == KAITSU_STEP_ONEDRIVE && run->interfere && !run->refusal_tried)
    {
      run->refusal_tried = TRUE;
      g_idle_add (try_refused_navigation, run);
    }
}

/* OneDrive's grant dialog on the SharePoint step: the page warns at once */
static void
check_wrong_dialog (Run                     *run,
                    const KaitsuPageReading *reading)
{
  KaitsuPage *page;
  g_autofree char *warning = NULL;

  if (!kaitsu_page_reading_is (reading, "console-grant") || reading->service != KAITSU_SERVICE_ONEDRIVE ||
      kaitsu_flow_get_current_step (run->flow) != KAITSU_STEP_SHAREPOINT_ONLINE)
    return;
  run->saw_wrong_dialog = TRUE;
  page = kaitsu_assistant_get_page (kaitsu_window_get_assistant (run->window), KAITSU_STEP_SHAREPOINT_ONLINE);
  warning = g_strdup_printf (_("This is the dialog for %1$s, but this step is for %2$s. To grant %2$s, close the dialog with its × and choose %2$s. If you go on, Kaitsu counts this grant for %1$s."),
                             "OneDrive", "SharePoint Online");
  run->warned_wrong_dialog |= find_label_containing (GTK_WIDGET (page), warning) != NULL;
}

/* The window has handled the page (it connected first): the highlight is the screen's */
static void
check_substep (Run                     *run,
               const KaitsuPageReading *reading)
{
  KaitsuStep step = kaitsu_flow_get_current_step (run->flow);
  KaitsuPage *page = kaitsu_assistant_get_page (kaitsu_window_get_assistant (run->window), step);
  int expected = kaitsu_step_find_substep (step, reading->screen);

  if (kaitsu_screen_keeps_substep (reading->screen) || !kaitsu_step_is_web (step))
    return;
  run->substep_checks++;
  if (kaitsu_page_get_active_substep (page) != expected)
    g_string_append_printf (run->substep_mismatches, "%s on %s: highlighted %d, expected %d; ",
                            kaitsu_screen_get_id (reading->screen), kaitsu_step_get_id (step),
                            kaitsu_page_get_active_substep (page), expected);
}

typedef struct
{
  GtkWidget *window;
  char *name;
} Shot;

static gboolean
take_shot (gpointer data)
{
  Shot *shot = data;

  if (gtk_widget_get_mapped (shot->window) && gtk_widget_get_width (shot->window) > 0)
    g_free (kaitsu_test_save_screenshot_now (shot->window, shot->name));
  g_object_unref (shot->window);
  g_free (shot->name);
  g_free (shot);
  return G_SOURCE_REMOVE;
}

/* The window that shows this page (the sign-in window for Microsoft's), once drawn */
static void
shoot_screen (Run                     *run,
              const KaitsuPageReading *reading,
              KaitsuBrowser           *browser)
{
  const char *id = kaitsu_screen_get_id (reading->screen);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (browser));
  Shot *shot;

  /* The sign-in window may be closed already (the provisioning page closes it) */
  if (run->shoot_as == NULL || root == NULL || g_hash_table_contains (run->screens_shot, id))
    return;
  g_hash_table_add (run->screens_shot, g_strdup (id));
  shot = g_new0 (Shot, 1);
  shot->window = g_object_ref (GTK_WIDGET (root));
  shot->name = g_strdup_printf ("scenario-%s-%s-%s", run->shoot_as, id, lang ());
  /* Soon: the autopilot moves on within a fraction of a second */
  g_timeout_add (60, take_shot, shot);
}

static void
on_page_seen (Run                     *run,
              const KaitsuPageReading *reading,
              const char              *uri,
              const char              *text,
              KaitsuBrowser           *browser)
{
  check_substep (run, reading);
  shoot_screen (run, reading, browser);
  if (run->crashes_seen > 0 && !run->reload_seen &&
      browser == kaitsu_guide_get_browser (kaitsu_window_get_guide (run->window)))
    {
      run->reload_seen = TRUE;
      run->crash_notice_on_reload = crash_notice_shown (run);
    }
  check_wrong_dialog (run, reading);
  if (kaitsu_page_reading_is (reading, "sharepoint-refused") &&
      kaitsu_flow_get_current_step (run->flow) == KAITSU_STEP_TEAMS_APP_PERMISSION)
    run->saw_refused_on_permission_step = TRUE;
  if (run->uri_before_refusal != NULL && run->uri_after_refusal == NULL)
    run->uri_after_refusal = g_strdup (kaitsu_browser_get_uri (kaitsu_guide_get_browser (kaitsu_window_get_guide (run->window))));
}

/* The shown button with this label, or NULL */
static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  return kaitsu_test_find_widget (root, is_button_labelled, label);
}

/* Clicks the shown button with this label; FALSE when there is none */
static gboolean
press_button (GtkWidget  *root,
              const char *label)
{
  GtkWidget *button = find_button (root, label);

  if (button == NULL)
    return FALSE;
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  return TRUE;
}

/* Once the console, read live, says 「保留」: press the manual confirmation as a user might */
static gboolean
confirm_by_hand_while_pending (gpointer data)
{
  Run *run = data;
  KaitsuGuide *guide = kaitsu_window_get_guide (run->window);
  KaitsuPage *page;
  g_autofree char *counted = NULL;
  g_autofree char *refusal = NULL;

  if (kaitsu_flow_get_service_state (run->flow, KAITSU_SERVICE_EXCHANGE_ONLINE) != KAITSU_SERVICE_STATE_SYNCING)
    return G_SOURCE_REMOVE;
  if (!kaitsu_guide_console_says_pending (guide, KAITSU_SERVICE_EXCHANGE_ONLINE))
    return G_SOURCE_CONTINUE;
  page = kaitsu_assistant_get_page (kaitsu_window_get_assistant (run->window), KAITSU_STEP_EXCHANGE_ONLINE);
  g_assert_true (press_button (GTK_WIDGET (page), _("The console shows it as p_rotected")));
  run->confirm_tried = TRUE;
  counted = g_strdup_printf (_("The console still shows {pending} for %s. Wait until its notifications say it is protected; Kaitsu notices by itself."),
                             "Exchange Online");
  refusal = kaitsu_label_fill (counted, KAITSU_SERVICE_EXCHANGE_ONLINE);
  /* The guard holds: still 保留, no next service, and the page says why */
  run->confirm_refused = kaitsu_flow_get_service_state (run->flow, KAITSU_SERVICE_EXCHANGE_ONLINE) == KAITSU_SERVICE_STATE_SYNCING &&
                         !kaitsu_flow_get_service_by_hand (run->flow, KAITSU_SERVICE_EXCHANGE_ONLINE) &&
                         find_label_containing (GTK_WIDGET (page), refusal) != NULL;
  return G_SOURCE_REMOVE;
}

static void
on_service_changed (Run *run,
                    int  service)
{
  KaitsuServiceState state = kaitsu_flow_get_service_state (run->flow, service);

  if (run->confirm_against_pending && !run->confirm_tried && service == KAITSU_SERVICE_EXCHANGE_ONLINE &&
      state == KAITSU_SERVICE_STATE_SYNCING)
    g_timeout_add (100, confirm_by_hand_while_pending, run);

  /* Protected before its grant even started: something other than the console said so. */
  if (state == KAITSU_SERVICE_STATE_PROTECTED && kaitsu_flow_get_service_attempts (run->flow, service) == 0)
    run->protected_without_consent = TRUE;
  if (state == KAITSU_SERVICE_STATE_ERROR)
    {
      GArray *errors = kaitsu_flow_get_service_errors (run->flow, service);
      KaitsuPage *page = kaitsu_assistant_get_page (kaitsu_window_get_assistant (run->window),
                                                    kaitsu_service_get_step (service));

      if (errors->len > 0 && g_array_index (errors, guint, errors->len - 1) == 65004)
        {
          g_autofree char *explanation = kaitsu_aadsts_dup_explanation (65004);

          /* The declined consent, explained on the service's page with what to do */
          run->explained_65004 |= find_label_containing (GTK_WIDGET (page), explanation) != NULL;
        }
      if (errors->len > 0 && g_array_index (errors, guint, errors->len - 1) == 53003)
        {
          g_autofree char *explanation = kaitsu_aadsts_dup_explanation (53003);
          g_autofree char *name = g_strdup_printf ("practice-blocked-53003-%s", lang ());

          GtkWindow *signin = kaitsu_guide_get_signin_window (kaitsu_window_get_guide (run->window));

          g_autofree char *advice = kaitsu_aadsts_dup_advice (53003);
          g_autofree char *heading = g_strdup_printf (_("Failed (AADSTS%u): %s"), 53003, advice);

          run->explained_53003 = find_label_containing (GTK_WIDGET (page), explanation) != NULL;
          /* the service's state says what to do for this code, not the console dialog's advice */
          run->heading_for_code = find_label_containing (GTK_WIDGET (page), heading) != NULL &&
                                  find_label_containing (GTK_WIDGET (page), _("Failed: close the dialog with its ×, reload the console and try again")) == NULL;
          /* and in the sign-in window, over Microsoft's page, where the user is looking; a
           * dead end, which Escape closes without asking */
          run->explained_in_signin = signin != NULL &&
                                     kaitsu_signin_window_get_problem (KAITSU_SIGNIN_WINDOW (signin)) != NULL &&
                                     strstr (kaitsu_signin_window_get_problem (KAITSU_SIGNIN_WINDOW (signin)), explanation) != NULL &&
                                     kaitsu_signin_window_is_dead_end (KAITSU_SIGNIN_WINDOW (signin));
          if (signin != NULL)
            {
              g_autofree char *signin_name = g_strdup_printf ("practice-blocked-53003-signin-%s", lang ());
              g_free (kaitsu_test_save_screenshot_now (GTK_WIDGET (signin), signin_name));
            }
          /* and offers the web browser, where such a sign-in can work */
          run->offered_browser = find_button (GTK_WIDGET (page), _("Continue in Your Web _Browser")) != NULL;
          g_free (kaitsu_test_save_screenshot_now (GTK_WIDGET (run->window), name));
        }
    }
}

/* The side pane shows the console's lists as the status script read them: looked at each
 * time the console reports, after the window has shown it */
static void
sample_side_pane (Run *run)
{
  run->side_pane_rows = MAX (run->side_pane_rows,
                             kaitsu_side_pane_get_console_rows (kaitsu_window_get_side_pane (run->window)));
}

static void
on_guide_ready (Run *run)
{
  KaitsuGuide *guide = kaitsu_window_get_guide (run->window);

  if (guide != NULL && g_object_get_data (G_OBJECT (guide), "test-connected") == NULL)
    {
      g_object_set_data (G_OBJECT (guide), "test-connected", GINT_TO_POINTER (1));
      g_signal_connect_swapped (guide, "page-seen", G_CALLBACK (on_page_seen), run);
      g_signal_connect_swapped (guide, "status-changed", G_CALLBACK (sample_side_pane), run);
    }
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window,
                 Run            *run)
{
  if (!KAITSU_IS_WINDOW (window) || run->window != NULL)
    return;
  run->window = KAITSU_WINDOW (window);
  run->flow = kaitsu_window_get_flow (run->window);
  gtk_window_set_default_size (window, 1200, 820);
  g_signal_connect_swapped (run->flow, "notify::current-step", G_CALLBACK (on_step), run);
  g_signal_connect_swapped (run->flow, "notify::current-step", G_CALLBACK (on_guide_ready), run);
  g_signal_connect_swapped (run->flow, "service-changed", G_CALLBACK (on_service_changed), run);
  schedule_capture (run);
}

static void
run_practice (Run        *run,
              const char *scenario)
{
  g_autoptr (KaitsuApplication) app = kaitsu_application_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kaitsu-practice-XXXXXX", &error);
  g_autofree char *report = g_build_filename (dir, "report.json", NULL);
  char *argv[] = { "kaitsu", "--demo", "--autopilot", "--quit-when-done", "--report", report,
                   scenario != NULL ? "--scenario" : NULL, (char *) scenario, NULL };
  int argc = scenario != NULL ? 8 : 6;
  int status;

  g_assert_no_error (error);
  run->shot = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->substep_mismatches = g_string_new (NULL);
  run->screens_shot = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->cookie_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->screenshots = scenario == NULL || run->share_screen;
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), run);
  status = g_application_run (G_APPLICATION (app), argc, argv);
  {
    g_auto (GStrv) paths = gtk_icon_theme_get_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()));

    for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
      run->icon_folders += g_str_equal (paths[i], RESOURCE_PREFIX "/icons") || g_str_equal (paths[i], RESOURCE_PREFIX "/icons/");
  }
  run->exit_status = status != 0 ? status : kaitsu_application_get_exit_status (app);
  run->parser = json_parser_new ();
  g_assert_true (g_file_get_contents (report, &run->report_text, NULL, NULL));
  g_assert_true (json_parser_load_from_file (run->parser, report, &error));
  g_assert_no_error (error);
  run->report = json_node_get_object (json_parser_get_root (run->parser));
  g_hash_table_unref (run->shot);
}

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->cookie_values, g_hash_table_unref);
  if (run->substep_mismatches != NULL)
    g_string_free (run->substep_mismatches, TRUE);
  g_clear_pointer (&run->screens_shot, g_hash_table_unref);
  g_clear_object (&run->parser);
  g_free (run->copied_report);
  g_free (run->reset_token);
  g_free (run->named_report);
  g_free (run->announcement);
  g_free (run->verdict);
  g_free (run->report_text);
  g_free (run->uri_before_refusal);
  g_free (run->uri_after_refusal);
}

static JsonObject *
service (Run        *run,
         const char *id)
{
  return json_object_get_object_member (json_object_get_object_member (run->report, "services"), id);
}

static void
test_all_services (void)
{
  Run run = { TRUE, NULL, };
  g_autofree char *session_path = g_build_filename (g_get_user_state_dir (), "kaitsu", "practice-session.json", NULL);
  g_autoptr (KaitsuFlow) saved = NULL;
  JsonArray *detections;
  const char *ids[] = { "exchange-online", "sharepoint-online", "onedrive", "teams" };

  run_practice (&run, NULL);
  g_assert_cmpint (run.exit_status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (run.report, "mode"), ==, "practice");
  /* Added once: each addition makes GTK read the whole icon theme again, on the main thread */
  g_assert_cmpuint (run.icon_folders, ==, 1);
  saved = kaitsu_session_load (session_path, NULL, NULL);
  g_assert_nonnull (saved);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      JsonObject *s = service (&run, ids[i]);
      KaitsuService id = kaitsu_service_from_id (ids[i]);

      g_assert_cmpstr (json_object_get_string_member (s, "state"), ==, "protected");
      g_assert_cmpint (json_object_get_int_member (s, "attempts"), ==, 1);
      g_assert_cmpint (json_object_get_int_member (s, "consents"), ==, 1);
      /* The session file and the report agree. */
      g_assert_cmpint (kaitsu_flow_get_service_state (saved, id), ==, KAITSU_SERVICE_STATE_PROTECTED);
      g_assert_cmpuint (kaitsu_flow_get_service_attempts (saved, id), ==, json_object_get_int_member (s, "attempts"));
      g_assert_cmpuint (kaitsu_flow_get_service_consents (saved, id), ==, json_object_get_int_member (s, "consents"));
    }
  g_assert_cmpint (kaitsu_flow_get_current_step (saved), ==, KAITSU_STEP_FINISH);
  /* Every grant was detected and its sign-in window closed by Kaitsu */
  detections = json_object_get_array_member (run.report, "detections");
  g_assert_cmpuint (json_array_get_length (detections), ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (detections, i), "latency_ms"), >=, 0);
  /* The console's own lists, read by the status script, reached the report */
  {
    JsonArray *notes = json_object_get_array_member (json_object_get_object_member (run.report, "console"),
                                                     "notifications");

    for (guint i = 0; i < json_array_get_length (notes); i++)
      g_test_message ("notification: %s", json_array_get_string_element (notes, i));
    g_assert_cmpuint (json_array_get_length (notes), ==, 4);
  }
  /* The web process was killed mid-way; Kaitsu reloaded and finished with state intact. */
  g_assert_cmpuint (run.crashes_seen, >=, 1);
  g_assert_true (run.crash_told);
  /* The notice stays over the reloaded page, and goes once another page replaces it */
  g_assert_true (run.reload_seen);
  g_assert_true (run.crash_notice_on_reload);
  g_assert_false (run.crash_notice_at_finish);
  /* A page outside the activation was refused and the view stayed where it was. */
  g_assert_cmpuint (run.refusals_seen, >=, 1);
  g_assert_false (run.protected_without_consent);
  g_assert_cmpuint (run.side_pane_rows, >=, 4);

  /* Neither report holds a password, a cookie or the password link's token. */
  g_assert_nonnull (run.copied_report);
  g_assert_true (run.copy_told);
  g_test_message ("copied report:\n%s", run.copied_report);
  g_assert_nonnull (strstr (run.copied_report, "exchange-online: protected"));
  {
    const char *secrets[] = { KAITSU_PRACTICE_CONSOLE_PASSWORD, KAITSU_PRACTICE_ADMIN_PASSWORD,
                              "LMPSESSION", "CASSESSION", "ESTSAUTH", "ResetPassword", "T=" };
    const char *token_value = run.reset_token;

    /* The link was used, so the session no longer holds it */
    g_assert_null (kaitsu_flow_get_reset_url (saved));
    g_assert_nonnull (token_value);
    g_assert_cmpuint (strlen (token_value), >=, 8);
    for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
      {
        g_assert_null (strstr (run.copied_report, secrets[i]));
        g_assert_null (strstr (run.report_text, secrets[i]));
      }
    g_assert_null (strstr (run.copied_report, token_value));
    g_assert_null (strstr (run.report_text, token_value));
    g_assert_null (strstr (run.named_report, token_value));
    for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
      g_assert_null (strstr (run.named_report, secrets[i]));
  }
  /* Nor any cookie value: the sessions of the password site, LMP, the console and Microsoft */
  {
    GHashTableIter iter;
    const char *value;
    guint checked = 0;

    g_hash_table_iter_init (&iter, run.cookie_values);
    while (g_hash_table_iter_next (&iter, (gpointer *) &value, NULL))
      {
        /* Short values ("1", "ja") say nothing and could match anywhere */
        if (strlen (value) < 8)
          continue;
        g_assert_null (strstr (run.copied_report, value));
        g_assert_null (strstr (run.named_report, value));
        g_assert_null (strstr (run.report_text, value));
        checked++;
      }
    g_test_message ("%u cookie values checked", checked);
    g_assert_cmpuint (checked, >=, 3);
  }
  /* Names are masked unless asked for, in both forms of the report */
  {
    const char *account = kaitsu_flow_get_account (saved);
    const char *company = kaitsu_flow_get_company (saved);
    g_autofree char *masked_account = kaitsu_mask (KAITSU_MASK_ID, account);

    g_assert_nonnull (account);
    g_assert_nonnull (company);
    g_assert_null (strstr (run.copied_report, account));
    g_assert_null (strstr (run.copied_report, company));
    g_assert_null (strstr (run.report_text, account));
    g_assert_null (strstr (run.report_text, company));
    g_assert_nonnull (strstr (run.copied_report, masked_account));
    g_assert_false (json_object_get_boolean_member (run.report, "names_included"));
    g_assert_nonnull (strstr (run.named_report, account));
    g_assert_nonnull (strstr (run.named_report, company));
  }
  /* The timeline: every step entered and every service's states, in order */
  {
    JsonArray *timeline = json_object_get_array_member (run.report, "timeline");
    guint protected = 0;

    for (guint i = 0; i < json_array_get_length (timeline); i++)
      {
        JsonObject *event = json_array_get_object_element (timeline, i);

        if (g_strcmp0 (json_object_get_string_member_with_default (event, "state", NULL), "protected") == 0)
          protected++;
      }
    g_assert_cmpuint (protected, ==, 4);
    /* Ten steps entered after the welcome page; connecting, syncing, protected for each service */
    g_assert_cmpuint (json_array_get_length (timeline), >=, 10 + 4 * 3);
  }
  /* Every step passed has its times */
  {
    JsonArray *steps = json_object_get_array_member (run.report, "steps");
    JsonObject *first = json_array_get_object_element (steps, 0);
    JsonObject *last = json_array_get_object_element (steps, json_array_get_length (steps) - 1);

    g_assert_nonnull (json_object_get_string_member (first, "finished"));
    g_assert_nonnull (json_object_get_string_member (last, "reached"));
    g_assert_true (json_object_get_null_member (last, "finished"));
  }
  /* The last change was announced: the last service protected */
  g_assert_nonnull (run.announcement);
  g_assert_nonnull (strstr (run.announcement, kaitsu_service_get_name (KAITSU_SERVICE_TEAMS)));
  run_clear (&run);
}

static void
test_faults (void)
{
  Run run = { FALSE, NULL, };
  JsonObject *exchange;
  JsonArray *errors;

  run_practice (&run, "consent-declined-once,provision-error-once,exchange-two-consents");
  g_assert_cmpint (run.exit_status, ==, 0);
  exchange = service (&run, "exchange-online");
  g_assert_cmpstr (json_object_get_string_member (exchange, "state"), ==, "protected");
  /* Declined once, failed once after Microsoft's consent, then granted with two consents */
  g_assert_cmpint (json_object_get_int_member (exchange, "attempts"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (exchange, "consents"), ==, 3);
  errors = json_object_get_array_member (exchange, "errors");
  g_assert_cmpuint (json_array_get_length (errors), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (errors, 0), ==, "AADSTS65004");
  g_assert_true (run.explained_65004);
  g_assert_cmpstr (json_object_get_string_member (service (&run, "teams"), "state"), ==, "protected");
  run_clear (&run);
}

static void
test_blocked (void)
{
  Run run = { FALSE, NULL, };
  JsonArray *errors;

  run_practice (&run, "blocked-53003");
  g_assert_cmpint (run.exit_status, ==, 3);
  errors = json_object_get_array_member (service (&run, "exchange-online"), "errors");
  g_assert_cmpuint (json_array_get_length (errors), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (errors, 0), ==, "AADSTS53003");
  /* The IDs support asks for, from Microsoft's error page */
  {
    JsonArray *signin = json_object_get_array_member (run.report, "sign_in_errors");
    JsonObject *first;

    g_assert_cmpuint (json_array_get_length (signin), >=, 1);
    first = json_array_get_object_element (signin, 0);
    g_assert_cmpstr (json_object_get_string_member (first, "code"), ==, "AADSTS53003");
    g_assert_cmpuint (strlen (json_object_get_string_member (first, "correlation_id")), ==, 36);
  }
  /* The window says what it means and what to do */
  g_assert_true (run.explained_53003);
  g_assert_true (run.explained_in_signin);
  g_assert_true (run.heading_for_code);
  g_assert_true (run.offered_browser);
  run_clear (&run);
}

static void
test_teams_appinv (void)
{
  Run run = { FALSE, NULL, };

  /* Support staff switch screen-share mode on for the App ID step (the screenshot shows it) */
  run.share_screen = TRUE;
  run_practice (&run, "teams-appinv");
  g_assert_cmpint (run.exit_status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (service (&run, "teams"), "state"), ==, "protected");
  g_assert_true (run.shared_app_id_whole);
  g_assert_true (run.shared_account_masked);
  run_clear (&run);
}

static void
test_teams_appinv_retired (void)
{
  Run run = { FALSE, NULL, };

  run_practice (&run, "teams-appinv-retired");
  g_assert_cmpint (run.exit_status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (service (&run, "teams"), "state"), ==, "protected");
  /* SharePoint refused while the page with the retirement explanation was shown */
  g_assert_true (run.saw_refused_on_permission_step);
  run_clear (&run);
}

static void
test_pending_stuck (void)
{
  Run run = { FALSE, NULL, };

  /* 「保留」 that never ends: the autopilot looks again, as the manual says, then stops
   * with "not finished" (1) rather than waiting for ever */
  run.confirm_against_pending = TRUE;
  run_practice (&run, "pending-stuck");
  g_assert_cmpint (run.exit_status, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (service (&run, "exchange-online"), "state"), ==, "syncing");
  g_assert_cmpstr (json_object_get_string_member (service (&run, "sharepoint-online"), "state"), ==, "not-started");
  g_assert_cmpstr (json_object_get_string_member (run.report, "current_step"), ==, "exchange-online");
  /* The manual confirmation did not fake "protected" against the console's 「保留」 */
  g_assert_true (run.confirm_tried);
  g_assert_true (run.confirm_refused);
  g_assert_false (json_object_get_boolean_member (service (&run, "exchange-online"), "confirmed_by_hand"));
  run_clear (&run);
}

/* On the SharePoint step the user picks OneDrive in the console and grants it: the page says
 * so at once, the grant counts for OneDrive, and SharePoint is granted after it. */
static void
test_wrong_service (void)
{
  Run run = { FALSE, NULL, };
  const char *ids[] = { "exchange-online", "sharepoint-online", "onedrive", "teams" };

  run_practice (&run, "wrong-service-once");
  g_assert_cmpint (run.exit_status, ==, 0);
  g_assert_true (run.saw_wrong_dialog);
  g_assert_true (run.warned_wrong_dialog);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      JsonObject *s = service (&run, ids[i]);

      g_assert_cmpstr (json_object_get_string_member (s, "state"), ==, "protected");
      /* Each grant booked once, to the service it was for */
      g_assert_cmpint (json_object_get_int_member (s, "attempts"), ==, 1);
      g_assert_cmpint (json_object_get_int_member (s, "consents"), ==, 1);
    }
  /* OneDrive was granted before SharePoint, while the SharePoint step was on screen */
  g_assert_cmpstr (json_object_get_string_member (service (&run, "onedrive"), "started"), <=,
                   json_object_get_string_member (service (&run, "sharepoint-online"), "started"));
  run_clear (&run);
}

static void
test_hostile_page (void)
{
  Run run = { FALSE, NULL, };

  /* The console page's own script posts "everything is protected" from the main world. */
  run_practice (&run, "hostile-page");
  g_assert_cmpint (run.exit_status, ==, 0);
  g_assert_false (run.protected_without_consent);
  run_clear (&run);
}

/* ---- Today's sites, scenario by scenario ---------------------------------------------- */

typedef struct
{
  const char *scenarios;
  /* 0: every service protected; else the documented exit code */
  int exit_status;
  /* Screens the report must name, space-separated */
  const char *screens;
  const char *platform;
  guint exchange_consents;
  gboolean unknown_page;
  /* The one error Exchange Online met, or NULL for none */
  const char *exchange_error;
} ScenarioCase;

static const ScenarioCase scenario_cases[] = {
  { "grant-2026", 0, "console console-grant console-grant-done provision ms-account ms-password ms-consent console-policies console-policy", "cas", 1 },
  { "manual-2024", 0, "console console-service-accounts console-grant provision console-policies console-policy", "cas", 1 },
  /* OneDrive's policy left off: granted, not scanning, the end says so */
  { "policy-off", 1, "console-grant-done console-policies console-policy", "cas", 1 },
  { "pick-account", 0, "ms-pick-account ms-account ms-consent", "cas", 1 },
  /* The password asked for without a load: the page is read again when it changes */
  { "signin-one-page", 0, "ms-account ms-password ms-consent", "cas", 1 },
  { "kmsi", 0, "ms-kmsi ms-consent", "cas", 1 },
  { "mfa-number", 0, "ms-mfa ms-consent", "cas", 1 },
  { "mfa-register", 0, "ms-mfa-register ms-consent", "cas", 1 },
  { "need-admin", 0, "ms-need-admin ms-account ms-consent", "cas", 1 },
  { "access-denied", 0, "ms-need-admin ms-account ms-consent", "cas", 1, FALSE, "AADSTS90094" },
  /* A wrong password is Microsoft's AADSTS50126 on the page: said, and typed again */
  { "wrong-password", 0, "ms-password ms-consent", "cas", 1, FALSE, "AADSTS50126" },
  { "ca-block-2026", 3, "ms-blocked", "cas", 0, FALSE, "AADSTS53003" },
  { "console-en", 0, "lmp-login console console-grant console-grant-done", "cas", 1 },
  { "trendai-brand", 0, "console console-grant-done", "cas", 1 },
  { "exchange-two-consents", 0, "console-grant-done", "cas", 2 },
  { "vision-one", 0, "v1-signin console console-grant console-grant-done provision console-policies console-policy", "vision-one", 1 },
  { "unknown-page", 0, "lmp-dashboard console-grant-done", "cas", 1, TRUE },
  /* As a real tenant may show them together */
  { "vision-one,console-en,mfa-number,kmsi", 0, "v1-signin ms-mfa ms-kmsi console-grant-done", "vision-one", 1 },
  { "trendai-brand,pick-account,need-admin,exchange-two-consents,mfa-register", 0,
    "ms-pick-account ms-need-admin ms-mfa-register console-grant-done", "cas", 2 },
};

static gboolean
report_names_screen (JsonObject *report,
                     const char *screen)
{
  JsonArray *screens = json_object_get_array_member (report, "screens");

  for (guint i = 0; i < json_array_get_length (screens); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (screens, i), "screen"), screen) == 0)
      return TRUE;
  return FALSE;
}

static void
test_scenario (gconstpointer data)
{
  const ScenarioCase *test = data;
  Run run = { FALSE, NULL, };
  g_auto (GStrv) screens = g_strsplit (test->screens, " ", -1);
  g_autofree char *shot_name = g_strdelimit (g_strdup (test->scenarios), ",", '+');

  run.shoot_as = shot_name;
  run_practice (&run, test->scenarios);
  g_test_message ("%s: exit %d, screens checked %u", test->scenarios, run.exit_status, run.substep_checks);
  g_assert_cmpint (run.exit_status, ==, test->exit_status);
  for (guint i = 0; screens[i] != NULL; i++)
    {
      if (!report_names_screen (run.report, screens[i]))
        g_test_message ("the report lacks %s", screens[i]);
      g_assert_true (report_names_screen (run.report, screens[i]));
    }
  /* The page's highlight followed every screen met */
  g_assert_cmpuint (run.substep_checks, >, 5);
  g_test_message ("sub-step mismatches: %s", run.substep_mismatches->str);
  g_assert_cmpstr (run.substep_mismatches->str, ==, "");
  g_assert_cmpstr (json_object_get_string_member (run.report, "platform"), ==, test->platform);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (run.report, "unknown_pages")), ==,
                    test->unknown_page ? 1 : 0);
  {
    JsonArray *errors = json_object_get_array_member (service (&run, "exchange-online"), "errors");

    g_assert_cmpuint (json_array_get_length (errors), ==, test->exchange_error != NULL ? 1 : 0);
    if (test->exchange_error != NULL)
      g_assert_cmpstr (json_array_get_string_element (errors, 0), ==, test->exchange_error);
  }
  /* Stopped on an error: the end is not reached */
  if (test->exit_status != 3)
    {
      g_assert_nonnull (run.verdict);
      g_test_message ("the end says: %s", run.verdict);
    }
  if (test->exit_status == 0)
    {
      const char *ids[] = { "exchange-online", "sharepoint-online", "onedrive", "teams" };

      for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
        {
          g_assert_cmpstr (json_object_get_string_member (service (&run, ids[i]), "state"), ==, "protected");
          /* Read from the simulated console's policy list, not assumed */
          g_assert_cmpstr (json_object_get_string_member (service (&run, ids[i]), "policy"), ==, "on");
          g_assert_true (json_object_get_boolean_member (service (&run, ids[i]), "scanning"));
        }
      g_assert_null (strstr (run.verdict, kaitsu_service_get_name (KAITSU_SERVICE_ONEDRIVE)));
      g_assert_cmpint (json_object_get_int_member (service (&run, "exchange-online"), "consents"), ==,
                       test->exchange_consents);
    }
  /* A mistyped password is typed again on the same page: one attempt, no failure */
  if (g_str_equal (test->scenarios, "wrong-password"))
    g_assert_cmpint (json_object_get_int_member (service (&run, "exchange-online"), "attempts"), ==, 1);
  if (strstr (test->scenarios, "policy-off") != NULL)
    {
      /* Granted, and said plainly not to be scanning: by name, and only that one */
      g_assert_cmpstr (json_object_get_string_member (service (&run, "onedrive"), "state"), ==, "protected");
      g_assert_cmpstr (json_object_get_string_member (service (&run, "onedrive"), "policy"), ==, "off");
      g_assert_false (json_object_get_boolean_member (service (&run, "onedrive"), "scanning"));
      g_assert_cmpstr (json_object_get_string_member (service (&run, "exchange-online"), "policy"), ==, "on");
      g_assert_nonnull (strstr (run.verdict, kaitsu_service_get_name (KAITSU_SERVICE_ONEDRIVE)));
      g_assert_null (strstr (run.verdict, kaitsu_service_get_name (KAITSU_SERVICE_EXCHANGE_ONLINE)));
    }
  run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *state = g_dir_make_tmp ("kaitsu-practice-state-XXXXXX", &error);

  g_assert_no_error (error);
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  kaitsu_test_init_gtk (&argc, &argv);
  g_test_add_func ("/practice/all-services", test_all_services);
  g_test_add_func ("/practice/faults", test_faults);
  g_test_add_func ("/practice/blocked-53003", test_blocked);
  g_test_add_func ("/practice/teams-appinv", test_teams_appinv);
  g_test_add_func ("/practice/teams-appinv-retired", test_teams_appinv_retired);
  g_test_add_func ("/practice/hostile-page", test_hostile_page);
  g_test_add_func ("/practice/pending-stuck", test_pending_stuck);
  g_test_add_func ("/practice/wrong-service", test_wrong_service);
  for (guint i = 0; i < G_N_ELEMENTS (scenario_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/practice/scenario/%s", scenario_cases[i].scenarios);

      g_test_add_data_func (path, &scenario_cases[i], test_scenario);
    }
  return g_test_run ();
}
