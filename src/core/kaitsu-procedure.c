/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-procedure.c: the steps as the activation's description tells them */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-procedure"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kaitsu-activation-private.h"
#include "kaitsu-json.h"
#include "kaitsu-procedure.h"

typedef struct
{
  const char *id;
  const char *name;
} ServiceDef;

/* Product names, as the console spells them; never translated. */
static const ServiceDef service_table[KAITSU_N_SERVICES] = {
  { "exchange-online", "Exchange Online" },
  { "sharepoint-online", "SharePoint Online" },
  { "onedrive", "OneDrive" },
  { "teams", "Microsoft Teams" },
};

static const KaitsuStepDesc *
step_desc (KaitsuStep step)
{
  g_return_val_if_fail (step >= 0 && step < KAITSU_N_STEPS, NULL);
  return kaitsu_activation_get_step_desc (kaitsu_activation_get_default (), step);
}

const char *
kaitsu_service_get_id (KaitsuService service)
{
  g_return_val_if_fail (service >= 0 && service < KAITSU_N_SERVICES, NULL);
  return service_table[service].id;
}

const char *
kaitsu_service_get_name (KaitsuService service)
{
  g_return_val_if_fail (service >= 0 && service < KAITSU_N_SERVICES, NULL);
  return service_table[service].name;
}

KaitsuService
kaitsu_service_from_id (const char *id)
{
  for (guint i = 0; id != NULL && i < KAITSU_N_SERVICES; i++)
    if (g_str_equal (id, service_table[i].id))
      return i;
  return KAITSU_SERVICE_NONE;
}

KaitsuStep
kaitsu_service_get_step (KaitsuService service)
{
  g_return_val_if_fail (service >= 0 && service < KAITSU_N_SERVICES, KAITSU_STEP_NONE);
  for (KaitsuStep step = 0; step < KAITSU_N_STEPS; step++)
    if (step_desc (step)->service == service && step_desc (step)->visible == KAITSU_VISIBLE_SERVICE_CHOSEN)
      return step;
  g_return_val_if_reached (KAITSU_STEP_NONE);
}

const char *
kaitsu_step_get_id (KaitsuStep step)
{
  return step_desc (step)->id;
}

KaitsuStep
kaitsu_step_from_id (const char *id)
{
  for (KaitsuStep step = 0; id != NULL && step < KAITSU_N_STEPS; step++)
    if (g_str_equal (id, step_desc (step)->id))
      return step;
  return KAITSU_STEP_NONE;
}

char *
kaitsu_step_dup_title (KaitsuStep step)
{
  return kaitsu_activation_expand (step_desc (step)->title, step_desc (step)->service);
}

char *
kaitsu_step_dup_summary (KaitsuStep step)
{
  return kaitsu_activation_expand (step_desc (step)->summary, step_desc (step)->service);
}

KaitsuService
kaitsu_step_get_service (KaitsuStep step)
{
  return step_desc (step)->service;
}

guint
kaitsu_step_get_n_substeps (KaitsuStep step)
{
  return step_desc (step)->substeps->len;
}

char *
kaitsu_step_dup_substep_id (KaitsuStep step,
                            guint      index)
{
  g_return_val_if_fail (index < kaitsu_step_get_n_substeps (step), NULL);
  return g_strdup_printf ("%s.%u", kaitsu_step_get_id (step), index + 1);
}

char *
kaitsu_step_dup_substep_text (KaitsuStep step,
                              guint      index)
{
  const KaitsuStepDesc *desc = step_desc (step);
  const KaitsuSubstep *substep;

  g_return_val_if_fail (index < desc->substeps->len, NULL);
  substep = g_ptr_array_index (desc->substeps, index);
  return kaitsu_activation_expand (kaitsu_activation_get_platform () == KAITSU_PLATFORM_VISION_ONE &&
                                   substep->vision_one_text != NULL ? substep->vision_one_text : substep->text,
                                   desc->service);
}

guint
kaitsu_step_get_n_warnings (KaitsuStep step)
{
  return step_desc (step)->warnings->len;
}

char *
kaitsu_step_dup_warning (KaitsuStep step,
                         guint      index)
{
  const KaitsuStepDesc *desc = step_desc (step);

  g_return_val_if_fail (index < desc->warnings->len, NULL);
  return kaitsu_activation_expand (g_ptr_array_index (desc->warnings, index), desc->service);
}

/* The sub-step a warning is said under (where its choice is made), or -1 for the page */
int
kaitsu_step_get_warning_substep (KaitsuStep step,
                                 guint      index)
{
  const KaitsuStepDesc *desc = step_desc (step);

  g_return_val_if_fail (index < desc->warnings->len, -1);
  return g_array_index (desc->warning_substeps, int, index);
}

guint
kaitsu_step_get_n_advice (KaitsuStep step)
{
  return step_desc (step)->advice->len;
}

