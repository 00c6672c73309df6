/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-activation.c: reads and checks the activation's description; matches pages to screens */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-activation"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kaitsu-aadsts.h"
#include "kaitsu-activation-private.h"
#include "kaitsu-core-resources.h"
#include "kaitsu-json.h"

#define DESCRIPTION_PATH RESOURCE_PREFIX "/activation.xml"
#define MAX_SUBSTEPS 8

G_DEFINE_QUARK (kaitsu-activation-error-quark, kaitsu_activation_error)

typedef enum
{
  CODE_NONE,
  CODE_ANY,
  CODE_BROWSER,
  CODE_FIXED,
} CodeRule;

typedef struct
{
  guint sites;                    /* bit per KaitsuSite; 0: any */
  GPtrArray *paths;               /* of GPatternSpec, on the lower-case path */
  GStrv query;
  GStrv query_lacks;
  CodeRule code_rule;
  guint code;
  GPtrArray *has;                 /* of GPtrArray of folded alternatives */
  GPtrArray *not;                 /* folded texts, nullable */
} ScreenMatch;

typedef struct
{
  char *text;
  KaitsuSite site;
  char *address;
} ScreenExample;

struct _KaitsuScreen
{
  char *id;
  KaitsuScreenMeaning meaning;
  guint confirms;                 /* bit per KaitsuStep */
  gboolean keep_substep;
  char *names_service;            /* label id with {service}, nullable */
  GPtrArray *matches;             /* of ScreenMatch */
  GStrv over_ids;
  GPtrArray *over;                /* of KaitsuScreen, not owned */
  char *says;
  char *practice_fill;
  char *practice_press;
  KaitsuStep practice_from;
  GPtrArray *examples;            /* of ScreenExample */
};

/* The step ids are the contract; the description must list exactly these, in this order. */
static const char * const step_ids[KAITSU_N_STEPS] = {
  "welcome", "prepare", "password", "login", "console", "exchange-online", "sharepoint-online",
  "onedrive", "teams", "teams-app-permission", "verify", "policies", "mip", "settings", "finish",
};

static const char * const page_names[] = {
  "welcome", "prepare", "password", "login", "plain", "service", "app-permission", "verify", "mip",
  "protection",
};

static const char * const meaning_names[] = {
  "place", "provisioned", "provision-failed", "signin-error", "blocked", "refused", "unknown", "avoid",
};

static const char * const visibility_names[] = {
  "always", "service-chosen", "app-id-shown", "mip-used",
};

static const char * const completion_names[] = {
  "confirmed", "services-chosen", "service-protected", "service-protected-or-waiting",
  "confirmed-or-service-protected", "all-protected", "never", "all-scanning-or-confirmed", "always",
};

/* ---- Folding texts ---------------------------------------------------------------------- */

/* A place to cut a text before NFKC: no combining mark, and no half-width (semi-)voiced
 * sound mark, joins the character before it across the cut */
static gboolean
may_cut_before (gunichar c)
{
  return g_unichar_combining_class (c) == 0 && c != 0xFF9E && c != 0xFF9F && c != 0x3099 && c != 0x309A;
}

/* GLib's NFKC takes time that grows faster than the text: a long page (a console's task
 * list) is normalised in short runs, cut where nothing can combine across the cut. */
static char *
normalize_in_runs (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  const char *start = text;

  while (*start != '\0')
    {
      const char *end = start;
      char *normal;

      while (*end != '\0' && (end - start < 256 || !may_cut_before (g_utf8_get_char (end))))
        end = g_utf8_next_char (end);
      normal = g_utf8_normalize (start, end - start, G_NORMALIZE_NFKC);
      g_string_append (out, normal != NULL ? normal : "");
      g_free (normal);
      start = end;
    }
  return g_string_free (out, FALSE);
}

char *
kaitsu_text_fold (const char *text)
{
  g_autofree char *normal = NULL;
  g_autofree char *folded = NULL;
  GString *out;
  gboolean space = FALSE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");
  /* NFKC: full-width letters, digits and ？ become ASCII; half-width katakana full-width */
  normal = normalize_in_runs (text);
  folded = g_utf8_casefold (normal, -1);
  out = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x200B)
        {
          space = out->len > 0;
          continue;
        }
      if (c == 0x2018 || c == 0x2019 || c == 0x2032)
        c = '\'';
      else if (c == 0x201C || c == 0x201D)
        c = '"';
      else if (c == 0x2010 || c == 0x2011 || c == 0x2013)
        c = '-';
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_word_byte (char c)
{
  return g_ascii_isalnum (c);
}

/* A needle that begins or ends with a Latin letter or digit must stand as a word there:
 * "OK" is not in "book", "Add" not in "Address". */
gboolean
kaitsu_folded_contains (const char *folded_text,
                        const char *folded_needle)
{
  size_t length;
  const char *p;

  if (folded_text == NULL || folded_needle == NULL || *folded_needle == '\0')
    return FALSE;
  length = strlen (folded_needle);
  for (p = strstr (folded_text, folded_needle); p != NULL; p = strstr (p + 1, folded_needle))
    {
      gboolean start_ok = !is_word_byte (folded_needle[0]) || p == folded_text || !is_word_byte (p[-1]);
      gboolean end_ok = !is_word_byte (folded_needle[length - 1]) || !is_word_byte (p[length]);

      if (start_ok && end_ok)
        return TRUE;
    }
  return FALSE;
}

gboolean
kaitsu_text_contains (const char *text,
                      const char *needle)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (text == NULL || needle == NULL)
    return FALSE;
  a = kaitsu_text_fold (text);
  b = kaitsu_text_fold (needle);
  return kaitsu_folded_contains (a, b);
}

/* Kana are what Japanese pages have and English ones do not, whatever the names on them. */
const char *
kaitsu_text_guess_language (const char *text)
{
  guint kana = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return "en";
  for (const char *p = text; *p != '\0' && kana < 8; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 0x3041 && c <= 0x30FA) || (c >= 0xFF66 && c <= 0xFF9D))
        kana++;
    }
  return kana >= 8 ? "ja" : "en";
}

/* ---- The parsed description ------------------------------------------------------------ */

static void
label_text_free (gpointer data)
{
  KaitsuLabelText *text = data;

  g_free (text->lang);
  g_free (text->text);
  g_free (text->folded);
  g_free (text);
}

static void
label_free (gpointer data)
{
  KaitsuLabel *label = data;

  g_free (label->id);
  g_ptr_array_unref (label->texts);
  g_free (label);
}

static void
substep_free (gpointer data)
{
  KaitsuSubstep *substep = data;

  g_free (substep->text);
  g_free (substep->vision_one_text);
  g_ptr_array_unref (substep->screens);
  g_free (substep);
}

static void
match_free (gpointer data)
{
  ScreenMatch *match = data;

  g_ptr_array_unref (match->paths);
  g_strfreev (match->query);
  g_strfreev (match->query_lacks);
  g_ptr_array_unref (match->has);
  g_clear_pointer (&match->not, g_ptr_array_unref);
  g_free (match);
}

static void
example_free (gpointer data)
{
  ScreenExample *example = data;

  g_free (example->text);
  g_free (example->address);
  g_free (example);
}

