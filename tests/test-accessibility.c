/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-accessibility.c: the real window under Xvfb: every control named, every control of a
 * page reachable with Tab, and the sign-in window's Escape asking first */

#include "config.h"

#include <gdk/x11/gdkx.h>
#include <glib/gi18n.h>
#include <string.h>

#include "kaitsu-aadsts.h"
#include "kaitsu-signin-window.h"
#include "kaitsu-test-util.h"
#include "kaitsu-web-view.h"
#include "kaitsu-window.h"

/* Widgets a user operates. Composite ones (an entry and its text, a menu button and its
 * toggle) count once, as the outer widget, which is what a screen reader presents. */
static gboolean
is_composite (GtkWidget *widget)
{
  return GTK_IS_MENU_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_SPIN_BUTTON (widget) ||
         GTK_IS_ENTRY (widget) || GTK_IS_PASSWORD_ENTRY (widget) || GTK_IS_SEARCH_ENTRY (widget) ||
         GTK_IS_CHECK_BUTTON (widget) || GTK_IS_SWITCH (widget) || GTK_IS_SCALE (widget) ||
         GTK_IS_TEXT_VIEW (widget) || WEBKIT_IS_WEB_VIEW (widget) || GTK_IS_WINDOW_CONTROLS (widget);
}

static gboolean
is_interactive (GtkWidget *widget)
{
  return (GTK_IS_BUTTON (widget) || is_composite (widget)) && !WEBKIT_IS_WEB_VIEW (widget) &&
         !GTK_IS_WINDOW_CONTROLS (widget);
}

/* The accessible label, as GTK holds it: check_property returns the actual value when it
 * differs from the one asked for, and nothing is ever labelled "\001". */
static char *
dup_accessible_label (GtkWidget *widget)
{
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return NULL;
  return gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, "\001");
}

static gboolean
has_mnemonic_label (GtkWidget *root,
                    GtkWidget *widget)
{
  if (GTK_IS_LABEL (root) && gtk_label_get_mnemonic_widget (GTK_LABEL (root)) == widget)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_mnemonic_label (child, widget))
      return TRUE;
  return FALSE;
}

static gboolean
is_named (GtkWidget *root,
          GtkWidget *widget)
{
  g_autofree char *label = dup_accessible_label (widget);

  if (label != NULL && *label != '\0')
    return TRUE;
  /* A button's "labelled by" points at its own child: a name only if that is a label with
   * text, not an icon. Other widgets are named by the label they point at, or that points
   * at them. */
  if (GTK_IS_BUTTON (widget) && !GTK_IS_MENU_BUTTON (widget))
    {
      GtkWidget *child = gtk_button_get_child (GTK_BUTTON (widget));

      return GTK_IS_LABEL (child) && *gtk_label_get_text (GTK_LABEL (child)) != '\0' &&
             gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
    }
  return gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY) ||
         has_mnemonic_label (root, widget);
}

static char *
describe (GtkWidget *widget)
{
  GString *path = g_string_new (G_OBJECT_TYPE_NAME (widget));

  for (GtkWidget *parent = gtk_widget_get_parent (widget); parent != NULL; parent = gtk_widget_get_parent (parent))
    {
      if (KAITSU_IS_PAGE (parent))
        {
          g_string_append_printf (path, " on page %s", kaitsu_step_get_id (kaitsu_page_get_step (KAITSU_PAGE (parent))));
          break;
        }
      g_string_append_printf (path, " < %s", G_OBJECT_TYPE_NAME (parent));
    }
  return g_string_free (path, FALSE);
}

/* Every widget, shown or not: hidden ones appear later and must be named already. */
static void
collect_unnamed (GtkWidget *root,
                 GtkWidget *widget,
                 GPtrArray *unnamed,
                 guint     *checked)
{
  if (is_interactive (widget))
    {
      (*checked)++;
      if (!is_named (root, widget))
        g_ptr_array_add (unnamed, describe (widget));
      if (GTK_IS_BUTTON (widget) && !GTK_IS_MENU_BUTTON (widget) && !GTK_IS_CHECK_BUTTON (widget))
        {
          /* An icon-only button also says what it does in a tooltip, its description */
          GtkWidget *child = gtk_button_get_child (GTK_BUTTON (widget));

          if (GTK_IS_IMAGE (child) &&
              !gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION) &&
              gtk_widget_get_tooltip_text (widget) == NULL)
            {
              g_autofree char *where = describe (widget);
              g_ptr_array_add (unnamed, g_strdup_printf ("%s (icon without a description)", where));
            }
        }
    }
  if (is_composite (widget))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed (root, child, unnamed, checked);
}

