/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window.c: the real main window under Xvfb: navigation, every page, resume */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "kaitsu-activation.h"
#include "kaitsu-application.h"
#include "kaitsu-console-status.h"
#include "kaitsu-link-row.h"
#include "kaitsu-mail.h"
#include "prepare/kaitsu-prepare-page.h"
#include "kaitsu-row.h"
#include "kaitsu-service-status.h"
#include "kaitsu-session.h"
#include "kaitsu-test-util.h"
#include "kaitsu-window.h"
#include "protection/kaitsu-protection-page.h"

static const char *
lang (void)
{
  return kaitsu_test_ui_is_japanese () ? "ja" : "en";
}

static KaitsuWindow *
open_window (KaitsuFlow *flow)
{
  KaitsuWindow *window = kaitsu_window_new (NULL, flow);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  kaitsu_test_wait_until_mapped (GTK_WIDGET (window), "the window to be mapped");
  return window;
}

typedef struct
{
  GType type;
  const char *label;
} Wanted;

/* Of the type and shown, with the label (of a button or check button), if one is asked for */
static gboolean
is_wanted_widget (GtkWidget     *widget,
                  gconstpointer  data)
{
  const Wanted *wanted = data;
  const char *text = NULL;

  if (!G_TYPE_CHECK_INSTANCE_TYPE (widget, wanted->type) || !gtk_widget_get_visible (widget))
    return FALSE;
  if (GTK_IS_BUTTON (widget))
    text = gtk_button_get_label (GTK_BUTTON (widget));
  else if (GTK_IS_CHECK_BUTTON (widget))
    text = gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));
  return wanted->label == NULL || g_strcmp0 (text, wanted->label) == 0;
}

static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *label)
{
  Wanted wanted = { type, label };

  return kaitsu_test_find_widget (root, is_wanted_widget, &wanted);
}

static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
assert_shown (KaitsuWindow *window,
              KaitsuStep    step)
{
  KaitsuAssistant *assistant = kaitsu_window_get_assistant (window);
  g_autofree char *title = kaitsu_step_dup_title (step);

  g_assert_cmpint (kaitsu_flow_get_current_step (kaitsu_window_get_flow (window)), ==, step);
  g_assert_cmpint (kaitsu_page_get_step (kaitsu_assistant_get_visible_page (assistant)), ==, step);
  g_assert_cmpstr (kaitsu_window_get_title_text (window), ==, title);
  g_assert_cmpint (kaitsu_step_list_get_selected (kaitsu_window_get_step_list (window)), ==, step);
}

static void
activate_row (KaitsuWindow *window,
              KaitsuStep    step)
{
  GtkListBoxRow *row = kaitsu_step_list_get_row (kaitsu_window_get_step_list (window), step);
  GtkWidget *list = gtk_widget_get_parent (GTK_WIDGET (row));

  g_signal_emit_by_name (list, "row-activated", row);
}

static GtkWidget *find_text (GtkWidget *root, const char *needle, gboolean visible);

static void
test_navigation (void)
{
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  KaitsuWindow *window = open_window (flow);
  GtkWidget *next = kaitsu_window_get_next_button (window);
  GtkWidget *back = kaitsu_window_get_back_button (window);
  KaitsuPage *prepare;
  g_autofree char *shot = NULL;

  assert_shown (window, KAITSU_STEP_WELCOME);
  g_assert_false (gtk_widget_is_sensitive (back));
  shot = kaitsu_test_save_screenshot (GTK_WIDGET (window), kaitsu_test_ui_is_japanese ()
                                                           ? "window-ja" : "window-en");
  g_assert_true (g_file_test (shot, G_FILE_TEST_IS_REGULAR));

  click (next);
  assert_shown (window, KAITSU_STEP_PREPARE);
  g_assert_true (gtk_widget_is_sensitive (back));

  /* Next waits for the user's confirmation. */
  g_assert_false (gtk_widget_is_sensitive (next));
  prepare = kaitsu_assistant_get_page (kaitsu_window_get_assistant (window), KAITSU_STEP_PREPARE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (kaitsu_page_get_confirm (prepare)), TRUE);
  g_assert_true (gtk_widget_is_sensitive (next));
  click (next);
  assert_shown (window, KAITSU_STEP_PASSWORD);

  click (back);
  assert_shown (window, KAITSU_STEP_PREPARE);
  /* The confirmation survived the trip back. */
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (kaitsu_page_get_confirm (prepare))));

  /* The keyboard actions behind Alt+Left and Alt+Right */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "assistant.back", NULL));
  assert_shown (window, KAITSU_STEP_WELCOME);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "assistant.next", NULL));
  assert_shown (window, KAITSU_STEP_PREPARE);

  /* The step list: back to a finished step, forward to the furthest, never beyond. */
  activate_row (window, KAITSU_STEP_WELCOME);
  assert_shown (window, KAITSU_STEP_WELCOME);
  activate_row (window, KAITSU_STEP_PASSWORD);
  assert_shown (window, KAITSU_STEP_PASSWORD);
  activate_row (window, KAITSU_STEP_CONSOLE);
  assert_shown (window, KAITSU_STEP_PASSWORD);
  g_assert_false (gtk_list_box_row_get_activatable (
    kaitsu_step_list_get_row (kaitsu_window_get_step_list (window), KAITSU_STEP_CONSOLE)));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The button's label, with the console's label in it as the console shows it */
static const char *
pressed_label (void)
{
  static char *label;

  if (label == NULL)
    label = kaitsu_activation_expand ("I _pressed {grant-permission}", KAITSU_SERVICE_NONE);
  g_assert_nonnull (strstr (label, "「権限の付与」"));
  return label;
}

static void
service_through (KaitsuWindow *window,
                 KaitsuStep    step)
{
  KaitsuPage *page = kaitsu_assistant_get_page (kaitsu_window_get_assistant (window), step);

  click (find_widget (GTK_WIDGET (page), GTK_TYPE_BUTTON, pressed_label ()));
  g_assert_cmpint (kaitsu_flow_get_service_state (kaitsu_window_get_flow (window),
                                                  kaitsu_step_get_service (step)),
                   ==, KAITSU_SERVICE_STATE_CONNECTING);
  g_assert_false (gtk_widget_is_sensitive (kaitsu_window_get_next_button (window)));
  click (find_widget (GTK_WIDGET (page), GTK_TYPE_BUTTON, _("The sign-in window has _closed")));
  click (find_widget (GTK_WIDGET (page), GTK_TYPE_BUTTON, _("The console shows it as p_rotected")));
}

/* GTK 4.8 gives a window the size it was asked for even when its content needs more: a page
 * too wide for its column pushes the side pane out of the window, where nobody sees it */
static void
assert_inside_window (KaitsuWindow *window,
                      GtkWidget    *widget)
{
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (widget))
    return;
  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &bounds));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (window)));
}