static void
screen_free (gpointer data)
{
  KaitsuScreen *screen = data;

  g_free (screen->id);
  g_free (screen->names_service);
  g_ptr_array_unref (screen->matches);
  g_strfreev (screen->over_ids);
  g_ptr_array_unref (screen->over);
  g_free (screen->says);
  g_free (screen->practice_fill);
  g_free (screen->practice_press);
  g_ptr_array_unref (screen->examples);
  g_free (screen);
}

static void
step_desc_clear (KaitsuStepDesc *step)
{
  g_free (step->id);
  g_free (step->page);
  g_strfreev (step->start);
  g_free (step->title);
  g_free (step->summary);
  g_free (step->confirm);
  g_clear_pointer (&step->substeps, g_ptr_array_unref);
  g_clear_pointer (&step->warnings, g_ptr_array_unref);
  g_clear_pointer (&step->warning_substeps, g_array_unref);
  g_clear_pointer (&step->advice, g_ptr_array_unref);
}

void
kaitsu_activation_free (KaitsuActivation *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < KAITSU_N_STEPS; i++)
    step_desc_clear (&self->steps[i]);
  g_hash_table_unref (self->templates);
  g_ptr_array_unref (self->owned_substeps);
  g_hash_table_unref (self->labels_by_id);
  g_ptr_array_unref (self->labels);
  g_hash_table_unref (self->screens_by_id);
  g_ptr_array_unref (self->screens);
  g_free (self);
}

static KaitsuActivation *
activation_new (void)
{
  KaitsuActivation *self = g_new0 (KaitsuActivation, 1);

  self->labels = g_ptr_array_new_with_free_func (label_free);
  self->labels_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->owned_substeps = g_ptr_array_new_with_free_func (substep_free);
  self->templates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_ptr_array_unref);
  self->screens = g_ptr_array_new_with_free_func (screen_free);
  self->screens_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

/* ---- Parsing --------------------------------------------------------------------------- */

typedef enum
{
  TEXT_NONE,
  TEXT_LABEL,
  TEXT_HAS,
  TEXT_NOT,
  TEXT_TITLE,
  TEXT_SUMMARY,
  TEXT_SUBSTEP,
  TEXT_ADVICE,
  TEXT_WARNING,
  TEXT_CONFIRM,
  TEXT_SAYS,
  TEXT_EXAMPLE,
} TextTarget;

typedef struct
{
  KaitsuActivation *activation;
  KaitsuLabel *label;
  char *lang;
  GPtrArray *template;            /* substeps being collected for <substeps>, or for a step */
  KaitsuStepDesc *step;
  KaitsuScreen *screen;
  ScreenMatch *match;
  GPtrArray *group;               /* the <has> or <not> being read */
  KaitsuSubstep *substep;
  gboolean vision_one;            /* the <text> being read is Trend Vision One's */
  GStrv substep_screens;          /* resolved after the whole file is read */
  GPtrArray *pending_refs;        /* (KaitsuSubstep, GStrv) pairs */
  ScreenExample *example;
  TextTarget target;
  int warning_substep;            /* the <warning substep="N"> being read, 0-based, or -1 */
  GString *text;
} Parser;

static gboolean
fail (GError     **error,
      const char  *format,
      ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (GError     **error,
      const char  *format,
      ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (KAITSU_ACTIVATION_ERROR, 0, format, args));
  va_end (args);
  return FALSE;
}

static int
find_name (const char * const *names,
           guint               n,
           const char         *name)
{
  for (guint i = 0; name != NULL && i < n; i++)
    if (g_str_equal (names[i], name))
      return (int) i;
  return -1;
}

static gboolean
parse_sites (const char  *value,
             guint       *mask,
             GError     **error)
{
  g_auto (GStrv) ids = g_strsplit (value != NULL ? value : "", " ", -1);

  *mask = 0;
  for (guint i = 0; ids[i] != NULL; i++)
    {
      KaitsuSite site;

      if (*ids[i] == '\0')
        continue;
      site = kaitsu_site_from_id (ids[i]);
      if (site == KAITSU_SITE_NONE)
        return fail (error, "unknown site “%s”", ids[i]);
      *mask |= 1u << site;
    }
  return TRUE;
}

static GStrv
split_words (const char *value)
{
  g_auto (GStrv) parts = g_strsplit (value != NULL ? value : "", " ", -1);
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv words;

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_strv_builder_add (builder, parts[i]);
  words = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return words;
}

static const char *
attr (const char **names,
      const char **values,
      const char  *name)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return values[i];
  return NULL;
}

static gboolean
check_attributes (const char  *element,
                  const char **names,
                  const char  *allowed,
                  GError     **error)
{
  g_auto (GStrv) known = g_strsplit (allowed, " ", -1);

  for (guint i = 0; names[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *) known, names[i]))
      return fail (error, "<%s> has no attribute “%s”", element, names[i]);
  return TRUE;
}

static gboolean
start_label (Parser      *parser,
             const char **names,
             const char **values,
             GError     **error)
{
  const char *id = attr (names, values, "id");
  KaitsuLabel *label;
  guint sites = 0;

  if (!check_attributes ("label", names, "id site", error) || !parse_sites (attr (names, values, "site"), &sites, error))
    return FALSE;
  if (id == NULL || g_hash_table_contains (parser->activation->labels_by_id, id) || g_str_equal (id, "service"))
    return fail (error, "a label without an id, or a second label “%s”", id != NULL ? id : "");
  if (sites == 0 || (sites & (sites - 1)) != 0)
    return fail (error, "label “%s” must name one site", id);
  label = g_new0 (KaitsuLabel, 1);
  label->id = g_strdup (id);
  label->site = g_bit_nth_lsf (sites, -1);
  label->texts = g_ptr_array_new_with_free_func (label_text_free);
  g_ptr_array_add (parser->activation->labels, label);
  g_hash_table_insert (parser->activation->labels_by_id, label->id, label);
  parser->label = label;
  return TRUE;
}

static gboolean
parse_enum (const char         *value,
            const char * const *names,
            guint               n,
            guint               fallback,
            guint              *out,
            const char         *what,
            GError            **error)
{
  int index;

  if (value == NULL)
    {
      *out = fallback;
      return TRUE;
    }
  index = find_name (names, n, value);
  if (index < 0)
    return fail (error, "unknown %s “%s”", what, value);
  *out = index;
  return TRUE;
}

