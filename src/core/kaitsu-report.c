/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-report.c: built from the flow's public state only, so nothing secret can get in;
 * names, addresses and IDs are masked unless the user asked for them */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-report"

#include <glib/gi18n-lib.h>

#include "kaitsu-json.h"
#include "kaitsu-mask.h"
#include "kaitsu-report.h"

void
kaitsu_signin_error_free (KaitsuSigninError *error)
{
  if (error == NULL)
    return;
  g_free (error->correlation_id);
  g_free (error->request_id);
  g_free (error->timestamp);
  g_free (error);
}

/* Personal values of this activation, masked wherever they turn up in free text */
typedef struct
{
  const KaitsuReportInput *input;
  GPtrArray *known;
} Masker;

static void
masker_init (Masker                  *masker,
             const KaitsuReportInput *input)
{
  masker->input = input;
  masker->known = kaitsu_flow_dup_personal_values (input->flow);
  if (input->sharepoint_admin != NULL)
    g_ptr_array_add (masker->known, (gpointer) input->sharepoint_admin);
}

static void
masker_clear (Masker *masker)
{
  g_clear_pointer (&masker->known, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Masker, masker_clear)

static char *
masker_text (Masker     *masker,
             const char *text)
{
  if (masker->input->include_names)
    return g_strdup (text);
  return kaitsu_mask_text (text, (const char * const *) masker->known->pdata);
}

static char *
masker_value (Masker         *masker,
              KaitsuMaskKind  kind,
              const char     *value)
{
  if (masker->input->include_names)
    return g_strdup (value);
  return kaitsu_mask (kind, value);
}

static void
add_text (JsonBuilder *builder,
          Masker      *masker,
          const char  *name,
          const char  *text)
{
  g_autofree char *masked = masker_text (masker, text);

  kaitsu_json_add_string (builder, name, masked);
}

static void
add_value (JsonBuilder    *builder,
           Masker         *masker,
           const char     *name,
           KaitsuMaskKind  kind,
           const char     *value)
{
  g_autofree char *masked = masker_value (masker, kind, value);

  kaitsu_json_add_string (builder, name, masked);
}

/* ISO 8601 in UTC, or NULL for "never" */
static char *
format_time (gint64 seconds)
{
  g_autoptr (GDateTime) time = seconds > 0 ? g_date_time_new_from_unix_utc (seconds) : NULL;

  return time != NULL ? g_date_time_format_iso8601 (time) : NULL;
}

static void
add_time (JsonBuilder *builder,
          const char  *name,
          gint64       seconds)
{
  g_autofree char *text = format_time (seconds);

  kaitsu_json_add_string (builder, name, text);
}

static const char *
service_id_or_null (KaitsuService service)
{
  return service != KAITSU_SERVICE_NONE ? kaitsu_service_get_id (service) : NULL;
}

static void
add_services (JsonBuilder             *builder,
              Masker                  *masker,
              const KaitsuReportInput *input)
{
  KaitsuFlow *flow = input->flow;

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
      add_time (builder, "started", kaitsu_flow_get_service_started (flow, s));
      add_time (builder, "changed", kaitsu_flow_get_service_changed (flow, s));
      json_builder_set_member_name (builder, "attempts");
      json_builder_add_int_value (builder, kaitsu_flow_get_service_attempts (flow, s));
      json_builder_set_member_name (builder, "consents");
      json_builder_add_int_value (builder, kaitsu_flow_get_service_consents (flow, s));
      /* Protected on the user's word, not as read from the console */
      json_builder_set_member_name (builder, "confirmed_by_hand");
      json_builder_add_boolean_value (builder, kaitsu_flow_get_service_by_hand (flow, s));
      /* Granted is not scanning: the default ATP policy as the console's list showed it */
      kaitsu_json_add_string (builder, "policy", kaitsu_policy_state_to_string (kaitsu_flow_get_service_policy (flow, s)));
      add_text (builder, masker, "policy_name", kaitsu_flow_get_service_policy_name (flow, s));
      kaitsu_json_add_string (builder, "grant_choice",
                              kaitsu_grant_choice_to_string (kaitsu_flow_get_grant_choice (flow, s)));
      json_builder_set_member_name (builder, "scanning");
      json_builder_add_boolean_value (builder, kaitsu_flow_get_service_state (flow, s) == KAITSU_SERVICE_STATE_PROTECTED &&
                                               kaitsu_flow_get_service_policy (flow, s) == KAITSU_POLICY_ON);
      json_builder_set_member_name (builder, "errors");
      json_builder_begin_array (builder);
      for (guint i = 0; i < errors->len; i++)
        {
          g_autofree char *code = g_strdup_printf ("AADSTS%u", g_array_index (errors, guint, i));
          json_builder_add_string_value (builder, code);
        }
      json_builder_end_array (builder);
      add_text (builder, masker, "last_error", kaitsu_flow_get_service_last_error (flow, s));
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static void
add_steps (JsonBuilder *builder,
           KaitsuFlow  *flow)
{
  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (KaitsuStep step = 0; step < KAITSU_N_STEPS; step++)
    {
      json_builder_begin_object (builder);
      kaitsu_json_add_string (builder, "id", kaitsu_step_get_id (step));
      kaitsu_json_add_string (builder, "state", kaitsu_step_state_to_string (kaitsu_flow_get_step_state (flow, step)));
      add_time (builder, "reached", kaitsu_flow_get_step_reached (flow, step));
      add_time (builder, "finished", kaitsu_flow_get_step_finished (flow, step));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_timeline (JsonBuilder *builder,
              KaitsuFlow  *flow)
{
  GArray *history = kaitsu_flow_get_history (flow);

  json_builder_set_member_name (builder, "timeline");
  json_builder_begin_array (builder);
  for (guint i = 0; i < history->len; i++)
    {
      KaitsuFlowEvent *event = &g_array_index (history, KaitsuFlowEvent, i);

      json_builder_begin_object (builder);
      add_time (builder, "time", event->time);
      kaitsu_json_add_event_subject (builder, event);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_signin_errors (JsonBuilder             *builder,
                   const KaitsuReportInput *input)
{
  json_builder_set_member_name (builder, "sign_in_errors");
  json_builder_begin_array (builder);
  for (guint i = 0; input->signin_errors != NULL && i < input->signin_errors->len; i++)
    {
      KaitsuSigninError *error = g_ptr_array_index (input->signin_errors, i);
      g_autofree char *code = g_strdup_printf ("AADSTS%u", error->code);

      json_builder_begin_object (builder);
      kaitsu_json_add_string (builder, "service", service_id_or_null (error->service));
      kaitsu_json_add_string (builder, "code", code);
      kaitsu_json_add_string (builder, "correlation_id", error->correlation_id);
      kaitsu_json_add_string (builder, "request_id", error->request_id);
      kaitsu_json_add_string (builder, "microsoft_timestamp", error->timestamp);
      add_time (builder, "time", error->time);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_detections (JsonBuilder             *builder,
                const KaitsuReportInput *input)
{
  json_builder_set_member_name (builder, "detections");
  json_builder_begin_array (builder);
  for (guint i = 0; input->detections != NULL && i < input->detections->len; i++)
    {
      KaitsuDetection *detection = &g_array_index (input->detections, KaitsuDetection, i);

      json_builder_begin_object (builder);
      kaitsu_json_add_string (builder, "service", service_id_or_null (detection->service));
      json_builder_set_member_name (builder, "latency_ms");
      json_builder_add_double_value (builder, detection->latency_ms);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_console (JsonBuilder         *builder,
             Masker              *masker,
             KaitsuConsoleStatus *status)
{
  json_builder_set_member_name (builder, "console");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "tasks");
  json_builder_begin_array (builder);
  for (guint i = 0; status != NULL && i < status->tasks->len; i++)
    {
      KaitsuConsoleTask *task = g_ptr_array_index (status->tasks, i);

      json_builder_begin_object (builder);
      kaitsu_json_add_string (builder, "severity", task->severity);
      add_text (builder, masker, "text", task->text);
      kaitsu_json_add_string (builder, "time", task->time);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "notifications");
  json_builder_begin_array (builder);
  for (guint i = 0; status != NULL && i < status->notifications->len; i++)
    {
      g_autofree char *text = masker_text (masker, g_ptr_array_index (status->notifications, i));

      json_builder_add_string_value (builder, text);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_screens (JsonBuilder             *builder,
             const KaitsuReportInput *input)
{
  json_builder_set_member_name (builder, "screens");
  json_builder_begin_array (builder);
  for (guint i = 0; input->screens_seen != NULL && i < input->screens_seen->len; i++)
    {
      KaitsuScreenSeen *seen = &g_array_index (input->screens_seen, KaitsuScreenSeen, i);

      json_builder_begin_object (builder);
      kaitsu_json_add_string (builder, "screen", seen->screen);
      add_time (builder, "time", seen->time);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_list (JsonBuilder *builder,
          Masker      *masker,
          const char  *name,
          GPtrArray   *texts)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < texts->len; i++)
    {
      g_autofree char *text = masker_text (masker, g_ptr_array_index (texts, i));
      json_builder_add_string_value (builder, text);
    }
  json_builder_end_array (builder);
}

/* What the customer saw where Kaitsu was lost, masked as on a shared screen */
static void
add_unknown_pages (JsonBuilder             *builder,
                   Masker                  *masker,
                   const KaitsuReportInput *input)
{
  json_builder_set_member_name (builder, "unknown_pages");
  json_builder_begin_array (builder);
  for (guint i = 0; input->unknown_pages != NULL && i < input->unknown_pages->len; i++)
    {
      KaitsuPageOutline *outline = g_ptr_array_index (input->unknown_pages, i);

      json_builder_begin_object (builder);
      add_text (builder, masker, "host", outline->host);
      add_text (builder, masker, "path", outline->path);
      add_text (builder, masker, "title", outline->title);
      add_list (builder, masker, "headings", outline->headings);
      add_list (builder, masker, "buttons", outline->buttons);
      add_list (builder, masker, "links", outline->links);
      add_time (builder, "time", outline->time);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

char *
kaitsu_report_to_json (const KaitsuReportInput *input)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  KaitsuFlow *flow;
  g_auto (Masker) masker = { NULL, NULL };

  g_return_val_if_fail (input != NULL && KAITSU_IS_FLOW (input->flow), NULL);

  flow = input->flow;
  masker_init (&masker, input);
  json_builder_begin_object (builder);
  kaitsu_json_add_string (builder, "version", PACKAGE_VERSION);
  kaitsu_json_add_string (builder, "mode", input->mode);
  kaitsu_json_add_string (builder, "toolkit", input->toolkit);
  kaitsu_json_add_string (builder, "region", kaitsu_flow_get_region (flow));
  /* null until a console has opened or the user said */
  kaitsu_json_add_string (builder, "platform", kaitsu_platform_get_id (kaitsu_flow_get_platform (flow)));
  json_builder_set_member_name (builder, "names_included");
  json_builder_add_boolean_value (builder, input->include_names);
  kaitsu_json_add_string (builder, "current_step", kaitsu_step_get_id (kaitsu_flow_get_current_step (flow)));
  add_value (builder, &masker, "account", KAITSU_MASK_ID, kaitsu_flow_get_account (flow));
  add_value (builder, &masker, "company", KAITSU_MASK_NAME, kaitsu_flow_get_company (flow));
  add_value (builder, &masker, "app_id", KAITSU_MASK_ID, kaitsu_flow_get_app_id (flow));
  add_value (builder, &masker, "sharepoint_admin", KAITSU_MASK_ADDRESS, input->sharepoint_admin);

  add_services (builder, &masker, input);
  add_steps (builder, flow);
  add_timeline (builder, flow);
  add_signin_errors (builder, input);
  add_detections (builder, input);
  add_console (builder, &masker, input->status);
  add_screens (builder, input);
  add_unknown_pages (builder, &masker, input);

  json_builder_set_member_name (builder, "connection_check");
  if (input->preflight != NULL)
    kaitsu_preflight_report_add_to (input->preflight, builder, !input->include_names);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "elapsed_s");
  json_builder_add_double_value (builder, input->elapsed_s);
  json_builder_end_object (builder);
  return kaitsu_json_finish (builder);
}

static void
append_line (GString    *out,
             Masker     *masker,
             const char *format,
             ...) G_GNUC_PRINTF (3, 4);

static void
append_line (GString    *out,
             Masker     *masker,
             const char *format,
             ...)
{
  va_list args;
  g_autofree char *line = NULL;
  g_autofree char *masked = NULL;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  masked = masker_text (masker, line);
  g_string_append (out, masked);
  g_string_append_c (out, '\n');
}

static char *
join_texts (GPtrArray *texts)
{
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < texts->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " | " : "", (const char *) g_ptr_array_index (texts, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* For a chat or a mail to support: the same facts, in plain text, still nothing secret */
char *
kaitsu_report_to_text (const KaitsuReportInput *input)
{
  g_autoptr (GString) out = g_string_new (NULL);
  KaitsuConsoleStatus *status;
  KaitsuFlow *flow;
  KaitsuStep current;
  g_auto (Masker) masker = { NULL, NULL };
  g_autofree char *account = NULL;
  g_autofree char *company = NULL;

  g_return_val_if_fail (input != NULL && KAITSU_IS_FLOW (input->flow), NULL);

  flow = input->flow;
  status = input->status;
  current = kaitsu_flow_get_current_step (flow);
  masker_init (&masker, input);
  account = masker_value (&masker, KAITSU_MASK_ID, kaitsu_flow_get_account (flow));
  company = masker_value (&masker, KAITSU_MASK_NAME, kaitsu_flow_get_company (flow));

  /* Translators: the start of the diagnostic report a user pastes into a message to support:
   * version, GTK and WebKitGTK versions, "practice" or "real", a region id */
  g_string_append_printf (out, _("Kaitsu %1$s (%2$s), %3$s mode, region %4$s\n"), PACKAGE_VERSION,
                          input->toolkit != NULL ? input->toolkit : "", input->mode,
                          kaitsu_flow_get_region (flow));
  if (account != NULL || company != NULL)
    g_string_append_printf (out, _("Account: %1$s, company: %2$s\n"), account != NULL ? account : "?",
                            company != NULL ? company : "?");
  g_string_append_printf (out, _("Current step: %1$s (%2$s)\n"), kaitsu_step_get_id (current),
                          kaitsu_step_state_to_string (kaitsu_flow_get_step_state (flow, current)));
  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    {
      GArray *errors = kaitsu_flow_get_service_errors (flow, s);
      g_autofree char *changed = format_time (kaitsu_flow_get_service_changed (flow, s));

      if (!kaitsu_flow_get_service_chosen (flow, s))
        continue;
      /* Translators: a service id, its state id, then counts of tries and of consents */
      g_string_append_printf (out, _("%1$s: %2$s, %3$u attempt(s), %4$u consent(s)"), kaitsu_service_get_id (s),
                              kaitsu_service_state_to_string (kaitsu_flow_get_service_state (flow, s)),
                              kaitsu_flow_get_service_attempts (flow, s),
                              kaitsu_flow_get_service_consents (flow, s));
      for (guint i = 0; i < errors->len; i++)
        g_string_append_printf (out, "%sAADSTS%u", i == 0 ? _(", errors: ") : " ", g_array_index (errors, guint, i));
      if (changed != NULL)
        /* Translators: %s is a date and time (ISO 8601) */
        g_string_append_printf (out, _(", since %s"), changed);
      if (kaitsu_flow_get_service_by_hand (flow, s))
        g_string_append (out, _(" (confirmed by hand, not read from the console)"));
      /* Translators: a policy state id: unknown, off, monitor-only or on */
      g_string_append_printf (out, _(", policy: %s"), kaitsu_policy_state_to_string (kaitsu_flow_get_service_policy (flow, s)));
      g_string_append_c (out, '\n');
      if (kaitsu_flow_get_service_last_error (flow, s) != NULL)
        append_line (out, &masker, _("  last error: %s"), kaitsu_flow_get_service_last_error (flow, s));
    }
  for (guint i = 0; input->signin_errors != NULL && i < input->signin_errors->len; i++)
    {
      KaitsuSigninError *error = g_ptr_array_index (input->signin_errors, i);

      g_string_append_printf (out, _("Sign-in error (%1$s): AADSTS%2$u, Correlation ID %3$s, Request ID %4$s\n"),
                              error->service != KAITSU_SERVICE_NONE ? kaitsu_service_get_id (error->service) : "?",
                              error->code, error->correlation_id != NULL ? error->correlation_id : "—",
                              error->request_id != NULL ? error->request_id : "—");
    }
  for (guint i = 0; input->detections != NULL && i < input->detections->len; i++)
    {
      KaitsuDetection *detection = &g_array_index (input->detections, KaitsuDetection, i);
      g_string_append_printf (out, _("Provisioning page detected (%1$s): %2$.1f ms\n"),
                              detection->service != KAITSU_SERVICE_NONE ? kaitsu_service_get_id (detection->service) : "?",
                              detection->latency_ms);
    }
  for (guint i = 0; status != NULL && i < status->tasks->len; i++)
    {
      KaitsuConsoleTask *task = g_ptr_array_index (status->tasks, i);
      /* Translators: the console's own words: its severity, text and time */
      append_line (out, &masker, _("Console task: %1$s %2$s %3$s"), task->severity, task->text, task->time);
    }
  for (guint i = 0; status != NULL && i < status->notifications->len; i++)
    append_line (out, &masker, _("Console notification: %s"), (const char *) g_ptr_array_index (status->notifications, i));
  if (input->screens_seen != NULL && input->screens_seen->len > 0)
    {
      g_autoptr (GString) screens = g_string_new (NULL);

      for (guint i = 0; i < input->screens_seen->len; i++)
        g_string_append_printf (screens, "%s%s", i > 0 ? ", " : "",
                                g_array_index (input->screens_seen, KaitsuScreenSeen, i).screen);
      g_string_append_printf (out, _("Screens met: %s\n"), screens->str);
    }
  for (guint i = 0; input->unknown_pages != NULL && i < input->unknown_pages->len; i++)
    {
      KaitsuPageOutline *outline = g_ptr_array_index (input->unknown_pages, i);
      g_autofree char *headings = join_texts (outline->headings);
      g_autofree char *buttons = join_texts (outline->buttons);

      /* Translators: a page Kaitsu did not know: its host, path, title, headings and buttons */
      append_line (out, &masker, _("Unknown page: %1$s%2$s “%3$s”, headings: %4$s; buttons: %5$s"),
                   outline->host != NULL ? outline->host : "?", outline->path != NULL ? outline->path : "",
                   outline->title != NULL ? outline->title : "", headings, buttons);
    }
  if (input->preflight != NULL)
    {
      g_autofree char *checks = kaitsu_preflight_report_to_text (input->preflight);

      append_line (out, &masker, _("Connection check:\n%s"), g_strchomp (checks));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
