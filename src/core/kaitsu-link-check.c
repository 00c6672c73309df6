/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-link-check.c: https, no user-info, default port, a trendmicro host after IDN mapping */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-link-check"

#include <string.h>

#include "kaitsu-link-check.h"

static const char * const trusted_domains[] = { "trendmicro.com", "trendmicro.co.jp" };

const char *
kaitsu_link_verdict_get_code (KaitsuLinkVerdict verdict)
{
  switch (verdict)
    {
    case KAITSU_LINK_OK:
      return NULL;
    case KAITSU_LINK_NOT_HTTPS:
      return "not-https";
    case KAITSU_LINK_USERINFO:
      return "userinfo-in-url";
    case KAITSU_LINK_LOOKALIKE_HOST:
      return "lookalike-host";
    case KAITSU_LINK_UNTRUSTED_HOST:
    case KAITSU_LINK_INVALID:
    default:
      return "untrusted-host";
    }
}

gboolean
kaitsu_host_is_trend_micro (const char *ascii_host)
{
  for (guint i = 0; ascii_host != NULL && i < G_N_ELEMENTS (trusted_domains); i++)
    {
      const char *domain = trusted_domains[i];
      gsize host_len = strlen (ascii_host), domain_len = strlen (domain);

      if (g_ascii_strcasecmp (ascii_host, domain) == 0)
        return TRUE;
      if (host_len > domain_len + 1 && ascii_host[host_len - domain_len - 1] == '.' &&
          g_ascii_strcasecmp (ascii_host + host_len - domain_len, domain) == 0)
        return TRUE;
    }
  return FALSE;
}

static guint
edit_distance (const char *a,
               const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  g_autofree guint *row = g_new (guint, lb + 1);

  for (gsize j = 0; j <= lb; j++)
    row[j] = j;
  for (gsize i = 1; i <= la; i++)
    {
      guint diagonal = row[0];

      row[0] = i;
      for (gsize j = 1; j <= lb; j++)
        {
          guint above = row[j];
          guint cost = a[i - 1] == b[j - 1] ? 0 : 1;

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diagonal + cost);
          diagonal = above;
        }
    }
  return row[lb];
}

/* Latin look-alikes from other scripts, folded so that "trеndmicro" (Cyrillic е) shows its intent. */
static gunichar
fold_confusable (gunichar c)
{
  static const struct { gunichar from; char to; } table[] = {
    { 0x0430, 'a' }, { 0x0435, 'e' }, { 0x043E, 'o' }, { 0x0440, 'p' }, { 0x0441, 'c' },
    { 0x0445, 'x' }, { 0x0443, 'y' }, { 0x0456, 'i' }, { 0x0458, 'j' }, { 0x04CF, 'l' },
    { 0x043C, 'm' }, { 0x0442, 't' }, { 0x043D, 'h' }, { 0x0501, 'd' }, { 0x03BF, 'o' },
    { 0x03B1, 'a' }, { 0x03B5, 'e' }, { 0x03B9, 'i' }, { 0x03BD, 'v' }, { 0x03C1, 'p' },
    { 0x0131, 'i' }, { 0x0261, 'g' }, { 0x217C, 'l' }, { 0xFF4D, 'm' },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (table[i].from == c)
      return table[i].to;
  return g_unichar_tolower (c);
}

static char *
skeleton (const char *unicode_host)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree char *normal = g_utf8_normalize (unicode_host, -1, G_NORMALIZE_ALL);

  for (const char *p = normal; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = fold_confusable (g_utf8_get_char (p));

      /* Digits that pose as letters */
      if (c == '0')
        c = 'o';
      else if (c == '1')
        c = 'l';
      if (c == '-' || c == '_')
        continue;
      g_string_append_unichar (out, c);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Not Trend Micro, but made to look like it: worth a louder warning than "unknown host". */
static gboolean
is_lookalike (const char *ascii_host)
{
  g_autofree char *unicode = g_hostname_to_unicode (ascii_host);
  g_autofree char *skel = skeleton (unicode != NULL ? unicode : ascii_host);
  g_auto (GStrv) labels = NULL;

  if (strstr (skel, "trendmicro") != NULL || strstr (skel, "trendrnicro") != NULL)
    return TRUE;
  labels = g_strsplit (skel, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    if (strlen (labels[i]) >= 6 && edit_distance (labels[i], "trendmicro") <= 2)
      return TRUE;
  return FALSE;
}

KaitsuLinkVerdict
kaitsu_link_check (const char  *url,
                   char       **host_out)
{
  g_autoptr (GUri) uri = NULL;
  g_autofree char *ascii = NULL;
  const char *host;
  gsize len;

  if (host_out != NULL)
    *host_out = NULL;
  if (url == NULL || !g_utf8_validate (url, -1, NULL))
    return KAITSU_LINK_INVALID;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return KAITSU_LINK_INVALID;

  host = g_uri_get_host (uri);
  ascii = g_hostname_to_ascii (host);
  if (ascii == NULL)
    return KAITSU_LINK_INVALID;
  len = strlen (ascii);
  if (len > 0 && ascii[len - 1] == '.')
    ascii[len - 1] = '\0';
  if (host_out != NULL)
    *host_out = g_ascii_strdown (ascii, -1);

  /* The most telling problem first: a user-info part is how a link hides its real host. */
  if (g_uri_get_userinfo (uri) != NULL)
    return KAITSU_LINK_USERINFO;
  if (!kaitsu_host_is_trend_micro (ascii))
    return is_lookalike (ascii) ? KAITSU_LINK_LOOKALIKE_HOST : KAITSU_LINK_UNTRUSTED_HOST;
  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0)
    return KAITSU_LINK_NOT_HTTPS;
  if (g_uri_get_port (uri) != -1 && g_uri_get_port (uri) != 443)
    return KAITSU_LINK_UNTRUSTED_HOST;
  return KAITSU_LINK_OK;
}

/* As kaitsu_link_check (), but in practice mode the simulator's own sites on this computer
 * are trusted too, and only those. */
KaitsuLinkVerdict
kaitsu_link_check_trusting (const char  *url,
                            KaitsuSites *practice_sites,
                            char       **host_out)
{
  KaitsuLinkVerdict verdict = kaitsu_link_check (url, host_out);

  if (verdict != KAITSU_LINK_OK && practice_sites != NULL && kaitsu_sites_is_practice (practice_sites) &&
      kaitsu_sites_find (practice_sites, url) != KAITSU_SITE_NONE)
    return KAITSU_LINK_OK;
  return verdict;
}