static gboolean
start_step (Parser      *parser,
            const char **names,
            const char **values,
            GError     **error)
{
  KaitsuActivation *self = parser->activation;
  const char *id = attr (names, values, "id");
  const char *service = attr (names, values, "service");
  const char *template = attr (names, values, "substeps");
  const char *web = attr (names, values, "web");
  KaitsuStepDesc *step;
  guint visible = 0, complete = 0;

  if (!check_attributes ("step", names, "id page web service start stay visible complete substeps", error))
    return FALSE;
  if (self->n_steps >= KAITSU_N_STEPS || g_strcmp0 (id, step_ids[self->n_steps]) != 0)
    return fail (error, "step “%s” where the contract has “%s”", id != NULL ? id : "",
                 self->n_steps < KAITSU_N_STEPS ? step_ids[self->n_steps] : "nothing more");
  step = &self->steps[self->n_steps++];
  step->id = g_strdup (id);
  step->page = g_strdup (attr (names, values, "page"));
  if (find_name (page_names, G_N_ELEMENTS (page_names), step->page) < 0)
    return fail (error, "step “%s”: unknown page “%s”", id, step->page != NULL ? step->page : "");
  step->web = g_strcmp0 (web, "yes") == 0;
  if (web != NULL && !step->web && g_strcmp0 (web, "no") != 0)
    return fail (error, "step “%s”: web is yes or no", id);
  step->service = service != NULL ? kaitsu_service_from_id (service) : KAITSU_SERVICE_NONE;
  if (service != NULL && step->service == KAITSU_SERVICE_NONE)
    return fail (error, "step “%s”: unknown service “%s”", id, service);
  if (!parse_enum (attr (names, values, "visible"), visibility_names, G_N_ELEMENTS (visibility_names),
                   step->service != KAITSU_SERVICE_NONE ? KAITSU_VISIBLE_SERVICE_CHOSEN : KAITSU_VISIBLE_ALWAYS,
                   &visible, "visibility", error) ||
      !parse_enum (attr (names, values, "complete"), completion_names, G_N_ELEMENTS (completion_names),
                   KAITSU_COMPLETE_CONFIRMED, &complete, "completion", error) ||
      !parse_sites (attr (names, values, "stay"), &step->stay, error))
    return FALSE;
  step->visible = visible;
  step->complete = complete;
  step->start = split_words (attr (names, values, "start"));
  step->warnings = g_ptr_array_new_with_free_func (g_free);
  step->warning_substeps = g_array_new (FALSE, FALSE, sizeof (int));
  step->advice = g_ptr_array_new_with_free_func (g_free);
  if (template != NULL)
    {
      GPtrArray *shared = g_hash_table_lookup (self->templates, template);

      if (shared == NULL)
        return fail (error, "step “%s”: no sub-steps “%s” above it", id, template);
      step->substeps = g_ptr_array_ref (shared);
    }
  else
    step->substeps = g_ptr_array_new ();
  parser->step = step;
  /* Shared sub-steps are the step's whole list: none of its own may follow. */
  parser->template = template != NULL ? NULL : step->substeps;
  return TRUE;
}

static gboolean
start_substeps (Parser      *parser,
                const char **names,
                const char **values,
                GError     **error)
{
  const char *id = attr (names, values, "id");
  GPtrArray *template;

  if (!check_attributes ("substeps", names, "id", error))
    return FALSE;
  if (id == NULL || g_hash_table_contains (parser->activation->templates, id))
    return fail (error, "sub-steps without an id, or a second “%s”", id != NULL ? id : "");
  template = g_ptr_array_new ();
  g_hash_table_insert (parser->activation->templates, g_strdup (id), template);
  parser->template = template;
  return TRUE;
}

static gboolean
start_substep (Parser      *parser,
               const char **names,
               const char **values,
               GError     **error)
{
  KaitsuSubstep *substep;

  if (!check_attributes ("substep", names, "screens", error))
    return FALSE;
  if (parser->template == NULL || parser->template->len >= MAX_SUBSTEPS)
    return fail (error, "a sub-step outside a step, or more than %d", MAX_SUBSTEPS);
  substep = g_new0 (KaitsuSubstep, 1);
  substep->screens = g_ptr_array_new ();
  g_ptr_array_add (parser->activation->owned_substeps, substep);
  g_ptr_array_add (parser->template, substep);
  g_ptr_array_add (parser->pending_refs, substep);
  g_ptr_array_add (parser->pending_refs, split_words (attr (names, values, "screens")));
  parser->substep = substep;
  return TRUE;
}

static gboolean
parse_match (ScreenMatch  *match,
             const char  **names,
             const char  **values,
             GError      **error)
{
  const char *site = attr (names, values, "site");
  const char *code = attr (names, values, "code");
  g_auto (GStrv) paths = split_words (attr (names, values, "path"));

  if (!check_attributes ("match", names, "site path query query-lacks code", error) ||
      !parse_sites (site, &match->sites, error))
    return FALSE;
  if (match->sites == 0)
    return fail (error, "a match must name its site");
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *lower = g_ascii_strdown (paths[i], -1);
      g_ptr_array_add (match->paths, g_pattern_spec_new (lower));
    }
  match->query = split_words (attr (names, values, "query"));
  match->query_lacks = split_words (attr (names, values, "query-lacks"));
  if (code == NULL)
    match->code_rule = CODE_NONE;
  else if (g_str_equal (code, "any"))
    match->code_rule = CODE_ANY;
  else if (g_str_equal (code, "browser"))
    match->code_rule = CODE_BROWSER;
  else
    {
      guint64 number;

      if (!g_ascii_string_to_unsigned (code, 10, 1, 9999999, &number, NULL))
        return fail (error, "code is any, browser or a number, not “%s”", code);
      match->code_rule = CODE_FIXED;
      match->code = number;
    }
  return TRUE;
}

static gboolean
start_screen (Parser      *parser,
              const char **names,
              const char **values,
              GError     **error)
{
  KaitsuActivation *self = parser->activation;
  const char *id = attr (names, values, "id");
  const char *keep = attr (names, values, "keep-substep");
  g_auto (GStrv) confirms = split_words (attr (names, values, "confirms"));
  KaitsuScreen *screen;
  guint meaning = 0;

  if (!check_attributes ("screen", names, "id meaning confirms keep-substep names-service over", error))
    return FALSE;
  if (id == NULL || g_hash_table_contains (self->screens_by_id, id))
    return fail (error, "a screen without an id, or a second screen “%s”", id != NULL ? id : "");
  if (!parse_enum (attr (names, values, "meaning"), meaning_names, G_N_ELEMENTS (meaning_names),
                   KAITSU_SCREEN_PLACE, &meaning, "meaning", error))
    return FALSE;
  screen = g_new0 (KaitsuScreen, 1);
  screen->id = g_strdup (id);
  screen->meaning = meaning;
  screen->keep_substep = g_strcmp0 (keep, "yes") == 0;
  screen->names_service = g_strdup (attr (names, values, "names-service"));
  screen->matches = g_ptr_array_new_with_free_func (match_free);
  screen->over_ids = split_words (attr (names, values, "over"));
  screen->over = g_ptr_array_new ();
  screen->examples = g_ptr_array_new_with_free_func (example_free);
  screen->practice_from = KAITSU_STEP_WELCOME;
  g_ptr_array_add (self->screens, screen);
  g_hash_table_insert (self->screens_by_id, screen->id, screen);
  parser->screen = screen;
  for (guint i = 0; confirms[i] != NULL; i++)
    {
      KaitsuStep step = find_name (step_ids, KAITSU_N_STEPS, confirms[i]);

      if ((int) step < 0)
        return fail (error, "screen “%s” confirms an unknown step “%s”", id, confirms[i]);
      screen->confirms |= 1u << step;
    }
  if (meaning == KAITSU_SCREEN_UNKNOWN)
    {
      if (self->unknown != NULL)
        return fail (error, "two screens for unknown pages");
      self->unknown = screen;
    }
  return TRUE;
}

