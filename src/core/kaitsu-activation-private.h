/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-activation-private.h: the loaded description, for the procedure and the tests */
#pragma once

#include "kaitsu-activation.h"

G_BEGIN_DECLS

typedef struct
{
  char *lang;
  char *text;
  char *folded;
} KaitsuLabelText;

typedef struct
{
  char *id;
  KaitsuSite site;
  gboolean has_service;
  GPtrArray *texts;               /* of KaitsuLabelText */
} KaitsuLabel;

typedef struct
{
  char *text;                     /* msgid */
  char *vision_one_text;          /* msgid, or NULL: the same on Trend Vision One */
  GPtrArray *screens;             /* of KaitsuScreen, not owned */
} KaitsuSubstep;

typedef struct
{
  char *id;
  char *page;
  gboolean web;
  KaitsuService service;
  KaitsuVisibility visible;
  KaitsuCompletion complete;
  GStrv start;
  guint stay;                     /* bit per KaitsuSite */
  char *title;
  char *summary;
  char *confirm;
  GPtrArray *substeps;            /* of KaitsuSubstep, not owned (steps may share them) */
  GPtrArray *warnings;            /* msgids */
  GArray *warning_substeps;       /* of int, one per warning: the sub-step it belongs to, or -1 */
  GPtrArray *advice;              /* msgids */
} KaitsuStepDesc;

struct _KaitsuActivation
{
  GPtrArray *labels;              /* of KaitsuLabel */
  GHashTable *labels_by_id;
  GPtrArray *owned_substeps;      /* of KaitsuSubstep */
  GHashTable *templates;          /* id → GPtrArray of KaitsuSubstep */
  KaitsuStepDesc steps[KAITSU_N_STEPS];
  guint n_steps;
  GPtrArray *screens;             /* of KaitsuScreen */
  GHashTable *screens_by_id;
  KaitsuScreen *unknown;
};

const KaitsuStepDesc *kaitsu_activation_get_step_desc (KaitsuActivation *self,
                                                       KaitsuStep        step);
const KaitsuLabel    *kaitsu_activation_find_label    (KaitsuActivation *self,
                                                       const char       *id);

G_END_DECLS
