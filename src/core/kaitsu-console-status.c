/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-console-status.c: what a page script reports is checked for shape and size before use */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-console-status"

#include <json-glib/json-glib.h>
#include <string.h>

#include "kaitsu-console-status.h"
#include "kaitsu-json.h"
#include "kaitsu-activation.h"

void
kaitsu_console_task_free (gpointer data)
{
  KaitsuConsoleTask *task = data;

  g_free (task->severity);
  g_free (task->text);
  g_free (task->time);
  g_free (task);
}

static void
policy_free (gpointer data)
{
  KaitsuConsolePolicy *policy = data;

  g_free (policy->name);
  g_free (policy);
}

static void
choice_free (gpointer data)
{
  KaitsuConsoleChoice *choice = data;

  g_free (choice->name);
  g_free (choice);
}

void
kaitsu_console_status_free (KaitsuConsoleStatus *status)
{
  if (status == NULL)
    return;
  g_ptr_array_unref (status->tasks);
  g_ptr_array_unref (status->notifications);
  g_ptr_array_unref (status->app_ids);
  g_ptr_array_unref (status->policies);
  g_ptr_array_unref (status->grant_choices);
  g_free (status);
}

KaitsuConsoleStatus *
kaitsu_console_status_new (void)
{
  KaitsuConsoleStatus *status = g_new0 (KaitsuConsoleStatus, 1);

  status->tasks = g_ptr_array_new_with_free_func (kaitsu_console_task_free);
  status->notifications = g_ptr_array_new_with_free_func (g_free);
  status->app_ids = g_ptr_array_new_with_free_func (g_free);
  status->policies = g_ptr_array_new_with_free_func (policy_free);
  status->grant_choices = g_ptr_array_new_with_free_func (choice_free);
  return status;
}

static gboolean
bad (GError    **error,
     const char *why)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "console status refused: %s", why);
  return FALSE;
}

static const char *
short_string (JsonNode *node)
{
  const char *value;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  value = json_node_get_string (node);
  if (value == NULL || strlen (value) > KAITSU_STATUS_MAX_TEXT || !g_utf8_validate (value, -1, NULL))
    return NULL;
  return value;
}

static JsonArray *
bounded_array (JsonObject *root,
               const char *name)
{
  JsonNode *node = json_object_get_member (root, name);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (json_node_get_array (node)) > KAITSU_STATUS_MAX_ITEMS)
    return NULL;
  return json_node_get_array (node);
}

/* The service a policy row is for, by the name it shows; Teams Chat is not Microsoft Teams */
static KaitsuService
service_named (const char *text)
{
  if (kaitsu_text_contains_label (text, "teams-chat", KAITSU_SERVICE_NONE))
    return KAITSU_SERVICE_NONE;
  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    if (kaitsu_text_contains (text, kaitsu_service_get_name (s)))
      return s;
  return KAITSU_SERVICE_NONE;
}

/* Cloud App Security's name or Vision One's shorter one */
static gboolean
names_atp_policy (const char *text)
{
  return kaitsu_text_contains_label (text, "atp-policy", KAITSU_SERVICE_NONE) ||
         kaitsu_text_contains_label (text, "v1-atp-policy", KAITSU_SERVICE_NONE);
}

static gboolean
read_policies (JsonArray *array,
               GPtrArray *into)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObject *object;
      const char *name, *service, *enabled;
      KaitsuConsolePolicy *policy;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        return FALSE;
      object = json_node_get_object (item);
      name = short_string (json_object_get_member (object, "name"));
      service = short_string (json_object_get_member (object, "service"));
      enabled = short_string (json_object_get_member (object, "enabled"));
      if (name == NULL || service == NULL || enabled == NULL || json_object_get_size (object) != 3 ||
          (*enabled != '\0' && !g_str_equal (enabled, "on") && !g_str_equal (enabled, "off")))
        return FALSE;
      /* The script looks for these names; Kaitsu does not take its word for it */
      if (!names_atp_policy (name))
        continue;
      policy = g_new0 (KaitsuConsolePolicy, 1);
      policy->name = g_strdup (name);
      policy->service = service_named (service);
      policy->monitor_only = kaitsu_text_contains_label (name, "monitor-only", KAITSU_SERVICE_NONE);
      policy->state = g_str_equal (enabled, "on") ? KAITSU_POLICY_ON
                      : g_str_equal (enabled, "off") ? KAITSU_POLICY_OFF : KAITSU_POLICY_UNKNOWN;
      g_ptr_array_add (into, policy);
    }
  return TRUE;
}

static gboolean
read_choices (JsonArray *array,
              GPtrArray *into)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObject *object;
      JsonNode *checked;
      const char *name;
      KaitsuConsoleChoice *choice;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        return FALSE;
      object = json_node_get_object (item);
      name = short_string (json_object_get_member (object, "name"));
      checked = json_object_get_member (object, "checked");
      if (name == NULL || checked == NULL || json_node_get_value_type (checked) != G_TYPE_BOOLEAN ||
          json_object_get_size (object) != 2)
        return FALSE;
      choice = g_new0 (KaitsuConsoleChoice, 1);
      choice->name = g_strdup (name);
      choice->checked = json_node_get_boolean (checked);
      g_ptr_array_add (into, choice);
    }
  return TRUE;
}

static gboolean
read_strings (JsonArray  *array,
              GPtrArray  *into)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *value = short_string (json_array_get_element (array, i));

      if (value == NULL)
        return FALSE;
      g_ptr_array_add (into, g_strdup (value));
    }
  return TRUE;
}