static gboolean
start_practice (Parser      *parser,
                const char **names,
                const char **values,
                GError     **error)
{
  KaitsuScreen *screen = parser->screen;
  const char *from = attr (names, values, "from-step");

  if (!check_attributes ("practice", names, "fill press from-step", error))
    return FALSE;
  screen->practice_fill = g_strdup (attr (names, values, "fill"));
  screen->practice_press = g_strdup (attr (names, values, "press"));
  if (from != NULL)
    {
      int step = find_name (step_ids, KAITSU_N_STEPS, from);

      if (step < 0)
        return fail (error, "screen “%s”: practice from an unknown step “%s”", screen->id, from);
      screen->practice_from = step;
    }
  return TRUE;
}

static gboolean
start_text (Parser      *parser,
            const char  *element,
            const char **names,
            const char **values,
            GError     **error)
{
  static const struct { const char *name; TextTarget target; } targets[] = {
    { "title", TEXT_TITLE }, { "summary", TEXT_SUMMARY }, { "text", TEXT_SUBSTEP },
    { "advice", TEXT_ADVICE }, { "warning", TEXT_WARNING }, { "confirm", TEXT_CONFIRM },
    { "says", TEXT_SAYS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    if (g_str_equal (element, targets[i].name))
      {
        gboolean in_step = parser->step != NULL && targets[i].target != TEXT_SAYS &&
                           (targets[i].target != TEXT_SUBSTEP || parser->substep != NULL);
        gboolean in_substep = targets[i].target == TEXT_SUBSTEP && parser->substep != NULL;
        gboolean in_screen = parser->screen != NULL && targets[i].target == TEXT_SAYS;

        const char *platform = attr (names, values, "platform");
        const char *substep = attr (names, values, "substep");
        guint64 number = 0;

        if (!check_attributes (element, names,
                               targets[i].target == TEXT_SUBSTEP ? "platform"
                               : targets[i].target == TEXT_WARNING ? "substep" : "", error))
          return FALSE;
        /* A warning said where the choice is made: under that sub-step, not with the tips */
        if (substep != NULL &&
            (!g_ascii_string_to_unsigned (substep, 10, 1, MAX_SUBSTEPS, &number, NULL)))
          return fail (error, "<warning substep=“%s”>: a sub-step's number, from 1", substep);
        parser->warning_substep = substep != NULL ? (int) number - 1 : -1;
        if (!in_step && !in_substep && !in_screen)
          return fail (error, "<%s> out of place", element);
        if (platform != NULL && !g_str_equal (platform, "vision-one"))
          return fail (error, "<text platform=“%s”>: the only other platform is vision-one", platform);
        parser->vision_one = platform != NULL;
        parser->target = targets[i].target;
        return TRUE;
      }
  return fail (error, "unknown element <%s>", element);
}

static void
on_start (GMarkupParseContext  *context,
          const char           *element,
          const char          **names,
          const char          **values,
          gpointer              data,
          GError              **error)
{
  Parser *parser = data;

  g_string_truncate (parser->text, 0);
  if (g_str_equal (element, "activation"))
    {
      if (g_strcmp0 (attr (names, values, "version"), "1") != 0)
        fail (error, "this description has a format Kaitsu does not know");
    }
  else if (g_str_equal (element, "label"))
    start_label (parser, names, values, error);
  else if (g_str_equal (element, "t"))
    {
      g_free (parser->lang);
      parser->lang = g_strdup (attr (names, values, "lang"));
      if (parser->label != NULL && parser->lang == NULL)
        fail (error, "label “%s”: every text says its language", parser->label->id);
      else if (parser->label != NULL)
        parser->target = TEXT_LABEL;
      else if (parser->group != NULL)
        parser->target = parser->match != NULL && parser->group == parser->match->not ? TEXT_NOT : TEXT_HAS;
      else
        fail (error, "<t> out of place");
    }
  else if (g_str_equal (element, "step"))
    start_step (parser, names, values, error);
  else if (g_str_equal (element, "substeps"))
    start_substeps (parser, names, values, error);
  else if (g_str_equal (element, "substep"))
    start_substep (parser, names, values, error);
  else if (g_str_equal (element, "screen"))
    start_screen (parser, names, values, error);
  else if (g_str_equal (element, "match") && parser->screen != NULL)
    {
      parser->match = g_new0 (ScreenMatch, 1);
      parser->match->paths = g_ptr_array_new_with_free_func ((GDestroyNotify) g_pattern_spec_free);
      parser->match->has = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
      g_ptr_array_add (parser->screen->matches, parser->match);
      parse_match (parser->match, names, values, error);
    }
  else if ((g_str_equal (element, "has") || g_str_equal (element, "not")) && parser->match != NULL)
    {
      const char *label_id = attr (names, values, "label");

      if (!check_attributes (element, names, "label", error))
        return;
      parser->group = g_ptr_array_new_with_free_func (g_free);
      if (g_str_equal (element, "has"))
        g_ptr_array_add (parser->match->has, parser->group);
      else if (parser->match->not == NULL)
        parser->match->not = parser->group;
      else
        fail (error, "screen “%s”: one <not> per match", parser->screen->id);
      if (label_id != NULL)
        {
          const KaitsuLabel *label = kaitsu_activation_find_label (parser->activation, label_id);

          if (label == NULL || label->has_service)
            fail (error, "screen “%s” uses an unknown label, or one with {service}: “%s”", parser->screen->id, label_id);
          for (guint i = 0; label != NULL && i < label->texts->len; i++)
            g_ptr_array_add (parser->group,
                             g_strdup (((KaitsuLabelText *) g_ptr_array_index (label->texts, i))->folded));
        }
    }
  else if (g_str_equal (element, "practice") && parser->screen != NULL)
    start_practice (parser, names, values, error);
  else if (g_str_equal (element, "example") && parser->screen != NULL)
    {
      const char *site = attr (names, values, "site");

      if (!check_attributes ("example", names, "site address", error))
        return;
      parser->example = g_new0 (ScreenExample, 1);
      parser->example->site = site != NULL ? kaitsu_site_from_id (site) : KAITSU_SITE_NONE;
      parser->example->address = g_strdup (attr (names, values, "address"));
      g_ptr_array_add (parser->screen->examples, parser->example);
      parser->target = TEXT_EXAMPLE;
      if (site != NULL && parser->example->site == KAITSU_SITE_NONE)
        fail (error, "screen “%s”: an example on an unknown site “%s”", parser->screen->id, site);
    }
  else
    start_text (parser, element, names, values, error);
}

/* What xgettext extracts, so that the message ids agree: spacing collapsed, ends trimmed */
static char *
collapse (const char *text)
{
  g_autoptr (GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *one = g_regex_replace_literal (spaces, text, -1, 0, " ", 0, NULL);

  return g_strstrip (g_steal_pointer (&one));
}

static void
on_end (GMarkupParseContext  *context,
        const char           *element,
        gpointer              data,
        GError              **error)
{
  Parser *parser = data;
  g_autofree char *text = collapse (parser->text->str);

  g_string_truncate (parser->text, 0);
  switch (parser->target)
    {
    case TEXT_LABEL:
      {
        KaitsuLabelText *label_text = g_new0 (KaitsuLabelText, 1);

        label_text->lang = g_steal_pointer (&parser->lang);
        label_text->folded = kaitsu_text_fold (text);
        label_text->text = g_steal_pointer (&text);
        if (strstr (label_text->text, "{service}") != NULL)
          parser->label->has_service = TRUE;
        g_ptr_array_add (parser->label->texts, label_text);
      }
      break;
    case TEXT_HAS:
    case TEXT_NOT:
      g_ptr_array_add (parser->group, kaitsu_text_fold (text));
      break;
    case TEXT_TITLE:
      g_free (parser->step->title);
      parser->step->title = g_steal_pointer (&text);
      break;
    case TEXT_SUMMARY:
      g_free (parser->step->summary);
      parser->step->summary = g_steal_pointer (&text);
      break;
    case TEXT_SUBSTEP:
      if (parser->vision_one)
        {
          g_free (parser->substep->vision_one_text);
          parser->substep->vision_one_text = g_steal_pointer (&text);
        }
      else
        {
          g_free (parser->substep->text);
          parser->substep->text = g_steal_pointer (&text);
        }
      break;
    case TEXT_ADVICE:
      g_ptr_array_add (parser->step->advice, g_steal_pointer (&text));
      break;
    case TEXT_WARNING:
      g_ptr_array_add (parser->step->warnings, g_steal_pointer (&text));
      g_array_append_val (parser->step->warning_substeps, parser->warning_substep);
      break;
    case TEXT_CONFIRM:
      g_free (parser->step->confirm);
      parser->step->confirm = g_steal_pointer (&text);
      break;
    case TEXT_SAYS:
      g_free (parser->screen->says);
      parser->screen->says = g_steal_pointer (&text);
      break;
    case TEXT_EXAMPLE:
      parser->example->text = g_steal_pointer (&text);
      parser->example = NULL;
      break;
    case TEXT_NONE:
    default:
      break;
    }
  parser->target = TEXT_NONE;

  if (g_str_equal (element, "label"))
    {
      if (parser->label->texts->len == 0)
        fail (error, "label “%s” has no text", parser->label->id);
      parser->label = NULL;
    }
  else if (g_str_equal (element, "step"))
    parser->step = NULL, parser->template = NULL;
  else if (g_str_equal (element, "substeps"))
    parser->template = NULL;
  else if (g_str_equal (element, "substep"))
    parser->substep = NULL;
  else if (g_str_equal (element, "screen"))
    parser->screen = NULL;
  else if (g_str_equal (element, "match"))
    parser->match = NULL;
  else if (g_str_equal (element, "has") || g_str_equal (element, "not"))
    {
      if (parser->group->len == 0)
        fail (error, "screen “%s”: an empty <%s>", parser->screen->id, element);
      parser->group = NULL;
    }
}

static void
on_text (GMarkupParseContext  *context,
         const char           *text,
         gsize                 length,
         gpointer              data,
         GError              **error)
{
  Parser *parser = data;

  if (parser->target != TEXT_NONE)
    g_string_append_len (parser->text, text, length);
}

/* ---- Checks after reading ------------------------------------------------------------- */

/* Every {name} in a sentence is a label or, on a service's step, {service}. */
static gboolean
check_placeholders (KaitsuActivation *self,
                    const char       *text,
                    gboolean          service_ok,
                    GError          **error)
{
  for (const char *p = text != NULL ? strchr (text, '{') : NULL; p != NULL; p = strchr (p + 1, '{'))
    {
      const char *end = strchr (p, '}');
      g_autofree char *name = end != NULL ? g_strndup (p + 1, end - p - 1) : NULL;

      if (name == NULL)
        return fail (error, "an unclosed {…} in “%s”", text);
      if (g_str_equal (name, "service") ? !service_ok : kaitsu_activation_find_label (self, name) == NULL)
        return fail (error, "“{%s}” in “%s” is not a label here", name, text);
    }
  return TRUE;
}

static gboolean
check_start (const KaitsuStepDesc *step,
             GError              **error)
{
  for (guint i = 0; step->start[i] != NULL; i++)
    {
      const char *entry = step->start[i];
      const char *colon = strchr (entry, ':');
      g_autofree char *site = colon != NULL ? g_strndup (entry, colon - entry) : NULL;

      if (g_str_equal (entry, "mail:reset") || g_str_equal (entry, "mail:login"))
        continue;
      if (site == NULL || kaitsu_site_from_id (site) == KAITSU_SITE_NONE || colon[1] != '/')
        return fail (error, "step “%s” starts at “%s”: mail:reset, mail:login or site:/path", step->id, entry);
    }
  return TRUE;
}

static gboolean
step_has_screens (const KaitsuStepDesc *step)
{
  for (guint i = 0; i < step->substeps->len; i++)
    if (((KaitsuSubstep *) g_ptr_array_index (step->substeps, i))->screens->len > 0)
      return TRUE;
  return FALSE;
}

static gboolean
check_step (KaitsuActivation     *self,
            const KaitsuStepDesc *step,
            GError              **error)
{
  gboolean service_ok = step->service != KAITSU_SERVICE_NONE;

  if (step->title == NULL || step->summary == NULL)
    return fail (error, "step “%s” needs a title and a summary", step->id);
  if (step->web && (step->start[0] == NULL || !step_has_screens (step)))
    return fail (error, "web step “%s” needs a start and screens that show its sub-steps", step->id);
  if (!step->web && (step->start[0] != NULL || step_has_screens (step)))
    return fail (error, "step “%s” is not done on the web: no start, no screens", step->id);
  if (!check_start (step, error) ||
      !check_placeholders (self, step->title, service_ok, error) ||
      !check_placeholders (self, step->summary, service_ok, error) ||
      !check_placeholders (self, step->confirm, service_ok, error))
    return FALSE;
  for (guint i = 0; i < step->substeps->len; i++)
    {
      KaitsuSubstep *substep = g_ptr_array_index (step->substeps, i);

      if (substep->text == NULL)
        return fail (error, "step “%s” has a sub-step without text", step->id);
      if (!check_placeholders (self, substep->text, service_ok, error) ||
          !check_placeholders (self, substep->vision_one_text, service_ok, error))
        return FALSE;
    }
  for (guint i = 0; i < step->advice->len; i++)
    if (!check_placeholders (self, g_ptr_array_index (step->advice, i), service_ok, error))
      return FALSE;
  for (guint i = 0; i < step->warnings->len; i++)
    {
      int substep = g_array_index (step->warning_substeps, int, i);

      if (!check_placeholders (self, g_ptr_array_index (step->warnings, i), service_ok, error))
        return FALSE;
      if (substep >= (int) step->substeps->len)
        return fail (error, "step “%s” has a warning for sub-step %d of %u", step->id, substep + 1,
                     step->substeps->len);
    }
  return TRUE;
}

static gboolean
check_practice (KaitsuActivation   *self,
                const KaitsuScreen *screen,
                GError            **error)
{
  static const char * const values[] = {
    "practice-account", "practice-password", "practice-admin", "practice-admin-password", "tick",
  };
  g_auto (GStrv) pairs = split_words (screen->practice_fill);

  if (screen->practice_press != NULL && kaitsu_activation_find_label (self, screen->practice_press) == NULL)
    return fail (error, "screen “%s”: the autopilot presses an unknown label “%s”", screen->id, screen->practice_press);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto (GStrv) pair = g_strsplit (pairs[i], "=", 2);

      if (g_strv_length (pair) != 2 || kaitsu_activation_find_label (self, pair[0]) == NULL ||
          find_name (values, G_N_ELEMENTS (values), pair[1]) < 0)
        return fail (error, "screen “%s”: “%s” is not label=practice-value", screen->id, pairs[i]);
    }
  return TRUE;
}

static gboolean
check_screen (KaitsuActivation *self,
              KaitsuScreen     *screen,
              GError          **error)
{
  if (screen->says == NULL)
    return fail (error, "screen “%s” says nothing", screen->id);
  if (!check_placeholders (self, screen->says, TRUE, error))
    return FALSE;
  if (screen->meaning == KAITSU_SCREEN_UNKNOWN)
    {
      if (screen->matches->len > 0 || screen->examples->len > 0)
        return fail (error, "the unknown screen matches nothing and has no example");
    }
  else if (screen->matches->len == 0 || screen->examples->len == 0)
    return fail (error, "screen “%s” needs a match and an example", screen->id);
  for (guint i = 0; screen->over_ids[i] != NULL; i++)
    {
      KaitsuScreen *other = g_hash_table_lookup (self->screens_by_id, screen->over_ids[i]);

      if (other == NULL || other == screen)
        return fail (error, "screen “%s” is over an unknown screen “%s”", screen->id, screen->over_ids[i]);
      g_ptr_array_add (screen->over, other);
    }
  if (screen->names_service != NULL)
    {
      const KaitsuLabel *label = kaitsu_activation_find_label (self, screen->names_service);

      if (label == NULL || !label->has_service)
        return fail (error, "screen “%s”: names-service wants a label with {service}", screen->id);
    }
  return check_practice (self, screen, error);
}

static gboolean
resolve_substep_screens (KaitsuActivation *self,
                         GPtrArray        *refs,
                         GError          **error)
{
  for (guint i = 0; i + 1 < refs->len; i += 2)
    {
      KaitsuSubstep *substep = g_ptr_array_index (refs, i);
      GStrv ids = g_ptr_array_index (refs, i + 1);

      for (guint k = 0; ids[k] != NULL; k++)
        {
          KaitsuScreen *screen = g_hash_table_lookup (self->screens_by_id, ids[k]);

          if (screen == NULL)
            return fail (error, "a sub-step shows an unknown screen “%s”", ids[k]);
          g_ptr_array_add (substep->screens, screen);
        }
    }
  return TRUE;
}

static const char *
example_address (const KaitsuScreen  *screen,
                 const ScreenExample *example,
                 KaitsuSite          *site)
{
  const ScreenMatch *first = g_ptr_array_index (screen->matches, 0);

  *site = example->site != KAITSU_SITE_NONE ? example->site : (KaitsuSite) g_bit_nth_lsf (first->sites, -1);
  return example->address != NULL ? example->address : "/";
}

static gboolean match_holds (const ScreenMatch *match, KaitsuSite site, const char *path,
                             GHashTable *query, const char *folded, guint code);

static GHashTable *
parse_query (const char *query)
{
  GHashTable *params = query != NULL ? g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL) : NULL;

  return params != NULL ? params : g_hash_table_new (g_str_hash, g_str_equal);
}

static gboolean
screen_holds (const KaitsuScreen *screen,
              KaitsuSite          site,
              const char         *path,
              GHashTable         *query,
              const char         *folded,
              guint               code,
              guint              *implied_code)
{
  gboolean holds = FALSE;

  if (implied_code != NULL)
    *implied_code = 0;
  /* Every match is tried: one that means a code (a wrong password) says more than one that
   * only places the page */
  for (guint i = 0; i < screen->matches->len; i++)
    {
      const ScreenMatch *match = g_ptr_array_index (screen->matches, i);

      if (match_holds (match, site, path, query, folded, code))
        {
          holds = TRUE;
          if (implied_code != NULL && match->code_rule == CODE_FIXED && *implied_code == 0)
            *implied_code = match->code;
        }
    }
  return holds;
}

static gboolean
is_over (const KaitsuScreen *screen,
         const KaitsuScreen *other)
{
  return g_ptr_array_find (screen->over, other, NULL);
}

/* Each example is its own screen's, and no other screen's unless its own is over it. */
static gboolean
check_examples (KaitsuActivation *self,
                GError          **error)
{
  for (guint i = 0; i < self->screens->len; i++)
    {
      KaitsuScreen *screen = g_ptr_array_index (self->screens, i);

      for (guint e = 0; e < screen->examples->len; e++)
        {
          const ScreenExample *example = g_ptr_array_index (screen->examples, e);
          g_autofree char *folded = kaitsu_text_fold (example->text);
          g_autofree char *address = NULL;
          g_autoptr (GHashTable) query = NULL;
          g_autofree char *lower = NULL;
          KaitsuSite site;
          guint code;
          char *mark;

          address = g_strdup (example_address (screen, example, &site));
          mark = strchr (address, '?');
          query = parse_query (mark != NULL ? mark + 1 : NULL);
          if (mark != NULL)
            *mark = '\0';
          lower = g_ascii_strdown (address, -1);
          code = kaitsu_aadsts_find_code (example->text);
          if (!screen_holds (screen, site, lower, query, folded, code, NULL))
            return fail (error, "screen “%s” does not recognise its own example “%s”", screen->id, example->text);
          for (guint k = 0; k < self->screens->len; k++)
            {
              KaitsuScreen *other = g_ptr_array_index (self->screens, k);

              if (other != screen && screen_holds (other, site, lower, query, folded, code, NULL) &&
                  !is_over (screen, other))
                return fail (error, "screen “%s” also recognises the example of “%s”: “%s”",
                             other->id, screen->id, example->text);
            }
        }
    }
  return TRUE;
}

static gboolean
check_all (KaitsuActivation *self,
           GError          **error)
{
  if (self->n_steps != KAITSU_N_STEPS)
    return fail (error, "the description has %u steps of %d", self->n_steps, KAITSU_N_STEPS);
  if (self->unknown == NULL)
    return fail (error, "no screen for unknown pages");
  for (guint i = 0; i < self->screens->len; i++)
    if (!check_screen (self, g_ptr_array_index (self->screens, i), error))
      return FALSE;
  for (guint i = 0; i < KAITSU_N_STEPS; i++)
    if (!check_step (self, &self->steps[i], error))
      return FALSE;
  return check_examples (self, error);
}

KaitsuActivation *
kaitsu_activation_new_from_data (const char  *xml,
                                 gssize       length,
                                 GError     **error)
{
  static const GMarkupParser callbacks = { on_start, on_end, on_text, NULL, NULL };
  KaitsuActivation *self = activation_new ();
  Parser parser = { 0 };
  GMarkupParseContext *context;
  gboolean ok;

  g_return_val_if_fail (xml != NULL, NULL);

  parser.activation = self;
  parser.text = g_string_new (NULL);
  parser.pending_refs = g_ptr_array_new ();
  context = g_markup_parse_context_new (&callbacks, G_MARKUP_TREAT_CDATA_AS_TEXT, &parser, NULL);
  ok = g_markup_parse_context_parse (context, xml, length, error) &&
       g_markup_parse_context_end_parse (context, error) &&
       resolve_substep_screens (self, parser.pending_refs, error) &&
       check_all (self, error);
  g_markup_parse_context_free (context);
  for (guint i = 1; i < parser.pending_refs->len; i += 2)
    g_strfreev (g_ptr_array_index (parser.pending_refs, i));
  g_ptr_array_unref (parser.pending_refs);
  g_string_free (parser.text, TRUE);
  g_free (parser.lang);
  if (!ok)
    {
      kaitsu_activation_free (self);
      return NULL;
    }
  return self;
}

KaitsuActivation *
kaitsu_activation_get_default (void)
{
  static KaitsuActivation *activation;

  if (g_once_init_enter (&activation))
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) bytes = g_resource_lookup_data (kaitsu_core_get_resource (), DESCRIPTION_PATH,
                                                         G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      KaitsuActivation *loaded = NULL;

      if (bytes != NULL)
        loaded = kaitsu_activation_new_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
      /* The description is built in and tested: a broken one is a build that must not ship. */
      if (loaded == NULL)
        g_error ("The activation description is broken: %s", error->message);
      g_once_init_leave (&activation, loaded);
    }
  return activation;
}

