/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-link-store.h: the activation mail's single-use links, kept in the Secret Service */

#pragma once

#include <gio/gio.h>

#include "kaitsu-flow.h"

G_BEGIN_DECLS

#define KAITSU_TYPE_LINK_STORE (kaitsu_link_store_get_type ())
G_DECLARE_FINAL_TYPE (KaitsuLinkStore, kaitsu_link_store, KAITSU, LINK_STORE, GObject)

/* Follows the flow's two links into the user's keyring (one item per link, labelled for
 * Passwords and Keys) and out of it again once a link is dropped. `session` names the
 * activation they belong to: the session file's path. */
KaitsuLinkStore *kaitsu_link_store_new          (KaitsuFlow      *flow,
                                                 const char      *session);
/* Reads the links back for a flow whose links are KAITSU_LINKS_AWAY: the place becomes HERE
 * with the links, or LOST when the keyring cannot be reached or holds none. */
void             kaitsu_link_store_restore      (KaitsuLinkStore *self);
/* Before quitting: waits a little for the keyring to take the last change */
void             kaitsu_link_store_flush        (KaitsuLinkStore *self);
/* TRUE while anything is being written or read */
gboolean         kaitsu_link_store_is_busy      (KaitsuLinkStore *self);

G_END_DECLS
