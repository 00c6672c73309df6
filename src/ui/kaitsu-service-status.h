/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-service-status.h: how a service's state is shown, in words and icon */
#pragma once

#include <adwaita.h>

#include "kaitsu-flow.h"

G_BEGIN_DECLS

const char *kaitsu_service_state_get_label     (KaitsuServiceState  state);
const char *kaitsu_service_state_get_icon_name (KaitsuServiceState  state);
const char *kaitsu_policy_state_get_label      (KaitsuPolicyState   state);
GtkWidget  *kaitsu_service_status_row_new      (KaitsuFlow         *flow,
                                                KaitsuService       service,
                                                gboolean            policy_name);
void        kaitsu_service_status_list_fill    (GtkListBox         *list,
                                                KaitsuFlow         *flow,
                                                gboolean            policy_names);

G_END_DECLS
