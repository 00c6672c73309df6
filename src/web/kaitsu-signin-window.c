/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-signin-window.c: shows Microsoft's pages with their host, closes itself on the
 * provisioning page once it has loaded, and says how long that took. */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-signin-window"

#include <glib/gi18n.h>

#include "kaitsu-a11y.h"
#include "kaitsu-aadsts.h"
#include "kaitsu-label.h"
#include "kaitsu-signin-window.h"

struct _KaitsuSigninWindow
{
  GtkWindow parent_instance;

  KaitsuBrowser *browser;
  gboolean closing;

  /* Escape or the window's close button asks first: the sign-in would be lost. */
  GtkRevealer *question;
  GtkWidget *keep_button;

  /* Kaitsu's guidance, over Microsoft's page: the sub-step and its id, or what went wrong */
  GtkWidget *guidance;
  GtkLabel *guidance_id;
  GtkLabel *guidance_text;
  GtkWidget *problem;
  GtkLabel *problem_title;
  GtkLabel *problem_text;
  GtkWidget *problem_close;
  /* On a page that leads nowhere, closing loses nothing: no question */
  gboolean dead_end;
};

G_DEFINE_FINAL_TYPE (KaitsuSigninWindow, kaitsu_signin_window, GTK_TYPE_WINDOW)

enum {
  PROVISIONED,
  CONSENT_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
close_now (KaitsuSigninWindow *self)
{
  if (self->closing)
    return;
  self->closing = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
ask_before_closing (KaitsuSigninWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->question), TRUE);
  gtk_revealer_set_reveal_child (self->question, TRUE);
  gtk_widget_grab_focus (self->keep_button);
}

static void
on_keep (KaitsuSigninWindow *self)
{
  gtk_revealer_set_reveal_child (self->question, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (kaitsu_browser_get_view (self->browser)));
}

static void
escape_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KaitsuSigninWindow *self = KAITSU_SIGNIN_WINDOW (widget);

  if (self->dead_end)
    close_now (self);
  /* A second Escape answers "keep signing in", like a dialog's Cancel. */
  else if (gtk_revealer_get_reveal_child (self->question))
    on_keep (self);
  else
    ask_before_closing (self);
}

static gboolean
kaitsu_signin_window_close_request (GtkWindow *window)
{
  KaitsuSigninWindow *self = KAITSU_SIGNIN_WINDOW (window);

  if (self->closing || self->dead_end)
    return GTK_WINDOW_CLASS (kaitsu_signin_window_parent_class)->close_request (window);
  ask_before_closing (self);
  return TRUE;
}

static GtkLabel *
new_wrapped_label (const char *css_class)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (label, 0);
  gtk_label_set_selectable (label, TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), css_class);
  return label;
}

/* Two strips over the page: the step's guidance, and, when Kaitsu knows the page for an error,
 * what it means and what to do, in the user's language, where the user is looking */
static GtkWidget *
build_guidance (KaitsuSigninWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *column;

  self->guidance = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_add_css_class (self->guidance, "signin-guidance");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->guidance), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What to do in this window"), -1);
  self->guidance_text = new_wrapped_label (NULL);
  self->guidance_id = new_wrapped_label ("step-id");
  gtk_widget_add_css_class (GTK_WIDGET (self->guidance_id), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->guidance_id), "dim-label");
  gtk_box_append (GTK_BOX (self->guidance), GTK_WIDGET (self->guidance_text));
  gtk_box_append (GTK_BOX (self->guidance), GTK_WIDGET (self->guidance_id));
  gtk_widget_set_visible (self->guidance, FALSE);
  gtk_box_append (GTK_BOX (box), self->guidance);

  /* An alert: a screen reader says it as it appears */
  self->problem = g_object_new (GTK_TYPE_BOX, "orientation", GTK_ORIENTATION_HORIZONTAL, "spacing", 12,
                                "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT, NULL);
  gtk_widget_add_css_class (self->problem, "signin-problem");
  column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_hexpand (column, TRUE);
  self->problem_title = new_wrapped_label ("heading");
  self->problem_text = new_wrapped_label (NULL);
  gtk_box_append (GTK_BOX (column), GTK_WIDGET (self->problem_title));
  gtk_box_append (GTK_BOX (column), GTK_WIDGET (self->problem_text));
  gtk_box_append (GTK_BOX (self->problem), column);
  self->problem_close = gtk_button_new_with_mnemonic (_("_Close and Go Back to Kaitsu"));
  gtk_widget_set_valign (self->problem_close, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->problem_close, "clicked", G_CALLBACK (close_now), self);
  gtk_box_append (GTK_BOX (self->problem), self->problem_close);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->problem), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What went wrong"), -1);
  gtk_widget_set_visible (self->problem, FALSE);
  gtk_box_append (GTK_BOX (box), self->problem);
  return box;
}

