/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-link-check.c: https, no user-info, default port, a trendmicro host after IDN mapping.
 * The host is the one a browser would reach: the address is split the way the WHATWG URL
 * standard splits http(s) addresses (backslashes count as slashes, any number of them after
 * the scheme, tabs and newlines dropped, the host percent-decoded and its full-width and
 * ideographic dots mapped to dots), not the way RFC 3986 would. */

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

/* A host code point no browser accepts (WHATWG "forbidden host code point") */
static gboolean
forbidden_in_host (const char *host)
{
  for (const char *p = host; *p != '\0'; p++)
    if ((guchar) *p <= 0x20 || *p == 0x7F || strchr ("#%/:<>?@[\\]^|", *p) != NULL)
      return TRUE;
  return FALSE;
}

gboolean
kaitsu_url_split (const char    *url,
                  KaitsuUrlParts *parts)
{
  g_autoptr (GString) clean = g_string_new (NULL);
  const char *p, *colon, *authority, *end, *at, *host_start, *port_start = NULL;
  g_autofree char *decoded = NULL;
  g_autofree char *raw_host = NULL;
  gsize len;

  memset (parts, 0, sizeof *parts);
  parts->port = -1;
  if (url == NULL || !g_utf8_validate (url, -1, NULL))
    return FALSE;
  /* Leading and trailing C0 controls and spaces go, tabs and newlines anywhere */
  while (*url != '\0' && (guchar) *url <= 0x20)
    url++;
  for (p = url; *p != '\0'; p++)
    if (*p != '\t' && *p != '\n' && *p != '\r')
      g_string_append_c (clean, *p);
  while (clean->len > 0 && (guchar) clean->str[clean->len - 1] <= 0x20)
    g_string_truncate (clean, clean->len - 1);

  colon = strchr (clean->str, ':');
  if (colon == NULL || colon == clean->str || !g_ascii_isalpha (clean->str[0]))
    return FALSE;
  for (p = clean->str; p < colon; p++)
    if (!g_ascii_isalnum (*p) && *p != '+' && *p != '-' && *p != '.')
      return FALSE;
  parts->scheme = g_ascii_strdown (clean->str, colon - clean->str);
  /* Only http and https have the browser's authority rules; anything else has no host here */
  if (!g_str_equal (parts->scheme, "https") && !g_str_equal (parts->scheme, "http"))
    return TRUE;

  /* Any number of slashes or backslashes, then the authority up to the path, query or fragment */
  authority = colon + 1;
  while (*authority == '/' || *authority == '\\')
    authority++;
  end = authority + strcspn (authority, "/\\?#");
  at = NULL;
  for (p = authority; p < end; p++)
    if (*p == '@')
      at = p;
  parts->has_userinfo = at != NULL;
  host_start = at != NULL ? at + 1 : authority;
  if (*host_start == '[')
    {
      const char *close = memchr (host_start, ']', end - host_start);

      if (close == NULL)
        return FALSE;
      if (close + 1 < end && close[1] == ':')
        port_start = close + 2;
      else if (close + 1 != end)
        return FALSE;
      raw_host = g_strndup (host_start, close + 1 - host_start);
    }
  else
    {
      const char *last_colon = NULL;

      for (p = host_start; p < end; p++)
        if (*p == ':')
          last_colon = p;
      if (last_colon != NULL)
        port_start = last_colon + 1;
      raw_host = g_strndup (host_start, (last_colon != NULL ? last_colon : end) - host_start);
    }
  if (port_start != NULL && port_start < end)
    {
      guint64 port = 0;

      for (p = port_start; p < end; p++)
        {
          if (!g_ascii_isdigit (*p))
            return FALSE;
          port = port * 10 + (*p - '0');
          if (port > 65535)
            return FALSE;
        }
      parts->port = (int) port;
    }
  if (*raw_host == '\0')
    return FALSE;
  if (raw_host[0] == '[')
    {
      parts->host = g_ascii_strdown (raw_host, -1);
      return TRUE;
    }
  decoded = g_uri_unescape_string (raw_host, NULL);
  if (decoded == NULL || !g_utf8_validate (decoded, -1, NULL))
    return FALSE;
  /* IDNA: full-width letters, ideographic and full-width dots, Unicode to punycode */
  parts->host = g_hostname_to_ascii (decoded);
  if (parts->host == NULL || forbidden_in_host (parts->host))
    {
      g_clear_pointer (&parts->host, g_free);
      return FALSE;
    }
  len = strlen (parts->host);
  if (len > 0 && parts->host[len - 1] == '.')
    parts->host[len - 1] = '\0';
  if (*parts->host == '\0')
    {
      g_clear_pointer (&parts->host, g_free);
      return FALSE;
    }
  {
    char *lower = g_ascii_strdown (parts->host, -1);

    g_free (parts->host);
    parts->host = lower;
  }
  return TRUE;
}

void
kaitsu_url_parts_clear (KaitsuUrlParts *parts)
{
  g_clear_pointer (&parts->scheme, g_free);
  g_clear_pointer (&parts->host, g_free);
}

KaitsuLinkVerdict
kaitsu_link_check (const char  *url,
                   char       **host_out)
{
  g_auto (KaitsuUrlParts) parts = { NULL, };

  if (host_out != NULL)
    *host_out = NULL;
  if (!kaitsu_url_split (url, &parts) || parts.host == NULL)
    return KAITSU_LINK_INVALID;
  if (host_out != NULL)
    *host_out = g_strdup (parts.host);

  /* The most telling problem first: a user-info part is how a link hides its real host. */
  if (parts.has_userinfo)
    return KAITSU_LINK_USERINFO;
  if (!kaitsu_host_is_trend_micro (parts.host))
    return is_lookalike (parts.host) ? KAITSU_LINK_LOOKALIKE_HOST : KAITSU_LINK_UNTRUSTED_HOST;
  if (!g_str_equal (parts.scheme, "https"))
    return KAITSU_LINK_NOT_HTTPS;
  if (parts.port != -1 && parts.port != 443)
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
