/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-web-view.c: a WebKitWebView with an ephemeral session and safe settings */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-web"

#include <string.h>

#include "kaitsu-mask.h"
#include "kaitsu-web-view.h"

struct _KaitsuWebView
{
  WebKitWebView parent_instance;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (KaitsuWebView, kaitsu_web_view, WEBKIT_TYPE_WEB_VIEW)

/* The UI locale's languages in the web's form ("ja-JP"), so Microsoft answers in Japanese. */
char **
kaitsu_web_dup_languages (void)
{
  const char * const *names = g_get_language_names ();
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *tag = NULL;

      if (g_str_equal (names[i], "C") || g_str_equal (names[i], "POSIX") ||
          strchr (names[i], '.') != NULL || strchr (names[i], '@') != NULL)
        continue;
      tag = g_strdelimit (g_ascii_strdown (names[i], -1), "_", '-');
      if (g_hash_table_add (seen, g_strdup (tag)))
        g_strv_builder_add (builder, tag);
    }
  if (g_hash_table_add (seen, g_strdup ("en")))
    g_strv_builder_add (builder, "en");
  return g_strv_builder_end (builder);
}

/* Nothing of the activation needs a download: <a download> and the like are cancelled before
 * a byte is written, and nothing is asked */
static gboolean
on_decide_destination (WebKitDownload *download,
                       const char     *suggested)
{
  webkit_download_cancel (download);
  return TRUE;
}

static void
on_download_started (WebKitNetworkSession *session,
                     WebKitDownload       *download)
{
  g_autofree char *logged = kaitsu_uri_for_log (webkit_uri_request_get_uri (webkit_download_get_request (download)));

  g_message ("Refused a download from %s", logged);
  g_signal_connect (download, "decide-destination", G_CALLBACK (on_decide_destination), NULL);
  webkit_download_cancel (download);
}

/* One in-memory session per run: nothing of the sign-in is ever written to disk. */
WebKitNetworkSession *
kaitsu_web_get_network_session (void)
{
  static WebKitNetworkSession *session;

  if (session == NULL)
    {
      g_auto (GStrv) languages = kaitsu_web_dup_languages ();

      session = webkit_network_session_new_ephemeral ();
      webkit_web_context_set_preferred_languages (webkit_web_context_get_default (),
                                                  (const char * const *) languages);
      webkit_network_session_set_tls_errors_policy (session, WEBKIT_TLS_ERRORS_POLICY_FAIL);
      g_signal_connect (session, "download-started", G_CALLBACK (on_download_started), NULL);
    }
  return session;
}

/* The app's text scale; screen-share mode makes it at least KAITSU_SCREEN_SHARE_SCALE. */
double
kaitsu_text_scale_effective (GSettings *settings)
{
  double scale = g_settings_get_double (settings, "text-scale");

  if (g_settings_get_boolean (settings, "screen-share-mode"))
    scale = MAX (scale, KAITSU_SCREEN_SHARE_SCALE);
  return scale;
}

static void
update_zoom (KaitsuWebView *self)
{
  webkit_web_view_set_zoom_level (WEBKIT_WEB_VIEW (self), kaitsu_text_scale_effective (self->settings));
}

static void
kaitsu_web_view_constructed (GObject *object)
{
  KaitsuWebView *self = KAITSU_WEB_VIEW (object);
  WebKitSettings *settings;

  G_OBJECT_CLASS (kaitsu_web_view_parent_class)->constructed (object);

  settings = webkit_web_view_get_settings (WEBKIT_WEB_VIEW (object));
  /* Blank or garbled views on some GPUs otherwise; Evolution does the same for sign-in. */
  webkit_settings_set_hardware_acceleration_policy (settings,
                                                    WEBKIT_HARDWARE_ACCELERATION_POLICY_NEVER);
  webkit_settings_set_enable_developer_extras (settings, FALSE);
  webkit_settings_set_javascript_can_open_windows_automatically (settings, TRUE);

  /* Pages grow with the app's text, for a reader or a small shared screen */
  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::text-scale", G_CALLBACK (update_zoom), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::screen-share-mode", G_CALLBACK (update_zoom), self, G_CONNECT_SWAPPED);
  update_zoom (self);
}

static void
kaitsu_web_view_dispose (GObject *object)
{
  g_clear_object (&KAITSU_WEB_VIEW (object)->settings);
  G_OBJECT_CLASS (kaitsu_web_view_parent_class)->dispose (object);
}

static void
kaitsu_web_view_class_init (KaitsuWebViewClass *klass)
{
  G_OBJECT_CLASS (klass)->constructed = kaitsu_web_view_constructed;
  G_OBJECT_CLASS (klass)->dispose = kaitsu_web_view_dispose;
}

static void
kaitsu_web_view_init (KaitsuWebView *self)
{
}

GtkWidget *
kaitsu_web_view_new (void)
{
  return g_object_new (KAITSU_TYPE_WEB_VIEW,
                       "network-session", kaitsu_web_get_network_session (),
                       NULL);
}

GtkWidget *
kaitsu_web_view_new_related (KaitsuWebView *related)
{
  g_return_val_if_fail (KAITSU_IS_WEB_VIEW (related), NULL);
  return g_object_new (KAITSU_TYPE_WEB_VIEW, "related-view", related, NULL);
}
