/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-page-reading.c: addresses and visible texts only: never ids or classes, which change */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-page-reading"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kaitsu-aadsts.h"
#include "kaitsu-activation-private.h"
#include "kaitsu-json.h"
#include "kaitsu-mail.h"
#include "kaitsu-page-reading.h"

KaitsuPageReading *
kaitsu_page_read (KaitsuSites *sites,
                  const char  *uri,
                  const char  *text)
{
  KaitsuActivation *activation = kaitsu_activation_get_default ();
  KaitsuPageReading *reading = g_new0 (KaitsuPageReading, 1);
  g_autoptr (KaitsuConsentAnswer) redirect = kaitsu_consent_answer_from_uri (uri);
  g_autofree char *folded = NULL;
  guint implied = 0;

  g_return_val_if_fail (KAITSU_IS_SITES (sites), reading);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    text = "";
  folded = kaitsu_text_fold (text);
  reading->site = kaitsu_sites_recognise (sites, uri, &reading->platform);
  /* Microsoft's answer in the address comes first: the page may not say it. */
  if (redirect != NULL && redirect->error != NULL)
    reading->code = redirect->code;
  else
    reading->code = kaitsu_aadsts_find_code (text);
  kaitsu_find_support_ids (text, &reading->correlation_id, &reading->request_id, &reading->timestamp);
  reading->screen = kaitsu_activation_match (activation, reading->site, uri, folded, reading->code, &implied);
  if (reading->code == 0)
    reading->code = implied;
  reading->service = kaitsu_activation_find_service (activation, reading->screen, folded);
  reading->language = kaitsu_text_guess_language (text);
  return reading;
}

void
kaitsu_page_reading_free (KaitsuPageReading *reading)
{
  if (reading == NULL)
    return;
  g_free (reading->correlation_id);
  g_free (reading->request_id);
  g_free (reading->timestamp);
  g_free (reading);
}

gboolean
kaitsu_page_reading_is (const KaitsuPageReading *reading,
                        const char              *screen_id)
{
  return reading != NULL && g_strcmp0 (kaitsu_screen_get_id (reading->screen), screen_id) == 0;
}

int
kaitsu_step_find_substep (KaitsuStep          step,
                          const KaitsuScreen *screen)
{
  const KaitsuStepDesc *desc = kaitsu_activation_get_step_desc (kaitsu_activation_get_default (), step);

  for (guint i = 0; screen != NULL && i < desc->substeps->len; i++)
    {
      KaitsuSubstep *substep = g_ptr_array_index (desc->substeps, i);

      if (g_ptr_array_find (substep->screens, screen, NULL))
        return (int) i;
    }
  return -1;
}

/* The steps whose sub-steps show this screen: one, or the service steps that share them */
static GPtrArray *
dup_substep_ids (const KaitsuPageReading *reading,
                 KaitsuStep              *only)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  *only = KAITSU_STEP_NONE;
  for (KaitsuStep step = 0; step < KAITSU_N_STEPS; step++)
    {
      int index = kaitsu_step_find_substep (step, reading->screen);

      if (index < 0)
        continue;
      if (reading->service != KAITSU_SERVICE_NONE && kaitsu_step_get_service (step) != reading->service)
        continue;
      g_ptr_array_add (ids, kaitsu_step_dup_substep_id (step, index));
      *only = ids->len == 1 ? step : KAITSU_STEP_NONE;
    }
  return ids;
}

static char *
dup_advice (const KaitsuPageReading *reading)
{
  g_autofree char *says = kaitsu_screen_dup_says (reading->screen, reading->service);
  g_autofree char *explanation = NULL;
  g_autofree char *advice = NULL;

  if (reading->code == 0)
    return g_steal_pointer (&says);
  explanation = kaitsu_aadsts_dup_explanation (reading->code);
  advice = kaitsu_aadsts_dup_advice (reading->code);
  return g_strjoin (" ", says, explanation, advice, NULL);
}

