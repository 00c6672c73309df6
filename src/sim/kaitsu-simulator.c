/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-simulator.c: one loopback origin per site, so popups and cookies behave as for real */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-sim"

#include <libsoup/soup.h>
#include <string.h>

#include "kaitsu-simulator.h"

static const char * const site_titles[KAITSU_N_SITES] = {
  "Licensing Management Platform",
  "Licensing Management Platform — パスワードのリセット",
  "Trend Micro Cloud App Security | 運用管理",
  "Microsoft",
};

struct _KaitsuSimulator
{
  GObject parent_instance;
  SoupServer *servers[KAITSU_N_SITES];
  KaitsuSites *sites;
};

G_DEFINE_FINAL_TYPE (KaitsuSimulator, kaitsu_simulator, G_TYPE_OBJECT)

static void
kaitsu_simulator_dispose (GObject *object)
{
  KaitsuSimulator *self = KAITSU_SIMULATOR (object);

  for (guint i = 0; i < KAITSU_N_SITES; i++)
    {
      if (self->servers[i] != NULL)
        soup_server_disconnect (self->servers[i]);
      g_clear_object (&self->servers[i]);
    }
  g_clear_object (&self->sites);
  G_OBJECT_CLASS (kaitsu_simulator_parent_class)->dispose (object);
}

static void
kaitsu_simulator_class_init (KaitsuSimulatorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kaitsu_simulator_dispose;
}

static void
kaitsu_simulator_init (KaitsuSimulator *self)
{
}

KaitsuSimulator *
kaitsu_simulator_new (void)
{
  return g_object_new (KAITSU_TYPE_SIMULATOR, NULL);
}

static void
serve_site (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  const char *title = user_data;
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  g_autofree char *body = NULL;

  if (soup_server_message_get_method (msg) != SOUP_METHOD_GET)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }
  body = g_strdup_printf ("<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\">"
                          "<title>%s</title></head><body><h1>%s</h1></body></html>",
                          escaped, escaped);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_COPY,
                                    body, strlen (body));
}

static char *
listen_on_loopback (SoupServer  *server,
                    GError     **error)
{
  GSList *uris;
  char *base;

  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return NULL;
  uris = soup_server_get_uris (server);
  base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return base;
}

gboolean
kaitsu_simulator_start (KaitsuSimulator  *self,
                        GError          **error)
{
  char *bases[KAITSU_N_SITES] = { NULL, };
  gboolean ok = TRUE;

  g_return_val_if_fail (KAITSU_IS_SIMULATOR (self), FALSE);
  g_return_val_if_fail (self->sites == NULL, FALSE);

  for (guint i = 0; ok && i < KAITSU_N_SITES; i++)
    {
      self->servers[i] = soup_server_new ("server-header", "kaitsu-simulator", NULL);
      soup_server_add_handler (self->servers[i], "/", serve_site, (gpointer) site_titles[i], NULL);
      bases[i] = listen_on_loopback (self->servers[i], error);
      ok = bases[i] != NULL;
    }
  if (ok)
    self->sites = kaitsu_sites_new_custom (bases[KAITSU_SITE_LMP],
                                           bases[KAITSU_SITE_PASSWORD_RESET],
                                           bases[KAITSU_SITE_CONSOLE],
                                           bases[KAITSU_SITE_MICROSOFT_LOGIN]);
  for (guint i = 0; i < KAITSU_N_SITES; i++)
    g_free (bases[i]);
  return ok;
}

KaitsuSites *
kaitsu_simulator_get_sites (KaitsuSimulator *self)
{
  g_return_val_if_fail (KAITSU_IS_SIMULATOR (self), NULL);
  return self->sites;
}
