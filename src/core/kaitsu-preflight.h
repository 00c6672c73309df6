/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-preflight.h: can this computer reach every site, with the right clock and no interception? */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "kaitsu-sites.h"

G_BEGIN_DECLS

typedef enum
{
  KAITSU_PREFLIGHT_DNS,
  KAITSU_PREFLIGHT_CONNECT,
  KAITSU_PREFLIGHT_TLS,
  KAITSU_PREFLIGHT_HTTP,
} KaitsuPreflightStage;

#define KAITSU_CLOCK_TOLERANCE_S (5 * 60)

typedef struct
{
  char *host;
  KaitsuPreflightStage stage;
  gboolean ok;
  char *detail;
  char *advice;
  char *issuer;
} KaitsuPreflightCheck;

typedef struct
{
  char *proxy;
  gboolean clock_known;
  gint64 clock_offset_s;
  GPtrArray *checks;
  gint64 elapsed_ms;
} KaitsuPreflightReport;

typedef struct
{
  /* NULL: the system's trusted certificates */
  GTlsDatabase *database;
  guint attempt_timeout_ms;
  guint total_timeout_ms;
} KaitsuPreflightOptions;

const char            *kaitsu_preflight_stage_to_string (KaitsuPreflightStage stage);
GPtrArray             *kaitsu_preflight_hosts_for_sites (KaitsuSites        *sites,
                                                         const char         *sharepoint_admin);
void                   kaitsu_preflight_run_async       (GPtrArray              *hosts,
                                                         const KaitsuPreflightOptions *options,
                                                         GCancellable           *cancellable,
                                                         GAsyncReadyCallback     callback,
                                                         gpointer                user_data);
KaitsuPreflightReport *kaitsu_preflight_run_finish      (GAsyncResult           *result,
                                                         GError                **error);
KaitsuPreflightReport *kaitsu_preflight_run_sync        (GPtrArray              *hosts,
                                                         const KaitsuPreflightOptions *options);
void                   kaitsu_preflight_report_free     (KaitsuPreflightReport  *report);
gboolean               kaitsu_preflight_report_passed   (KaitsuPreflightReport  *report);
gboolean               kaitsu_preflight_report_clock_ok (KaitsuPreflightReport  *report);
char                  *kaitsu_preflight_report_to_json  (KaitsuPreflightReport  *report);
void                   kaitsu_preflight_report_add_to   (KaitsuPreflightReport  *report,
                                                         JsonBuilder            *builder,
                                                         gboolean                mask);
char                  *kaitsu_preflight_report_to_text  (KaitsuPreflightReport  *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KaitsuPreflightReport, kaitsu_preflight_report_free)

G_END_DECLS