static guint
assert_all_named (GtkWidget *root)
{
  g_autoptr (GPtrArray) unnamed = g_ptr_array_new_with_free_func (g_free);
  guint checked = 0;

  collect_unnamed (root, root, unnamed, &checked);
  for (guint i = 0; i < unnamed->len; i++)
    g_test_message ("no accessible name: %s", (char *) g_ptr_array_index (unnamed, i));
  g_assert_cmpuint (unnamed->len, ==, 0);
  return checked;
}

static gboolean
browser_exists (gpointer window)
{
  return kaitsu_window_get_guide (window) != NULL;
}

static KaitsuWindow *
open_window (KaitsuFlow *flow)
{
  /* Sites nobody answers: web steps show Kaitsu's error page, which is walked too. */
  g_autoptr (KaitsuSites) sites = kaitsu_sites_new_custom ("http://127.0.0.1:9", "http://127.0.0.1:9",
                                                           "http://127.0.0.1:9", "http://127.0.0.1:9", NULL);
  KaitsuWindow *window = kaitsu_window_new_with_sites (NULL, flow, sites);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  kaitsu_test_wait_until_mapped (GTK_WIDGET (window), "the window to be mapped");
  return window;
}

static void
test_every_control_named (void)
{
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  KaitsuWindow *window;
  GtkWidget *view;
  KaitsuSigninWindow *signin;
  guint checked;

  /* Every step reachable, the App ID step too, so every page is built and visible to walk */
  kaitsu_flow_set_app_permission_needed (flow, TRUE);
  kaitsu_flow_set_mail_facts (flow, "CAS12345601", "株式会社サンプル", "https://clp.trendmicro.com/Dashboard?T=abc",
                              NULL, 0);
  kaitsu_flow_restore_position (flow, KAITSU_STEP_LOGIN, KAITSU_STEP_FINISH);
  window = open_window (flow);
  kaitsu_test_wait_until (browser_exists, window, "the web view");
  for (KaitsuStep step = 0; step < KAITSU_N_STEPS; step++)
    g_assert_nonnull (kaitsu_assistant_get_page (kaitsu_window_get_assistant (window), step));
  checked = assert_all_named (GTK_WIDGET (window));
  g_test_message ("%u controls in the main window", checked);
  /* The header, the step list, the pages, the browser line, the side pane: dozens */
  g_assert_cmpuint (checked, >=, 60);

  /* The sign-in window, with its close question */
  view = kaitsu_web_view_new ();
  g_object_ref_sink (view);
  signin = kaitsu_signin_window_new (kaitsu_window_get_sites (window), KAITSU_WEB_VIEW (view), GTK_WINDOW (window));
  checked = assert_all_named (GTK_WIDGET (signin));
  g_assert_cmpuint (checked, >=, 4);
  gtk_window_destroy (GTK_WINDOW (signin));
  g_object_unref (view);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* What Tab reaches, from the window, until it comes round again */
static GPtrArray *
tab_around (GtkWindow *window)
{
  GPtrArray *reached = g_ptr_array_new ();

  gtk_window_set_focus (window, NULL);
  for (guint i = 0; i < 400; i++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD))
        {
          /* Past the last widget: GTK wraps round when the window is asked again */
          gtk_window_set_focus (window, NULL);
          continue;
        }
      focus = gtk_window_get_focus (window);
      if (focus == NULL)
        continue;
      /* Round again: a list remembers its row, so the second round may start elsewhere */
      if (g_ptr_array_find (reached, focus, NULL))
        break;
      g_ptr_array_add (reached, focus);
    }
  return reached;
}

/* A radio button draws a "radio" indicator node instead of a "check" one */
static gboolean
is_radio (GtkWidget *widget)
{
  GtkWidget *indicator = GTK_IS_CHECK_BUTTON (widget) ? gtk_widget_get_first_child (widget) : NULL;

  return indicator != NULL && g_strcmp0 (gtk_widget_get_css_name (indicator), "radio") == 0;
}