char *
kaitsu_page_reading_to_json (const KaitsuPageReading *reading)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  KaitsuStep step;
  g_autoptr (GPtrArray) substeps = dup_substep_ids (reading, &step);
  g_autofree char *advice = dup_advice (reading);
  gboolean unknown = kaitsu_screen_get_meaning (reading->screen) == KAITSU_SCREEN_UNKNOWN;

  json_builder_begin_object (builder);
  kaitsu_json_add_string (builder, "site", reading->site != KAITSU_SITE_NONE ? kaitsu_site_get_id (reading->site) : NULL);
  kaitsu_json_add_string (builder, "platform", kaitsu_platform_get_id (reading->platform));
  json_builder_set_member_name (builder, "recognised");
  json_builder_add_boolean_value (builder, !unknown);
  kaitsu_json_add_string (builder, "screen", kaitsu_screen_get_id (reading->screen));
  kaitsu_json_add_string (builder, "step", step != KAITSU_STEP_NONE ? kaitsu_step_get_id (step) : NULL);
  kaitsu_json_add_string (builder, "substep", substeps->len == 1 ? g_ptr_array_index (substeps, 0) : NULL);
  json_builder_set_member_name (builder, "substeps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < substeps->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (substeps, i));
  json_builder_end_array (builder);
  kaitsu_json_add_string (builder, "service",
                          reading->service != KAITSU_SERVICE_NONE ? kaitsu_service_get_id (reading->service) : NULL);
  json_builder_set_member_name (builder, "code");
  if (reading->code != 0)
    json_builder_add_int_value (builder, reading->code);
  else
    json_builder_add_null_value (builder);
  kaitsu_json_add_string (builder, "correlation_id", reading->correlation_id);
  kaitsu_json_add_string (builder, "request_id", reading->request_id);
  kaitsu_json_add_string (builder, "timestamp", reading->timestamp);
  kaitsu_json_add_string (builder, "language", reading->language);
  kaitsu_json_add_string (builder, "advice", advice);
  json_builder_end_object (builder);
  return kaitsu_json_finish (builder);
}

char *
kaitsu_page_reading_to_text (const KaitsuPageReading *reading)
{
  g_autoptr (GString) out = g_string_new (NULL);
  KaitsuStep step;
  g_autoptr (GPtrArray) substeps = dup_substep_ids (reading, &step);
  g_autofree char *advice = dup_advice (reading);

  /* Translators: a label, then a value; the labels below line up with it */
  g_string_append_printf (out, _("Screen:    %s\n"), kaitsu_screen_get_id (reading->screen));
  g_string_append_printf (out, _("Site:      %s\n"),
                          reading->site != KAITSU_SITE_NONE ? kaitsu_site_get_id (reading->site) : "—");
  if (reading->platform != KAITSU_PLATFORM_NONE)
    g_string_append_printf (out, _("Platform:  %s\n"), kaitsu_platform_get_id (reading->platform));
  if (substeps->len > 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (substeps, NULL);
      list = g_strjoinv (", ", (char **) substeps->pdata);
      g_string_append_printf (out, _("Sub-step:  %s\n"), list);
    }
  if (reading->service != KAITSU_SERVICE_NONE)
    g_string_append_printf (out, _("Service:   %s\n"), kaitsu_service_get_name (reading->service));
  if (reading->code != 0)
    g_string_append_printf (out, _("Code:      AADSTS%u\n"), reading->code);
  if (reading->correlation_id != NULL)
    g_string_append_printf (out, _("Correlation ID: %s\n"), reading->correlation_id);
  if (reading->request_id != NULL)
    g_string_append_printf (out, _("Request ID:     %s\n"), reading->request_id);
  if (reading->timestamp != NULL)
    g_string_append_printf (out, _("Timestamp:      %s\n"), reading->timestamp);
  g_string_append_printf (out, "\n%s\n", advice);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
bounded_string (JsonNode *node)
{
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  text = json_node_get_string (node);
  if (!g_utf8_validate (text, -1, NULL))
    return NULL;
  return g_utf8_substring (text, 0, MIN (g_utf8_strlen (text, -1), KAITSU_PAGE_OUTLINE_MAX_TEXT));
}

static GPtrArray *
bounded_list (JsonObject *object,
              const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return list;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array) && list->len < KAITSU_PAGE_OUTLINE_MAX_ITEMS; i++)
    {
      char *text = bounded_string (json_array_get_element (array, i));

      if (text != NULL && *text != '\0')
        g_ptr_array_add (list, text);
      else
        g_free (text);
    }
  return list;
}

KaitsuPageOutline *
kaitsu_page_outline_new (const char *uri,
                         const char *screen,
                         const char *json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GUri) parsed = uri != NULL ? g_uri_parse (uri, G_URI_FLAGS_NONE, NULL) : NULL;
  KaitsuPageOutline *outline;
  JsonObject *object;

  /* A page's own text: bounded before it is parsed */
  if (json == NULL || strlen (json) > 64 * 1024 || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));
  outline = g_new0 (KaitsuPageOutline, 1);
  outline->screen = g_strdup (screen);
  outline->host = g_strdup (parsed != NULL ? g_uri_get_host (parsed) : NULL);
  /* The path only: queries carry tokens */
  outline->path = g_strdup (parsed != NULL ? g_uri_get_path (parsed) : NULL);
  outline->title = bounded_string (json_object_get_member (object, "title"));
  outline->headings = bounded_list (object, "headings");
  outline->buttons = bounded_list (object, "buttons");
  outline->links = bounded_list (object, "links");
  outline->time = g_get_real_time () / G_USEC_PER_SEC;
  return outline;
}

