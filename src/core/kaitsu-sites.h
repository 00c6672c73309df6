/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-sites.h: where each site of the activation lives, by region and mode */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  KAITSU_SITE_LMP,
  KAITSU_SITE_PASSWORD_RESET,
  KAITSU_SITE_CONSOLE,
  KAITSU_SITE_MICROSOFT_LOGIN,
  /* Known only once the tenant is: NULL until then in real mode */
  KAITSU_SITE_SHAREPOINT_ADMIN,
  /* Trend Vision One's sign-in, for consoles moved there: no base unless a platform needs it */
  KAITSU_SITE_VISION_ONE_SIGNIN,
  KAITSU_N_SITES,
  KAITSU_SITE_NONE = -1,
} KaitsuSite;

/* The console's platform: Cloud App Security, or Trend Vision One where it moved */
typedef enum
{
  KAITSU_PLATFORM_NONE,
  KAITSU_PLATFORM_CAS,
  KAITSU_PLATFORM_VISION_ONE,
} KaitsuPlatform;

#define KAITSU_DEFAULT_REGION "jp"

const char *kaitsu_site_get_id            (KaitsuSite  site);
KaitsuSite  kaitsu_site_from_id           (const char *id);
const char *kaitsu_platform_get_id        (KaitsuPlatform platform);
KaitsuPlatform kaitsu_platform_from_id    (const char *id);

guint       kaitsu_region_get_count       (void);
const char *kaitsu_region_get_id          (guint       index);
char       *kaitsu_region_dup_name        (guint       index);
const char *kaitsu_region_get_admin_site  (const char *region_id);
int         kaitsu_region_find            (const char *region_id);
const char *kaitsu_region_from_console    (const char *uri);

#define KAITSU_APP_DOMAIN "tmcas.trendmicro.com"
#define KAITSU_APP_PERMISSION_XML \
  "<AppPermissionRequests AllowAppOnlyPolicy=\"true\"><AppPermissionRequest " \
  "Scope=\"http://sharepoint/content/tenant\" Right=\"Manage\" /></AppPermissionRequests>"

char       *kaitsu_sharepoint_admin_site_from_input (const char *input);

#define KAITSU_TYPE_SITES (kaitsu_sites_get_type ())
G_DECLARE_FINAL_TYPE (KaitsuSites, kaitsu_sites, KAITSU, SITES, GObject)

KaitsuSites *kaitsu_sites_new_real             (const char  *region_id);
KaitsuSites *kaitsu_sites_new_custom           (const char  *lmp,
                                                const char  *password_reset,
                                                const char  *console,
                                                const char  *microsoft_login,
                                                const char  *sharepoint_admin);
void         kaitsu_sites_set_sharepoint_admin (KaitsuSites *self,
                                                const char  *base);
KaitsuSite   kaitsu_sites_find                 (KaitsuSites *self,
                                                const char  *uri);
gboolean     kaitsu_sites_is_microsoft_host    (KaitsuSites *self,
                                                const char  *uri);
/* Where a web view may go. The main view: the activation's sites (and any console the
 * licensing portal opens instead). The sign-in window also: in real mode, once it has been on
 * Microsoft's sign-in, any https host without user-info (a federated tenant's own identity
 * provider) — never before, so a page cannot send an empty sign-in window anywhere. */
gboolean     kaitsu_sites_allows               (KaitsuSites *self,
                                                const char  *uri,
                                                gboolean     signin_window,
                                                gboolean     after_microsoft);
/* Like kaitsu_sites_find (), and in real mode also every region's console, Trend Vision One
 * and Microsoft's other sign-in hosts: what a page is, wherever the user came from */
KaitsuSite   kaitsu_sites_recognise            (KaitsuSites    *self,
                                                const char     *uri,
                                                KaitsuPlatform *platform);
const char  *kaitsu_sites_get_base             (KaitsuSites *self,
                                                KaitsuSite   site);
gboolean     kaitsu_sites_is_practice          (KaitsuSites *self);
void         kaitsu_sites_add_practice_console (KaitsuSites    *self,
                                                KaitsuPlatform  platform,
                                                const char     *console,
                                                const char     *signin);
gboolean     kaitsu_sites_follow_console       (KaitsuSites *self,
                                                const char  *uri);
KaitsuPlatform kaitsu_sites_get_platform       (KaitsuSites *self);
void         kaitsu_sites_set_platform         (KaitsuSites    *self,
                                                KaitsuPlatform  platform,
                                                const char     *region_id);
char        *kaitsu_sites_dup_provision_url    (KaitsuSites *self);

G_END_DECLS