static gpointer
load_default (gpointer data)
{
  kaitsu_activation_get_default ();
  return NULL;
}

/* Starts reading the built-in description in a thread of its own: the first page needs it,
 * and reading it (a tenth of Kaitsu's own start-up work) then overlaps the toolkit's
 * start-up instead of following it. Whoever asks for it first waits for it to be read. The
 * caller joins the thread before the program ends: a thread still reading while the program
 * exits would read resources being torn down. */
GThread *
kaitsu_activation_load_in_background (void)
{
  return g_thread_new ("kaitsu-activation", load_default, NULL);
}

/* ---- Queries ----------------------------------------------------------------------------- */

const KaitsuStepDesc *
kaitsu_activation_get_step_desc (KaitsuActivation *self,
                                 KaitsuStep        step)
{
  g_return_val_if_fail (step >= 0 && step < KAITSU_N_STEPS, NULL);
  return &self->steps[step];
}

const KaitsuLabel *
kaitsu_activation_find_label (KaitsuActivation *self,
                              const char       *id)
{
  return id != NULL ? g_hash_table_lookup (self->labels_by_id, id) : NULL;
}

guint
kaitsu_activation_get_n_screens (KaitsuActivation *self)
{
  return self->screens->len;
}

const KaitsuScreen *
kaitsu_activation_find_screen (KaitsuActivation *self,
                               const char       *id)
{
  return id != NULL ? g_hash_table_lookup (self->screens_by_id, id) : NULL;
}

