/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-report.c: built from the flow's public state only, so nothing secret can get in */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-report"

#include "kaitsu-json.h"
#include "kaitsu-report.h"

char *
kaitsu_report_to_json (KaitsuFlow          *flow,
                       const char          *mode,
                       const char          *toolkit,
                       GArray              *detections,
                       KaitsuConsoleStatus *status,
                       double               elapsed_s)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (KAITSU_IS_FLOW (flow), NULL);

  json_builder_begin_object (builder);
  kaitsu_json_add_string (builder, "version", PACKAGE_VERSION);
  kaitsu_json_add_string (builder, "mode", mode);
  kaitsu_json_add_string (builder, "toolkit", toolkit);
  kaitsu_json_add_string (builder, "region", kaitsu_flow_get_region (flow));

  json_builder_set_member_name (builder, "services");
  json_builder_begin_object (builder);
  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    {
      GArray *errors = kaitsu_flow_get_service_errors (flow, s);

      if (!kaitsu_flow_get_service_chosen (flow, s))
        continue;
      json_builder_set_member_name (builder, kaitsu_service_get_id (s));
      json_builder_begin_object (builder);
      kaitsu_json_add_string (builder, "state",
                              kaitsu_service_state_to_string (kaitsu_flow_get_service_state (flow, s)));
      json_builder_set_member_name (builder, "attempts");
      json_builder_add_int_value (builder, kaitsu_flow_get_service_attempts (flow, s));
      json_builder_set_member_name (builder, "consents");
      json_builder_add_int_value (builder, kaitsu_flow_get_service_consents (flow, s));
      json_builder_set_member_name (builder, "errors");
      json_builder_begin_array (builder);
      for (guint i = 0; i < errors->len; i++)
        {
          g_autofree char *code = g_strdup_printf ("AADSTS%u", g_array_index (errors, guint, i));
          json_builder_add_string_value (builder, code);
        }
      json_builder_end_array (builder);
      kaitsu_json_add_string (builder, "last_error", kaitsu_flow_get_service_last_error (flow, s));
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (KaitsuStep step = 0; step < KAITSU_N_STEPS; step++)
    {
      json_builder_begin_object (builder);
      kaitsu_json_add_string (builder, "id", kaitsu_step_get_id (step));
      kaitsu_json_add_string (builder, "state", kaitsu_step_state_to_string (kaitsu_flow_get_step_state (flow, step)));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "detections");
  json_builder_begin_array (builder);
  for (guint i = 0; detections != NULL && i < detections->len; i++)
    {
      KaitsuDetection *detection = &g_array_index (detections, KaitsuDetection, i);

      json_builder_begin_object (builder);
      kaitsu_json_add_string (builder, "service", detection->service != KAITSU_SERVICE_NONE
                                                  ? kaitsu_service_get_id (detection->service) : NULL);
      json_builder_set_member_name (builder, "latency_ms");
      json_builder_add_double_value (builder, detection->latency_ms);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "console");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "tasks");
  json_builder_begin_array (builder);
  for (guint i = 0; status != NULL && i < status->tasks->len; i++)
    {
      KaitsuConsoleTask *task = g_ptr_array_index (status->tasks, i);

      json_builder_begin_object (builder);
      kaitsu_json_add_string (builder, "severity", task->severity);
      kaitsu_json_add_string (builder, "text", task->text);
      kaitsu_json_add_string (builder, "time", task->time);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "notifications");
  json_builder_begin_array (builder);
  for (guint i = 0; status != NULL && i < status->notifications->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (status->notifications, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "elapsed_s");
  json_builder_add_double_value (builder, elapsed_s);
  json_builder_end_object (builder);
  return kaitsu_json_finish (builder);
}

/* For a chat or a mail to support: the same facts, in plain text, still nothing secret */
char *
kaitsu_report_to_text (KaitsuFlow          *flow,
                       const char          *mode,
                       const char          *toolkit,
                       GArray              *detections,
                       KaitsuConsoleStatus *status)
{
  g_autoptr (GString) out = g_string_new (NULL);

  g_return_val_if_fail (KAITSU_IS_FLOW (flow), NULL);

  g_string_append_printf (out, "Kaitsu %s (%s), %s mode, region %s\n", PACKAGE_VERSION,
                          toolkit != NULL ? toolkit : "", mode, kaitsu_flow_get_region (flow));
  g_string_append_printf (out, "Current step: %s\n", kaitsu_step_get_id (kaitsu_flow_get_current_step (flow)));
  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    {
      GArray *errors = kaitsu_flow_get_service_errors (flow, s);

      if (!kaitsu_flow_get_service_chosen (flow, s))
        continue;
      g_string_append_printf (out, "%s: %s, %u attempt(s), %u consent(s)", kaitsu_service_get_id (s),
                              kaitsu_service_state_to_string (kaitsu_flow_get_service_state (flow, s)),
                              kaitsu_flow_get_service_attempts (flow, s),
                              kaitsu_flow_get_service_consents (flow, s));
      for (guint i = 0; i < errors->len; i++)
        g_string_append_printf (out, "%sAADSTS%u", i == 0 ? ", errors: " : " ", g_array_index (errors, guint, i));
      g_string_append_c (out, '\n');
      if (kaitsu_flow_get_service_last_error (flow, s) != NULL)
        g_string_append_printf (out, "  last error: %s\n", kaitsu_flow_get_service_last_error (flow, s));
    }
  for (guint i = 0; detections != NULL && i < detections->len; i++)
    {
      KaitsuDetection *detection = &g_array_index (detections, KaitsuDetection, i);
      g_string_append_printf (out, "Provisioning page detected (%s): %.1f ms\n",
                              detection->service != KAITSU_SERVICE_NONE ? kaitsu_service_get_id (detection->service) : "?",
                              detection->latency_ms);
    }
  for (guint i = 0; status != NULL && i < status->tasks->len; i++)
    {
      KaitsuConsoleTask *task = g_ptr_array_index (status->tasks, i);
      g_string_append_printf (out, "Console task: %s %s %s\n", task->severity, task->text, task->time);
    }
  for (guint i = 0; status != NULL && i < status->notifications->len; i++)
    g_string_append_printf (out, "Console notification: %s\n", (const char *) g_ptr_array_index (status->notifications, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}