/* A wrapped label's text, or that of the first one inside a widget */
static GtkWidget *
first_wrapped_label (GtkWidget *widget)
{
  if (!gtk_widget_get_visible (widget))
    return NULL;
  if (GTK_IS_LABEL (widget) && gtk_label_get_wrap (GTK_LABEL (widget)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = first_wrapped_label (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* GTK places a widget that does not fill its space (halign or valign other than FILL) by asking
 * its width for its height, and a wrapped label answers that by laying its text out at width
 * after width: every allocation of the window, for every such label. None on Kaitsu's pages */
static void
collect_width_searches (GtkWidget *widget,
                        GString   *found)
{
  GtkWidget *label;

  /* libadwaita's status page centres its text by design; Kaitsu shows one only for a message
   * in place of a page (a site that cannot be reached, a mail not read yet) */
  if (!gtk_widget_get_visible (widget) || ADW_IS_STATUS_PAGE (widget))
    return;
  if ((gtk_widget_get_halign (widget) != GTK_ALIGN_FILL || gtk_widget_get_valign (widget) != GTK_ALIGN_FILL) &&
      (label = first_wrapped_label (widget)) != NULL)
    {
      g_string_append_printf (found, "%s%s (%s) holding \"%.40s\"", found->len > 0 ? "; " : "",
                              G_OBJECT_TYPE_NAME (widget), gtk_widget_get_css_name (widget),
                              gtk_label_get_text (GTK_LABEL (label)));
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_width_searches (child, found);
}

static void
assert_no_width_searches (GtkWidget *widget)
{
  g_autoptr (GString) found = g_string_new (NULL);

  collect_width_searches (widget, found);
  g_assert_cmpstr (found->str, ==, "");
}

static void
shoot_page (KaitsuWindow *window,
            KaitsuStep    step)
{
  g_autofree char *name = g_strdup_printf ("page-%02d-%s-%s", step + 1, kaitsu_step_get_id (step), lang ());
  KaitsuPage *page = kaitsu_assistant_get_visible_page (kaitsu_window_get_assistant (window));

  g_free (kaitsu_test_save_screenshot (GTK_WIDGET (window), name));
  g_assert_cmpint (kaitsu_page_get_step (page), ==, step);
  assert_inside_window (window, GTK_WIDGET (page));
  assert_inside_window (window, GTK_WIDGET (kaitsu_window_get_side_pane (window)));
  assert_no_width_searches (GTK_WIDGET (window));
  if (kaitsu_test_ui_is_japanese ())
    {
      g_autofree char *title = kaitsu_step_dup_title (step);

      /* The Japanese run shows Japanese titles, not the English source text. */
      g_assert_true (g_utf8_validate (title, -1, NULL));
      g_assert_false (g_str_is_ascii (title));
    }
}

static void
next_step (KaitsuWindow *window,
           KaitsuStep    expected)
{
  click (kaitsu_window_get_next_button (window));
  assert_shown (window, expected);
}

static void
confirm_page (KaitsuWindow *window,
              KaitsuStep    step)
{
  KaitsuPage *page = kaitsu_assistant_get_page (kaitsu_window_get_assistant (window), step);

  g_assert_nonnull (kaitsu_page_get_confirm (page));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (kaitsu_page_get_confirm (page)), TRUE);
}

static void
test_walk_every_page (void)
{
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  KaitsuWindow *window = open_window (flow);
  KaitsuPage *welcome = kaitsu_assistant_get_visible_page (kaitsu_window_get_assistant (window));
  KaitsuPage *teams;
  GtkWidget *mip_yes, *app_id_check;

  /* "Not started" is Kaitsu's own empty circle, there in the icon theme, not three dots that
   * look like a menu */
  g_assert_cmpstr (kaitsu_service_state_get_icon_name (KAITSU_SERVICE_STATE_NOT_STARTED), !=, "content-loading-symbolic");
  g_assert_true (gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (window))),
                                          kaitsu_service_state_get_icon_name (KAITSU_SERVICE_STATE_NOT_STARTED)));
  mip_yes = find_widget (GTK_WIDGET (welcome), GTK_TYPE_CHECK_BUTTON, _("_Yes"));
  g_assert_nonnull (mip_yes);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (mip_yes), TRUE);
  g_assert_cmpint (kaitsu_flow_get_mip_use (flow), ==, KAITSU_MIP_YES);
  shoot_page (window, KAITSU_STEP_WELCOME);

  next_step (window, KAITSU_STEP_PREPARE);
  shoot_page (window, KAITSU_STEP_PREPARE);
  confirm_page (window, KAITSU_STEP_PREPARE);
  next_step (window, KAITSU_STEP_PASSWORD);
  shoot_page (window, KAITSU_STEP_PASSWORD);
  /* No mail read: the step says which mail it needs, from whom, and where to give it */
  {
    GtkWidget *password = GTK_WIDGET (kaitsu_assistant_get_page (kaitsu_window_get_assistant (window), KAITSU_STEP_PASSWORD));

    g_assert_nonnull (find_text (password, KAITSU_MAIL_SUBJECT "」", TRUE));
    g_assert_nonnull (find_text (password, KAITSU_MAIL_SENDER, TRUE));
    /* and where its page would be, not a blank view */
    g_assert_nonnull (find_text (GTK_WIDGET (kaitsu_guide_get_browser (kaitsu_window_get_guide (window))),
                                 _("The activation mail is needed"), TRUE));
  }
  confirm_page (window, KAITSU_STEP_PASSWORD);
  next_step (window, KAITSU_STEP_LOGIN);
  shoot_page (window, KAITSU_STEP_LOGIN);
  confirm_page (window, KAITSU_STEP_LOGIN);
  next_step (window, KAITSU_STEP_CONSOLE);
  shoot_page (window, KAITSU_STEP_CONSOLE);
  confirm_page (window, KAITSU_STEP_CONSOLE);

  next_step (window, KAITSU_STEP_EXCHANGE_ONLINE);
  shoot_page (window, KAITSU_STEP_EXCHANGE_ONLINE);
  service_through (window, KAITSU_STEP_EXCHANGE_ONLINE);
  next_step (window, KAITSU_STEP_SHAREPOINT_ONLINE);
  service_through (window, KAITSU_STEP_SHAREPOINT_ONLINE);
  shoot_page (window, KAITSU_STEP_SHAREPOINT_ONLINE);
  next_step (window, KAITSU_STEP_ONEDRIVE);
  service_through (window, KAITSU_STEP_ONEDRIVE);
  shoot_page (window, KAITSU_STEP_ONEDRIVE);
  next_step (window, KAITSU_STEP_TEAMS);

  /* The Teams page turns on the SharePoint app-permission step when the console shows an App ID. */
  teams = kaitsu_assistant_get_page (kaitsu_window_get_assistant (window), KAITSU_STEP_TEAMS);
  {
    g_autofree char *app_id_label = kaitsu_activation_expand ("The console shows an {app-id} for Microsoft _Teams",
                                                              KAITSU_SERVICE_NONE);
    app_id_check = find_widget (GTK_WIDGET (teams), GTK_TYPE_CHECK_BUTTON, app_id_label);
  }
  g_assert_nonnull (app_id_check);
  g_assert_false (kaitsu_flow_step_is_visible (flow, KAITSU_STEP_TEAMS_APP_PERMISSION));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (app_id_check), TRUE);
  g_assert_true (kaitsu_flow_step_is_visible (flow, KAITSU_STEP_TEAMS_APP_PERMISSION));
  click (find_widget (GTK_WIDGET (teams), GTK_TYPE_BUTTON, pressed_label ()));
  shoot_page (window, KAITSU_STEP_TEAMS);
  /* Teams Chat's warning is said in sub-step ①, where the service is chosen */
  {
    KaitsuPage *page = kaitsu_assistant_get_page (kaitsu_window_get_assistant (window), KAITSU_STEP_TEAMS);
    g_autofree char *warning = kaitsu_step_dup_warning (KAITSU_STEP_TEAMS, 0);
    GtkWidget *label = find_text (GTK_WIDGET (page), warning, TRUE);
    GtkWidget *note, *substep;

    g_assert_cmpint (kaitsu_step_get_warning_substep (KAITSU_STEP_TEAMS, 0), ==, 0);
    g_assert_nonnull (label);
    /* its own row, styled as a warning, inside the first sub-step's row */
    note = gtk_widget_get_ancestor (label, KAITSU_TYPE_ROW);
    g_assert_true (gtk_widget_has_css_class (note, "substep-warning"));
    substep = gtk_widget_get_ancestor (gtk_widget_get_parent (note), KAITSU_TYPE_ROW);
    g_assert_nonnull (substep);
    g_assert_true (gtk_widget_has_css_class (substep, "substep"));
    g_assert_null (gtk_widget_get_prev_sibling (substep));
  }
  click (find_widget (GTK_WIDGET (teams), GTK_TYPE_BUTTON, _("The console shows it as p_rotected")));

  next_step (window, KAITSU_STEP_TEAMS_APP_PERMISSION);
  {
    KaitsuPage *page = kaitsu_assistant_get_visible_page (kaitsu_window_get_assistant (window));
    GtkWidget *entry = find_widget (GTK_WIDGET (page), GTK_TYPE_ENTRY, NULL);

    gtk_editable_set_text (GTK_EDITABLE (entry), "example");
  }
  shoot_page (window, KAITSU_STEP_TEAMS_APP_PERMISSION);
  confirm_page (window, KAITSU_STEP_TEAMS_APP_PERMISSION);
  next_step (window, KAITSU_STEP_VERIFY);
  shoot_page (window, KAITSU_STEP_VERIFY);
  g_assert_true (kaitsu_flow_all_chosen_protected (flow));
  /* Granted by hand, no policy read: the user may go on only on their word */
  next_step (window, KAITSU_STEP_POLICIES);
  g_assert_false (kaitsu_flow_can_go_next (flow));
  kaitsu_flow_set_service_policy (flow, KAITSU_SERVICE_EXCHANGE_ONLINE, KAITSU_POLICY_ON, "初期設定の高度な脅威対策ポリシー");
  kaitsu_flow_set_service_policy (flow, KAITSU_SERVICE_ONEDRIVE, KAITSU_POLICY_OFF, NULL);
  shoot_page (window, KAITSU_STEP_POLICIES);
  confirm_page (window, KAITSU_STEP_POLICIES);
  next_step (window, KAITSU_STEP_MIP);
  shoot_page (window, KAITSU_STEP_MIP);
  confirm_page (window, KAITSU_STEP_MIP);
  next_step (window, KAITSU_STEP_SETTINGS);
  shoot_page (window, KAITSU_STEP_SETTINGS);
  next_step (window, KAITSU_STEP_FINISH);
  shoot_page (window, KAITSU_STEP_FINISH);
  /* The end names what is missing, service by service, and what is not */
  {
    KaitsuPage *finish = kaitsu_assistant_get_page (kaitsu_window_get_assistant (window), KAITSU_STEP_FINISH);
    g_autofree char *verdict = kaitsu_protection_dup_verdict (flow);

    g_assert_nonnull (find_text (GTK_WIDGET (finish), verdict, FALSE));
    g_assert_nonnull (strstr (verdict, "OneDrive"));
    g_assert_nonnull (strstr (verdict, "SharePoint Online"));
    g_assert_null (strstr (verdict, "Exchange Online"));
    g_assert_false (kaitsu_flow_all_chosen_scanning (flow));
    /* …and offers a way to close */
    g_assert_true (gtk_widget_get_visible (find_widget (GTK_WIDGET (finish), GTK_TYPE_BUTTON, _("_Close Kaitsu"))));
  }
  g_assert_false (gtk_widget_get_visible (kaitsu_window_get_next_button (window)));

  /* Every step is now done or current, and the side pane has followed along. */
  for (KaitsuStep step = 0; step < KAITSU_STEP_FINISH; step++)
    g_assert_cmpint (kaitsu_flow_get_step_state (flow, step), ==, KAITSU_STEP_STATE_DONE);
  g_assert_cmpuint (kaitsu_side_pane_get_timeline_length (kaitsu_window_get_side_pane (window)), >=, 20);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_one_at_a_time_on_screen (void)
{
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  KaitsuWindow *window = NULL;
  KaitsuPage *sharepoint;
  GtkWidget *start;

  /* Exchange is still syncing while the user looks at the SharePoint page. */
  kaitsu_flow_restore_position (flow, KAITSU_STEP_SHAREPOINT_ONLINE, KAITSU_STEP_SHAREPOINT_ONLINE);
  g_assert_true (kaitsu_flow_start_service (flow, KAITSU_SERVICE_EXCHANGE_ONLINE, NULL));
  kaitsu_flow_service_syncing (flow, KAITSU_SERVICE_EXCHANGE_ONLINE);
  window = open_window (flow);
  sharepoint = kaitsu_assistant_get_visible_page (kaitsu_window_get_assistant (window));
  g_assert_cmpint (kaitsu_page_get_step (sharepoint), ==, KAITSU_STEP_SHAREPOINT_ONLINE);
  start = find_widget (GTK_WIDGET (sharepoint), GTK_TYPE_BUTTON, pressed_label ());
  g_assert_nonnull (start);
  g_assert_false (gtk_widget_is_sensitive (start));
  kaitsu_test_save_screenshot (GTK_WIDGET (window), kaitsu_test_ui_is_japanese ()
                                                    ? "busy-ja" : "busy-en");

  kaitsu_flow_service_protected (flow, KAITSU_SERVICE_EXCHANGE_ONLINE);
  g_assert_true (gtk_widget_is_sensitive (start));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Any label under @root whose text holds @needle, shown or not; with @visible, shown only */
typedef struct
{
  const char *needle;
  gboolean visible;
} TextWanted;

static gboolean
holds_text (GtkWidget     *widget,
            gconstpointer  data)
{
  const TextWanted *wanted = data;

  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), wanted->needle) != NULL &&
         (!wanted->visible || gtk_widget_is_visible (widget));
}