const KaitsuScreen *
kaitsu_activation_get_unknown (KaitsuActivation *self)
{
  return self->unknown;
}

static gboolean
group_found (GPtrArray  *group,
             const char *folded)
{
  for (guint i = 0; i < group->len; i++)
    if (kaitsu_folded_contains (folded, g_ptr_array_index (group, i)))
      return TRUE;
  return FALSE;
}

static gboolean
match_holds (const ScreenMatch *match,
             KaitsuSite         site,
             const char        *path,
             GHashTable        *query,
             const char        *folded,
             guint              code)
{
  gboolean path_ok = match->paths->len == 0;

  if (site == KAITSU_SITE_NONE || (match->sites & (1u << site)) == 0)
    return FALSE;
  for (guint i = 0; i < match->paths->len && !path_ok; i++)
    path_ok = g_pattern_spec_match_string (g_ptr_array_index (match->paths, i), path);
  if (!path_ok)
    return FALSE;
  for (guint i = 0; match->query[i] != NULL; i++)
    if (!g_hash_table_contains (query, match->query[i]))
      return FALSE;
  for (guint i = 0; match->query_lacks[i] != NULL; i++)
    if (g_hash_table_contains (query, match->query_lacks[i]))
      return FALSE;
  if ((match->code_rule == CODE_ANY && code == 0) ||
      (match->code_rule == CODE_BROWSER && !kaitsu_aadsts_needs_browser (code)))
    return FALSE;
  for (guint i = 0; i < match->has->len; i++)
    if (!group_found (g_ptr_array_index (match->has, i), folded))
      return FALSE;
  return match->not == NULL || !group_found (match->not, folded);
}