static void
on_question_folded (KaitsuSigninWindow *self)
{
  if (!gtk_revealer_get_reveal_child (self->question) && !gtk_revealer_get_child_revealed (self->question))
    gtk_widget_set_visible (GTK_WIDGET (self->question), FALSE);
}

static GtkWidget *
build_question (KaitsuSigninWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (_("Close the sign-in window? What you typed in it is lost, and you start this service’s sign-in again."));
  GtkWidget *close_button = gtk_button_new_with_mnemonic (_("C_lose Window"));

  gtk_widget_add_css_class (box, "banner");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  self->keep_button = gtk_button_new_with_mnemonic (_("_Keep Signing In"));
  gtk_widget_add_css_class (self->keep_button, "suggested-action");
  gtk_widget_set_valign (self->keep_button, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (close_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (close_button, "destructive-action");
  gtk_box_append (GTK_BOX (box), close_button);
  gtk_box_append (GTK_BOX (box), self->keep_button);
  g_signal_connect_swapped (self->keep_button, "clicked", G_CALLBACK (on_keep), self);
  g_signal_connect_swapped (close_button, "clicked", G_CALLBACK (close_now), self);
  self->question = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->question, box);
  /* Hidden until asked: a revealer measures its folded child too, and the question's wrapped
   * text was laid out afresh at every change of the window, 750 times in a practice run */
  gtk_widget_set_visible (GTK_WIDGET (self->question), FALSE);
  g_signal_connect_swapped (self->question, "notify::child-revealed", G_CALLBACK (on_question_folded), self);
  return GTK_WIDGET (self->question);
}

static void
on_page_seen (KaitsuSigninWindow      *self,
              const KaitsuPageReading *reading,
              const char              *uri,
              const char              *text)
{
  g_autoptr (KaitsuConsentAnswer) answer = NULL;

  if (kaitsu_screen_get_meaning (reading->screen) == KAITSU_SCREEN_PROVISIONED)
    {
      gint64 finished = kaitsu_browser_get_finished_at (self->browser);
      double latency_ms;

      /* The page has loaded fully, so the console has the grant: close, then tell. */
      g_object_ref (self);
      close_now (self);
      latency_ms = (g_get_monotonic_time () - finished) / 1000.0;
      g_signal_emit (self, signals[PROVISIONED], 0, latency_ms);
      g_object_unref (self);
      return;
    }
  answer = kaitsu_consent_answer_from_uri (uri);
  if (answer == NULL || answer->error == NULL)
    {
      g_clear_pointer (&answer, kaitsu_consent_answer_free);
      /* A Microsoft page that shows an error code: its code and ids as the page read them */
      if (reading->code != 0 && reading->site == KAITSU_SITE_MICROSOFT_LOGIN)
        {
          answer = g_new0 (KaitsuConsentAnswer, 1);
          answer->code = reading->code;
          /* An error page, or a page that asks again in place (a wrong password) */
          answer->error = g_strdup (kaitsu_screen_get_meaning (reading->screen) == KAITSU_SCREEN_PLACE ? "page-retry" : "page");
          answer->correlation_id = g_strdup (reading->correlation_id);
          answer->request_id = g_strdup (reading->request_id);
          answer->timestamp = g_strdup (reading->timestamp);
        }
    }
  if (answer != NULL && answer->error != NULL)
    g_signal_emit (self, signals[CONSENT_FAILED], 0, answer);
}

static void
on_ready_to_show (KaitsuSigninWindow *self)
{
  gtk_window_present (GTK_WINDOW (self));
}

static void
on_title (KaitsuSigninWindow *self)
{
  const char *title = webkit_web_view_get_title (WEBKIT_WEB_VIEW (kaitsu_browser_get_view (self->browser)));

  gtk_window_set_title (GTK_WINDOW (self), title != NULL && *title != '\0' ? title : _("Microsoft Sign-in"));
}

static void
kaitsu_signin_window_class_init (KaitsuSigninWindowClass *klass)
{
  GTK_WINDOW_CLASS (klass)->close_request = kaitsu_signin_window_close_request;
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "signin.escape", NULL, escape_action);
  signals[PROVISIONED] = g_signal_new ("provisioned", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);
  signals[CONSENT_FAILED] = g_signal_new ("consent-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
kaitsu_signin_window_init (KaitsuSigninWindow *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  /* After the page: a page that uses Escape itself (a menu, a dialog) keeps it; WebKit
   * passes on the keys a page leaves alone. */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_BUBBLE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("signin.escape")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 720);
  gtk_window_set_title (GTK_WINDOW (self), _("Microsoft Sign-in"));
}

KaitsuSigninWindow *
kaitsu_signin_window_new (KaitsuSites   *sites,
                          KaitsuWebView *view,
                          GtkWindow     *parent)
{
  KaitsuSigninWindow *self = g_object_new (KAITSU_TYPE_SIGNIN_WINDOW, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      gtk_window_set_modal (GTK_WINDOW (self), TRUE);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
    }
  self->browser = kaitsu_browser_new (sites, KAITSU_BROWSER_SIGNIN, view);
  gtk_widget_set_vexpand (GTK_WIDGET (self->browser), TRUE);
  gtk_box_append (GTK_BOX (box), build_question (self));
  gtk_box_append (GTK_BOX (box), build_guidance (self));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->browser));
  gtk_window_set_child (GTK_WINDOW (self), box);
  kaitsu_a11y_fix_names (GTK_WIDGET (self));
  g_signal_connect_object (self->browser, "page-seen", G_CALLBACK (on_page_seen), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "ready-to-show", G_CALLBACK (on_ready_to_show), self, G_CONNECT_SWAPPED);
  /* The page's own window.close() */
  g_signal_connect_object (view, "close", G_CALLBACK (close_now), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "notify::title", G_CALLBACK (on_title), self, G_CONNECT_SWAPPED);
  return self;
}

