/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-simulator.h: the practice-mode imitation of every site, on loopback */
#pragma once

#include <glib-object.h>

#include "kaitsu-sites.h"

G_BEGIN_DECLS

#define KAITSU_TYPE_SIMULATOR (kaitsu_simulator_get_type ())
G_DECLARE_FINAL_TYPE (KaitsuSimulator, kaitsu_simulator, KAITSU, SIMULATOR, GObject)

KaitsuSimulator *kaitsu_simulator_new       (void);
gboolean         kaitsu_simulator_start     (KaitsuSimulator  *self,
                                             GError          **error);
KaitsuSites     *kaitsu_simulator_get_sites (KaitsuSimulator  *self);

G_END_DECLS