static GtkWidget *
find_text (GtkWidget  *root,
           const char *needle,
           gboolean    visible)
{
  TextWanted wanted = { needle, visible };

  return kaitsu_test_find_widget (root, holds_text, &wanted);
}

/* 「保留」 for twenty minutes: the page gives the manual's advice for pending that lasts */
static void
test_long_pending (void)
{
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *counted = g_strdup_printf (ngettext ("Still {pending} after %d minute. Switch to another screen of the console and back. If it is still {pending}, wait a few hours, then grant this service again.",
                                                        "Still {pending} after %d minutes. Switch to another screen of the console and back. If it is still {pending}, wait a few hours, then grant this service again.",
                                                        20), 20);
  g_autofree char *advice = kaitsu_label_fill (counted, KAITSU_SERVICE_NONE);
  KaitsuWindow *window;
  KaitsuPage *page;

  kaitsu_flow_restore_position (flow, KAITSU_STEP_EXCHANGE_ONLINE, KAITSU_STEP_EXCHANGE_ONLINE);
  kaitsu_flow_restore_service (flow, KAITSU_SERVICE_EXCHANGE_ONLINE, KAITSU_SERVICE_STATE_SYNCING, 1, NULL,
                               now - 21 * 60, now - 20 * 60 - 5);
  window = open_window (flow);
  page = kaitsu_assistant_get_page (kaitsu_window_get_assistant (window), KAITSU_STEP_EXCHANGE_ONLINE);
  /* The console's own word, as it shows it */
  g_assert_nonnull (strstr (advice, "「保留」"));
  g_assert_nonnull (find_text (GTK_WIDGET (page), advice, FALSE));
  /* Protected at last: the advice goes */
  kaitsu_flow_service_protected (flow, KAITSU_SERVICE_EXCHANGE_ONLINE);
  g_assert_null (find_text (GTK_WIDGET (page), advice, FALSE));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Confirmed by hand where the console was not read: shown and reported as such, until the
 * console says so itself */
static void
test_protected_by_hand (void)
{
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  KaitsuWindow *window;
  KaitsuPage *page;
  g_autofree char *report = NULL;
  g_autofree char *text = NULL;

  kaitsu_flow_restore_position (flow, KAITSU_STEP_EXCHANGE_ONLINE, KAITSU_STEP_EXCHANGE_ONLINE);
  window = open_window (flow);
  page = kaitsu_assistant_get_page (kaitsu_window_get_assistant (window), KAITSU_STEP_EXCHANGE_ONLINE);
  click (find_widget (GTK_WIDGET (page), GTK_TYPE_BUTTON, pressed_label ()));
  click (find_widget (GTK_WIDGET (page), GTK_TYPE_BUTTON, _("The console shows it as p_rotected")));
  g_assert_cmpint (kaitsu_flow_get_service_state (flow, KAITSU_SERVICE_EXCHANGE_ONLINE), ==, KAITSU_SERVICE_STATE_PROTECTED);
  g_assert_true (kaitsu_flow_get_service_by_hand (flow, KAITSU_SERVICE_EXCHANGE_ONLINE));
  g_assert_nonnull (find_text (GTK_WIDGET (kaitsu_window_get_side_pane (window)), _("Access granted (confirmed by you)"), TRUE));
  report = kaitsu_window_dup_report (window, TRUE, FALSE, 0);
  g_assert_nonnull (strstr (report, "\"confirmed_by_hand\" : true"));
  text = kaitsu_window_dup_report (window, FALSE, FALSE, 0);
  g_assert_nonnull (strstr (text, _(" (confirmed by hand, not read from the console)")));
  kaitsu_test_save_screenshot (GTK_WIDGET (window), kaitsu_test_ui_is_japanese () ? "by-hand-ja" : "by-hand-en");

  /* The console confirms it: an ordinary "protected" */
  kaitsu_flow_service_protected (flow, KAITSU_SERVICE_EXCHANGE_ONLINE);
  g_assert_false (kaitsu_flow_get_service_by_hand (flow, KAITSU_SERVICE_EXCHANGE_ONLINE));
  g_assert_null (find_text (GTK_WIDGET (kaitsu_window_get_side_pane (window)), _("Access granted (confirmed by you)"), TRUE));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
scrolled_away_from_top (gpointer data)
{
  return gtk_adjustment_get_value (data) > 0;
}

/* The divider between the page and the web view can be seen, and stays where the user left it
 * for each kind of step (the four services share one place), also at the next start; the
 * highlighted sub-step scrolls into view */
static void
test_divider_and_substep (void)
{
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GVariant) saved = NULL;
  KaitsuWindow *window;
  GtkPaned *paned;
  KaitsuPage *page;
  GtkWidget *scroller;
  int position = 0;

  g_settings_reset (settings, "divider-positions");
  /* Every sub-step shown, so the page is long (collapsed, see /window/instructions-collapse) */
  g_settings_set_boolean (settings, "show-every-substep", TRUE);
  kaitsu_flow_restore_position (flow, KAITSU_STEP_TEAMS, KAITSU_STEP_EXCHANGE_ONLINE);
  window = open_window (flow);
  paned = GTK_PANED (find_widget (GTK_WIDGET (window), GTK_TYPE_PANED, NULL));
  g_assert_nonnull (paned);
  g_assert_true (gtk_paned_get_wide_handle (paned));

  /* Dragged lower on one service step: the next service step opens with it there */
  gtk_paned_set_position (paned, 420);
  g_assert_true (kaitsu_flow_go_to (flow, KAITSU_STEP_SHAREPOINT_ONLINE, NULL));
  kaitsu_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_cmpint (gtk_paned_get_position (paned), ==, 420);
  /* Another kind of step keeps its own */
  g_assert_true (kaitsu_flow_go_to (flow, KAITSU_STEP_CONSOLE, NULL));
  kaitsu_test_wait_for_frame (GTK_WIDGET (window));
  gtk_paned_set_position (paned, 260);
  g_assert_true (kaitsu_flow_go_to (flow, KAITSU_STEP_ONEDRIVE, NULL));
  kaitsu_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_cmpint (gtk_paned_get_position (paned), ==, 420);

  /* The last sub-step, far down a long page in a small view, comes into sight */
  page = kaitsu_assistant_get_page (kaitsu_window_get_assistant (window), KAITSU_STEP_ONEDRIVE);
  scroller = gtk_widget_get_ancestor (GTK_WIDGET (page), GTK_TYPE_SCROLLED_WINDOW);
  gtk_paned_set_position (paned, 150);
  kaitsu_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller))), ==, 0);
  kaitsu_page_set_active_substep (page, (int) kaitsu_step_get_n_substeps (KAITSU_STEP_ONEDRIVE) - 1);
  kaitsu_test_wait_until (scrolled_away_from_top, gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)),
                          "the highlighted sub-step in sight");

  /* Kept for the next start */
  gtk_paned_set_position (paned, 400);
  gtk_window_close (GTK_WINDOW (window));
  saved = g_settings_get_value (settings, "divider-positions");
  g_assert_true (g_variant_lookup (saved, "service", "i", &position));
  g_assert_cmpint (position, ==, 400);
  g_assert_true (g_variant_lookup (saved, "console", "i", &position));
  g_assert_cmpint (position, ==, 260);
  g_settings_reset (settings, "divider-positions");
  g_settings_reset (settings, "show-every-substep");
}