KaitsuConsoleStatus *
kaitsu_console_status_parse (const char  *json,
                             gssize       length,
                             GError     **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (KaitsuConsoleStatus) status = NULL;
  JsonObject *root;
  JsonArray *tasks, *notifications, *app_ids, *policies, *choices;

  if (json == NULL)
    return bad (error, "nothing"), NULL;
  if (length < 0)
    length = strlen (json);
  if (length > KAITSU_STATUS_MAX_BYTES)
    return bad (error, "too large"), NULL;
  /* The script's report is four levels deep; a page's own message could be a million */
  if (!kaitsu_json_depth_ok (json, length, 8))
    return bad (error, "nested too deep"), NULL;
  if (!g_utf8_validate (json, length, NULL) || !json_parser_load_from_data (parser, json, length, NULL))
    return bad (error, "not JSON"), NULL;
  if (json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return bad (error, "not an object"), NULL;
  root = json_node_get_object (json_parser_get_root (parser));
  if (json_object_get_size (root) != 5)
    return bad (error, "unexpected members"), NULL;
  tasks = bounded_array (root, "tasks");
  notifications = bounded_array (root, "notifications");
  app_ids = bounded_array (root, "appIds");
  policies = bounded_array (root, "policies");
  choices = bounded_array (root, "grantChoices");
  if (tasks == NULL || notifications == NULL || app_ids == NULL || policies == NULL || choices == NULL)
    return bad (error, "missing or oversized lists"), NULL;

  status = kaitsu_console_status_new ();
  for (guint i = 0; i < json_array_get_length (tasks); i++)
    {
      JsonNode *item = json_array_get_element (tasks, i);
      JsonObject *object;
      const char *severity, *text, *time;
      KaitsuConsoleTask *task;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        return bad (error, "task is not an object"), NULL;
      object = json_node_get_object (item);
      severity = short_string (json_object_get_member (object, "severity"));
      text = short_string (json_object_get_member (object, "text"));
      time = short_string (json_object_get_member (object, "time"));
      if (severity == NULL || text == NULL || time == NULL || json_object_get_size (object) != 3)
        return bad (error, "bad task"), NULL;
      task = g_new0 (KaitsuConsoleTask, 1);
      task->pending = kaitsu_text_contains_label (severity, "pending", KAITSU_SERVICE_NONE);
      task->severity = g_strdup (severity);
      task->text = g_strdup (text);
      task->time = g_strdup (time);
      g_ptr_array_add (status->tasks, task);
    }
  if (!read_strings (notifications, status->notifications) || !read_strings (app_ids, status->app_ids))
    return bad (error, "bad strings"), NULL;
  if (!read_policies (policies, status->policies))
    return bad (error, "bad policy"), NULL;
  if (!read_choices (choices, status->grant_choices))
    return bad (error, "bad grant choice"), NULL;
  return g_steal_pointer (&status);
}

/* 「SharePoint Onlineは保護されています。」 or "SharePoint Online protected." */
gboolean
kaitsu_console_status_is_protected (KaitsuConsoleStatus *status,
                                    KaitsuService        service)
{
  for (guint i = 0; i < status->notifications->len; i++)
    /* "Microsoft Teams" must not match inside "Microsoft Teamsチャット": the label's whole
     * sentence is sought, not the name alone */
    if (kaitsu_text_contains_label (g_ptr_array_index (status->notifications, i), "protected-notice", service))
      return TRUE;
  return FALSE;
}

gboolean
kaitsu_console_status_is_pending (KaitsuConsoleStatus *status,
                                  KaitsuService        service)
{
  for (guint i = 0; i < status->tasks->len; i++)
    {
      KaitsuConsoleTask *task = g_ptr_array_index (status->tasks, i);

      if (task->pending && kaitsu_text_contains (task->text, kaitsu_service_get_name (service)))
        return TRUE;
    }
  return FALSE;
}


/* The policy that acts wins over the monitor-only one; a row that shows no state says nothing */
KaitsuPolicyState
kaitsu_console_status_get_policy (KaitsuConsoleStatus *status,
                                  KaitsuService        service,
                                  const char         **name)
{
  KaitsuPolicyState best = KAITSU_POLICY_UNKNOWN;

  if (name != NULL)
    *name = NULL;
  for (guint i = 0; i < status->policies->len; i++)
    {
      KaitsuConsolePolicy *policy = g_ptr_array_index (status->policies, i);
      KaitsuPolicyState state;

      if (policy->service != service || policy->state == KAITSU_POLICY_UNKNOWN)
        continue;
      if (policy->state == KAITSU_POLICY_ON)
        state = policy->monitor_only ? KAITSU_POLICY_MONITOR_ONLY : KAITSU_POLICY_ON;
      else
        state = KAITSU_POLICY_OFF;
      if (state > best)
        {
          best = state;
          if (name != NULL)
            *name = state == KAITSU_POLICY_OFF ? NULL : policy->name;
        }
    }
  return best;
}

KaitsuGrantChoice
kaitsu_console_status_get_grant_choice (KaitsuConsoleStatus *status,
                                        const char         **name)
{
  if (name != NULL)
    *name = NULL;
  if (status->grant_choices->len == 0)
    return KAITSU_GRANT_CHOICE_UNKNOWN;
  for (guint i = 0; i < status->grant_choices->len; i++)
    {
      KaitsuConsoleChoice *choice = g_ptr_array_index (status->grant_choices, i);

      if (names_atp_policy (choice->name) &&
          !kaitsu_text_contains_label (choice->name, "monitor-only", KAITSU_SERVICE_NONE))
        {
          if (name != NULL)
            *name = choice->name;
          return choice->checked ? KAITSU_GRANT_CHOICE_TICKED : KAITSU_GRANT_CHOICE_NOT_TICKED;
        }
    }
  return KAITSU_GRANT_CHOICE_NOT_OFFERED;
}
