/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-report.h: the diagnostic report: states, times, codes, detections; no secret */
#pragma once

#include "kaitsu-console-status.h"
#include "kaitsu-flow.h"
#include "kaitsu-page-reading.h"
#include "kaitsu-preflight.h"

G_BEGIN_DECLS

typedef struct
{
  KaitsuService service;
  double latency_ms;
} KaitsuDetection;

/* A Microsoft sign-in that ended in an AADSTS code, with the IDs support asks for */
typedef struct
{
  KaitsuService service;
  guint code;
  char *correlation_id;
  char *request_id;
  /* As Microsoft's page printed it, nullable */
  char *timestamp;
  gint64 time;
} KaitsuSigninError;

void kaitsu_signin_error_free (KaitsuSigninError *error);

/* A screen met during the session; screen is an id of the activation's description */
typedef struct
{
  const char *screen;
  gint64 time;
} KaitsuScreenSeen;

#define KAITSU_REPORT_MAX_SCREENS 500

typedef struct
{
  KaitsuFlow *flow;
  /* "practice" or "real" */
  const char *mode;
  const char *toolkit;
  GArray *detections;               /* of KaitsuDetection, nullable */
  GPtrArray *signin_errors;         /* of KaitsuSigninError, nullable */
  KaitsuConsoleStatus *status;      /* nullable */
  GArray *screens_seen;             /* of KaitsuScreenSeen, nullable */
  GPtrArray *unknown_pages;         /* of KaitsuPageOutline, nullable */
  KaitsuPreflightReport *preflight; /* nullable: no check has run */
  const char *sharepoint_admin;     /* nullable */
  double elapsed_s;
  /* FALSE: names, addresses and IDs masked as on a shared screen */
  gboolean include_names;
} KaitsuReportInput;

char *kaitsu_report_to_json (const KaitsuReportInput *input);
char *kaitsu_report_to_text (const KaitsuReportInput *input);

G_END_DECLS
