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
/* Any password that meets the rule works; this is the one the autopilot and the pages suggest */
#define KAITSU_PRACTICE_CONSOLE_PASSWORD "Kaitsu2026Practice"

/* The simulated phone beside Microsoft's number-matching card: not a real site's, so the
 * practice user (the autopilot) finds it by these words */
#define KAITSU_PRACTICE_PHONE_TITLE "練習用の電話 (Microsoft Authenticator) / Practice phone"
#define KAITSU_PRACTICE_PHONE_FIELD "番号 / Number"
#define KAITSU_PRACTICE_PHONE_APPROVE "承認 / Approve"

/* What the practice user gets wrong once, by the scenario */
typedef enum
{
  KAITSU_PRACTICE_NO_MISTAKE = 0,
  /* On the SharePoint Online step, OneDrive is chosen and granted */
  KAITSU_PRACTICE_WRONG_SERVICE_ONCE = 1 << 0,
  /* On "Need admin approval", back to the application without consent */
  KAITSU_PRACTICE_LEAVE_CONSENT_ONCE = 1 << 1,
  /* OneDrive's threat protection policy is left off: not ticked at the grant, not switched on */
  KAITSU_PRACTICE_LEAVE_POLICY_OFF = 1 << 2,
} KaitsuPracticeMistakes;

/* The service whose policy KAITSU_PRACTICE_LEAVE_POLICY_OFF leaves off */
#define KAITSU_PRACTICE_POLICY_LEFT_OFF KAITSU_SERVICE_ONEDRIVE

typedef enum
{
  KAITSU_SIMULATOR_ERROR_SCENARIO,
} KaitsuSimulatorError;

#define KAITSU_SIMULATOR_ERROR (kaitsu_simulator_error_quark ())
GQuark kaitsu_simulator_error_quark (void);

#define KAITSU_TYPE_SIMULATOR (kaitsu_simulator_get_type ())
G_DECLARE_FINAL_TYPE (KaitsuSimulator, kaitsu_simulator, KAITSU, SIMULATOR, GObject)

KaitsuSimulator       *kaitsu_simulator_new               (void);
gboolean               kaitsu_simulator_set_scenarios     (KaitsuSimulator  *self,
                                                           const char       *scenarios,
                                                           GError          **error);
char                  *kaitsu_simulator_dup_scenario_list (void);
gboolean               kaitsu_simulator_start             (KaitsuSimulator  *self,
                                                           GError          **error);
KaitsuSites           *kaitsu_simulator_get_sites         (KaitsuSimulator  *self);
guint                  kaitsu_simulator_get_sync_delay    (KaitsuSimulator  *self);
KaitsuPracticeMistakes kaitsu_simulator_get_mistakes      (KaitsuSimulator  *self);
const char * const    *kaitsu_simulator_get_acknowledge_labels (void);
char                  *kaitsu_simulator_dup_sample_mail   (KaitsuSimulator  *self);

G_END_DECLS