void
kaitsu_page_outline_free (KaitsuPageOutline *outline)
{
  if (outline == NULL)
    return;
  g_free (outline->screen);
  g_free (outline->host);
  g_free (outline->path);
  g_free (outline->title);
  g_ptr_array_unref (outline->headings);
  g_ptr_array_unref (outline->buttons);
  g_ptr_array_unref (outline->links);
  g_free (outline);
}

/* Pasted text as a Windows or Mac editor may have saved it: UTF-16 with its mark, UTF-8
 * with or without, or a Japanese legacy encoding */
static char *
decode_page_text (char  *data,
                  gsize  length)
{
  const char *utf16 = NULL;

  if (length >= 2 && (guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE)
    utf16 = "UTF-16LE";
  else if (length >= 2 && (guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF)
    utf16 = "UTF-16BE";
  if (utf16 != NULL)
    {
      char *text = g_convert_with_fallback (data + 2, length - 2, "UTF-8", utf16, "\xEF\xBF\xBD", NULL, NULL, NULL);

      if (text != NULL)
        return text;
    }
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  /* A stray NUL would end the text early: a damaged file, read as far as it makes sense */
  for (gsize i = 0; i < length; i++)
    if (data[i] == '\0')
      data[i] = ' ';
  return kaitsu_decode_text (data, length);
}

static gboolean
is_web_address (const char *uri)
{
  g_autoptr (GUri) parsed = NULL;

  if (uri == NULL || strlen (uri) > 8192)
    return FALSE;
  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  return parsed != NULL && g_uri_get_host (parsed) != NULL && *g_uri_get_host (parsed) != '\0' &&
         (g_strcmp0 (g_uri_get_scheme (parsed), "https") == 0 || g_strcmp0 (g_uri_get_scheme (parsed), "http") == 0);
}

char *
kaitsu_explain_page_bytes (const char  *uri,
                           const char  *raw,
                           gsize        length,
                           gboolean     json,
                           gboolean    *recognised,
                           GError     **error)
{
  g_autoptr (KaitsuSites) sites = NULL;
  g_autoptr (KaitsuPageReading) reading = NULL;
  g_autofree char *text = NULL;

  *recognised = FALSE;
  if (!is_web_address (uri))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s is what the user gave as the page's address */
                   _("“%s” is not a web address. Give the address as the browser shows it, starting with https://."),
                   uri != NULL ? uri : "");
      return NULL;
    }
  if (raw != NULL)
    {
      g_autofree char *copy = NULL;

      if (length > KAITSU_PAGE_TEXT_MAX)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       _("The page text is larger than %u MB. Copy only what the page shows, then try again."),
                       KAITSU_PAGE_TEXT_MAX / (1024 * 1024));
          return NULL;
        }
      copy = g_memdup2 (raw, length);
      text = decode_page_text (copy, length);
    }
  sites = kaitsu_sites_new_real (KAITSU_DEFAULT_REGION);
  reading = kaitsu_page_read (sites, uri, text != NULL ? text : "");
  /* Labels are quoted as this page shows them */
  if (reading->site != KAITSU_SITE_NONE && text != NULL)
    kaitsu_activation_set_site_language (reading->site, reading->language);
  *recognised = kaitsu_screen_get_meaning (reading->screen) != KAITSU_SCREEN_UNKNOWN;
  return json ? kaitsu_page_reading_to_json (reading) : kaitsu_page_reading_to_text (reading);
}

char *
kaitsu_explain_page (const char  *uri,
                     const char  *text_path,
                     gboolean     json,
                     gboolean    *recognised,
                     GError     **error)
{
  g_autofree char *raw = NULL;
  gsize length = 0;

  *recognised = FALSE;
  /* The address is checked before any file is read */
  if (!is_web_address (uri))
    return kaitsu_explain_page_bytes (uri, NULL, 0, json, recognised, error);
  if (text_path != NULL)
    {
      raw = kaitsu_read_input (text_path, KAITSU_PAGE_TEXT_MAX + 1, &length, error);
      if (raw == NULL)
        return NULL;
    }
  return kaitsu_explain_page_bytes (uri, raw, length, json, recognised, error);
}
