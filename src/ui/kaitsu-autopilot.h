/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-autopilot.h: practice mode only: fills and clicks the simulated pages by the guidance */
#pragma once

#include "kaitsu-simulator.h"
#include "kaitsu-window.h"

G_BEGIN_DECLS

typedef enum
{
  KAITSU_AUTOPILOT_RUNNING,
  KAITSU_AUTOPILOT_DONE,
  KAITSU_AUTOPILOT_STOPPED,
  /* A service stayed 「保留」 even after looking again: wait, then grant it again later */
  KAITSU_AUTOPILOT_WAITING,
} KaitsuAutopilotState;

#define KAITSU_TYPE_AUTOPILOT (kaitsu_autopilot_get_type ())
G_DECLARE_FINAL_TYPE (KaitsuAutopilot, kaitsu_autopilot, KAITSU, AUTOPILOT, GObject)

KaitsuAutopilot      *kaitsu_autopilot_new       (KaitsuWindow    *window,
                                                  const char      *practice_mail);
KaitsuAutopilotState  kaitsu_autopilot_get_state (KaitsuAutopilot *self);
/* As a user might: get something wrong once (the scenario says what) */
void                  kaitsu_autopilot_set_mistakes (KaitsuAutopilot        *self,
                                                     KaitsuPracticeMistakes  mistakes);
void                  kaitsu_autopilot_set_patience (KaitsuAutopilot *self,
                                                     guint            seconds);

G_END_DECLS
