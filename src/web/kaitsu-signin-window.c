/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-signin-window.c: shows Microsoft's pages with their host, closes itself on the
 * provisioning page once it has loaded, and says how long that took. */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-signin-window"

#include <glib/gi18n.h>

#include "kaitsu-aadsts.h"
#include "kaitsu-signin-window.h"

struct _KaitsuSigninWindow
{
  GtkWindow parent_instance;

  KaitsuBrowser *browser;
  gboolean closing;
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
on_page_seen (KaitsuSigninWindow *self,
              KaitsuPageKind      kind,
              const char         *uri,
              const char         *text)
{
  g_autoptr (KaitsuConsentAnswer) answer = NULL;

  if (kind == KAITSU_PAGE_PROVISION)
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
      answer = kaitsu_consent_answer_from_text (kind == KAITSU_PAGE_MS_ERROR ? text : NULL);
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
  signals[PROVISIONED] = g_signal_new ("provisioned", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);
  signals[CONSENT_FAILED] = g_signal_new ("consent-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
kaitsu_signin_window_init (KaitsuSigninWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 720);
  gtk_window_set_title (GTK_WINDOW (self), _("Microsoft Sign-in"));
}

KaitsuSigninWindow *
kaitsu_signin_window_new (KaitsuSites   *sites,
                          KaitsuWebView *view,
                          GtkWindow     *parent)
{
  KaitsuSigninWindow *self = g_object_new (KAITSU_TYPE_SIGNIN_WINDOW, NULL);

  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      gtk_window_set_modal (GTK_WINDOW (self), TRUE);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
    }
  self->browser = kaitsu_browser_new (sites, KAITSU_BROWSER_SIGNIN, view);
  gtk_window_set_child (GTK_WINDOW (self), GTK_WIDGET (self->browser));
  g_signal_connect_object (self->browser, "page-seen", G_CALLBACK (on_page_seen), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "ready-to-show", G_CALLBACK (on_ready_to_show), self, G_CONNECT_SWAPPED);
  /* The page's own window.close() */
  g_signal_connect_object (view, "close", G_CALLBACK (close_now), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "notify::title", G_CALLBACK (on_title), self, G_CONNECT_SWAPPED);
  return self;
}

KaitsuBrowser *
kaitsu_signin_window_get_browser (KaitsuSigninWindow *self)
{
  g_return_val_if_fail (KAITSU_IS_SIGNIN_WINDOW (self), NULL);
  return self->browser;
}
