/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-console-status.h: the console's task list and notifications, as read from the page */
#pragma once

#include <glib.h>

#include "kaitsu-procedure.h"

G_BEGIN_DECLS

#define KAITSU_STATUS_MAX_BYTES (256 * 1024)
#define KAITSU_STATUS_MAX_ITEMS 200
#define KAITSU_STATUS_MAX_TEXT 500

typedef struct
{
  gboolean pending;
  char *severity;
  char *text;
  char *time;
} KaitsuConsoleTask;

typedef struct
{
  GPtrArray *tasks;
  GPtrArray *notifications;
  GPtrArray *app_ids;
} KaitsuConsoleStatus;

KaitsuConsoleStatus *kaitsu_console_status_parse           (const char          *json,
                                                            gssize               length,
                                                            GError             **error);
void                 kaitsu_console_status_free            (KaitsuConsoleStatus *status);
void                 kaitsu_console_task_free              (gpointer             task);
gboolean             kaitsu_console_status_is_protected    (KaitsuConsoleStatus *status,
                                                            KaitsuService        service);
gboolean             kaitsu_console_status_is_pending      (KaitsuConsoleStatus *status,
                                                            KaitsuService        service);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KaitsuConsoleStatus, kaitsu_console_status_free)

G_END_DECLS
