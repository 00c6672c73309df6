/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-session.c: the session file, written atomically, read defensively */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-session"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "kaitsu-json.h"
#include "kaitsu-session.h"
#include "kaitsu-sites.h"

G_DEFINE_QUARK (kaitsu-session-error-quark, kaitsu_session_error)

char *
kaitsu_session_dup_default_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "kaitsu", "session.json", NULL);
}

char *
kaitsu_session_to_json (KaitsuFlow *flow)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (KAITSU_IS_FLOW (flow), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, KAITSU_SESSION_FORMAT);
  json_builder_set_member_name (builder, "saved");
  json_builder_add_int_value (builder, g_get_real_time () / G_USEC_PER_SEC);

  json_builder_set_member_name (builder, "choices");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "services");
  json_builder_begin_array (builder);
  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    if (kaitsu_flow_get_service_chosen (flow, s))
      json_builder_add_string_value (builder, kaitsu_service_get_id (s));
  json_builder_end_array (builder);
  kaitsu_json_add_string (builder, "region", kaitsu_flow_get_region (flow));
  if (kaitsu_flow_get_platform (flow) != KAITSU_PLATFORM_NONE)
    kaitsu_json_add_string (builder, "platform", kaitsu_platform_get_id (kaitsu_flow_get_platform (flow)));
  kaitsu_json_add_string (builder, "mip", kaitsu_mip_use_to_string (kaitsu_flow_get_mip_use (flow)));
  json_builder_set_member_name (builder, "app_permission_needed");
  json_builder_add_boolean_value (builder, kaitsu_flow_get_app_permission_needed (flow));
  json_builder_end_object (builder);

  kaitsu_json_add_string (builder, "current", kaitsu_step_get_id (kaitsu_flow_get_current_step (flow)));
  kaitsu_json_add_string (builder, "furthest", kaitsu_step_get_id (kaitsu_flow_get_furthest_step (flow)));

  json_builder_set_member_name (builder, "steps");
  json_builder_begin_object (builder);
  for (KaitsuStep step = 0; step < KAITSU_N_STEPS; step++)
    {
      json_builder_set_member_name (builder, kaitsu_step_get_id (step));
      json_builder_begin_object (builder);
      kaitsu_json_add_string (builder, "state",
                          kaitsu_step_state_to_string (kaitsu_flow_get_step_state (flow, step)));
      json_builder_set_member_name (builder, "done");
      json_builder_add_boolean_value (builder, kaitsu_flow_get_step_done (flow, step));
      json_builder_set_member_name (builder, "confirmed");
      json_builder_add_boolean_value (builder, kaitsu_flow_get_step_confirmed (flow, step));
      json_builder_set_member_name (builder, "reached");
      json_builder_add_int_value (builder, kaitsu_flow_get_step_reached (flow, step));
      json_builder_set_member_name (builder, "finished");
      json_builder_add_int_value (builder, kaitsu_flow_get_step_finished (flow, step));
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "services");
  json_builder_begin_object (builder);
  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    {
      json_builder_set_member_name (builder, kaitsu_service_get_id (s));
      json_builder_begin_object (builder);
      kaitsu_json_add_string (builder, "state",
                          kaitsu_service_state_to_string (kaitsu_flow_get_service_state (flow, s)));
      json_builder_set_member_name (builder, "attempts");
      json_builder_add_int_value (builder, kaitsu_flow_get_service_attempts (flow, s));
      kaitsu_json_add_string (builder, "last_error", kaitsu_flow_get_service_last_error (flow, s));
      json_builder_set_member_name (builder, "started");
      json_builder_add_int_value (builder, kaitsu_flow_get_service_started (flow, s));
      json_builder_set_member_name (builder, "changed");
      json_builder_add_int_value (builder, kaitsu_flow_get_service_changed (flow, s));
      json_builder_set_member_name (builder, "consents");
      json_builder_add_int_value (builder, kaitsu_flow_get_service_consents (flow, s));
      /* Optional in format 1: older files simply lack it */
      if (kaitsu_flow_get_service_by_hand (flow, s))
        {
          json_builder_set_member_name (builder, "by_hand");
          json_builder_add_boolean_value (builder, TRUE);
        }
      /* Optional in format 1 too: what the policy list and the grant dialog showed */
      kaitsu_json_add_string (builder, "policy", kaitsu_policy_state_to_string (kaitsu_flow_get_service_policy (flow, s)));
      kaitsu_json_add_string (builder, "policy_name", kaitsu_flow_get_service_policy_name (flow, s));
      kaitsu_json_add_string (builder, "grant_choice", kaitsu_grant_choice_to_string (kaitsu_flow_get_grant_choice (flow, s)));
      kaitsu_json_add_string (builder, "grant_policy", kaitsu_flow_get_grant_policy (flow, s));
      json_builder_set_member_name (builder, "errors");
      json_builder_begin_array (builder);
      {
        GArray *errors = kaitsu_flow_get_service_errors (flow, s);
        for (guint i = 0; i < errors->len; i++)
          json_builder_add_int_value (builder, g_array_index (errors, guint, i));
      }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "mail");
  json_builder_begin_object (builder);
  kaitsu_json_add_string (builder, "account", kaitsu_flow_get_account (flow));
  kaitsu_json_add_string (builder, "company", kaitsu_flow_get_company (flow));
  /* Never the links themselves: their tokens are single-use secrets, kept in the Secret
   * Service by the application. Only where they are. */
  {
    KaitsuLinksPlace place = kaitsu_flow_get_links_place (flow);

    if (kaitsu_flow_get_login_url (flow) != NULL || kaitsu_flow_get_reset_url (flow) != NULL)
      place = KAITSU_LINKS_AWAY;
    if (place != KAITSU_LINKS_HERE)
      kaitsu_json_add_string (builder, "links", place == KAITSU_LINKS_AWAY ? "kept" : "lost");
  }
  kaitsu_json_add_string (builder, "app_id", kaitsu_flow_get_app_id (flow));
  json_builder_set_member_name (builder, "reset_expires");
  json_builder_add_int_value (builder, kaitsu_flow_get_reset_expires (flow));
  json_builder_end_object (builder);

  /* The side pane's timeline, so that it survives a restart */
  json_builder_set_member_name (builder, "history");
  json_builder_begin_array (builder);
  {
    GArray *history = kaitsu_flow_get_history (flow);

    for (guint i = 0; i < history->len; i++)
      {
        KaitsuFlowEvent *event = &g_array_index (history, KaitsuFlowEvent, i);

        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "time");
        json_builder_add_int_value (builder, event->time);
        kaitsu_json_add_event_subject (builder, event);
        json_builder_end_object (builder);
      }
  }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  return kaitsu_json_finish (builder);
}

