/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-page-kind.h: which screen of the activation a page is, from its address and visible text */
#pragma once

#include "kaitsu-sites.h"

G_BEGIN_DECLS

typedef enum
{
  KAITSU_PAGE_UNKNOWN,
  KAITSU_PAGE_PASSWORD_RESET,
  KAITSU_PAGE_PASSWORD_RESET_DONE,
  KAITSU_PAGE_LMP_LOGIN,
  KAITSU_PAGE_LMP_TWOFA,
  KAITSU_PAGE_LMP_PRIVACY,
  KAITSU_PAGE_LMP_DASHBOARD,
  KAITSU_PAGE_LMP_CONSOLE_TERMS,
  KAITSU_PAGE_LMP_CONSOLE_OPENING,
  KAITSU_PAGE_CONSOLE,
  KAITSU_PAGE_CONSOLE_SERVICE_ACCOUNTS,
  KAITSU_PAGE_CONSOLE_GRANT,
  KAITSU_PAGE_MS_SIGNIN,
  KAITSU_PAGE_MS_PASSWORD,
  KAITSU_PAGE_MS_CONSENT,
  KAITSU_PAGE_MS_ERROR,
  KAITSU_PAGE_PROVISION,
  KAITSU_PAGE_PROVISION_ERROR,
  KAITSU_PAGE_SHAREPOINT_APPINV,
  KAITSU_PAGE_SHAREPOINT_TRUST,
  KAITSU_PAGE_SHAREPOINT_PRINCIPALS,
  KAITSU_PAGE_SHAREPOINT_REFUSED,
  KAITSU_PAGE_ERROR,
} KaitsuPageKind;

#define KAITSU_PROVISION_TEXT \
  "Please close this window, then back to Trend Micro Cloud App Security continue provision."

KaitsuPageKind kaitsu_classify_page          (KaitsuSites *sites,
                                              const char  *uri,
                                              const char  *text);
const char    *kaitsu_page_kind_to_string    (KaitsuPageKind kind);
gboolean       kaitsu_text_contains          (const char  *text,
                                              const char  *needle);
gboolean       kaitsu_is_provision_page      (KaitsuSites *sites,
                                              const char  *uri,
                                              const char  *text);

G_END_DECLS