static gboolean
is_reached (GPtrArray *reached,
            GtkWidget *widget)
{
  for (guint i = 0; i < reached->len; i++)
    {
      GtkWidget *focus = g_ptr_array_index (reached, i);

      /* An entry's focus is on its text, a menu button's on its toggle */
      if (focus == widget || gtk_widget_is_ancestor (focus, widget))
        return TRUE;
      /* Tab enters a radio group at its chosen button; the arrow keys move within it */
      if (is_radio (widget) && is_radio (focus) && gtk_widget_get_parent (focus) == gtk_widget_get_parent (widget))
        return TRUE;
    }
  return FALSE;
}

static void
collect_operable (GtkWidget *widget,
                  GPtrArray *operable)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_sensitive (widget) || !gtk_widget_get_child_visible (widget))
    return;
  if (is_interactive (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (operable, widget);
  if (is_composite (widget))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_operable (child, operable);
}

static gboolean
page_shown (gpointer page)
{
  return gtk_widget_get_mapped (page) && gtk_widget_get_child_visible (gtk_widget_get_parent (gtk_widget_get_parent (page)));
}

static void
test_tab_reaches_every_control (void)
{
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  KaitsuWindow *window;
  KaitsuStep steps[] = { KAITSU_STEP_WELCOME, KAITSU_STEP_PREPARE, KAITSU_STEP_LOGIN,
                         KAITSU_STEP_EXCHANGE_ONLINE, KAITSU_STEP_TEAMS_APP_PERMISSION, KAITSU_STEP_MIP };
  guint total = 0;

  kaitsu_flow_set_mip_use (flow, KAITSU_MIP_YES);
  kaitsu_flow_set_app_permission_needed (flow, TRUE);
  kaitsu_flow_set_mail_facts (flow, "CAS12345601", "株式会社サンプル", "https://clp.trendmicro.com/Dashboard?T=abc",
                              NULL, 0);
  kaitsu_flow_restore_position (flow, KAITSU_STEP_WELCOME, KAITSU_STEP_FINISH);
  window = open_window (flow);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      KaitsuPage *page = kaitsu_assistant_get_page (kaitsu_window_get_assistant (window), steps[i]);
      g_autoptr (GPtrArray) operable = g_ptr_array_new ();
      g_autoptr (GPtrArray) reached = NULL;
      guint missing = 0;

      g_assert_true (kaitsu_flow_go_to (flow, steps[i], NULL));
      kaitsu_test_wait_until (page_shown, page, "the page to be shown");
      kaitsu_test_wait_for_frame (GTK_WIDGET (window));
      collect_operable (GTK_WIDGET (page), operable);
      collect_operable (kaitsu_window_get_next_button (window), operable);
      collect_operable (kaitsu_window_get_back_button (window), operable);
      if (kaitsu_window_get_guide (window) != NULL)
        collect_operable (GTK_WIDGET (kaitsu_guide_get_browser (kaitsu_window_get_guide (window))), operable);
      reached = tab_around (GTK_WINDOW (window));
      for (guint j = 0; j < operable->len; j++)
        if (!is_reached (reached, g_ptr_array_index (operable, j)))
          {
            g_autofree char *what = describe (g_ptr_array_index (operable, j));

            g_test_message ("Tab never reaches %s (step %s)", what, kaitsu_step_get_id (steps[i]));
            missing++;
          }
      g_test_message ("step %s: %u controls, Tab reached %u widgets", kaitsu_step_get_id (steps[i]),
                      operable->len, reached->len);

      g_assert_cmpuint (missing, ==, 0);
      g_assert_cmpuint (operable->len, >=, 2);
      total += operable->len;
    }
  g_assert_cmpuint (total, >=, 20);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  GtkWidget *button = kaitsu_test_find_widget (root, is_button_labelled, label);

  g_assert_nonnull (button);
  return button;
}

