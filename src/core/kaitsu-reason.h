/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-reason.h: why a file could not be read or written, in the user's words */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A short clause for a sentence such as "Your progress cannot be saved: %s": the disk is
 * full, the folder is read-only, … Never the system's own message, which stays in the log. */
char *kaitsu_reason_dup_for_file (const GError *error);

G_END_DECLS
