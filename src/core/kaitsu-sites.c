/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-sites.c: the real sites by region, or the simulator's in practice mode */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-sites"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kaitsu-sites.h"

typedef struct
{
  const char *id;
  const char *name;
  const char *admin_site;
} RegionDef;

static const RegionDef region_table[] = {
  { "jp", N_("Japan"), "https://admin.tmcas.trendmicro.co.jp" },
  { "eu", N_("European Union"), "https://admin-eu.tmcas.trendmicro.com" },
  { "uk", N_("United Kingdom"), "https://admin.tmcas.trendmicro.co.uk" },
  { "us", N_("United States"), "https://admin.tmcas.trendmicro.com" },
  { "au", N_("Australia and New Zealand"), "https://admin-au.tmcas.trendmicro.com" },
  { "ca", N_("Canada"), "https://admin-ca.tmcas.trendmicro.com" },
  { "sg", N_("Singapore"), "https://admin.tmcas.trendmicro.com.sg" },
  { "in", N_("India"), "https://admin-in.tmcas.trendmicro.com" },
};

/* Trend Vision One: its sign-in, and its consoles by region (FACTS.md, "Today's sites") */
#define VISION_ONE_SIGNIN_HOST "signin.v1.trendmicro.com"
static const struct
{
  const char *region;
  const char *host;
} vision_one_consoles[] = {
  { "us", "portal.xdr.trendmicro.com" }, { "eu", "portal.eu.xdr.trendmicro.com" },
  { "jp", "portal.jp.xdr.trendmicro.com" }, { "sg", "portal.sg.xdr.trendmicro.com" },
  { "au", "portal.au.xdr.trendmicro.com" }, { "in", "portal.in.xdr.trendmicro.com" },
};

/* The region of a Vision One console host, or NULL when it is none */
static const char *
vision_one_region (const char *host)
{
  for (guint i = 0; host != NULL && i < G_N_ELEMENTS (vision_one_consoles); i++)
    if (g_ascii_strcasecmp (host, vision_one_consoles[i].host) == 0)
      return vision_one_consoles[i].region;
  return NULL;
}

/* The ids of the sites, as the activation's description and --explain-page name them */
static const char * const site_ids[KAITSU_N_SITES] = {
  "lmp", "password-reset", "console", "microsoft", "sharepoint-admin", "vision-one-signin",
};

static const char * const platform_ids[] = { NULL, "cas", "vision-one" };

const char *
kaitsu_site_get_id (KaitsuSite site)
{
  g_return_val_if_fail (site >= 0 && site < KAITSU_N_SITES, NULL);
  return site_ids[site];
}

KaitsuSite
kaitsu_site_from_id (const char *id)
{
  for (KaitsuSite site = 0; id != NULL && site < KAITSU_N_SITES; site++)
    if (g_str_equal (id, site_ids[site]))
      return site;
  return KAITSU_SITE_NONE;
}

const char *
kaitsu_platform_get_id (KaitsuPlatform platform)
{
  g_return_val_if_fail (platform < G_N_ELEMENTS (platform_ids), NULL);
  return platform_ids[platform];
}

KaitsuPlatform
kaitsu_platform_from_id (const char *id)
{
  for (guint i = 1; id != NULL && i < G_N_ELEMENTS (platform_ids); i++)
    if (g_str_equal (id, platform_ids[i]))
      return i;
  return KAITSU_PLATFORM_NONE;
}

struct _KaitsuSites
{
  GObject parent_instance;
  char *base[KAITSU_N_SITES];
  gboolean practice;
  /* The console's platform, once known: where the console actually opened, or the user's choice */
  KaitsuPlatform platform;
  /* Practice mode: Trend Vision One's simulated portal, a console the portal may open instead */
  char *practice_v1_console;
};

G_DEFINE_FINAL_TYPE (KaitsuSites, kaitsu_sites, G_TYPE_OBJECT)

guint
kaitsu_region_get_count (void)
{
  return G_N_ELEMENTS (region_table);
}

const char *
kaitsu_region_get_id (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (region_table), NULL);
  return region_table[index].id;
}