/* The shown sub-step rows of a page, by index, as a string such as "0 1 2" */
static char *
dup_shown_substeps (KaitsuPage *page)
{
  GString *shown = g_string_new (NULL);
  guint n = kaitsu_step_get_n_substeps (kaitsu_page_get_step (page));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = kaitsu_step_dup_substep_text (kaitsu_page_get_step (page), i);
      GtkWidget *label = find_text (GTK_WIDGET (page), text, FALSE);
      GtkWidget *row = label != NULL ? gtk_widget_get_ancestor (label, KAITSU_TYPE_ROW) : NULL;

      g_assert_nonnull (row);
      if (gtk_widget_is_visible (row) && gtk_widget_get_mapped (label))
        g_string_append_printf (shown, "%s%u", shown->len > 0 ? " " : "", i);
    }
  return g_string_free (shown, FALSE);
}

static gboolean
is_toggle_button (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_TOGGLE_BUTTON (widget) && gtk_widget_get_visible (widget);
}

/* On a web step the instructions shrink to the sub-step at hand, the divider sits just below
 * them and the page gets the rest; a button brings back every sub-step and the tips, and the
 * choice holds for every web step. Steps without a page show everything. */
static void
test_instructions_collapse (void)
{
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  guint n = kaitsu_step_get_n_substeps (KAITSU_STEP_ONEDRIVE);
  g_autofree char *every = g_strdup_printf (ngettext ("Show _Every Instruction (%u)", "Show _Every Instruction (%u)", n), n);
  g_autofree char *shown = NULL;
  g_autofree char *tip = kaitsu_step_dup_advice (KAITSU_STEP_ONEDRIVE, 0);
  KaitsuWindow *window;
  GtkPaned *paned;
  KaitsuPage *page;
  GtkWidget *button, *scroller;
  GtkAdjustment *adjustment;

  g_settings_reset (settings, "divider-positions");
  g_settings_reset (settings, "show-every-substep");
  g_assert_cmpuint (n, >, 2);
  g_assert_cmpuint (kaitsu_step_get_n_advice (KAITSU_STEP_ONEDRIVE), >, 0);
  kaitsu_flow_restore_position (flow, KAITSU_STEP_ONEDRIVE, KAITSU_STEP_TEAMS);
  window = open_window (flow);
  paned = GTK_PANED (find_widget (GTK_WIDGET (window), GTK_TYPE_PANED, NULL));
  page = kaitsu_assistant_get_page (kaitsu_window_get_assistant (window), KAITSU_STEP_ONEDRIVE);
  kaitsu_test_wait_for_frame (GTK_WIDGET (window));

  /* Before any page says where the user is: the first sub-step, and the way to the others */
  shown = dup_shown_substeps (page);
  g_assert_cmpstr (shown, ==, "0");
  g_assert_null (find_text (GTK_WIDGET (page), tip, TRUE));
  button = kaitsu_test_find_widget (GTK_WIDGET (page), is_toggle_button, NULL);
  g_assert_nonnull (button);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  g_assert_nonnull (find_text (button, every, TRUE));

  /* The divider sits just below the sub-step and the button, in sight without scrolling, and
   * the page below gets more room than it did (300 px of instructions) */
  scroller = gtk_widget_get_ancestor (GTK_WIDGET (page), GTK_TYPE_SCROLLED_WINDOW);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  {
    graphene_rect_t bounds;

    g_assert_true (gtk_widget_compute_bounds (button, scroller, &bounds));
    g_test_message ("divider at %d px; the button ends at %.0f px of a view of %.0f px",
                    gtk_paned_get_position (paned), bounds.origin.y + bounds.size.height,
                    gtk_adjustment_get_page_size (adjustment));
    g_assert_cmpint (gtk_paned_get_position (paned), <, 300);
    g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
    g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_adjustment_get_page_size (adjustment));
    /* and not far above it: the page gets the rest */
    g_assert_cmpfloat (bounds.origin.y + bounds.size.height, >=, gtk_adjustment_get_page_size (adjustment) - 40);
  }
  kaitsu_test_save_screenshot (GTK_WIDGET (window), "instructions-collapsed");

  /* The page on view is at the third sub-step: that one alone */
  kaitsu_page_set_active_substep (page, 2);
  kaitsu_test_wait_for_frame (GTK_WIDGET (window));
  g_free (shown);
  shown = dup_shown_substeps (page);
  g_assert_cmpstr (shown, ==, "2");

  /* Every sub-step and the tips, on this step and the others with a page */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
  kaitsu_test_wait_for_frame (GTK_WIDGET (window));
  g_free (shown);
  shown = dup_shown_substeps (page);
  {
    g_autoptr (GString) all = g_string_new ("0");

    for (guint i = 1; i < n; i++)
      g_string_append_printf (all, " %u", i);
    g_assert_cmpstr (shown, ==, all->str);
  }
  g_assert_nonnull (find_text (GTK_WIDGET (page), tip, TRUE));
  g_assert_true (g_settings_get_boolean (settings, "show-every-substep"));
  g_assert_true (kaitsu_flow_go_to (flow, KAITSU_STEP_EXCHANGE_ONLINE, NULL));
  kaitsu_test_wait_for_frame (GTK_WIDGET (window));
  g_free (shown);
  shown = dup_shown_substeps (kaitsu_assistant_get_page (kaitsu_window_get_assistant (window), KAITSU_STEP_EXCHANGE_ONLINE));
  g_assert_cmpuint (strlen (shown), >, 1);

  /* The button can be reached from the keyboard by its mnemonic */
  {
    GtkWidget *label = find_text (button, "", TRUE);

    g_assert_nonnull (label);
    g_assert_cmpuint (gtk_label_get_mnemonic_keyval (GTK_LABEL (label)), !=, GDK_KEY_VoidSymbol);
  }
  /* Back to the one at hand where the choice is kept */
  g_settings_set_boolean (settings, "show-every-substep", FALSE);
  kaitsu_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_true (kaitsu_flow_go_to (flow, KAITSU_STEP_ONEDRIVE, NULL));
  kaitsu_test_wait_for_frame (GTK_WIDGET (window));
  g_free (shown);
  shown = dup_shown_substeps (page);
  g_assert_cmpstr (shown, ==, "2");

  /* A step without a page shows all it says */
  g_assert_true (kaitsu_flow_go_to (flow, KAITSU_STEP_PREPARE, NULL));
  kaitsu_test_wait_for_frame (GTK_WIDGET (window));
  page = kaitsu_assistant_get_page (kaitsu_window_get_assistant (window), KAITSU_STEP_PREPARE);
  g_assert_null (kaitsu_test_find_widget (GTK_WIDGET (page), is_toggle_button, NULL));
  g_free (shown);
  shown = dup_shown_substeps (page);
  {
    g_auto (GStrv) rows = g_strsplit (shown, " ", -1);

    g_assert_cmpuint (g_strv_length (rows), ==, kaitsu_step_get_n_substeps (KAITSU_STEP_PREPARE));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "divider-positions");
  g_settings_reset (settings, "show-every-substep");
}

/* The About window's licence is Kaitsu's own text, translated (GTK's GPL sentence is not) */
static guint
count_hidden_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint hidden = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (!gtk_widget_get_visible (window))
        hidden++;
    }
  return hidden;
}

static gboolean
shortcuts_gone (gpointer n_windows)
{
  return g_list_model_get_n_items (gtk_window_get_toplevels ()) == GPOINTER_TO_UINT (n_windows);
}

/* No window is kept hidden: GTK 4.8's AT-SPI root answers a screen reader that asks for a
 * window past the end of its list with the last one, and a hidden one crashed Kaitsu. The
 * keyboard shortcuts are built when asked for, over the window, and gone once closed */
static void
test_no_hidden_window (void)
{
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  KaitsuWindow *window = open_window (flow);
  guint n_windows = g_list_model_get_n_items (gtk_window_get_toplevels ());
  GtkWidget *shortcuts;

  kaitsu_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_cmpuint (count_hidden_windows (), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, n_windows + 1);
  {
    g_autoptr (GtkWidget) last = g_list_model_get_item (gtk_window_get_toplevels (), n_windows);

    shortcuts = last;
  }
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (shortcuts));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (shortcuts)) == GTK_WINDOW (window));
  kaitsu_test_wait_until_mapped (shortcuts, "the shortcuts window");
  /* Asked again: the same one, not a second */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, n_windows + 1);
  g_assert_cmpuint (count_hidden_windows (), ==, 0);

  gtk_window_close (GTK_WINDOW (shortcuts));
  kaitsu_test_wait_until (shortcuts_gone, GUINT_TO_POINTER (n_windows), "the shortcuts window to go");
  g_assert_cmpuint (count_hidden_windows (), ==, 0);

  /* Left open, it goes with the window */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, n_windows + 1);
  gtk_window_destroy (GTK_WINDOW (window));
  kaitsu_test_wait_until (shortcuts_gone, GUINT_TO_POINTER (n_windows - 1), "both windows to go");
}

static void
test_about (void)
{
  GtkWidget *about = kaitsu_application_new_about_dialog (NULL);
  GtkLicense type;
  g_autofree char *license = NULL;
  g_autofree char *debug_info = NULL;

  /* GNOME's About window, with the versions support asks for */
  g_assert_true (ADW_IS_ABOUT_WINDOW (about));
  g_object_get (about, "license-type", &type, "license", &license, "debug-info", &debug_info, NULL);
  g_assert_cmpint (type, ==, GTK_LICENSE_CUSTOM);
  g_assert_nonnull (strstr (debug_info, "libadwaita 1."));
  g_assert_nonnull (strstr (debug_info, "WebKitGTK 2."));
  g_assert_nonnull (strstr (license, "https://www.gnu.org/licenses/gpl-3.0.html"));
  if (kaitsu_test_ui_is_japanese ())
    g_assert_nonnull (strstr (license, "GNU 一般公衆利用許諾書"));
  gtk_window_destroy (GTK_WINDOW (about));
}