gboolean
kaitsu_signin_window_is_asking (KaitsuSigninWindow *self)
{
  g_return_val_if_fail (KAITSU_IS_SIGNIN_WINDOW (self), FALSE);
  return gtk_revealer_get_reveal_child (self->question);
}

KaitsuBrowser *
kaitsu_signin_window_get_browser (KaitsuSigninWindow *self)
{
  g_return_val_if_fail (KAITSU_IS_SIGNIN_WINDOW (self), NULL);
  return self->browser;
}

/* What Kaitsu's page says to do now, and its id for support, over Microsoft's page */
void
kaitsu_signin_window_set_guidance (KaitsuSigninWindow *self,
                                   const char         *id,
                                   const char         *text)
{
  g_return_if_fail (KAITSU_IS_SIGNIN_WINDOW (self));

  kaitsu_label_set_label (self->guidance_text, text != NULL ? text : "");
  kaitsu_label_set_label (self->guidance_id, id != NULL ? id : "");
  gtk_widget_set_visible (self->guidance, text != NULL);
}

/* A page Kaitsu knows for an error: what it means and what to do. With @dead_end the page
 * leads nowhere: closing loses nothing, so Escape and the close button close at once; else
 * (Microsoft asks again on the same page) the user may go on here */
void
kaitsu_signin_window_show_problem (KaitsuSigninWindow *self,
                                   const char         *title,
                                   const char         *text,
                                   gboolean            dead_end)
{
  g_return_if_fail (KAITSU_IS_SIGNIN_WINDOW (self));
  g_return_if_fail (title != NULL);

  self->dead_end = dead_end;
  kaitsu_label_set_label (self->problem_title, title);
  kaitsu_label_set_label (self->problem_text, text != NULL ? text : "");
  gtk_widget_set_visible (self->problem_close, dead_end);
  gtk_widget_set_visible (self->problem, TRUE);
  if (dead_end)
    {
      gtk_revealer_set_reveal_child (self->question, FALSE);
      gtk_widget_add_css_class (self->problem_close, "suggested-action");
    }
}

/* The problem shown, or NULL: for tests and screen readers */
const char *
kaitsu_signin_window_get_problem (KaitsuSigninWindow *self)
{
  g_return_val_if_fail (KAITSU_IS_SIGNIN_WINDOW (self), NULL);
  return gtk_widget_get_visible (self->problem) ? gtk_label_get_label (self->problem_text) : NULL;
}

gboolean
kaitsu_signin_window_is_dead_end (KaitsuSigninWindow *self)
{
  g_return_val_if_fail (KAITSU_IS_SIGNIN_WINDOW (self), FALSE);
  return self->dead_end;
}
