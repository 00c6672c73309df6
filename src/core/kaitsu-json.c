/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-json.c: unknown values are null, and output is pretty-printed */

#include "config.h"

#include "kaitsu-json.h"

void
kaitsu_json_add_string (JsonBuilder *builder,
                        const char  *name,
                        const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

char *
kaitsu_json_finish (JsonBuilder *builder)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

/* What a history event is about: "step", or "service" and "state" (the time is the caller's) */
void
kaitsu_json_add_event_subject (JsonBuilder           *builder,
                               const KaitsuFlowEvent *event)
{
  if (event->step != KAITSU_STEP_NONE)
    {
      kaitsu_json_add_string (builder, "step", kaitsu_step_get_id (event->step));
      return;
    }
  kaitsu_json_add_string (builder, "service", kaitsu_service_get_id (event->service));
  kaitsu_json_add_string (builder, "state", kaitsu_service_state_to_string (event->state));
}

/* Nesting deeper than any of Kaitsu's own JSON: refused before a parser recurses into it */
gboolean
kaitsu_json_depth_ok (const char *data,
                      gsize       length,
                      guint       max_depth)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}