static gboolean
damaged (GError    **error,
         const char *what)
{
  g_set_error (error, KAITSU_SESSION_ERROR, KAITSU_SESSION_ERROR_DAMAGED,
               "session file is damaged: %s", what);
  return FALSE;
}

static JsonObject *
get_object (JsonObject *parent,
            const char *name)
{
  JsonNode *node = json_object_get_member (parent, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* NULL when absent or null; sets *ok to FALSE when present with another type. */
static const char *
get_string (JsonObject *parent,
            const char *name,
            gboolean   *ok)
{
  JsonNode *node = json_object_get_member (parent, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    {
      *ok = FALSE;
      return NULL;
    }
  return json_node_get_string (node);
}

static gint64
get_int (JsonObject *parent,
         const char *name,
         gint64      min,
         gint64      max,
         gboolean   *ok)
{
  JsonNode *node = json_object_get_member (parent, name);
  gint64 value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return 0;
  if (json_node_get_value_type (node) != G_TYPE_INT64)
    {
      *ok = FALSE;
      return 0;
    }
  value = json_node_get_int (node);
  if (value < min || value > max)
    {
      *ok = FALSE;
      return 0;
    }
  return value;
}

static gboolean
get_bool (JsonObject *parent,
          const char *name,
          gboolean   *ok)
{
  JsonNode *node = json_object_get_member (parent, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  if (json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      *ok = FALSE;
      return FALSE;
    }
  return json_node_get_boolean (node);
}

static gboolean
restore_choices (KaitsuFlow  *flow,
                 JsonObject  *choices,
                 GError     **error)
{
  JsonNode *services_node = json_object_get_member (choices, "services");
  gboolean chosen[KAITSU_N_SERVICES] = { FALSE, };
  const char *region, *mip_text;
  KaitsuMipUse mip;
  gboolean ok = TRUE;
  JsonArray *array;

  if (services_node == NULL || !JSON_NODE_HOLDS_ARRAY (services_node))
    return damaged (error, "no chosen services");
  array = json_node_get_array (services_node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      KaitsuService s;

      if (json_node_get_value_type (item) != G_TYPE_STRING)
        return damaged (error, "bad service");
      s = kaitsu_service_from_id (json_node_get_string (item));
      if (s == KAITSU_SERVICE_NONE)
        return damaged (error, "unknown service");
      chosen[s] = TRUE;
    }
  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    kaitsu_flow_set_service_chosen (flow, s, chosen[s]);

  region = get_string (choices, "region", &ok);
  if (!ok || kaitsu_region_find (region) < 0)
    return damaged (error, "unknown region");
  kaitsu_flow_set_region (flow, region);

  /* Older sessions have no platform: not known yet */
  if (json_object_has_member (choices, "platform"))
    {
      const char *platform = get_string (choices, "platform", &ok);

      if (!ok || kaitsu_platform_from_id (platform) == KAITSU_PLATFORM_NONE)
        return damaged (error, "unknown platform");
      kaitsu_flow_set_platform (flow, kaitsu_platform_from_id (platform));
    }

  mip_text = get_string (choices, "mip", &ok);
  if (!ok || !kaitsu_mip_use_from_string (mip_text, &mip))
    return damaged (error, "bad MIP choice");
  kaitsu_flow_set_mip_use (flow, mip);

  kaitsu_flow_set_app_permission_needed (flow, get_bool (choices, "app_permission_needed", &ok));
  return ok ? TRUE : damaged (error, "bad app permission choice");
}

/* Absent from sessions written before it was kept: an empty timeline */
static gboolean
restore_history (KaitsuFlow  *flow,
                 JsonObject  *root,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (root, "history");
  g_autoptr (GArray) events = g_array_new (FALSE, FALSE, sizeof (KaitsuFlowEvent));
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return damaged (error, "bad history");
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      KaitsuFlowEvent event = { 0, KAITSU_STEP_NONE, KAITSU_SERVICE_NONE, 0 };
      JsonObject *record;
      gboolean ok = TRUE;
      const char *step, *service, *state;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        return damaged (error, "bad history entry");
      record = json_node_get_object (item);
      event.time = get_int (record, "time", 0, G_MAXINT64, &ok);
      step = get_string (record, "step", &ok);
      service = get_string (record, "service", &ok);
      state = get_string (record, "state", &ok);
      if (!ok)
        return damaged (error, "bad history entry");
      if (step != NULL)
        event.step = kaitsu_step_from_id (step);
      else if (service != NULL && state != NULL)
        {
          event.service = kaitsu_service_from_id (service);
          if (!kaitsu_service_state_from_string (state, &event.state))
            return damaged (error, "bad history state");
        }
      if (event.step == KAITSU_STEP_NONE && event.service == KAITSU_SERVICE_NONE)
        return damaged (error, "bad history entry");
      g_array_append_val (events, event);
    }
  kaitsu_flow_restore_history (flow, events);
  return TRUE;
}

static gboolean
restore_steps (KaitsuFlow  *flow,
               JsonObject  *root,
               GError     **error)
{
  JsonObject *steps = get_object (root, "steps");
  KaitsuStep current, furthest;
  gboolean ok = TRUE;

  current = kaitsu_step_from_id (get_string (root, "current", &ok));
  furthest = kaitsu_step_from_id (get_string (root, "furthest", &ok));
  if (!ok || current == KAITSU_STEP_NONE || furthest == KAITSU_STEP_NONE || steps == NULL)
    return damaged (error, "bad position");

  for (KaitsuStep step = 0; step < KAITSU_N_STEPS; step++)
    {
      JsonObject *record = get_object (steps, kaitsu_step_get_id (step));

      if (record == NULL)
        continue;
      kaitsu_flow_restore_step (flow, step,
                                get_bool (record, "done", &ok),
                                get_bool (record, "confirmed", &ok));
      /* Absent from sessions written before times were kept: 0, unknown */
      kaitsu_flow_restore_step_times (flow, step, get_int (record, "reached", 0, G_MAXINT64, &ok),
                                      get_int (record, "finished", 0, G_MAXINT64, &ok));
      if (!ok)
        return damaged (error, "bad step");
    }
  if (!kaitsu_flow_step_is_visible (flow, current))
    current = KAITSU_STEP_WELCOME;
  kaitsu_flow_restore_position (flow, current, furthest);
  return TRUE;
}

/* Absent in older files: nothing read yet */
static gboolean
restore_policy (KaitsuFlow    *flow,
                KaitsuService  service,
                JsonObject    *record,
                GError       **error)
{
  gboolean ok = TRUE;
  const char *policy_text = get_string (record, "policy", &ok);
  const char *choice_text = get_string (record, "grant_choice", &ok);
  const char *policy_name = get_string (record, "policy_name", &ok);
  const char *grant_policy = get_string (record, "grant_policy", &ok);
  KaitsuPolicyState policy = KAITSU_POLICY_UNKNOWN;
  KaitsuGrantChoice choice = KAITSU_GRANT_CHOICE_UNKNOWN;

  if (!ok || (policy_text != NULL && !kaitsu_policy_state_from_string (policy_text, &policy)) ||
      (choice_text != NULL && !kaitsu_grant_choice_from_string (choice_text, &choice)))
    return damaged (error, "bad policy state");
  kaitsu_flow_set_service_policy (flow, service, policy, policy_name);
  kaitsu_flow_set_grant_choice (flow, service, choice, grant_policy);
  return TRUE;
}

static gboolean
restore_services (KaitsuFlow  *flow,
                  JsonObject  *root,
                  GError     **error)
{
  JsonObject *services = get_object (root, "services");
  gboolean ok = TRUE;

  if (services == NULL)
    return damaged (error, "no services");
  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    {
      JsonObject *record = get_object (services, kaitsu_service_get_id (s));
      KaitsuServiceState state;
      const char *last_error;
      gint64 attempts, started, changed, consents;
      JsonNode *errors_node;
      g_autoptr (GArray) errors = g_array_new (FALSE, FALSE, sizeof (guint));

      if (record == NULL)
        continue;
      if (!kaitsu_service_state_from_string (get_string (record, "state", &ok), &state))
        return damaged (error, "bad service state");
      attempts = get_int (record, "attempts", 0, 10000, &ok);
      last_error = get_string (record, "last_error", &ok);
      started = get_int (record, "started", 0, G_MAXINT64, &ok);
      changed = get_int (record, "changed", 0, G_MAXINT64, &ok);
      consents = get_int (record, "consents", 0, 10000, &ok);
      errors_node = json_object_get_member (record, "errors");
      if (errors_node != NULL && JSON_NODE_HOLDS_ARRAY (errors_node))
        {
          JsonArray *array = json_node_get_array (errors_node);

          for (guint i = 0; i < json_array_get_length (array) && i < 1000; i++)
            {
              JsonNode *item = json_array_get_element (array, i);
              guint code;

              if (json_node_get_value_type (item) != G_TYPE_INT64 ||
                  json_node_get_int (item) < 0 || json_node_get_int (item) > 9999999)
                return damaged (error, "bad error code");
              code = json_node_get_int (item);
              g_array_append_val (errors, code);
            }
        }
      else if (errors_node != NULL && !JSON_NODE_HOLDS_NULL (errors_node))
        return damaged (error, "bad errors");
      if (!ok)
        return damaged (error, "bad service record");
      kaitsu_flow_restore_service (flow, s, state, attempts, last_error, started, changed);
      kaitsu_flow_restore_service_history (flow, s, consents, errors);
      {
        JsonNode *by_hand = json_object_get_member (record, "by_hand");

        if (by_hand != NULL && json_node_get_value_type (by_hand) != G_TYPE_BOOLEAN)
          return damaged (error, "bad by_hand");
        kaitsu_flow_restore_service_by_hand (flow, s, by_hand != NULL && json_node_get_boolean (by_hand));
      }
      if (!restore_policy (flow, s, record, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
restore_mail (KaitsuFlow  *flow,
              JsonObject  *root,
              GError     **error)
{
  JsonObject *mail = get_object (root, "mail");
  const char *account, *company, *login_url, *reset_url, *links;
  gint64 expires;
  gboolean ok = TRUE;

  if (mail == NULL)
    return TRUE;
  account = get_string (mail, "account", &ok);
  company = get_string (mail, "company", &ok);
  /* Files of earlier versions kept the links here: read once, and the next save moves them */
  login_url = get_string (mail, "login_url", &ok);
  reset_url = get_string (mail, "reset_url", &ok);
  links = get_string (mail, "links", &ok);
  expires = get_int (mail, "reset_expires", 0, G_MAXINT64, &ok);
  if (!ok || (links != NULL && !g_str_equal (links, "kept") && !g_str_equal (links, "lost")))
    return damaged (error, "bad mail facts");
  kaitsu_flow_set_mail_facts (flow, account, company, login_url, reset_url, expires);
  if (links != NULL && login_url == NULL && reset_url == NULL)
    kaitsu_flow_set_links_place (flow, g_str_equal (links, "kept") ? KAITSU_LINKS_AWAY : KAITSU_LINKS_LOST);
  kaitsu_flow_set_app_id (flow, get_string (mail, "app_id", &ok));
  if (!ok)
    return damaged (error, "bad App ID");
  return TRUE;
}

KaitsuFlow *
kaitsu_session_from_json (const char  *data,
                          gssize       length,
                          GError     **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  g_autoptr (GError) local_error = NULL;
  JsonObject *root, *choices;
  gboolean ok = TRUE;
  gint64 format;

  if (length < 0)
    length = strlen (data);
  if (length > KAITSU_SESSION_MAX_SIZE)
    return damaged (error, "too large"), NULL;
  if (!g_utf8_validate (data, length, NULL))
    return damaged (error, "not UTF-8"), NULL;
  /* Kaitsu writes four levels; json-glib would recurse into any depth */
  if (!kaitsu_json_depth_ok (data, length, 16))
    return damaged (error, "nested too deep"), NULL;
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    return damaged (error, local_error->message), NULL;
  if (json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return damaged (error, "not an object"), NULL;
  root = json_node_get_object (json_parser_get_root (parser));

  format = get_int (root, "format", 0, G_MAXINT32, &ok);
  if (!ok || format < 1)
    return damaged (error, "no format version"), NULL;
  if (format > KAITSU_SESSION_FORMAT)
    {
      g_set_error (error, KAITSU_SESSION_ERROR, KAITSU_SESSION_ERROR_NEWER_FORMAT,
                   "session file was written by a newer Kaitsu (format %" G_GINT64_FORMAT ")",
                   format);
      return NULL;
    }

  choices = get_object (root, "choices");
  if (choices == NULL)
    return damaged (error, "no choices"), NULL;
  if (!restore_choices (flow, choices, error) ||
      !restore_services (flow, root, error) ||
      !restore_steps (flow, root, error) ||
      !restore_mail (flow, root, error) ||
      !restore_history (flow, root, error))
    return NULL;
  return g_steal_pointer (&flow);
}

gboolean
kaitsu_session_save (KaitsuFlow  *flow,
                     const char  *path,
                     GError     **error)
{
  g_autofree char *data = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (KAITSU_IS_FLOW (flow), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "cannot create %s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }
  data = kaitsu_session_to_json (flow);
  /* Temporary file, fsync and rename: a crash leaves the old file or the new one. */
  return g_file_set_contents_full (path, data, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

static char *
move_aside (const char *path)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  char *aside = g_strdup_printf ("%s.damaged-%s", path, stamp);

  for (guint i = 2; g_file_test (aside, G_FILE_TEST_EXISTS) && i < 100; i++)
    {
      g_free (aside);
      aside = g_strdup_printf ("%s.damaged-%s-%u", path, stamp, i);
    }
  if (g_rename (path, aside) != 0)
    {
      g_warning ("Cannot move the damaged session file aside: %s", g_strerror (errno));
      g_unlink (path);
      g_clear_pointer (&aside, g_free);
    }
  return aside;
}

/* What g_file_set_contents () leaves when killed between writing and renaming: the file's
 * name, a dot and six characters. Only one Kaitsu runs per user, so none is being written. */
static void
remove_stale_temporaries (const char *path)
{
  g_autofree char *dir_name = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr (GDir) dir = g_dir_open (dir_name, 0, NULL);
  const char *name;
  gsize base_len = strlen (base);

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *full = NULL;
      gboolean temporary = strlen (name) == base_len + 7 && g_str_has_prefix (name, base) && name[base_len] == '.';

      for (gsize i = base_len + 1; temporary && name[i] != '\0'; i++)
        temporary = g_ascii_isalnum (name[i]);
      if (!temporary)
        continue;
      full = g_build_filename (dir_name, name, NULL);
      if (g_file_test (full, G_FILE_TEST_IS_REGULAR) && !g_file_test (full, G_FILE_TEST_IS_SYMLINK))
        g_unlink (full);
    }
}

/* The file's bytes, if it is a regular file no larger than a session can be; never blocks
 * (a FIFO in its place is refused, not waited on) */
static GBytes *
read_regular_file (const char  *path,
                   GError     **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  struct stat info;
  int fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), "cannot open %s: %s", path,
                   g_strerror (saved_errno));
      return NULL;
    }
  if (fstat (fd, &info) != 0 || !S_ISREG (info.st_mode))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s is not a regular file", path);
      close (fd);
      return NULL;
    }
  while (bytes->len <= KAITSU_SESSION_MAX_SIZE)
    {
      guint8 chunk[16384];
      gssize got = read (fd, chunk, sizeof chunk);

      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), "cannot read %s: %s", path,
                       g_strerror (saved_errno));
          close (fd);
          return NULL;
        }
      if (got == 0)
        break;
      g_byte_array_append (bytes, chunk, got);
    }
  close (fd);
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

KaitsuFlow *
kaitsu_session_load (const char  *path,
                     char       **damaged_path,
                     GError     **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local_error = NULL;
  KaitsuFlow *flow;
  gsize length = 0;
  const char *data;

  g_return_val_if_fail (path != NULL, NULL);

  if (damaged_path != NULL)
    *damaged_path = NULL;

  remove_stale_temporaries (path);
  bytes = read_regular_file (path, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return NULL;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  data = g_bytes_get_data (bytes, &length);
  flow = kaitsu_session_from_json (length > 0 ? data : "", length, &local_error);
  if (flow != NULL)
    return flow;

  /* Kept aside, never overwritten: whoever reads it later loses nothing. A newer Kaitsu's
   * file stays where it is, untouched, for that Kaitsu. */
  if (g_error_matches (local_error, KAITSU_SESSION_ERROR, KAITSU_SESSION_ERROR_DAMAGED))
    {
      char *aside = move_aside (path);

      if (damaged_path != NULL)
        *damaged_path = aside;
      else
        g_free (aside);
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/* Where this Kaitsu keeps its progress when a newer one's file is at the usual place */
char *
kaitsu_session_dup_fallback_path (const char *path)
{
  g_autofree char *stem = g_str_has_suffix (path, ".json") ? g_strndup (path, strlen (path) - 5) : g_strdup (path);

  return g_strdup_printf ("%s-format%d.json", stem, KAITSU_SESSION_FORMAT);
}

gboolean
kaitsu_session_delete (const char  *path,
                       GError     **error)
{
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "cannot remove %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}
