/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-link-check.h: is a link really Trend Micro's? */
#pragma once

#include <glib.h>

#include "kaitsu-sites.h"

G_BEGIN_DECLS

typedef enum
{
  KAITSU_LINK_OK,
  KAITSU_LINK_NOT_HTTPS,
  KAITSU_LINK_USERINFO,
  KAITSU_LINK_UNTRUSTED_HOST,
  KAITSU_LINK_LOOKALIKE_HOST,
  KAITSU_LINK_INVALID,
} KaitsuLinkVerdict;

/* An address split the way a browser splits it (WHATWG URL rules for http and https) */
typedef struct
{
  char *scheme;             /* lower case */
  char *host;               /* ASCII (punycode), lower case, no final dot; NULL when none */
  int port;                 /* -1: the scheme's default */
  gboolean has_userinfo;
} KaitsuUrlParts;

gboolean          kaitsu_url_split              (const char     *url,
                                                 KaitsuUrlParts *parts);
void              kaitsu_url_parts_clear        (KaitsuUrlParts *parts);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KaitsuUrlParts, kaitsu_url_parts_clear)

KaitsuLinkVerdict kaitsu_link_check             (const char *url,
                                                 char      **host_out);
KaitsuLinkVerdict kaitsu_link_check_trusting    (const char  *url,
                                                 KaitsuSites *practice_sites,
                                                 char       **host_out);
const char       *kaitsu_link_verdict_get_code  (KaitsuLinkVerdict verdict);
gboolean          kaitsu_host_is_trend_micro    (const char *ascii_host);

G_END_DECLS