char *
kaitsu_region_dup_name (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (region_table), NULL);
  return g_strdup (_(region_table[index].name));
}

int
kaitsu_region_find (const char *region_id)
{
  for (guint i = 0; region_id != NULL && i < G_N_ELEMENTS (region_table); i++)
    if (g_str_equal (region_id, region_table[i].id))
      return (int) i;
  return -1;
}

const char *
kaitsu_region_get_admin_site (const char *region_id)
{
  int index = kaitsu_region_find (region_id);

  return region_table[index < 0 ? 0 : index].admin_site;
}

static void
kaitsu_sites_finalize (GObject *object)
{
  KaitsuSites *self = KAITSU_SITES (object);

  for (guint i = 0; i < KAITSU_N_SITES; i++)
    g_free (self->base[i]);
  g_free (self->practice_v1_console);
  G_OBJECT_CLASS (kaitsu_sites_parent_class)->finalize (object);
}

static void
kaitsu_sites_class_init (KaitsuSitesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kaitsu_sites_finalize;
}

static void
kaitsu_sites_init (KaitsuSites *self)
{
}

KaitsuSites *
kaitsu_sites_new_real (const char *region_id)
{
  KaitsuSites *self = kaitsu_sites_new_custom ("https://clp.trendmicro.com",
                                               "https://forgetpwd.trendmicro.com",
                                               kaitsu_region_get_admin_site (region_id),
                                               "https://login.microsoftonline.com", NULL);

  /* The licensing portal may send a moved console's user to Vision One's sign-in at once */
  self->base[KAITSU_SITE_VISION_ONE_SIGNIN] = g_strdup ("https://" VISION_ONE_SIGNIN_HOST);
  return self;
}

/* Practice mode: the simulator's Vision One portal and sign-in, known before either opens */
void
kaitsu_sites_add_practice_console (KaitsuSites    *self,
                                   KaitsuPlatform  platform,
                                   const char     *console,
                                   const char     *signin)
{
  g_return_if_fail (KAITSU_IS_SITES (self) && self->practice);
  g_return_if_fail (platform == KAITSU_PLATFORM_VISION_ONE);

  g_free (self->practice_v1_console);
  self->practice_v1_console = g_strdup (console);
  g_free (self->base[KAITSU_SITE_VISION_ONE_SIGNIN]);
  self->base[KAITSU_SITE_VISION_ONE_SIGNIN] = g_strdup (signin);
}

KaitsuSites *
kaitsu_sites_new_custom (const char *lmp,
                         const char *password_reset,
                         const char *console,
                         const char *microsoft_login,
                         const char *sharepoint_admin)
{
  KaitsuSites *self = g_object_new (KAITSU_TYPE_SITES, NULL);
  const char *bases[KAITSU_N_SITES] = { lmp, password_reset, console, microsoft_login,
                                        sharepoint_admin, NULL };

  for (guint i = 0; i < KAITSU_N_SITES; i++)
    {
      g_return_val_if_fail (bases[i] != NULL || i >= KAITSU_SITE_SHAREPOINT_ADMIN, self);
      self->base[i] = g_strdup (bases[i]);
      /* Plain http is only ever the loopback simulator. */
      if (bases[i] != NULL && g_str_has_prefix (bases[i], "http://"))
        self->practice = TRUE;
    }
  return self;
}

void
kaitsu_sites_set_sharepoint_admin (KaitsuSites *self,
                                   const char  *base)
{
  g_return_if_fail (KAITSU_IS_SITES (self));

  g_free (self->base[KAITSU_SITE_SHAREPOINT_ADMIN]);
  self->base[KAITSU_SITE_SHAREPOINT_ADMIN] = g_strdup (base);
}

static gboolean
same_origin (GUri       *uri,
             const char *base)
{
  g_autoptr (GUri) other = base != NULL ? g_uri_parse (base, G_URI_FLAGS_NONE, NULL) : NULL;

  if (other == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (other) == NULL)
    return FALSE;
  return g_ascii_strcasecmp (g_uri_get_scheme (uri), g_uri_get_scheme (other)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (uri), g_uri_get_host (other)) == 0 &&
         g_uri_get_port (uri) == g_uri_get_port (other) &&
         g_uri_get_userinfo (uri) == NULL;
}