/* WCAG's relative luminance and contrast ratio */
static double
luminance (const GdkRGBA *c)
{
  double channel[3] = { c->red, c->green, c->blue };

  for (guint i = 0; i < 3; i++)
    channel[i] = channel[i] <= 0.03928 ? channel[i] / 12.92 : pow ((channel[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * channel[0] + 0.7152 * channel[1] + 0.0722 * channel[2];
}

/* A label's text colour, drawn over the window's background, against that background */
static double
text_contrast (GtkWidget *label)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (label);
  GdkRGBA fg, bg, drawn;

  gtk_style_context_get_color (context, &fg);
  g_assert_true (gtk_style_context_lookup_color (context, "window_bg_color", &bg));
  G_GNUC_END_IGNORE_DEPRECATIONS
  drawn = (GdkRGBA) { fg.red * fg.alpha + bg.red * (1 - fg.alpha),
                      fg.green * fg.alpha + bg.green * (1 - fg.alpha),
                      fg.blue * fg.alpha + bg.blue * (1 - fg.alpha), 1 };
  return (MAX (luminance (&drawn), luminance (&bg)) + 0.05) / (MIN (luminance (&drawn), luminance (&bg)) + 0.05);
}

/* Kaitsu's own choice of renderer, on a display of its own (this process's default display was
 * decided at start, under the test environment's GSK_RENDERER): where GL is drawn by the
 * processor, as under Xvfb, a window gets the cairo renderer; where GL is a graphics card's, GTK
 * keeps its GL renderer; with no GL at all, GTK draws with cairo by itself. In a process of its
 * own: a second display's windows upset GTK 4.8's list of windows for the tests after it. */
static void
test_renderer (void)
{
  GdkDisplay *display;
  GtkWidget *window;
  GskRenderer *renderer;
  const char *software;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }
  g_unsetenv ("GSK_RENDERER");
  display = gdk_display_open (NULL);
  g_assert_nonnull (display);
  kaitsu_application_choose_renderer (display);
  software = kaitsu_application_get_software_gl (display);
  window = gtk_window_new ();
  gtk_window_set_display (GTK_WINDOW (window), display);
  gtk_widget_realize (window);
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  g_printerr ("software GL: %s; renderer: %s\n", software != NULL ? software : "none",
              G_OBJECT_TYPE_NAME (renderer));
  if (software != NULL)
    {
      g_assert_true (strstr (software, "llvmpipe") != NULL || strstr (software, "softpipe") != NULL ||
                     strstr (software, "swrast") != NULL);
      g_assert_true (GSK_IS_CAIRO_RENDERER (renderer));
    }
  else if (gdk_display_prepare_gl (display, NULL))
    g_assert_false (GSK_IS_CAIRO_RENDERER (renderer));
  /* Asked again, the choice stands */
  kaitsu_application_choose_renderer (display);
  g_assert_true (kaitsu_application_get_software_gl (display) == software);
  gtk_window_destroy (GTK_WINDOW (window));
  gdk_display_close (display);
}

/* Success, warning and error texts are read, not glanced at: 4.5:1 at least, in the light
 * and the dark style (libadwaita's own success and warning colours are a little under that
 * on the window's background) */
static void
test_contrast (void)
{
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  AdwStyleManager *style = adw_style_manager_get_default ();
  const AdwColorScheme schemes[] = { ADW_COLOR_SCHEME_FORCE_LIGHT, ADW_COLOR_SCHEME_FORCE_DARK };
  const char *classes[] = { "success", "warning", "error" };
  KaitsuWindow *window;
  GtkWidget *labels[G_N_ELEMENTS (classes)];
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *probe = gtk_window_new ();

  kaitsu_flow_restore_position (flow, KAITSU_STEP_VERIFY, KAITSU_STEP_VERIFY);
  kaitsu_flow_service_protected (flow, KAITSU_SERVICE_EXCHANGE_ONLINE);
  window = open_window (flow);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      labels[i] = gtk_label_new (classes[i]);
      gtk_widget_add_css_class (labels[i], classes[i]);
      gtk_box_append (GTK_BOX (box), labels[i]);
    }
  gtk_window_set_child (GTK_WINDOW (probe), box);
  gtk_window_present (GTK_WINDOW (probe));
  kaitsu_test_wait_until_mapped (probe, "the probe window to be mapped");
  for (guint s = 0; s < G_N_ELEMENTS (schemes); s++)
    {
      adw_style_manager_set_color_scheme (style, schemes[s]);
      g_assert_cmpint (adw_style_manager_get_dark (style), ==, schemes[s] == ADW_COLOR_SCHEME_FORCE_DARK);
      kaitsu_test_wait_for_frame (GTK_WIDGET (window));
      kaitsu_test_wait_for_frame (probe);
      for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
        {
          double ratio = text_contrast (labels[i]);

          g_test_message ("%s text, %s style: %.2f:1", classes[i], adw_style_manager_get_dark (style) ? "dark" : "light", ratio);
          g_assert_cmpfloat (ratio, >=, 4.5);
        }
      if (adw_style_manager_get_dark (style))
        kaitsu_test_save_screenshot (GTK_WIDGET (window), kaitsu_test_ui_is_japanese () ? "dark-ja" : "dark-en");
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (probe));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Filled again, a list keeps the rows whose service shows the same, and makes anew only the row
 * that changed, with its new words */
static void
test_service_rows_kept (void)
{
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  GtkListBox *list = GTK_LIST_BOX (g_object_ref_sink (gtk_list_box_new ()));
  GtkListBoxRow *rows[KAITSU_N_SERVICES];
  guint n = 0;

  kaitsu_service_status_list_fill (list, flow, TRUE);
  while (n < KAITSU_N_SERVICES && (rows[n] = gtk_list_box_get_row_at_index (list, n)) != NULL)
    n++;
  g_assert_cmpuint (n, >=, 2);
  kaitsu_service_status_list_fill (list, flow, TRUE);
  for (guint i = 0; i < n; i++)
    g_assert_true (gtk_list_box_get_row_at_index (list, i) == rows[i]);

  kaitsu_flow_set_service_policy (flow, KAITSU_SERVICE_SHAREPOINT_ONLINE, KAITSU_POLICY_OFF, NULL);
  kaitsu_service_status_list_fill (list, flow, TRUE);
  g_assert_true (gtk_list_box_get_row_at_index (list, 0) == rows[0]);
  g_assert_false (gtk_list_box_get_row_at_index (list, 1) == rows[1]);
  g_assert_nonnull (find_text (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 1)),
                               kaitsu_policy_state_get_label (KAITSU_POLICY_OFF), FALSE));
  for (guint i = 2; i < n; i++)
    g_assert_true (gtk_list_box_get_row_at_index (list, i) == rows[i]);
  g_assert_null (gtk_list_box_get_row_at_index (list, n));
  g_object_unref (list);
}

static void
test_side_pane_setting (void)
{
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  KaitsuWindow *window = open_window (flow);
  GtkWidget *revealer = gtk_widget_get_parent (GTK_WIDGET (kaitsu_window_get_side_pane (window)));

  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.side-pane-visible", NULL));
  g_assert_false (g_settings_get_boolean (settings, "side-pane-visible"));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_settings_set_boolean (settings, "side-pane-visible", TRUE);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
mail_read (gpointer page)
{
  return !kaitsu_prepare_page_is_reading (page);
}

static char *
activation_mail (double      days_ago,
                 const char *reset_host)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) sent = g_date_time_add_seconds (now, -days_ago * 86400);
  g_autofree char *date = kaitsu_mail_format_date (sent);

  return g_strdup_printf ("From: PLX_account_support_MailBox@trendmicro.co.jp\n"
                          "Subject: =?UTF-8?B?5paw6KaP44Ki44Kr44Km44Oz44OI55m66KGM44Gu44GK55+l44KJ44Gb?=\n"
                          "Date: %s\nContent-Type: text/plain; charset=UTF-8\n\n"
                          "<https://clp.trendmicro.com/Dashboard?T=abc>\n会社名: 株式会社サンプル\n"
                          "アカウント名: CAS0001\n"
                          "① <https://%s/ForgetPassword/ResetPassword?T=abc&v=def>\n",
                          date, reset_host);
}

static gboolean
network_checked (gpointer page)
{
  return kaitsu_prepare_page_get_network_report (page) != NULL &&
         !kaitsu_prepare_page_is_checking_network (page);
}