char *
kaitsu_step_dup_advice (KaitsuStep step,
                        guint      index)
{
  const KaitsuStepDesc *desc = step_desc (step);

  g_return_val_if_fail (index < desc->advice->len, NULL);
  return kaitsu_activation_expand (g_ptr_array_index (desc->advice, index), desc->service);
}

gboolean
kaitsu_step_is_web (KaitsuStep step)
{
  return step_desc (step)->web;
}

const char *
kaitsu_step_get_page (KaitsuStep step)
{
  return step_desc (step)->page;
}

KaitsuVisibility
kaitsu_step_get_visibility (KaitsuStep step)
{
  return step_desc (step)->visible;
}

KaitsuCompletion
kaitsu_step_get_completion (KaitsuStep step)
{
  return step_desc (step)->complete;
}

char *
kaitsu_step_dup_confirm_label (KaitsuStep step)
{
  return kaitsu_activation_expand (step_desc (step)->confirm, step_desc (step)->service);
}

char *
kaitsu_step_dup_start_uri (KaitsuStep   step,
                           KaitsuSites *sites,
                           const char  *current_uri,
                           const char  *reset_url,
                           const char  *login_url)
{
  const KaitsuStepDesc *desc = step_desc (step);
  KaitsuSite now = kaitsu_sites_find (sites, current_uri);

  if (!desc->web || (now != KAITSU_SITE_NONE && (desc->stay & (1u << now)) != 0))
    return NULL;
  for (guint i = 0; desc->start[i] != NULL; i++)
    {
      const char *entry = desc->start[i];
      const char *colon = strchr (entry, ':');
      g_autofree char *site_id = g_strndup (entry, colon - entry);
      KaitsuSite site = kaitsu_site_from_id (site_id);

      if (g_str_equal (entry, "mail:reset") && reset_url != NULL)
        return g_strdup (reset_url);
      if (g_str_equal (entry, "mail:login") && login_url != NULL)
        return g_strdup (login_url);
      if (site != KAITSU_SITE_NONE && kaitsu_sites_get_base (sites, site) != NULL)
        return g_strconcat (kaitsu_sites_get_base (sites, site), colon + 1, NULL);
    }
  return NULL;
}

static void
add_texts (JsonBuilder *builder,
           const char  *name,
           KaitsuStep   step,
           guint        n,
           char      *(*dup) (KaitsuStep, guint))
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = dup (step, i);
      json_builder_add_string_value (builder, text);
    }
  json_builder_end_array (builder);
}

char *
kaitsu_procedure_to_json (void)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (KaitsuStep step = 0; step < KAITSU_N_STEPS; step++)
    {
      KaitsuService service = kaitsu_step_get_service (step);
      g_autofree char *title = kaitsu_step_dup_title (step);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, kaitsu_step_get_id (step));
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, title);
      kaitsu_json_add_string (builder, "service",
                              service == KAITSU_SERVICE_NONE ? NULL : kaitsu_service_get_id (service));
      json_builder_set_member_name (builder, "web");
      json_builder_add_boolean_value (builder, kaitsu_step_is_web (step));
      json_builder_set_member_name (builder, "substeps");
      json_builder_begin_array (builder);
      for (guint i = 0; i < kaitsu_step_get_n_substeps (step); i++)
        {
          g_autofree char *id = kaitsu_step_dup_substep_id (step, i);
          g_autofree char *text = kaitsu_step_dup_substep_text (step, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, id);
          json_builder_set_member_name (builder, "text");
          json_builder_add_string_value (builder, text);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      add_texts (builder, "warnings", step, kaitsu_step_get_n_warnings (step), kaitsu_step_dup_warning);
      add_texts (builder, "advice", step, kaitsu_step_get_n_advice (step), kaitsu_step_dup_advice);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return kaitsu_json_finish (builder);
}

static void
append_notes (GString    *out,
              const char *mark,
              KaitsuStep  step,
              guint       n,
              char     *(*dup) (KaitsuStep, guint))
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = dup (step, i);
      g_string_append_printf (out, "   %s %s\n", mark, text);
    }
}

char *
kaitsu_procedure_to_checklist (void)
{
  g_autoptr (GString) out = g_string_new (NULL);

  for (KaitsuStep step = 0; step < KAITSU_N_STEPS; step++)
    {
      g_autofree char *title = kaitsu_step_dup_title (step);

      g_string_append_printf (out, "%u. %s  [%s]\n", step + 1, title, kaitsu_step_get_id (step));
      /* Warnings first: support staff read them to the customer before the sub-steps */
      append_notes (out, "⚠", step, kaitsu_step_get_n_warnings (step), kaitsu_step_dup_warning);
      for (guint i = 0; i < kaitsu_step_get_n_substeps (step); i++)
        {
          g_autofree char *id = kaitsu_step_dup_substep_id (step, i);
          g_autofree char *text = kaitsu_step_dup_substep_text (step, i);

          g_string_append_printf (out, "   [ ] %s  %s\n", id, text);
        }
      append_notes (out, "ℹ", step, kaitsu_step_get_n_advice (step), kaitsu_step_dup_advice);
      g_string_append_c (out, '\n');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
