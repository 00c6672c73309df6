/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-report.h: the diagnostic report: states, attempts, codes, detections; no secret */
#pragma once

#include "kaitsu-console-status.h"
#include "kaitsu-flow.h"

G_BEGIN_DECLS

typedef struct
{
  KaitsuService service;
  double latency_ms;
} KaitsuDetection;

char *kaitsu_report_to_json (KaitsuFlow          *flow,
                             const char          *mode,
                             const char          *toolkit,
                             GArray              *detections,
                             KaitsuConsoleStatus *status,
                             double               elapsed_s);
char *kaitsu_report_to_text (KaitsuFlow          *flow,
                             const char          *mode,
                             const char          *toolkit,
                             GArray              *detections,
                             KaitsuConsoleStatus *status);

G_END_DECLS
