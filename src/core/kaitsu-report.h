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
                             GArray              *detections,
                             KaitsuConsoleStatus *status,
                             double               elapsed_s);

G_END_DECLS
