/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-json.h: the few json-glib patterns every JSON output of Kaitsu shares */
#pragma once

#include <json-glib/json-glib.h>

#include "kaitsu-flow.h"

G_BEGIN_DECLS

void  kaitsu_json_add_string (JsonBuilder *builder,
                              const char  *name,
                              const char  *value);
char *kaitsu_json_finish     (JsonBuilder *builder);
void  kaitsu_json_add_event_subject (JsonBuilder           *builder,
                                     const KaitsuFlowEvent *event);

gboolean kaitsu_json_depth_ok (const char *data,
                               gsize       length,
                               guint       max_depth);

G_END_DECLS