static void
test_signin_escape_asks (void)
{
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  KaitsuWindow *window = open_window (flow);
  GtkWidget *view = g_object_ref_sink (kaitsu_web_view_new ());
  KaitsuSigninWindow *signin = kaitsu_signin_window_new (kaitsu_window_get_sites (window),
                                                         KAITSU_WEB_VIEW (view), GTK_WINDOW (window));
  gpointer alive = signin;

  g_object_add_weak_pointer (G_OBJECT (signin), &alive);
  gtk_window_present (GTK_WINDOW (signin));
  kaitsu_test_wait_until_mapped (GTK_WIDGET (signin), "the sign-in window to be mapped");

  /* Escape asks; a second Escape is "keep signing in". Until asked, the question is not in
   * the window's layout at all (a folded revealer still has its text measured) */
  g_assert_false (kaitsu_signin_window_is_asking (signin));
  g_assert_false (gtk_widget_is_visible (find_button (GTK_WIDGET (signin), _("_Keep Signing In"))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (signin), "signin.escape", NULL));
  g_assert_true (kaitsu_signin_window_is_asking (signin));
  g_assert_true (gtk_widget_is_visible (find_button (GTK_WIDGET (signin), _("_Keep Signing In"))));
  g_assert_nonnull (alive);
  kaitsu_test_save_screenshot (GTK_WIDGET (signin), kaitsu_test_ui_is_japanese () ? "signin-escape-ja" : "signin-escape-en");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (signin), "signin.escape", NULL));
  g_assert_false (kaitsu_signin_window_is_asking (signin));

  /* The window manager's close button asks too */
  gtk_window_close (GTK_WINDOW (signin));
  g_assert_nonnull (alive);
  g_assert_true (kaitsu_signin_window_is_asking (signin));

  /* Escape is bound to that action */
  {
    gboolean found = FALSE;
    GListModel *controllers = gtk_widget_observe_controllers (GTK_WIDGET (signin));

    for (guint i = 0; i < g_list_model_get_n_items (controllers) && !found; i++)
      {
        g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

        if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
          continue;
        for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !found; j++)
          {
            g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
            g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
            GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

            found = g_str_equal (trigger, "Escape") && GTK_IS_NAMED_ACTION (action) &&
                    g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), "signin.escape");
          }
      }
    g_object_unref (controllers);
    g_assert_true (found);
  }

  /* "Close Window" closes it */
  {
    GtkWidget *close_button = NULL;
    GtkWidget *revealer_child = gtk_revealer_get_child (GTK_REVEALER (gtk_widget_get_first_child (gtk_window_get_child (GTK_WINDOW (signin)))));

    for (GtkWidget *child = gtk_widget_get_first_child (revealer_child); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_BUTTON (child) && gtk_widget_has_css_class (child, "destructive-action"))
        close_button = child;
    g_assert_nonnull (close_button);
    g_signal_emit_by_name (close_button, "clicked");
  }
  g_assert_null (alive);
  g_object_unref (view);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* On a page that leads nowhere (Microsoft stopped the sign-in) nothing typed can be lost:
 * Escape closes at once, and the explanation is in the window, over the page */
static void
test_signin_dead_end (void)
{
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  KaitsuWindow *window = open_window (flow);
  GtkWidget *view = g_object_ref_sink (kaitsu_web_view_new ());
  KaitsuSigninWindow *signin = kaitsu_signin_window_new (kaitsu_window_get_sites (window),
                                                         KAITSU_WEB_VIEW (view), GTK_WINDOW (window));
  g_autofree char *explanation = kaitsu_aadsts_dup_explanation (50126);
  gpointer alive = signin;

  g_object_add_weak_pointer (G_OBJECT (signin), &alive);
  gtk_window_present (GTK_WINDOW (signin));
  kaitsu_test_wait_until_mapped (GTK_WIDGET (signin), "the sign-in window to be mapped");
  kaitsu_signin_window_set_guidance (signin, "exchange-online.2", "Sign in as the administrator.");

  /* Microsoft asks again in place: the user may go on, so Escape still asks */
  kaitsu_signin_window_show_problem (signin, "AADSTS50126", explanation, FALSE);
  g_assert_cmpstr (kaitsu_signin_window_get_problem (signin), ==, explanation);
  g_assert_false (kaitsu_signin_window_is_dead_end (signin));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (signin), "signin.escape", NULL));
  g_assert_true (kaitsu_signin_window_is_asking (signin));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (signin), "signin.escape", NULL));

  /* A dead end: Escape closes without the question */
  kaitsu_signin_window_show_problem (signin, "AADSTS53003", explanation, TRUE);
  kaitsu_test_save_screenshot (GTK_WIDGET (signin), kaitsu_test_ui_is_japanese () ? "signin-dead-end-ja" : "signin-dead-end-en");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (signin), "signin.escape", NULL));
  g_assert_null (alive);
  g_object_unref (view);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Real keys from the X server (XTEST), to the window as the focused one: as a user's */
