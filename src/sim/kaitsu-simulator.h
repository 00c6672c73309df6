/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-simulator.h: the practice-mode imitation of every site, on loopback */
#pragma once

#include <glib-object.h>

#include "kaitsu-sites.h"

G_BEGIN_DECLS

#define KAITSU_PRACTICE_ACCOUNT "CAS0001"
#define KAITSU_PRACTICE_COMPANY "練習用株式会社"
#define KAITSU_PRACTICE_ADMIN "admin@practice.example"
#define KAITSU_PRACTICE_ADMIN_PASSWORD "Practice-Admin-2026"

typedef enum
{
  KAITSU_SIMULATOR_ERROR_SCENARIO,
} KaitsuSimulatorError;

#define KAITSU_SIMULATOR_ERROR (kaitsu_simulator_error_quark ())
GQuark kaitsu_simulator_error_quark (void);

#define KAITSU_TYPE_SIMULATOR (kaitsu_simulator_get_type ())
G_DECLARE_FINAL_TYPE (KaitsuSimulator, kaitsu_simulator, KAITSU, SIMULATOR, GObject)

KaitsuSimulator *kaitsu_simulator_new              (void);
gboolean         kaitsu_simulator_set_scenarios    (KaitsuSimulator  *self,
                                                    const char       *scenarios,
                                                    GError          **error);
gboolean         kaitsu_simulator_start            (KaitsuSimulator  *self,
                                                    GError          **error);
KaitsuSites     *kaitsu_simulator_get_sites        (KaitsuSimulator  *self);
guint            kaitsu_simulator_get_sync_delay   (KaitsuSimulator  *self);
gboolean         kaitsu_simulator_get_wrong_service_once (KaitsuSimulator *self);
char            *kaitsu_simulator_dup_sample_mail  (KaitsuSimulator  *self);

G_END_DECLS