static void
test_read_mail (void)
{
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  KaitsuWindow *window = NULL;
  KaitsuPage *prepare, *password;
  g_autofree char *good = activation_mail (2, "forgetpwd.trendmicro.com");
  g_autofree char *fake = activation_mail (1, "forgetpwd.trendmicro.com.evil.example");
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFileIOStream) stream = NULL;
  g_autofree char *name = NULL;

  g_assert_true (kaitsu_flow_go_next (flow, NULL));
  window = open_window (flow);
  prepare = kaitsu_assistant_get_visible_page (kaitsu_window_get_assistant (window));
  g_assert_true (KAITSU_IS_PREPARE_PAGE (prepare));

  /* Showing the page started the connection check by itself; it ends with one line per site. */
  kaitsu_test_wait_until (network_checked, prepare, "the connection check");
  g_assert_cmpuint (kaitsu_prepare_page_get_network_report (KAITSU_PREPARE_PAGE (prepare))->checks->len, >=, 4);

  /* A fake: refused, told in red, and none of its links reach the next steps. */
  kaitsu_prepare_page_read_text (KAITSU_PREPARE_PAGE (prepare), fake);
  kaitsu_test_wait_until (mail_read, prepare, "the mail to be read");
  g_assert_cmpuint (kaitsu_prepare_page_get_n_problems (KAITSU_PREPARE_PAGE (prepare), TRUE), ==, 1);
  g_assert_null (kaitsu_flow_get_reset_url (flow));
  g_assert_cmpstr (kaitsu_flow_get_login_url (flow), ==, "https://clp.trendmicro.com/Dashboard?T=abc");
  name = g_strdup_printf ("prepare-fake-%s", lang ());
  g_free (kaitsu_test_save_screenshot (GTK_WIDGET (window), name));
  g_clear_pointer (&name, g_free);

  /* The real one, from a .eml file */
  file = g_file_new_tmp ("kaitsu-XXXXXX.eml", &stream, NULL);
  g_assert_true (g_file_replace_contents (file, good, strlen (good), NULL, FALSE, 0, NULL, NULL, NULL));
  kaitsu_prepare_page_read_file (KAITSU_PREPARE_PAGE (prepare), file);
  g_assert_true (kaitsu_prepare_page_is_reading (KAITSU_PREPARE_PAGE (prepare)));
  kaitsu_test_wait_until (mail_read, prepare, "the mail to be read");
  g_assert_cmpuint (kaitsu_prepare_page_get_n_problems (KAITSU_PREPARE_PAGE (prepare), TRUE), ==, 0);
  g_assert_cmpstr (kaitsu_flow_get_account (flow), ==, "CAS0001");
  g_assert_cmpstr (kaitsu_flow_get_reset_url (flow), ==,
                   "https://forgetpwd.trendmicro.com/ForgetPassword/ResetPassword?T=abc&v=def");
  g_assert_cmpint (kaitsu_flow_get_reset_expires (flow), >, g_get_real_time () / G_USEC_PER_SEC);
  name = g_strdup_printf ("prepare-read-%s", lang ());
  g_free (kaitsu_test_save_screenshot (GTK_WIDGET (window), name));
  g_clear_pointer (&name, g_free);
  g_file_delete (file, NULL, NULL);

  /* The link is offered on the password step. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (kaitsu_page_get_confirm (prepare)), TRUE);
  next_step (window, KAITSU_STEP_PASSWORD);
  password = kaitsu_assistant_get_visible_page (kaitsu_window_get_assistant (window));
  {
    GtkWidget *row = find_widget (GTK_WIDGET (password), KAITSU_TYPE_LINK_ROW, NULL);

    g_assert_nonnull (row);
    g_assert_true (gtk_widget_get_visible (row));
    g_assert_cmpstr (kaitsu_link_row_get_uri (KAITSU_LINK_ROW (row)), ==, kaitsu_flow_get_reset_url (flow));
  }
  name = g_strdup_printf ("password-link-%s", lang ());
  g_free (kaitsu_test_save_screenshot (GTK_WIDGET (window), name));
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
page_widget (KaitsuWindow *window,
             KaitsuStep    step)
{
  return GTK_WIDGET (kaitsu_assistant_get_page (kaitsu_window_get_assistant (window), step));
}

/* The buttons that read the mail go on to a second line rather than push the side pane out of
 * the window: side by side, the three of them with their Japanese labels made the page wider than
 * its column at 1100 px, and the window cut the side pane off */
static void
test_prepare_fits (void)
{
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  g_autofree char *mail = activation_mail (2, "forgetpwd.trendmicro.com");
  KaitsuWindow *window;
  KaitsuPage *prepare;
  GtkWidget *practice, *side_pane;
  graphene_rect_t pane_bounds, button_bounds, page_bounds;
  int window_width;

  g_assert_true (kaitsu_flow_go_next (flow, NULL));
  window = kaitsu_window_new (NULL, flow);
  kaitsu_window_set_practice_mail (window, mail);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  kaitsu_test_wait_until_mapped (GTK_WIDGET (window), "the window to be mapped");
  prepare = kaitsu_assistant_get_visible_page (kaitsu_window_get_assistant (window));
  g_assert_true (KAITSU_IS_PREPARE_PAGE (prepare));
  kaitsu_test_wait_for_frame (GTK_WIDGET (window));

  practice = find_widget (GTK_WIDGET (prepare), GTK_TYPE_BUTTON, _("Use the Pr_actice Mail"));
  g_assert_nonnull (practice);
  side_pane = GTK_WIDGET (kaitsu_window_get_side_pane (window));
  g_assert_true (gtk_widget_get_mapped (side_pane));
  window_width = gtk_widget_get_width (GTK_WIDGET (window));
  g_assert_true (gtk_widget_compute_bounds (side_pane, GTK_WIDGET (window), &pane_bounds));
  g_assert_true (gtk_widget_compute_bounds (practice, GTK_WIDGET (window), &button_bounds));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (prepare), GTK_WIDGET (window), &page_bounds));
  g_test_message ("window %d px wide; the side pane ends at %.0f px, the practice button at %.0f px "
                  "of a page ending at %.0f px",
                  window_width, pane_bounds.origin.x + pane_bounds.size.width,
                  button_bounds.origin.x + button_bounds.size.width,
                  page_bounds.origin.x + page_bounds.size.width);
  g_assert_cmpint (window_width, <=, 1100);
  assert_inside_window (window, side_pane);
  g_assert_cmpfloat (button_bounds.origin.x + button_bounds.size.width, <=,
                     page_bounds.origin.x + page_bounds.size.width);
  g_free (kaitsu_test_save_screenshot (GTK_WIDGET (window), kaitsu_test_ui_is_japanese () ? "prepare-fits-ja"
                                                                                          : "prepare-fits-en"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The wrapping row on its own, in a window @width wide: its buttons take @lines lines, in order,
 * never on top of each other, none outside the row */
static void
check_wrap_box (const char *const *labels,
                guint              n,
                int                width,
                GtkTextDirection   direction,
                guint              lines)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = kaitsu_wrap_box_new (8);
  GtkWidget **buttons = g_newa (GtkWidget *, n);

  for (guint i = 0; i < n; i++)
    {
      buttons[i] = gtk_button_new_with_label (labels[i]);
      gtk_widget_set_parent (buttons[i], box);
    }
  gtk_widget_set_direction (box, direction);
  gtk_widget_set_valign (box, GTK_ALIGN_START);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 200);
  gtk_window_present (GTK_WINDOW (window));
  kaitsu_test_wait_until_mapped (window, "the window to be mapped");
  kaitsu_test_wait_for_frame (window);

  g_test_message ("%d px: %u lines", gtk_widget_get_width (box), kaitsu_wrap_box_get_n_lines (KAITSU_WRAP_BOX (box)));
  g_assert_cmpint (gtk_widget_get_width (box), ==, width);
  g_assert_cmpuint (kaitsu_wrap_box_get_n_lines (KAITSU_WRAP_BOX (box)), ==, lines);
  for (guint i = 0; i < n; i++)
    {
      graphene_rect_t bounds;

      g_assert_true (gtk_widget_compute_bounds (buttons[i], box, &bounds));
      g_assert_cmpfloat (bounds.origin.x, >=, 0);
      g_assert_cmpfloat (bounds.origin.y, >=, 0);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, width);
      g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (box));
      for (guint j = 0; j < i; j++)
        {
          graphene_rect_t other;

          g_assert_true (gtk_widget_compute_bounds (buttons[j], box, &other));
          g_assert_false (graphene_rect_intersection (&bounds, &other, NULL));
          /* Left to right, a later button on the same line is further right (left, right to left) */
          if (bounds.origin.y == other.origin.y)
            g_assert_true (direction == GTK_TEXT_DIR_RTL ? bounds.origin.x < other.origin.x
                                                         : bounds.origin.x > other.origin.x);
          else
            g_assert_cmpfloat (bounds.origin.y, >, other.origin.y);
        }
    }
  if (direction == GTK_TEXT_DIR_RTL)
    {
      graphene_rect_t first;

      g_assert_true (gtk_widget_compute_bounds (buttons[0], box, &first));
      g_assert_cmpfloat (first.origin.x + first.size.width, ==, width);
    }

  /* Tab goes from one button to the next, in the order they were added */
  gtk_widget_grab_focus (buttons[0]);
  for (guint i = 1; i < n; i++)
    {
      g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
      g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == buttons[i]);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* One line when there is room, a line per button when there is room for the widest only, two
 * lines in between; right to left, the first button is on the right */
static void
test_wrap_box (void)
{
  static const char *const labels[] = { "First button", "The second button", "Third" };
  GtkWidget *box = g_object_ref_sink (kaitsu_wrap_box_new (8));
  int widths[G_N_ELEMENTS (labels)], min_width, nat_width;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      GtkWidget *button = gtk_button_new_with_label (labels[i]);

      gtk_widget_set_parent (button, box);
      gtk_widget_measure (button, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &widths[i], NULL, NULL);
    }
  gtk_widget_measure (box, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &nat_width, NULL, NULL);
  g_assert_cmpint (min_width, ==, MAX (widths[0], MAX (widths[1], widths[2])));
  g_assert_cmpint (nat_width, ==, widths[0] + widths[1] + widths[2] + 2 * 8);
  g_object_unref (box);

  check_wrap_box (labels, G_N_ELEMENTS (labels), nat_width + 20, GTK_TEXT_DIR_LTR, 1);
  check_wrap_box (labels, G_N_ELEMENTS (labels), nat_width, GTK_TEXT_DIR_RTL, 1);
  check_wrap_box (labels, G_N_ELEMENTS (labels), widths[0] + 8 + widths[1] + 4, GTK_TEXT_DIR_LTR, 2);
  check_wrap_box (labels, G_N_ELEMENTS (labels), widths[0] + 8 + widths[1] + 4, GTK_TEXT_DIR_RTL, 2);
  check_wrap_box (labels, G_N_ELEMENTS (labels), min_width, GTK_TEXT_DIR_LTR, 3);
}