static void
send_keys (GtkWidget  *window,
           const char *keys)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
  g_autoptr (GError) error = NULL;
  char *argv[] = { xdotool, "windowfocus", "--sync", xid, "key", "--clearmodifiers", (char *) keys, NULL };

  g_assert_true (g_spawn_sync (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static gboolean
can_send_keys (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  if (xdotool != NULL && GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    return TRUE;
  g_test_skip ("needs xdotool and an X11 display (scripts/kaitsu-dev test provides both)");
  return FALSE;
}

static gboolean
is_asking (gpointer signin)
{
  return kaitsu_signin_window_is_asking (signin);
}

static gboolean
titled (gpointer signin)
{
  return g_strcmp0 (gtk_window_get_title (signin), "kaitsu-escape-test") == 0;
}

/* A real Escape key, sent by the X server to the window while a page's field has focus:
 * WebKit passes it on, as the page does not use it */
static void
test_signin_escape_key (void)
{
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  KaitsuWindow *window;
  GtkWidget *view;
  KaitsuSigninWindow *signin;

  if (!can_send_keys ())
    return;
  window = open_window (flow);
  view = g_object_ref_sink (kaitsu_web_view_new ());
  signin = kaitsu_signin_window_new (kaitsu_window_get_sites (window), KAITSU_WEB_VIEW (view), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (signin));
  webkit_web_view_load_html (WEBKIT_WEB_VIEW (view), "<title>kaitsu-escape-test</title><input autofocus>", "about:blank");
  kaitsu_test_wait_until (titled, signin, "the page in the sign-in window");
  kaitsu_test_wait_until_mapped (GTK_WIDGET (signin), "the sign-in window to be mapped");
  gtk_widget_grab_focus (view);
  kaitsu_test_wait_for_frame (GTK_WIDGET (signin));
  send_keys (GTK_WIDGET (signin), "Escape");
  kaitsu_test_wait_until (is_asking, signin, "Escape to ask before closing");
  g_assert_true (GTK_IS_WINDOW (signin) && gtk_widget_get_visible (GTK_WIDGET (signin)));
  gtk_window_destroy (GTK_WINDOW (signin));
  g_object_unref (view);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
at_prepare (gpointer flow)
{
  return kaitsu_flow_get_current_step (flow) == KAITSU_STEP_PREPARE;
}

static gboolean
at_welcome (gpointer flow)
{
  return kaitsu_flow_get_current_step (flow) == KAITSU_STEP_WELCOME;
}

/* Real Alt+Right and Alt+Left, as a keyboard user moves through the steps */
static void
test_keys_move_steps (void)
{
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  KaitsuWindow *window;

  if (!can_send_keys ())
    return;
  window = open_window (flow);
  send_keys (GTK_WIDGET (window), "alt+Right");
  kaitsu_test_wait_until (at_prepare, flow, "Alt+Right to go to the next step");
  send_keys (GTK_WIDGET (window), "alt+Left");
  kaitsu_test_wait_until (at_welcome, flow, "Alt+Left to go back");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *state = g_dir_make_tmp ("kaitsu-a11y-XXXXXX", &error);

  g_assert_no_error (error);
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  kaitsu_test_init_gtk (&argc, &argv);
  g_test_add_func ("/a11y/every-control-named", test_every_control_named);
  g_test_add_func ("/a11y/tab-reaches-every-control", test_tab_reaches_every_control);
  g_test_add_func ("/a11y/signin-escape-asks", test_signin_escape_asks);
  g_test_add_func ("/a11y/signin-dead-end", test_signin_dead_end);
  g_test_add_func ("/a11y/signin-escape-key", test_signin_escape_key);
  g_test_add_func ("/a11y/keys-move-steps", test_keys_move_steps);
  return g_test_run ();
}
