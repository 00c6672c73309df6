/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-mask.c: enough of a value stays to recognise it, not enough to read it out */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-mask"

#include <gio/gio.h>
#include <string.h>

#include "kaitsu-mask.h"

#define SHORT_DOTS "•••"

/* The first character, then dots: 株•••, a••• */
static void
append_initial (GString    *out,
                const char *value,
                const char *end)
{
  if (value < end)
    g_string_append_len (out, value, g_utf8_next_char (value) - value);
  g_string_append (out, SHORT_DOTS);
}

/* Labels that say nothing of the owner stay: .co.jp, .onmicrosoft.com, -admin */
static gboolean
is_public_label (const char *label,
                 gsize       length)
{
  static const char * const known[] = { "onmicrosoft", "sharepoint", "microsoftonline", "outlook" };

  if (length <= 3)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (strlen (known[i]) == length && g_ascii_strncasecmp (label, known[i], length) == 0)
      return TRUE;
  return FALSE;
}

static void
append_masked_host (GString    *out,
                    const char *host)
{
  g_auto (GStrv) labels = g_strsplit (host, ".", -1);
  guint n = g_strv_length (labels);
  guint owner;
  const char *dash;

  /* An address by number names nobody */
  if (g_hostname_is_ip_address (host))
    {
      g_string_append (out, host);
      return;
    }
  if (n < 2)
    {
      append_initial (out, host, host + strlen (host));
      return;
    }
  /* The last label always stays; so does a short or generic one before it. */
  owner = n >= 3 && is_public_label (labels[n - 2], strlen (labels[n - 2])) ? n - 3 : n - 2;
  /* contoso-admin.sharepoint.com: the -admin and -my sites stay recognisable */
  dash = owner == 0 ? strrchr (labels[0], '-') : NULL;
  if (dash != NULL && (g_ascii_strcasecmp (dash, "-admin") == 0 || g_ascii_strcasecmp (dash, "-my") == 0))
    {
      append_initial (out, labels[0], dash);
      g_string_append (out, dash);
    }
  else
    append_initial (out, labels[0], labels[0] + strlen (labels[0]));
  for (guint i = owner + 1; i < n; i++)
    g_string_append_printf (out, ".%s", labels[i]);
}

static void
append_masked_email (GString    *out,
                     const char *value)
{
  const char *at = strrchr (value, '@');

  if (at == NULL || at[1] == '\0')
    {
      append_initial (out, value, value + strlen (value));
      return;
    }
  append_initial (out, value, at);
  g_string_append_c (out, '@');
  append_masked_host (out, at + 1);
}

static void
append_masked_id (GString    *out,
                  const char *value)
{
  glong length = g_utf8_strlen (value, -1);
  const char *tail;

  if (length <= 6)
    {
      g_string_append (out, KAITSU_MASK_DOTS);
      return;
    }
  tail = g_utf8_offset_to_pointer (value, length - 2);
  g_string_append_len (out, value, g_utf8_offset_to_pointer (value, 3) - value);
  g_string_append (out, KAITSU_MASK_DOTS);
  g_string_append (out, tail);
}

static void
append_masked_address (GString    *out,
                       const char *value)
{
  const char *scheme_end = strstr (value, "://");
  const char *host = scheme_end != NULL ? scheme_end + 3 : value;
  gsize host_length = strcspn (host, "/:?#");
  g_autofree char *host_only = g_strndup (host, host_length);

  g_string_append_len (out, value, host - value);
  append_masked_host (out, host_only);
  g_string_append (out, host + host_length);
}

static void
append_masked_link (GString    *out,
                    const char *value)
{
  const char *query = strchr (value, '?');
  g_auto (GStrv) pairs = NULL;

  if (query == NULL)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_len (out, value, query + 1 - value);
  pairs = g_strsplit (query + 1, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *equals = strchr (pairs[i], '=');

      if (i > 0)
        g_string_append_c (out, '&');
      if (equals != NULL)
        g_string_append_len (out, pairs[i], equals + 1 - pairs[i]);
      g_string_append (out, KAITSU_MASK_DOTS);
    }
}

/**
 * kaitsu_mask:
 * @kind: what @value is
 * @value: (nullable): a name, mail address, ID or address
 *
 * Returns: (transfer full) (nullable): @value masked, never the same length hint as the
 * original for IDs (the dots are always four)
 */
