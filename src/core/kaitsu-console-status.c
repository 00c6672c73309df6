/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-console-status.c: what a page script reports is checked for shape and size before use */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-console-status"

#include <json-glib/json-glib.h>
#include <string.h>

#include "kaitsu-console-status.h"
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

void
kaitsu_console_status_free (KaitsuConsoleStatus *status)
{
  if (status == NULL)
    return;
  g_ptr_array_unref (status->tasks);
  g_ptr_array_unref (status->notifications);
  g_ptr_array_unref (status->app_ids);
  g_free (status);
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
  JsonArray *tasks, *notifications, *app_ids;

  if (json == NULL)
    return bad (error, "nothing"), NULL;
  if (length < 0)
    length = strlen (json);
  if (length > KAITSU_STATUS_MAX_BYTES)
    return bad (error, "too large"), NULL;
  if (!g_utf8_validate (json, length, NULL) || !json_parser_load_from_data (parser, json, length, NULL))
    return bad (error, "not JSON"), NULL;
  if (json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return bad (error, "not an object"), NULL;
  root = json_node_get_object (json_parser_get_root (parser));
  if (json_object_get_size (root) != 3)
    return bad (error, "unexpected members"), NULL;
  tasks = bounded_array (root, "tasks");
  notifications = bounded_array (root, "notifications");
  app_ids = bounded_array (root, "appIds");
  if (tasks == NULL || notifications == NULL || app_ids == NULL)
    return bad (error, "missing or oversized lists"), NULL;

  status = g_new0 (KaitsuConsoleStatus, 1);
  status->tasks = g_ptr_array_new_with_free_func (kaitsu_console_task_free);
  status->notifications = g_ptr_array_new_with_free_func (g_free);
  status->app_ids = g_ptr_array_new_with_free_func (g_free);
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