typedef struct
{
  KaitsuStep seen_step;
  gboolean banner_seen;
  guint timeline_length;
  /* Where the mail's links were once the keyring had answered, and what the password page
   * showed */
  KaitsuLinksPlace links_place;
  gboolean link_shown;
  gboolean lost_note_shown;
  gboolean screenshot;
  /* Windows the application keeps hidden (see /window/no-hidden-window), and whether
   * Ctrl+? shows the keyboard shortcuts */
  guint hidden_windows;
  gboolean shortcuts_key;
} ResumeCheck;

static gboolean
links_answered (gpointer flow)
{
  return kaitsu_flow_get_links_place (flow) != KAITSU_LINKS_AWAY;
}

static void
on_activated (GApplication *app,
              ResumeCheck  *check)
{
  KaitsuWindow *window = KAITSU_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));

  check->seen_step = kaitsu_flow_get_current_step (kaitsu_window_get_flow (window));
  kaitsu_test_wait_until (links_answered, kaitsu_window_get_flow (window), "the keyring's answer");
  check->links_place = kaitsu_flow_get_links_place (kaitsu_window_get_flow (window));
  check->link_shown = find_text (page_widget (window, KAITSU_STEP_PASSWORD), "T=tok-", FALSE) != NULL;
  check->lost_note_shown = find_text (page_widget (window, KAITSU_STEP_PASSWORD),
                                      kaitsu_test_ui_is_japanese () ? "読み出せませんでした" : "could not read it back",
                                      FALSE) != NULL;
  check->banner_seen = kaitsu_window_get_banner_visible (window);
  check->hidden_windows = count_hidden_windows ();
  {
    g_auto (GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");

    check->shortcuts_key = g_strv_contains ((const char *const *) accels, "<Control>question");
  }
  check->timeline_length = kaitsu_side_pane_get_timeline_length (kaitsu_window_get_side_pane (window));
  if (check->banner_seen && check->screenshot)
    kaitsu_test_save_screenshot (GTK_WIDGET (window),
                                 kaitsu_test_ui_is_japanese () ? "resume-ja" : "resume-en");
  gtk_window_destroy (GTK_WINDOW (window));
}

static ResumeCheck
run_application (gboolean screenshot)
{
  g_autoptr (KaitsuApplication) app = kaitsu_application_new ();
  ResumeCheck check = { .seen_step = KAITSU_STEP_NONE, .screenshot = screenshot };

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activated), &check);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
  return check;
}

static void
test_resume (void)
{
  g_autofree char *path = kaitsu_session_dup_default_path ();
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  g_autoptr (KaitsuFlow) saved = NULL;
  ResumeCheck check;

  g_assert_true (g_str_has_prefix (path, g_get_tmp_dir ()));
  kaitsu_session_delete (path, NULL);

  /* No file: a fresh start, no question asked. */
  check = run_application (TRUE);
  g_assert_cmpint (check.seen_step, ==, KAITSU_STEP_WELCOME);
  g_assert_false (check.banner_seen);
  /* The application's window keeps no hidden one beside it (GtkApplication's help overlay) */
  g_assert_cmpuint (check.hidden_windows, ==, 0);
  g_assert_true (check.shortcuts_key);

  /* A session at the login step is offered back. */
  kaitsu_flow_set_region (flow, "uk");
  g_assert_true (kaitsu_flow_go_next (flow, NULL));
  kaitsu_flow_set_step_confirmed (flow, KAITSU_STEP_PREPARE, TRUE);
  g_assert_true (kaitsu_flow_go_next (flow, NULL));
  kaitsu_flow_set_step_confirmed (flow, KAITSU_STEP_PASSWORD, TRUE);
  g_assert_true (kaitsu_flow_go_next (flow, NULL));
  g_assert_true (kaitsu_session_save (flow, path, NULL));
  check = run_application (TRUE);
  g_assert_cmpint (check.seen_step, ==, KAITSU_STEP_LOGIN);
  g_assert_true (check.banner_seen);
  /* The timeline came back with it: prepare, password, login */
  g_assert_cmpuint (check.timeline_length, ==, 3);
  saved = kaitsu_session_load (path, NULL, NULL);
  g_assert_nonnull (saved);
  g_assert_cmpstr (kaitsu_flow_get_region (saved), ==, "uk");

  /* A damaged file: told, kept aside, and a fresh start. */
  g_assert_true (g_file_set_contents (path, "{\"format\": 1, \"choices\": 7", -1, NULL));
  check = run_application (TRUE);
  g_assert_cmpint (check.seen_step, ==, KAITSU_STEP_WELCOME);
  g_assert_true (check.banner_seen);
  {
    g_autofree char *dir = g_path_get_dirname (path);
    g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;
    gboolean kept = FALSE;

    while ((name = g_dir_read_name (listing)) != NULL)
      kept |= g_str_has_prefix (name, "session.json.damaged-");
    g_assert_true (kept);
  }
}


/* The mail's single-use links never reach the session file. Run two ways (private-bus.sh):
 * with an unlocked keyring (KAITSU_TEST_KEYRING=keyring: they come back at the next start),
 * and with no Secret Service on the bus (=none: the next start says they are lost, and what
 * to do). */
static void
test_links (void)
{
  g_autofree char *path = kaitsu_session_dup_default_path ();
  g_autofree char *reset = g_strdup_printf ("https://forgetpwd.trendmicro.com/ForgetPassword/ResetPassword?T=tok-%d&v=1",
                                            (int) getpid ());
  g_autofree char *older = NULL;
  g_autofree char *text = NULL;
  const char *expect = g_getenv ("KAITSU_TEST_KEYRING");
  ResumeCheck check;

  /* As an earlier Kaitsu wrote it: the link in the file, at the password step */
  older = g_strdup_printf ("{\"format\": 1, \"choices\": {\"services\": [\"exchange-online\"], \"region\": \"jp\", "
                           "\"mip\": \"no\"}, \"services\": {}, \"current\": \"password\", \"furthest\": \"password\", "
                           "\"steps\": {\"welcome\": {\"done\": true}, \"prepare\": {\"done\": true, \"confirmed\": true}}, "
                           "\"mail\": {\"account\": \"CAS0001\", \"reset_url\": \"%s\", "
                           "\"reset_expires\": %" G_GINT64_FORMAT "}}",
                           reset, g_get_real_time () / G_USEC_PER_SEC + 3 * 24 * 3600);
  kaitsu_session_delete (path, NULL);
  {
    g_autofree char *dir = g_path_get_dirname (path);

    g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  }
  g_assert_true (g_file_set_contents (path, older, -1, NULL));

  /* The first start shows it and moves it out of the file */
  check = run_application (FALSE);
  g_assert_cmpint (check.seen_step, ==, KAITSU_STEP_PASSWORD);
  g_assert_true (check.link_shown);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_null (strstr (text, "tok-"));
  g_assert_null (strstr (text, "forgetpwd"));
  g_assert_nonnull (strstr (text, "\"kept\""));

  /* The next start reads it back, or says it is lost */
  check = run_application (FALSE);
  g_assert_cmpint (check.seen_step, ==, KAITSU_STEP_PASSWORD);
  if (g_strcmp0 (expect, "keyring") == 0)
    {
      g_assert_cmpint (check.links_place, ==, KAITSU_LINKS_HERE);
      g_assert_true (check.link_shown);
      g_assert_false (check.lost_note_shown);
    }
  else
    {
      g_assert_cmpint (check.links_place, ==, KAITSU_LINKS_LOST);
      g_assert_false (check.link_shown);
      g_assert_true (check.lost_note_shown);
    }
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_null (strstr (text, "tok-"));
  kaitsu_session_delete (path, NULL);
}

static gboolean
has_guide (gpointer window)
{
  return kaitsu_window_get_guide (window) != NULL;
}

static int
get_dpi (GtkWidget *widget)
{
  int dpi;

  g_object_get (gtk_widget_get_settings (widget), "gtk-xft-dpi", &dpi, NULL);
  return dpi;
}