/* Which of the activation's sites an address belongs to, by exact origin. */
KaitsuSite
kaitsu_sites_find (KaitsuSites *self,
                   const char  *uri)
{
  g_autoptr (GUri) parsed = NULL;

  g_return_val_if_fail (KAITSU_IS_SITES (self), KAITSU_SITE_NONE);

  parsed = uri != NULL ? g_uri_parse (uri, G_URI_FLAGS_NONE, NULL) : NULL;
  if (parsed == NULL)
    return KAITSU_SITE_NONE;
  for (KaitsuSite site = 0; site < KAITSU_N_SITES; site++)
    if (same_origin (parsed, self->base[site]))
      return site;
  return KAITSU_SITE_NONE;
}

/* Microsoft's sign-in may move between its own hosts (login.live.com for some accounts). */
gboolean
kaitsu_sites_is_microsoft_host (KaitsuSites *self,
                                const char  *uri)
{
  static const char * const hosts[] = {
    "login.microsoftonline.com", "login.microsoft.com", "login.live.com", "account.live.com",
    "device.login.microsoftonline.com", "autologon.microsoftazuread-sso.com",
  };
  g_autoptr (GUri) parsed = NULL;

  g_return_val_if_fail (KAITSU_IS_SITES (self), FALSE);

  if (kaitsu_sites_find (self, uri) == KAITSU_SITE_MICROSOFT_LOGIN)
    return TRUE;
  parsed = uri != NULL ? g_uri_parse (uri, G_URI_FLAGS_NONE, NULL) : NULL;
  /* "https::" parses, with no host at all */
  if (parsed == NULL || self->practice || g_strcmp0 (g_uri_get_scheme (parsed), "https") != 0 ||
      g_uri_get_userinfo (parsed) != NULL || g_uri_get_host (parsed) == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (hosts); i++)
    if (g_ascii_strcasecmp (g_uri_get_host (parsed), hosts[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
kaitsu_sites_allows (KaitsuSites *self,
                     const char  *uri,
                     gboolean     signin_window,
                     gboolean     after_microsoft)
{
  g_autoptr (GUri) parsed = NULL;

  g_return_val_if_fail (KAITSU_IS_SITES (self), FALSE);

  parsed = uri != NULL ? g_uri_parse (uri, G_URI_FLAGS_NONE, NULL) : NULL;
  if (parsed == NULL)
    return FALSE;
  if (g_str_equal (g_uri_get_scheme (parsed), "about"))
    return TRUE;
  if (kaitsu_sites_recognise (self, uri, NULL) != KAITSU_SITE_NONE)
    return TRUE;
  return signin_window && after_microsoft && !self->practice &&
         g_str_equal (g_uri_get_scheme (parsed), "https") && g_uri_get_userinfo (parsed) == NULL &&
         g_uri_get_host (parsed) != NULL && *g_uri_get_host (parsed) != '\0';
}

static gboolean
is_cas_console_host (const char *host)
{
  for (guint i = 0; host != NULL && i < G_N_ELEMENTS (region_table); i++)
    if (g_ascii_strcasecmp (host, region_table[i].admin_site + strlen ("https://")) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_sharepoint_admin_host (const char *host)
{
  g_autofree char *lower = host != NULL ? g_ascii_strdown (host, -1) : NULL;

  return lower != NULL && g_str_has_suffix (lower, "-admin.sharepoint.com") &&
         strlen (lower) > strlen ("-admin.sharepoint.com");
}

KaitsuSite
kaitsu_sites_recognise (KaitsuSites    *self,
                        const char     *uri,
                        KaitsuPlatform *platform)
{
  KaitsuSite site;
  g_autoptr (GUri) parsed = NULL;
  const char *host;

  g_return_val_if_fail (KAITSU_IS_SITES (self), KAITSU_SITE_NONE);

  if (platform != NULL)
    *platform = KAITSU_PLATFORM_NONE;
  site = kaitsu_sites_find (self, uri);
  parsed = uri != NULL ? g_uri_parse (uri, G_URI_FLAGS_NONE, NULL) : NULL;
  host = parsed != NULL ? g_uri_get_host (parsed) : NULL;
  if (site == KAITSU_SITE_NONE && kaitsu_sites_is_microsoft_host (self, uri))
    site = KAITSU_SITE_MICROSOFT_LOGIN;
  if (site == KAITSU_SITE_NONE && parsed != NULL && same_origin (parsed, self->practice_v1_console))
    {
      if (platform != NULL)
        *platform = KAITSU_PLATFORM_VISION_ONE;
      return KAITSU_SITE_CONSOLE;
    }
  /* The real sites only over https, and never in practice mode */
  if (site == KAITSU_SITE_NONE && !self->practice && host != NULL &&
      g_strcmp0 (g_uri_get_scheme (parsed), "https") == 0 && g_uri_get_userinfo (parsed) == NULL)
    {
      if (is_cas_console_host (host) || vision_one_region (host) != NULL)
        site = KAITSU_SITE_CONSOLE;
      else if (g_ascii_strcasecmp (host, VISION_ONE_SIGNIN_HOST) == 0)
        site = KAITSU_SITE_VISION_ONE_SIGNIN;
      else if (is_sharepoint_admin_host (host))
        site = KAITSU_SITE_SHAREPOINT_ADMIN;
    }
  if (platform != NULL && site == KAITSU_SITE_VISION_ONE_SIGNIN)
    *platform = KAITSU_PLATFORM_VISION_ONE;
  else if (platform != NULL && site == KAITSU_SITE_CONSOLE && self->practice)
    *platform = same_origin (parsed, self->practice_v1_console) ? KAITSU_PLATFORM_VISION_ONE : KAITSU_PLATFORM_CAS;
  else if (platform != NULL && site == KAITSU_SITE_CONSOLE)
    *platform = vision_one_region (host) != NULL
                ? KAITSU_PLATFORM_VISION_ONE : KAITSU_PLATFORM_CAS;
  return site;
}

static char *
origin_of (GUri *uri)
{
  int port = g_uri_get_port (uri);

  return port > 0 ? g_strdup_printf ("%s://%s:%d", g_uri_get_scheme (uri), g_uri_get_host (uri), port)
                  : g_strdup_printf ("%s://%s", g_uri_get_scheme (uri), g_uri_get_host (uri));
}

/* The console is where it actually opened: a page of a console (another region's, or Trend
 * Vision One's) makes it the console from now on. TRUE if that changed where it is. */
gboolean
kaitsu_sites_follow_console (KaitsuSites *self,
                             const char  *uri)
{
  KaitsuPlatform platform = KAITSU_PLATFORM_NONE;
  g_autoptr (GUri) parsed = NULL;
  g_autofree char *origin = NULL;

  g_return_val_if_fail (KAITSU_IS_SITES (self), FALSE);

  if (kaitsu_sites_recognise (self, uri, &platform) != KAITSU_SITE_CONSOLE)
    return FALSE;
  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  origin = origin_of (parsed);
  if (g_strcmp0 (origin, self->base[KAITSU_SITE_CONSOLE]) == 0 && platform == self->platform)
    return FALSE;
  g_free (self->base[KAITSU_SITE_CONSOLE]);
  self->base[KAITSU_SITE_CONSOLE] = g_steal_pointer (&origin);
  self->platform = platform;
  return TRUE;
}

KaitsuPlatform
kaitsu_sites_get_platform (KaitsuSites *self)
{
  g_return_val_if_fail (KAITSU_IS_SITES (self), KAITSU_PLATFORM_NONE);
  return self->platform;
}

/* Trend Vision One's console for a region, where its documentation names one */
static const char *
vision_one_console_for (const char *region_id)
{
  for (guint i = 0; region_id != NULL && i < G_N_ELEMENTS (vision_one_consoles); i++)
    if (g_str_equal (region_id, vision_one_consoles[i].region))
      return vision_one_consoles[i].host;
  return NULL;
}

/* The user's choice, before any console has opened: where to expect it. A region without a
 * documented Vision One console keeps the Cloud App Security console of that region until
 * the real one opens. */
void
kaitsu_sites_set_platform (KaitsuSites    *self,
                           KaitsuPlatform  platform,
                           const char     *region_id)
{
  const char *host = NULL;

  g_return_if_fail (KAITSU_IS_SITES (self));

  self->platform = platform;
  if (self->practice)
    {
      if (platform == KAITSU_PLATFORM_VISION_ONE && self->practice_v1_console != NULL)
        {
          g_free (self->base[KAITSU_SITE_CONSOLE]);
          self->base[KAITSU_SITE_CONSOLE] = g_strdup (self->practice_v1_console);
        }
      return;
    }
  if (platform == KAITSU_PLATFORM_VISION_ONE)
    host = vision_one_console_for (region_id);
  g_free (self->base[KAITSU_SITE_CONSOLE]);
  self->base[KAITSU_SITE_CONSOLE] = host != NULL ? g_strconcat ("https://", host, NULL)
                                                 : g_strdup (kaitsu_region_get_admin_site (region_id));
}

/* The region whose console is at this address, or NULL (Vision One's hosts included) */
const char *
kaitsu_region_from_console (const char *uri)
{
  g_autoptr (GUri) parsed = uri != NULL ? g_uri_parse (uri, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *host = parsed != NULL ? g_uri_get_host (parsed) : NULL;

  if (host == NULL || g_strcmp0 (g_uri_get_scheme (parsed), "https") != 0)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (region_table); i++)
    if (g_ascii_strcasecmp (host, region_table[i].admin_site + strlen ("https://")) == 0)
      return region_table[i].id;
  return vision_one_region (host);
}

const char *
kaitsu_sites_get_base (KaitsuSites *self,
                       KaitsuSite   site)
{
  g_return_val_if_fail (KAITSU_IS_SITES (self), NULL);
  g_return_val_if_fail (site < KAITSU_N_SITES, NULL);
  return self->base[site];
}

gboolean
kaitsu_sites_is_practice (KaitsuSites *self)
{
  g_return_val_if_fail (KAITSU_IS_SITES (self), FALSE);
  return self->practice;
}

char *
kaitsu_sites_dup_provision_url (KaitsuSites *self)
{
  g_return_val_if_fail (KAITSU_IS_SITES (self), NULL);
  /* Vision One's grant returns under its CAS path (FACTS.md, "Trend Vision One") */
  return g_strconcat (self->base[KAITSU_SITE_CONSOLE],
                      self->platform == KAITSU_PLATFORM_VISION_ONE ? "/ui/cas/provision.html" : "/provision.html", NULL);
}

static gboolean
is_tenant_name (const char *name)
{
  if (name == NULL || *name == '\0' || strlen (name) > 63)
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

/* "contoso", "contoso.sharepoint.com" or a pasted admin address: the admin site, or NULL. */
char *
kaitsu_sharepoint_admin_site_from_input (const char *input)
{
  g_autofree char *text = NULL;
  g_autofree char *host = NULL;
  char *slash;
  const char *rest;

  if (input == NULL)
    return NULL;
  text = g_ascii_strdown (input, -1);
  g_strstrip (text);
  rest = text;
  if (g_str_has_prefix (rest, "https://"))
    rest += strlen ("https://");
  else if (strstr (rest, "://") != NULL)
    return NULL;
  host = g_strdup (rest);
  if ((slash = strpbrk (host, "/?#")) != NULL)
    *slash = '\0';
  if (g_str_has_suffix (host, ".sharepoint.com"))
    host[strlen (host) - strlen (".sharepoint.com")] = '\0';
  if (g_str_has_suffix (host, "-admin"))
    host[strlen (host) - strlen ("-admin")] = '\0';
  if (!is_tenant_name (host))
    return NULL;
  return g_strdup_printf ("https://%s-admin.sharepoint.com", host);
}
