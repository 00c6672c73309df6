/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-sim-page.c: the simulator's page builder. Pages look like the real sites at a glance
 * (each look is a style sheet among the simulator's resources), but their markup changes from
 * run to run: classes, ids, field names and nesting are this run's random words; only the
 * addresses and the visible texts stay, as on the real sites. */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-sim"

#include <string.h>

#include "kaitsu-sim-private.h"
#include "kaitsu-sim-resources.h"

#define SIM_RESOURCES "/io/github/kaitsu/Kaitsu/sim/"

struct _SimPage
{
  KaitsuSimulator *sim;
  SimLook look;
  GString *out;
  GArray *depths;
};

static const char * const look_sheets[] = {
  [SIM_LOOK_PORTAL] = "portal.css",
  [SIM_LOOK_CONSOLE] = "console.css",
  [SIM_LOOK_MICROSOFT] = "microsoft.css",
  [SIM_LOOK_SHAREPOINT] = "sharepoint.css",
  [SIM_LOOK_VISION_ONE] = "vision-one.css",
};

char *
sim_random_word (KaitsuSimulator *sim)
{
  static const char letters[] = "abcdefghijklmnopqrstuvwxyz";
  char word[9];

  for (guint i = 0; i < 8; i++)
    word[i] = letters[g_rand_int_range (sim->rand, 0, 26)];
  word[8] = '\0';
  return g_strdup_printf ("%s%u", word, g_rand_int_range (sim->rand, 0, 1000));
}

static const char *
run_word (KaitsuSimulator *sim,
          GHashTable      *table,
          const char      *logical)
{
  const char *word = g_hash_table_lookup (table, logical);

  if (word == NULL)
    {
      word = sim_random_word (sim);
      g_hash_table_insert (table, g_strdup (logical), (char *) word);
    }
  return word;
}

const char *
sim_field (KaitsuSimulator *sim,
           const char      *logical)
{
  return run_word (sim, sim->field_names, logical);
}

/* The class a role (card, header, primary, …) has in this run */
const char *
sim_page_class (SimPage    *page,
                const char *role)
{
  return run_word (page->sim, page->sim->classes, role);
}

static char *
load_resource (const char *name)
{
  g_autofree char *path = g_strconcat (SIM_RESOURCES, name, NULL);
  /* Looked up in the simulator's own bundle: a static library's constructor may never run */
  g_autoptr (GBytes) bytes = g_resource_lookup_data (kaitsu_sim_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  /* The resources are compiled in: a missing one is a build mistake */
  if (bytes == NULL)
    g_error ("The simulator's resource %s is missing", path);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* A style sheet with this run's classes in place of its @role@ marks, made once per run */
static const char *
style_sheet (SimPage *page)
{
  const char *name = look_sheets[page->look];
  const char *done = g_hash_table_lookup (page->sim->styles, name);
  g_autofree char *common = NULL;
  g_autofree char *own = NULL;
  g_autofree char *both = NULL;
  GString *out;

  if (done != NULL)
    return done;
  common = load_resource ("common.css");
  own = load_resource (name);
  both = g_strconcat (common, own, NULL);
  out = g_string_new (NULL);
  for (const char *p = both; *p != '\0'; p++)
    {
      const char *end = *p == '@' ? strchr (p + 1, '@') : NULL;

      if (end != NULL && end > p + 1 && strspn (p + 1, "abcdefghijklmnopqrstuvwxyz-") == (gsize) (end - p - 1))
        {
          g_autofree char *role = g_strndup (p + 1, end - p - 1);

          g_string_append (out, sim_page_class (page, role));
          p = end;
        }
      else
        g_string_append_c (out, *p);
    }
  g_hash_table_insert (page->sim->styles, g_strdup (name), out->str);
  return g_string_free (out, FALSE);
}

SimPage *
sim_page_begin (KaitsuSimulator *sim,
                SimLook          look,
                const char      *title)
{
  SimPage *page = g_new0 (SimPage, 1);
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  g_autofree char *noise = sim_random_word (sim);

  page->sim = sim;
  page->look = look;
  page->out = g_string_new (NULL);
  page->depths = g_array_new (FALSE, FALSE, sizeof (guint));
  g_string_append_printf (page->out,
                          "<!DOCTYPE html><html lang=\"%s\"><head><meta charset=\"utf-8\">"
                          "<meta name=\"viewport\" content=\"width=device-width\">"
                          "<title>%s</title><style>%s</style></head><body class=\"%s\">",
                          sim->is.english ? "en" : "ja", escaped, style_sheet (page),
                          sim_page_class (page, "body"));
  /* Something of no meaning, sometimes there, in varying depth */
  if (g_rand_boolean (sim->rand))
    g_string_append_printf (page->out, "<div class=\"%s\" aria-hidden=\"true\"></div>", noise);
  return page;
}

/* A block with a role (styled), inside zero to two anonymous wrappers */
void
sim_page_open (SimPage    *page,
               const char *role)
{
  guint depth = g_rand_int_range (page->sim->rand, 0, 3);

  for (guint i = 0; i < depth; i++)
    {
      g_autofree char *cls = sim_random_word (page->sim);
      g_autofree char *id = sim_random_word (page->sim);

      g_string_append_printf (page->out, "<div class=\"%s\" id=\"%s\">", cls, id);
    }
  g_string_append_printf (page->out, "<div class=\"%s\">", role != NULL ? sim_page_class (page, role) : "");
  depth++;
  g_array_append_val (page->depths, depth);
}

void
sim_page_close (SimPage *page)
{
  guint depth;

  g_return_if_fail (page->depths->len > 0);
  depth = g_array_index (page->depths, guint, page->depths->len - 1);
  g_array_set_size (page->depths, page->depths->len - 1);
  for (guint i = 0; i < depth; i++)
    g_string_append (page->out, "</div>");
}

void
sim_page_role_text (SimPage    *page,
                    const char *tag,
                    const char *role,
                    const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  sim_page_open (page, NULL);
  g_string_append_printf (page->out, "<%s class=\"%s\">%s</%s>", tag,
                          sim_page_class (page, role != NULL ? role : tag), escaped, tag);
  sim_page_close (page);
}

void
sim_page_text (SimPage    *page,
               const char *tag,
               const char *text)
{
  sim_page_role_text (page, tag, NULL, text);
}

void
sim_page_role_link (SimPage    *page,
                    const char *role,
                    const char *href,
                    const char *label)
{
  g_autofree char *h = g_markup_escape_text (href, -1);
  g_autofree char *l = g_markup_escape_text (label, -1);

  g_string_append_printf (page->out, "<a class=\"%s\" href=\"%s\">%s</a>",
                          sim_page_class (page, role != NULL ? role : "link"), h, l);
}

void
sim_page_link (SimPage    *page,
               const char *href,
               const char *label)
{
  sim_page_open (page, NULL);
  g_string_append (page->out, "<p>");
  sim_page_role_link (page, NULL, href, label);
  g_string_append (page->out, "</p>");
  sim_page_close (page);
}

/* A button that opens a window, as the console's 「権限の付与」 does */
void
sim_page_popup (SimPage    *page,
                const char *url,
                const char *label)
{
  g_autoptr (JsonNode) node = json_node_init_string (json_node_alloc (), url);
  g_autofree char *js = json_to_string (node, FALSE);
  g_autofree char *attribute = g_markup_escape_text (js, -1);
  g_autofree char *l = g_markup_escape_text (label, -1);

  g_string_append_printf (page->out,
                          "<p><button type=\"button\" class=\"%s\" onclick=\"window.open(%s,'_blank','width=620,height=720')\">%s</button></p>",
                          sim_page_class (page, "primary"), attribute, l);
}

void
sim_page_raw (SimPage    *page,
              const char *html)
{
  g_string_append (page->out, html);
}

void
sim_page_printf (SimPage    *page,
                 const char *format,
                 ...)
{
  va_list args;

  va_start (args, format);
  g_string_append_vprintf (page->out, format, args);
  va_end (args);
}

void
sim_page_form_begin (SimPage    *page,
                     const char *action)
{
  g_autofree char *a = g_markup_escape_text (action, -1);
  g_autofree char *id = sim_random_word (page->sim);

  g_string_append_printf (page->out, "<form id=\"%s\" method=\"post\" action=\"%s\">", id, a);
}

void
sim_page_hidden (SimPage    *page,
                 const char *name,
                 const char *value)
{
  g_autofree char *v = g_markup_escape_text (value != NULL ? value : "", -1);

  g_string_append_printf (page->out, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", name, v);
}

void
sim_page_input (SimPage    *page,
                const char *label,
                const char *logical,
                const char *type,
                const char *value)
{
  g_autofree char *id = sim_random_word (page->sim);
  g_autofree char *l = g_markup_escape_text (label, -1);
  g_autofree char *v = g_markup_escape_text (value != NULL ? value : "", -1);
  const char *name = sim_field (page->sim, logical);
  const char *cls = sim_page_class (page, "field");

  sim_page_open (page, NULL);
  if (g_str_equal (type, "checkbox"))
    /* value "1": ticked */
    g_string_append_printf (page->out, "<label class=\"%s\" for=\"%s\"><input type=\"checkbox\" id=\"%s\" name=\"%s\" value=\"1\"%s>%s</label>",
                            sim_page_class (page, "check"), id, id, name,
                            g_strcmp0 (value, "1") == 0 ? " checked" : "", l);
  else if (g_str_equal (type, "textarea"))
    g_string_append_printf (page->out, "<label for=\"%s\">%s</label><textarea class=\"%s\" id=\"%s\" name=\"%s\" rows=\"3\">%s</textarea>",
                            id, l, cls, id, name, v);
  else
    g_string_append_printf (page->out, "<label for=\"%s\">%s</label><input class=\"%s\" type=\"%s\" id=\"%s\" name=\"%s\" value=\"%s\">",
                            id, l, cls, type, id, name, v);
  sim_page_close (page);
}

void
sim_page_radio (SimPage    *page,
                const char *label,
                const char *logical,
                const char *value,
                gboolean    checked)
{
  g_autofree char *id = sim_random_word (page->sim);
  g_autofree char *l = g_markup_escape_text (label, -1);

  sim_page_open (page, NULL);
  g_string_append_printf (page->out, "<label class=\"%s\" for=\"%s\"><input type=\"radio\" id=\"%s\" name=\"%s\" value=\"%s\"%s>%s</label>",
                          sim_page_class (page, "check"), id, id, sim_field (page->sim, logical), value,
                          checked ? " checked" : "", l);
  sim_page_close (page);
}

void
sim_page_submit (SimPage    *page,
                 const char *label,
                 const char *value,
                 gboolean    primary)
{
  g_autofree char *l = g_markup_escape_text (label, -1);

  /* Buttons sit apart, as on the sites: their texts never run together */
  g_string_append_printf (page->out, "<button type=\"submit\" class=\"%s\" name=\"%s\" value=\"%s\">%s</button>\n",
                          sim_page_class (page, primary ? "primary" : "secondary"),
                          sim_field (page->sim, "action"), value != NULL ? value : "go", l);
}

void
sim_page_form_end (SimPage *page)
{
  g_string_append (page->out, "</form>");
}

/* A script from the resources, with its settings as the constant SIM */
void
sim_page_script (SimPage    *page,
                 const char *resource,
                 JsonNode   *config)
{
  g_autofree char *source = load_resource (resource);
  g_autofree char *settings = config != NULL ? json_to_string (config, FALSE) : g_strdup ("{}");
  g_autofree char *safe = NULL;
  g_auto (GStrv) pieces = g_strsplit (settings, "</", -1);

  /* Never let a value close the script element */
  safe = g_strjoinv ("<\\/", pieces);
  g_string_append_printf (page->out, "<script>(function(SIM){%s})(%s);</script>", source, safe);
}

void
sim_page_send (SimPage           *page,
               SoupServerMessage *msg)
{
  gsize length;
  char *body;

  while (page->depths->len > 0)
    sim_page_close (page);
  g_string_append (page->out, "</body></html>");
  length = page->out->len;
  body = g_string_free (page->out, FALSE);
  g_array_unref (page->depths);
  g_free (page);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE, body, length);
}
