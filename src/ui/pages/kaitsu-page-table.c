/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-page-table.c: which page shows which step, in the procedure's order */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-page-table"

#include <glib/gi18n.h>

#include "kaitsu-activation.h"
#include "kaitsu-page.h"
#include "app-permission/kaitsu-app-permission-page.h"
#include "login/kaitsu-login-page.h"
#include "mip/kaitsu-mip-page.h"
#include "password/kaitsu-password-page.h"
#include "prepare/kaitsu-prepare-page.h"
#include "protection/kaitsu-protection-page.h"
#include "service/kaitsu-service-page.h"
#include "verify/kaitsu-verify-page.h"
#include "welcome/kaitsu-welcome-page.h"

/* The page kinds the activation's description names for its steps */
typedef struct
{
  const char *name;
  GType (*get_type) (void);
} PageDef;

static const PageDef page_table[] = {
  { "welcome", kaitsu_welcome_page_get_type },
  { "prepare", kaitsu_prepare_page_get_type },
  { "password", kaitsu_password_page_get_type },
  { "login", kaitsu_login_page_get_type },
  { "plain", kaitsu_page_get_type },
  { "service", kaitsu_service_page_get_type },
  { "app-permission", kaitsu_app_permission_page_get_type },
  { "verify", kaitsu_verify_page_get_type },
  { "mip", kaitsu_mip_page_get_type },
  { "protection", kaitsu_protection_page_get_type },
};

GtkWidget *
kaitsu_page_new_for_step (KaitsuFlow *flow,
                          KaitsuStep  step)
{
  const char *name;
  g_autofree char *confirm = NULL;

  g_return_val_if_fail (KAITSU_IS_FLOW (flow), NULL);
  g_return_val_if_fail (step >= 0 && step < KAITSU_N_STEPS, NULL);

  name = kaitsu_step_get_page (step);
  /* For steps the app cannot see: what the user confirms to go on */
  confirm = kaitsu_step_dup_confirm_label (step);
  for (guint i = 0; i < G_N_ELEMENTS (page_table); i++)
    if (g_str_equal (page_table[i].name, name))
      return g_object_new (page_table[i].get_type (), "flow", flow, "step", step,
                           "confirm-label", confirm, NULL);
  g_return_val_if_reached (NULL);
}
