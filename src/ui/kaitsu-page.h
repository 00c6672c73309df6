/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-page.h: the base of every assistant page: title, sub-steps, advice, confirmation */
#pragma once

#include <gtk/gtk.h>

#include "kaitsu-flow.h"

G_BEGIN_DECLS

#define KAITSU_TYPE_PAGE (kaitsu_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (KaitsuPage, kaitsu_page, KAITSU, PAGE, GtkBox)

struct _KaitsuPageClass
{
  GtkBoxClass parent_class;

  /* Called whenever the flow changed in a way this page may show. */
  void (*refresh) (KaitsuPage *page);
};

KaitsuFlow *kaitsu_page_get_flow         (KaitsuPage *self);
KaitsuStep  kaitsu_page_get_step         (KaitsuPage *self);
GtkWidget  *kaitsu_page_get_confirm      (KaitsuPage *self);
GtkWidget  *kaitsu_page_new_for_step     (KaitsuFlow *flow,
                                          KaitsuStep  step);
int         kaitsu_page_get_active_substep (KaitsuPage *self);
void        kaitsu_page_set_active_substep (KaitsuPage *self,
                                            int         index);
typedef enum
{
  KAITSU_NOTE_PLAIN,
  /* A page Kaitsu does not know: help is offered */
  KAITSU_NOTE_UNKNOWN,
  /* Something the user must act on before going on */
  KAITSU_NOTE_WARNING,
} KaitsuNoteKind;

/* What Kaitsu says of the page on view; NULL hides it. */
void        kaitsu_page_show_screen        (KaitsuPage     *self,
                                            const char     *says,
                                            KaitsuNoteKind  kind);
/* The sites' labels again, after a site turned out to speak another language */
void        kaitsu_page_relabel            (KaitsuPage *self);
/* Practice mode: what to type where the simulated sites ask (NULL: nothing) */
void        kaitsu_page_set_practice_note  (KaitsuPage *self,
                                            const char *note);
/* Height from the page's top to the end of the sub-steps on view, at this width of the page */
int         kaitsu_page_measure_head       (KaitsuPage *self,
                                            int         width);
/* The flow changed; a page off screen only notes it */
void        kaitsu_page_flow_changed       (KaitsuPage *self);
/* Brings a page that was off screen up to date with the flow */
void        kaitsu_page_catch_up           (KaitsuPage *self);

G_END_DECLS