char *
kaitsu_mask (KaitsuMaskKind  kind,
             const char     *value)
{
  g_autoptr (GString) out = NULL;

  if (value == NULL)
    return NULL;
  if (!g_utf8_validate (value, -1, NULL))
    return g_strdup (KAITSU_MASK_DOTS);
  out = g_string_new (NULL);
  if (*value == '\0')
    return g_string_free (g_steal_pointer (&out), FALSE);
  switch (kind)
    {
    case KAITSU_MASK_EMAIL:
      append_masked_email (out, value);
      break;
    case KAITSU_MASK_ID:
      append_masked_id (out, value);
      break;
    case KAITSU_MASK_ADDRESS:
      append_masked_address (out, value);
      break;
    case KAITSU_MASK_LINK:
      append_masked_link (out, value);
      break;
    case KAITSU_MASK_NAME:
    default:
      append_initial (out, value, value + strlen (value));
      break;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
looks_like_id (const char *value)
{
  gboolean digit = FALSE;

  for (const char *p = value; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digit = TRUE;
      else if (!g_ascii_isalpha (*p) && *p != '-' && *p != '_')
        return FALSE;
    }
  return digit && strlen (value) >= 6;
}

/* For a value of unknown kind, such as one the mail gave */
char *
kaitsu_mask_guess (const char *value)
{
  if (value == NULL)
    return NULL;
  if (strchr (value, '@') != NULL)
    return kaitsu_mask (KAITSU_MASK_EMAIL, value);
  if (g_str_has_prefix (value, "https://") || g_str_has_prefix (value, "http://") ||
      strstr (value, ".sharepoint.com") != NULL || strstr (value, ".onmicrosoft.com") != NULL)
    return kaitsu_mask (KAITSU_MASK_ADDRESS, value);
  if (looks_like_id (value))
    return kaitsu_mask (KAITSU_MASK_ID, value);
  return kaitsu_mask (KAITSU_MASK_NAME, value);
}

static gboolean
mask_match (const GMatchInfo *info,
            GString          *out,
            gpointer          data)
{
  g_autofree char *match = g_match_info_fetch (info, 0);
  g_autofree char *masked = kaitsu_mask (strchr (match, '@') != NULL ? KAITSU_MASK_EMAIL
                                                                      : KAITSU_MASK_ADDRESS, match);

  g_string_append (out, masked);
  return FALSE;
}

/**
 * kaitsu_mask_text:
 * @text: (nullable): free text, such as a console notification
 * @known: (nullable): values known to be personal (account, company, App ID), masked
 *   wherever they appear
 *
 * Mail addresses and the tenant's Microsoft host names are masked wherever they appear.
 *
 * Returns: (transfer full) (nullable): the masked text
 */
char *
kaitsu_mask_text (const char         *text,
                  const char * const *known)
{
  static GRegex *pattern;
  g_autofree char *replaced = NULL;

  if (text == NULL)
    return NULL;
  if (!g_utf8_validate (text, -1, NULL))
    return g_strdup (KAITSU_MASK_DOTS);
  if (g_once_init_enter (&pattern))
    {
      GRegex *regex = g_regex_new ("(?<![\\w•.@-])(?:[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+"
                                   "|[A-Za-z0-9-]+\\.(?:onmicrosoft|sharepoint)\\.com)",
                                   G_REGEX_OPTIMIZE, 0, NULL);

      g_assert (regex != NULL);
      g_once_init_leave (&pattern, regex);
    }

  replaced = g_strdup (text);
  for (guint i = 0; known != NULL && known[i] != NULL; i++)
    {
      g_autofree char *masked = NULL;
      g_auto (GStrv) parts = NULL;

      /* Too short to be anyone's name, and it would catch every number */
      if (g_utf8_strlen (known[i], -1) < 3 || !g_utf8_validate (known[i], -1, NULL))
        continue;
      masked = kaitsu_mask_guess (known[i]);
      parts = g_strsplit (replaced, known[i], -1);
      g_free (replaced);
      replaced = g_strjoinv (masked, parts);
    }
  return g_regex_replace_eval (pattern, replaced, -1, 0, 0, mask_match, NULL, NULL);
}

char *
kaitsu_uri_for_log (const char *uri)
{
  gsize keep;

  if (uri == NULL)
    return g_strdup ("(none)");
  keep = strcspn (uri, "?#");
  if (uri[keep] == '\0')
    return g_strdup (uri);
  return g_strdup_printf ("%.*s?…", (int) keep, uri);
}