const KaitsuScreen *
kaitsu_activation_match (KaitsuActivation *self,
                         KaitsuSite        site,
                         const char       *uri,
                         const char       *folded_text,
                         guint             code,
                         guint            *implied_code)
{
  g_autoptr (GUri) parsed = uri != NULL ? g_uri_parse (uri, G_URI_FLAGS_NONE, NULL) : NULL;
  g_autoptr (GHashTable) query = parse_query (parsed != NULL ? g_uri_get_query (parsed) : NULL);
  g_autofree char *path = g_ascii_strdown (parsed != NULL ? g_uri_get_path (parsed) : "", -1);
  g_autoptr (GPtrArray) found = g_ptr_array_new ();
  g_autoptr (GArray) codes = g_array_new (FALSE, TRUE, sizeof (guint));

  if (implied_code != NULL)
    *implied_code = 0;
  for (guint i = 0; i < self->screens->len; i++)
    {
      KaitsuScreen *screen = g_ptr_array_index (self->screens, i);
      guint implied = 0;

      if (screen_holds (screen, site, path, query, folded_text != NULL ? folded_text : "", code, &implied))
        {
          g_ptr_array_add (found, screen);
          g_array_append_val (codes, implied);
        }
    }
  /* The one that no other found screen is over; in a tie, the first in the description */
  for (guint i = 0; i < found->len; i++)
    {
      KaitsuScreen *screen = g_ptr_array_index (found, i);
      gboolean beaten = FALSE;

      for (guint k = 0; k < found->len && !beaten; k++)
        beaten = k != i && is_over (g_ptr_array_index (found, k), screen);
      if (!beaten)
        {
          if (implied_code != NULL)
            *implied_code = g_array_index (codes, guint, i);
          return screen;
        }
    }
  return self->unknown;
}

KaitsuService
kaitsu_activation_find_service (KaitsuActivation   *self,
                                const KaitsuScreen *screen,
                                const char         *folded_text)
{
  const KaitsuLabel *label;

  if (screen == NULL || screen->names_service == NULL)
    return KAITSU_SERVICE_NONE;
  label = kaitsu_activation_find_label (self, screen->names_service);
  for (KaitsuService service = 0; service < KAITSU_N_SERVICES; service++)
    {
      g_auto (GStrv) texts = kaitsu_label_dup_texts (label->id, service);

      for (guint i = 0; texts[i] != NULL; i++)
        {
          g_autofree char *folded = kaitsu_text_fold (texts[i]);

          if (kaitsu_folded_contains (folded_text, folded))
            return service;
        }
    }
  return KAITSU_SERVICE_NONE;
}

const char *
kaitsu_screen_get_id (const KaitsuScreen *screen)
{
  return screen->id;
}

