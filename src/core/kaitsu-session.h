/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-session.h: saving and restoring the flow across restarts */
#pragma once

#include "kaitsu-flow.h"

G_BEGIN_DECLS

#define KAITSU_SESSION_FORMAT 1
#define KAITSU_SESSION_MAX_SIZE (1024 * 1024)

typedef enum
{
  KAITSU_SESSION_ERROR_DAMAGED,
  KAITSU_SESSION_ERROR_NEWER_FORMAT,
} KaitsuSessionError;

#define KAITSU_SESSION_ERROR (kaitsu_session_error_quark ())
GQuark      kaitsu_session_error_quark   (void);

char       *kaitsu_session_dup_default_path (void);
char       *kaitsu_session_to_json          (KaitsuFlow   *flow);
KaitsuFlow *kaitsu_session_from_json        (const char   *data,
                                             gssize        length,
                                             GError      **error);
gboolean    kaitsu_session_save             (KaitsuFlow   *flow,
                                             const char   *path,
                                             GError      **error);
KaitsuFlow *kaitsu_session_load             (const char   *path,
                                             char        **damaged_path,
                                             GError      **error);
gboolean    kaitsu_session_delete           (const char   *path,
                                             GError      **error);

char       *kaitsu_session_dup_fallback_path (const char *path);

G_END_DECLS