static void
test_screen_share (void)
{
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (KaitsuConsoleStatus) status = NULL;
  const char *app_id = "0a1b2c3d-0000-4000-8000-123456789abc";
  KaitsuWindow *window;
  GtkWidget *side_pane, *indicator = NULL;
  WebKitWebView *view;
  int dpi_before;

  kaitsu_flow_set_mail_facts (flow, "CAS12345601", "株式会社サンプル",
                              "https://clp.trendmicro.com/Dashboard?T=abc123", NULL, 0);
  kaitsu_flow_set_app_id (flow, app_id);
  kaitsu_flow_set_app_permission_needed (flow, TRUE);
  kaitsu_flow_restore_position (flow, KAITSU_STEP_LOGIN, KAITSU_STEP_FINISH);
  window = open_window (flow);
  kaitsu_test_wait_until (has_guide, window, "the web view");
  view = WEBKIT_WEB_VIEW (kaitsu_browser_get_view (kaitsu_guide_get_browser (kaitsu_window_get_guide (window))));
  side_pane = GTK_WIDGET (kaitsu_window_get_side_pane (window));
  status = kaitsu_console_status_parse ("{\"tasks\": [{\"severity\": \"情報\", \"text\": \"admin@example.co.jp が "
                                        "Exchange Online を保護しました\", \"time\": \"10:00\"}], "
                                        "\"notifications\": [\"株式会社サンプル: 保護されています\"], \"appIds\": [], \"policies\": [], \"grantChoices\": []}", -1, NULL);
  g_assert_nonnull (status);
  kaitsu_side_pane_set_console_status (KAITSU_SIDE_PANE (side_pane), status);
  dpi_before = get_dpi (GTK_WIDGET (window));
  g_assert_cmpfloat (webkit_web_view_get_zoom_level (view), ==, 1.0);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (window), "screen-share"));

  /* The console's rows use the pane's width, not a narrow column at its left */
  {
    GtkWidget *task;
    graphene_rect_t bounds;

    kaitsu_test_wait_for_frame (GTK_WIDGET (window));
    task = find_text (side_pane, "admin@example.co.jp", TRUE);
    g_assert_nonnull (task);
    g_assert_true (gtk_widget_compute_bounds (task, gtk_widget_get_parent (task), &bounds));
    g_test_message ("task text ends at %.0f of its row's %d px", bounds.origin.x + bounds.size.width,
                    gtk_widget_get_width (gtk_widget_get_parent (task)));
    g_assert_cmpfloat (bounds.origin.x + bounds.size.width, >=, gtk_widget_get_width (gtk_widget_get_parent (task)) - 1);
  }

  /* Before: the names are there to read */
  g_assert_nonnull (find_text (page_widget (window, KAITSU_STEP_PREPARE), "株式会社サンプル", FALSE));
  g_assert_nonnull (find_text (page_widget (window, KAITSU_STEP_LOGIN), "T=abc123", FALSE));
  g_assert_nonnull (find_text (side_pane, "admin@example.co.jp", FALSE));

  /* On, from the menu's action */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.screen-share-mode", NULL));
  g_assert_true (g_settings_get_boolean (settings, "screen-share-mode"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "screen-share"));
  /* Seen in the header */
  indicator = find_text (gtk_window_get_titlebar (GTK_WINDOW (window)), _("Sharing"), TRUE);
  g_assert_nonnull (indicator);
  /* Text at least 125 %, the pages too */
  g_assert_cmpint (get_dpi (GTK_WIDGET (window)), >=, (int) (dpi_before * 1.25) - 1);
  g_assert_cmpfloat (webkit_web_view_get_zoom_level (view), >=, 1.25);
  /* The step ids, for support to follow, beside every instruction */
  g_assert_nonnull (find_text (page_widget (window, KAITSU_STEP_LOGIN), "login.1", TRUE));

  /* Masked where not needed: the prepare page, the side pane, the link's token */
  g_assert_null (find_text (page_widget (window, KAITSU_STEP_PREPARE), "株式会社サンプル", FALSE));
  g_assert_null (find_text (page_widget (window, KAITSU_STEP_PREPARE), "CAS12345601", FALSE));
  g_assert_nonnull (find_text (page_widget (window, KAITSU_STEP_PREPARE), "株•••", FALSE));
  g_assert_nonnull (find_text (page_widget (window, KAITSU_STEP_PREPARE), "CAS••••01", FALSE));
  g_assert_null (find_text (side_pane, "admin@example.co.jp", FALSE));
  g_assert_null (find_text (side_pane, "株式会社サンプル", FALSE));
  g_assert_nonnull (find_text (side_pane, "a•••@e•••.co.jp", FALSE));
  g_assert_null (find_text (page_widget (window, KAITSU_STEP_LOGIN), "T=abc123", FALSE));
  g_assert_nonnull (find_text (page_widget (window, KAITSU_STEP_LOGIN), "T=••••", FALSE));
  /* Whole where the user types or checks it on that page, with the note */
  g_assert_nonnull (find_text (page_widget (window, KAITSU_STEP_LOGIN), "CAS12345601", TRUE));
  g_assert_nonnull (find_text (page_widget (window, KAITSU_STEP_LOGIN), _("Shown while needed: screen-share mode masks it elsewhere."), TRUE));
  g_assert_nonnull (find_text (page_widget (window, KAITSU_STEP_TEAMS_APP_PERMISSION), app_id, FALSE));
  kaitsu_test_save_screenshot (GTK_WIDGET (window), kaitsu_test_ui_is_japanese () ? "screen-share-ja" : "screen-share-en");

  /* Even at twice the text size the window still fits a small laptop's screen (1280 wide) */
  {
    KaitsuWindow *large;
    int min_width;

    g_settings_set_double (settings, "text-scale", 2.0);
    large = kaitsu_window_new (NULL, flow);
    gtk_window_set_default_size (GTK_WINDOW (large), 1280, 800);
    gtk_window_present (GTK_WINDOW (large));
    kaitsu_test_wait_until_mapped (GTK_WIDGET (large), "the large-text window to be mapped");
    gtk_widget_measure (GTK_WIDGET (large), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
    g_test_message ("minimum width at 200 %% text: %d", min_width);
    g_assert_cmpint (min_width, <=, 1280);
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (large)), <=, 1280);
    kaitsu_test_save_screenshot (GTK_WIDGET (large), kaitsu_test_ui_is_japanese () ? "large-text-ja" : "large-text-en");
    /* Still, once drawn and the web view has shown what it had to */
    gtk_widget_measure (GTK_WIDGET (large), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
    g_assert_cmpint (min_width, <=, 1280);
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (large)), <=, 1280);
    gtk_window_destroy (GTK_WINDOW (large));
    g_settings_set_double (settings, "text-scale", 1.0);
  }

  /* Off again: everything as it was, nothing lost */
  g_settings_set_boolean (settings, "screen-share-mode", FALSE);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (window), "screen-share"));
  /* …and not otherwise: for an admin alone they look like code (the header keeps it, small) */
  g_assert_null (find_text (page_widget (window, KAITSU_STEP_LOGIN), "login.1", TRUE));
  g_assert_nonnull (find_text (page_widget (window, KAITSU_STEP_LOGIN), "login.1", FALSE));
  g_assert_cmpint (get_dpi (GTK_WIDGET (window)), ==, dpi_before);
  g_assert_cmpfloat (webkit_web_view_get_zoom_level (view), ==, 1.0);
  g_assert_nonnull (find_text (page_widget (window, KAITSU_STEP_PREPARE), "株式会社サンプル", FALSE));
  g_assert_nonnull (find_text (side_pane, "admin@example.co.jp", FALSE));
  g_assert_nonnull (find_text (page_widget (window, KAITSU_STEP_LOGIN), "T=abc123", FALSE));
  g_assert_null (find_text (page_widget (window, KAITSU_STEP_LOGIN), _("Shown while needed: screen-share mode masks it elsewhere."), TRUE));
  g_assert_cmpint (kaitsu_flow_get_current_step (flow), ==, KAITSU_STEP_LOGIN);
  g_assert_cmpstr (kaitsu_flow_get_account (flow), ==, "CAS12345601");

  /* Larger text on its own, by the keyboard's Ctrl+plus action */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.text-larger", NULL));
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "text-scale"), 1.1, 0.001);
  g_assert_cmpfloat_with_epsilon (webkit_web_view_get_zoom_level (view), 1.1, 0.001);
  g_assert_cmpint (get_dpi (GTK_WIDGET (window)), >, dpi_before);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.text-normal", NULL));
  g_assert_cmpfloat (g_settings_get_double (settings, "text-scale"), ==, 1.0);
  g_assert_cmpint (get_dpi (GTK_WIDGET (window)), ==, dpi_before);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *state = g_dir_make_tmp ("kaitsu-window-XXXXXX", &error);

  g_assert_no_error (error);
  /* Before anything asks GLib for the state directory, which it then caches. */
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  kaitsu_test_init_gtk (&argc, &argv);
  g_test_add_func ("/window/navigation", test_navigation);
  g_test_add_func ("/window/walk-every-page", test_walk_every_page);
  g_test_add_func ("/window/one-at-a-time-on-screen", test_one_at_a_time_on_screen);
  g_test_add_func ("/window/side-pane-setting", test_side_pane_setting);
  g_test_add_func ("/window/service-rows-kept", test_service_rows_kept);
  g_test_add_func ("/window/about", test_about);
  g_test_add_func ("/window/no-hidden-window", test_no_hidden_window);
  g_test_add_func ("/window/contrast", test_contrast);
  g_test_add_func ("/window/renderer", test_renderer);
  g_test_add_func ("/window/divider-and-substep", test_divider_and_substep);
  g_test_add_func ("/window/instructions-collapse", test_instructions_collapse);
  g_test_add_func ("/window/long-pending", test_long_pending);
  g_test_add_func ("/window/protected-by-hand", test_protected_by_hand);
  g_test_add_func ("/window/resume", test_resume);
  /* Only where the test controls what answers for the Secret Service (private-bus.sh) */
  if (g_getenv ("KAITSU_TEST_KEYRING") != NULL)
    g_test_add_func ("/window/links", test_links);
  g_test_add_func ("/window/read-mail", test_read_mail);
  g_test_add_func ("/window/prepare-fits", test_prepare_fits);
  g_test_add_func ("/window/wrap-box", test_wrap_box);
  g_test_add_func ("/window/screen-share", test_screen_share);
  return g_test_run ();
}