KaitsuScreenMeaning
kaitsu_screen_get_meaning (const KaitsuScreen *screen)
{
  return screen->meaning;
}

gboolean
kaitsu_screen_keeps_substep (const KaitsuScreen *screen)
{
  return screen->keep_substep;
}

gboolean
kaitsu_screen_confirms (const KaitsuScreen *screen,
                        KaitsuStep          step)
{
  return step >= 0 && step < KAITSU_N_STEPS && (screen->confirms & (1u << step)) != 0;
}

char *
kaitsu_screen_dup_says (const KaitsuScreen *screen,
                        KaitsuService       service)
{
  return kaitsu_activation_expand (screen->says, service);
}

const char *
kaitsu_screen_get_practice_fill (const KaitsuScreen *screen)
{
  return screen->practice_fill;
}

const char *
kaitsu_screen_get_practice_press (const KaitsuScreen *screen)
{
  return screen->practice_press;
}

KaitsuStep
kaitsu_screen_get_practice_from (const KaitsuScreen *screen)
{
  return screen->practice_from;
}

/* ---- Labels in Kaitsu's sentences ------------------------------------------------------ */

static char *site_language[KAITSU_N_SITES];
static KaitsuPlatform platform_in_use;
G_LOCK_DEFINE_STATIC (site_language);

/* The console's platform, as the user's console showed it: the sub-steps' words follow it */
void
kaitsu_activation_set_platform (KaitsuPlatform platform)
{
  G_LOCK (site_language);
  platform_in_use = platform;
  G_UNLOCK (site_language);
}

KaitsuPlatform
kaitsu_activation_get_platform (void)
{
  KaitsuPlatform platform;

  G_LOCK (site_language);
  platform = platform_in_use;
  G_UNLOCK (site_language);
  return platform;
}

static const char *
ui_language (void)
{
  const char *name = g_get_language_names ()[0];

  return g_str_has_prefix (name, "ja") ? "ja" : "en";
}

void
kaitsu_activation_set_site_language (KaitsuSite  site,
                                     const char *language)
{
  g_return_if_fail (site >= 0 && site < KAITSU_N_SITES);

  G_LOCK (site_language);
  g_free (site_language[site]);
  site_language[site] = g_strdup (language);
  G_UNLOCK (site_language);
}

/* Until a page says otherwise: Microsoft speaks the user's language, Trend Micro's Japanese
 * consoles Japanese. */
const char *
kaitsu_activation_get_site_language (KaitsuSite site)
{
  const char *language;

  g_return_val_if_fail (site >= 0 && site < KAITSU_N_SITES, "ja");

  G_LOCK (site_language);
  language = site_language[site] != NULL ? g_intern_string (site_language[site]) : NULL;
  G_UNLOCK (site_language);
  if (language != NULL)
    return language;
  return site == KAITSU_SITE_MICROSOFT_LOGIN ? ui_language () : "ja";
}

static char *
fill_service (const char    *text,
              KaitsuService  service)
{
  g_autoptr (GString) out = g_string_new (text);

  if (service != KAITSU_SERVICE_NONE)
    g_string_replace (out, "{service}", kaitsu_service_get_name (service), 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

GStrv
kaitsu_label_dup_texts (const char    *id,
                        KaitsuService  service)
{
  const KaitsuLabel *label = kaitsu_activation_find_label (kaitsu_activation_get_default (), id);
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv texts;

  g_return_val_if_fail (label != NULL, (g_strv_builder_unref (builder), g_new0 (char *, 1)));
  for (guint i = 0; i < label->texts->len; i++)
    {
      KaitsuLabelText *text = g_ptr_array_index (label->texts, i);
      g_autofree char *filled = fill_service (text->text, service);

      g_strv_builder_add (builder, filled);
    }
  texts = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return texts;
}

static const char *
label_text_for (const KaitsuLabel *label)
{
  const char *language = kaitsu_activation_get_site_language (label->site);

  for (guint i = 0; i < label->texts->len; i++)
    {
      KaitsuLabelText *text = g_ptr_array_index (label->texts, i);

      if (g_str_equal (text->lang, language))
        return text->text;
    }
  return ((KaitsuLabelText *) g_ptr_array_index (label->texts, 0))->text;
}

char *
kaitsu_label_dup_json (const char * const *ids)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      const KaitsuLabel *label = kaitsu_activation_find_label (kaitsu_activation_get_default (), ids[i]);

      g_return_val_if_fail (label != NULL, NULL);
      json_builder_set_member_name (builder, label->id);
      json_builder_begin_array (builder);
      for (guint k = 0; k < label->texts->len; k++)
        json_builder_add_string_value (builder, ((KaitsuLabelText *) g_ptr_array_index (label->texts, k))->text);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  return kaitsu_json_finish (builder);
}

/* The services' names, as the console shows them, for the console's status script */
char *
kaitsu_service_dup_names_json (void)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    json_builder_add_string_value (builder, kaitsu_service_get_name (s));
  json_builder_end_array (builder);
  return kaitsu_json_finish (builder);
}

gboolean
kaitsu_text_contains_label (const char    *text,
                            const char    *label,
                            KaitsuService  service)
{
  g_auto (GStrv) variants = kaitsu_label_dup_texts (label, service);

  for (guint i = 0; variants[i] != NULL; i++)
    if (kaitsu_text_contains (text, variants[i]))
      return TRUE;
  return FALSE;
}

char *
kaitsu_activation_expand (const char    *msgid,
                          KaitsuService  service)
{
  return msgid != NULL ? kaitsu_label_fill (_(msgid), service) : NULL;
}

char *
kaitsu_label_dup_shown (const char    *label,
                        KaitsuService  service,
                        const char    *page_text)
{
  g_auto (GStrv) variants = kaitsu_label_dup_texts (label, service);

  for (guint i = 0; variants[i] != NULL; i++)
    if (kaitsu_text_contains (page_text, variants[i]))
      return g_strdup (variants[i]);
  return g_strdup (variants[0]);
}

char *
kaitsu_label_fill (const char    *text,
                   KaitsuService  service)
{
  KaitsuActivation *self = kaitsu_activation_get_default ();
  GString *out;

  if (text == NULL)
    return NULL;
  out = g_string_new (NULL);
  while (*text != '\0')
    {
      const char *open = strchr (text, '{');
      const char *close = open != NULL ? strchr (open, '}') : NULL;
      g_autofree char *name = NULL;
      const KaitsuLabel *label;

      if (close == NULL)
        {
          g_string_append (out, text);
          break;
        }
      g_string_append_len (out, text, open - text);
      name = g_strndup (open + 1, close - open - 1);
      label = kaitsu_activation_find_label (self, name);
      if (g_str_equal (name, "service") && service != KAITSU_SERVICE_NONE)
        g_string_append (out, kaitsu_service_get_name (service));
      else if (label != NULL)
        {
          g_autofree char *filled = fill_service (label_text_for (label), service);
          g_string_append_printf (out, "「%s」", filled);
        }
      else
        /* A translation's own braces, or {service} where there is none: left as written */
        g_string_append_len (out, open, close - open + 1);
      text = close + 1;
    }
  return g_string_free (out, FALSE);
}
