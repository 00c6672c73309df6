/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-link-store.c: the activation mail's single-use links, kept in the Secret Service
 * (the GNOME keyring, or the secret portal in Flatpak), never in the session file. */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-link-store"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "kaitsu-link-store.h"

/* How long closing Kaitsu may wait for the keyring to take the last change */
#define FLUSH_TIMEOUT_US (2 * G_USEC_PER_SEC)

typedef enum
{
  LINK_LOGIN,
  LINK_RESET,
  N_LINKS,
} Link;

static const char * const link_ids[N_LINKS] = { "login", "reset" };

struct _KaitsuLinkStore
{
  GObject parent_instance;

  KaitsuFlow *flow;
  char *session;
  GCancellable *cancellable;
  /* What the keyring holds, as far as Kaitsu knows */
  char *kept[N_LINKS];
  char *found[N_LINKS];
  guint in_flight;
  guint lookups_left;
  gboolean lookup_failed;
  /* Said once in the log, not at every change */
  gboolean unavailable;
};

G_DEFINE_FINAL_TYPE (KaitsuLinkStore, kaitsu_link_store, G_TYPE_OBJECT)

static const SecretSchema *
link_schema (void)
{
  static const SecretSchema schema = {
    APP_ID ".MailLink", SECRET_SCHEMA_NONE,
    {
      { "session", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "link", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

static const char *
flow_link (KaitsuLinkStore *self,
           Link             link)
{
  return link == LINK_LOGIN ? kaitsu_flow_get_login_url (self->flow) : kaitsu_flow_get_reset_url (self->flow);
}

static void sync_links (KaitsuLinkStore *self);

static void
note_failure (KaitsuLinkStore *self,
              const char      *what,
              GError          *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (!self->unavailable)
    g_message ("The keyring cannot %s the activation mail's links: %s", what, error->message);
  self->unavailable = TRUE;
}

typedef struct
{
  KaitsuLinkStore *self;
  Link link;
  char *value;
} Change;

static void
change_free (Change *change)
{
  g_object_unref (change->self);
  g_free (change->value);
  g_free (change);
}

static void
on_changed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Change *change = user_data;
  KaitsuLinkStore *self = change->self;
  g_autoptr (GError) error = NULL;
  gboolean ok;

  if (change->value != NULL)
    ok = secret_password_store_finish (result, &error);
  else
    ok = secret_password_clear_finish (result, &error) || error == NULL;
  if (!ok)
    note_failure (self, change->value != NULL ? "keep" : "forget", error);
  /* Taken as done either way: a keyring that fails is not asked again for the same change */
  g_free (self->kept[change->link]);
  self->kept[change->link] = g_strdup (change->value);
  self->in_flight--;
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    sync_links (self);
  change_free (change);
}

/* One change at a time, so that a store and a later clear of one link cannot cross. */
static void
sync_links (KaitsuLinkStore *self)
{
  if (self->in_flight > 0 || kaitsu_flow_get_links_place (self->flow) != KAITSU_LINKS_HERE)
    return;
  for (Link link = 0; link < N_LINKS; link++)
    {
      const char *want = flow_link (self, link);
      Change *change;

      if (g_strcmp0 (want, self->kept[link]) == 0)
        continue;
      change = g_new0 (Change, 1);
      change->self = g_object_ref (self);
      change->link = link;
      change->value = g_strdup (want);
      self->in_flight++;
      if (want != NULL)
        {
          const char *account = kaitsu_flow_get_account (self->flow);
          /* Seen in Passwords and Keys */
          g_autofree char *label =
            g_strdup_printf (link == LINK_LOGIN ? _("Kaitsu: login link from the activation mail (%s)")
                                                : _("Kaitsu: password link from the activation mail (%s)"),
                             account != NULL ? account : "—");

          secret_password_store (link_schema (), SECRET_COLLECTION_DEFAULT, label, want,
                                 self->cancellable, on_changed, change,
                                 "session", self->session, "link", link_ids[link], NULL);
        }
      else
        {
          secret_password_clear (link_schema (), self->cancellable, on_changed, change,
                                 "session", self->session, "link", link_ids[link], NULL);
        }
      return;
    }
}

typedef struct
{
  KaitsuLinkStore *self;
  Link link;
} Lookup;

static void
on_looked_up (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Lookup *lookup = user_data;
  g_autoptr (KaitsuLinkStore) self = lookup->self;
  g_autoptr (GError) error = NULL;
  char *value = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    {
      note_failure (self, "read back", error);
      self->lookup_failed = TRUE;
    }
  self->found[lookup->link] = value;
  g_free (lookup);
  self->in_flight--;
  if (--self->lookups_left > 0 || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  for (Link link = 0; link < N_LINKS; link++)
    {
      g_free (self->kept[link]);
      self->kept[link] = g_steal_pointer (&self->found[link]);
    }
  if (self->kept[LINK_LOGIN] != NULL || self->kept[LINK_RESET] != NULL)
    kaitsu_flow_restore_links (self->flow, self->kept[LINK_LOGIN], self->kept[LINK_RESET]);
  else
    kaitsu_flow_set_links_place (self->flow, KAITSU_LINKS_LOST);
  g_debug ("Links read back: %s", self->lookup_failed ? "keyring unavailable" :
           kaitsu_flow_get_links_place (self->flow) == KAITSU_LINKS_HERE ? "found" : "none kept");
  sync_links (self);
}

void
kaitsu_link_store_restore (KaitsuLinkStore *self)
{
  g_return_if_fail (KAITSU_IS_LINK_STORE (self));

  if (kaitsu_flow_get_links_place (self->flow) != KAITSU_LINKS_AWAY || self->lookups_left > 0)
    return;
  self->lookup_failed = FALSE;
  for (Link link = 0; link < N_LINKS; link++)
    {
      Lookup *lookup = g_new0 (Lookup, 1);

      lookup->self = g_object_ref (self);
      lookup->link = link;
      self->in_flight++;
      self->lookups_left++;
      secret_password_lookup (link_schema (), self->cancellable, on_looked_up, lookup,
                              "session", self->session, "link", link_ids[link], NULL);
    }
}

gboolean
kaitsu_link_store_is_busy (KaitsuLinkStore *self)
{
  g_return_val_if_fail (KAITSU_IS_LINK_STORE (self), FALSE);
  return self->in_flight > 0;
}

void
kaitsu_link_store_flush (KaitsuLinkStore *self)
{
  gint64 until = g_get_monotonic_time () + FLUSH_TIMEOUT_US;

  g_return_if_fail (KAITSU_IS_LINK_STORE (self));

  sync_links (self);
  while (self->in_flight > 0 && g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static void
kaitsu_link_store_dispose (GObject *object)
{
  KaitsuLinkStore *self = KAITSU_LINK_STORE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->flow != NULL)
    g_signal_handlers_disconnect_by_data (self->flow, self);
  g_clear_object (&self->flow);
  G_OBJECT_CLASS (kaitsu_link_store_parent_class)->dispose (object);
}

static void
kaitsu_link_store_finalize (GObject *object)
{
  KaitsuLinkStore *self = KAITSU_LINK_STORE (object);

  g_clear_object (&self->cancellable);
  g_free (self->session);
  for (Link link = 0; link < N_LINKS; link++)
    {
      g_free (self->kept[link]);
      g_free (self->found[link]);
    }
  G_OBJECT_CLASS (kaitsu_link_store_parent_class)->finalize (object);
}

static void
kaitsu_link_store_class_init (KaitsuLinkStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kaitsu_link_store_dispose;
  object_class->finalize = kaitsu_link_store_finalize;
}

static void
kaitsu_link_store_init (KaitsuLinkStore *self)
{
  self->cancellable = g_cancellable_new ();
}

KaitsuLinkStore *
kaitsu_link_store_new (KaitsuFlow *flow,
                       const char *session)
{
  KaitsuLinkStore *self;

  g_return_val_if_fail (KAITSU_IS_FLOW (flow), NULL);
  g_return_val_if_fail (session != NULL, NULL);

  self = g_object_new (KAITSU_TYPE_LINK_STORE, NULL);
  self->flow = g_object_ref (flow);
  self->session = g_strdup (session);
  g_signal_connect_swapped (flow, "changed", G_CALLBACK (sync_links), self);
  return self;
}
