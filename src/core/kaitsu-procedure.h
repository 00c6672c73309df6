/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-procedure.h: the activation procedure as one static table */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The Microsoft 365 services that Cloud App Security protects, in the console's order. */
typedef enum
{
  KAITSU_SERVICE_NONE = -1,
  KAITSU_SERVICE_EXCHANGE_ONLINE = 0,
  KAITSU_SERVICE_SHAREPOINT_ONLINE,
  KAITSU_SERVICE_ONEDRIVE,
  KAITSU_SERVICE_TEAMS,
  KAITSU_N_SERVICES
} KaitsuService;

/* The steps of the activation, in order. Their string ids are a stable contract. */
typedef enum
{
  KAITSU_STEP_NONE = -1,
  KAITSU_STEP_WELCOME = 0,
  KAITSU_STEP_PREPARE,
  KAITSU_STEP_PASSWORD,
  KAITSU_STEP_LOGIN,
  KAITSU_STEP_CONSOLE,
  KAITSU_STEP_EXCHANGE_ONLINE,
  KAITSU_STEP_SHAREPOINT_ONLINE,
  KAITSU_STEP_ONEDRIVE,
  KAITSU_STEP_TEAMS,
  KAITSU_STEP_TEAMS_APP_PERMISSION,
  KAITSU_STEP_VERIFY,
  KAITSU_STEP_POLICIES,
  KAITSU_STEP_MIP,
  KAITSU_STEP_SETTINGS,
  KAITSU_STEP_FINISH,
  KAITSU_N_STEPS
} KaitsuStep;

const char   *kaitsu_service_get_id            (KaitsuService service);
const char   *kaitsu_service_get_name          (KaitsuService service);
KaitsuService kaitsu_service_from_id           (const char   *id);
KaitsuStep    kaitsu_service_get_step          (KaitsuService service);

const char   *kaitsu_step_get_id               (KaitsuStep    step);
KaitsuStep    kaitsu_step_from_id              (const char   *id);
char         *kaitsu_step_dup_title            (KaitsuStep    step);
char         *kaitsu_step_dup_summary          (KaitsuStep    step);
KaitsuService kaitsu_step_get_service          (KaitsuStep    step);
guint         kaitsu_step_get_n_substeps       (KaitsuStep    step);
char         *kaitsu_step_dup_substep_id       (KaitsuStep    step,
                                                guint         index);
char         *kaitsu_step_dup_substep_text     (KaitsuStep    step,
                                                guint         index);
guint         kaitsu_step_get_n_warnings       (KaitsuStep    step);
char         *kaitsu_step_dup_warning          (KaitsuStep    step,
                                                guint         index);
int           kaitsu_step_get_warning_substep  (KaitsuStep    step,
                                               guint         index);
guint         kaitsu_step_get_n_advice         (KaitsuStep    step);
char         *kaitsu_step_dup_advice           (KaitsuStep    step,
                                                guint         index);

char         *kaitsu_procedure_to_json         (void);
char         *kaitsu_procedure_to_checklist    (void);

G_END_DECLS
