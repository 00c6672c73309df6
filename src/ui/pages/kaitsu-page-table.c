/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-page-table.c: which page shows which step, in the procedure's order */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-page-table"

#include <glib/gi18n.h>

#include "kaitsu-page.h"
#include "app-permission/kaitsu-app-permission-page.h"
#include "login/kaitsu-login-page.h"
#include "mip/kaitsu-mip-page.h"
#include "password/kaitsu-password-page.h"
#include "prepare/kaitsu-prepare-page.h"
#include "service/kaitsu-service-page.h"
#include "verify/kaitsu-verify-page.h"
#include "welcome/kaitsu-welcome-page.h"

typedef struct
{
  KaitsuStep step;
  GType (*get_type) (void);
  /* For steps the app cannot see: what the user confirms to go on. */
  const char *confirm_label;
} PageDef;

static const PageDef page_table[KAITSU_N_STEPS] = {
  { KAITSU_STEP_WELCOME, kaitsu_welcome_page_get_type, NULL },
  { KAITSU_STEP_PREPARE, kaitsu_prepare_page_get_type, N_("_I have all of this at hand") },
  { KAITSU_STEP_PASSWORD, kaitsu_password_page_get_type, NULL },
  { KAITSU_STEP_LOGIN, kaitsu_login_page_get_type, NULL },
  { KAITSU_STEP_CONSOLE, kaitsu_page_get_type, N_("The _console is open and lists 「初期設定の組織」") },
  { KAITSU_STEP_EXCHANGE_ONLINE, kaitsu_service_page_get_type, NULL },
  { KAITSU_STEP_SHAREPOINT_ONLINE, kaitsu_service_page_get_type, NULL },
  { KAITSU_STEP_ONEDRIVE, kaitsu_service_page_get_type, NULL },
  { KAITSU_STEP_TEAMS, kaitsu_service_page_get_type, NULL },
  { KAITSU_STEP_TEAMS_APP_PERMISSION, kaitsu_app_permission_page_get_type, NULL },
  { KAITSU_STEP_VERIFY, kaitsu_verify_page_get_type, NULL },
  { KAITSU_STEP_MIP, kaitsu_mip_page_get_type, NULL },
  { KAITSU_STEP_FINISH, kaitsu_page_get_type, NULL },
};

GtkWidget *
kaitsu_page_new_for_step (KaitsuFlow *flow,
                          KaitsuStep  step)
{
  const PageDef *def;

  g_return_val_if_fail (KAITSU_IS_FLOW (flow), NULL);
  g_return_val_if_fail (step >= 0 && step < KAITSU_N_STEPS, NULL);

  def = &page_table[step];
  g_assert (def->step == step);
  if (def->confirm_label != NULL)
    return g_object_new (def->get_type (), "flow", flow, "step", step,
                         "confirm-label", _(def->confirm_label), NULL);
  return g_object_new (def->get_type (), "flow", flow, "step", step, NULL);
}
