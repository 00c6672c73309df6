/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-console-status.h: the console's task list and notifications, as read from the page */
#pragma once

#include <glib.h>

#include "kaitsu-flow.h"
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

/* A row of the console's policy list that names a default ATP policy */
typedef struct
{
  char *name;
  KaitsuService service;       /* NONE: the row names none Kaitsu knows (Teams Chat, Box …) */
  gboolean monitor_only;
  KaitsuPolicyState state;     /* ON, OFF, or UNKNOWN when the row does not show it */
} KaitsuConsolePolicy;

/* A choice the grant dialog offers to switch on with the grant */
typedef struct
{
  char *name;
  gboolean checked;
} KaitsuConsoleChoice;

typedef struct
{
  GPtrArray *tasks;
  GPtrArray *notifications;
  GPtrArray *app_ids;
  GPtrArray *policies;         /* of KaitsuConsolePolicy */
  GPtrArray *grant_choices;    /* of KaitsuConsoleChoice */
} KaitsuConsoleStatus;

KaitsuConsoleStatus *kaitsu_console_status_new             (void);
KaitsuConsoleStatus *kaitsu_console_status_parse           (const char          *json,
                                                            gssize               length,
                                                            GError             **error);
void                 kaitsu_console_status_free            (KaitsuConsoleStatus *status);
void                 kaitsu_console_task_free              (gpointer             task);
gboolean             kaitsu_console_status_is_protected    (KaitsuConsoleStatus *status,
                                                            KaitsuService        service);
gboolean             kaitsu_console_status_is_pending      (KaitsuConsoleStatus *status,
                                                            KaitsuService        service);
/* What the policy list shows for the service: UNKNOWN when it does not list it; name: the
 * policy that is on, when one is */
KaitsuPolicyState    kaitsu_console_status_get_policy      (KaitsuConsoleStatus *status,
                                                            KaitsuService        service,
                                                            const char         **name);
/* Whether the grant dialog on screen offers the default ATP policy, and whether it is ticked;
 * UNKNOWN when no grant dialog's choices are on screen */
KaitsuGrantChoice    kaitsu_console_status_get_grant_choice (KaitsuConsoleStatus *status,
                                                             const char         **name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KaitsuConsoleStatus, kaitsu_console_status_free)

G_END_DECLS
