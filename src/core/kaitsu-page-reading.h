/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-page-reading.h: what a page is, from its address and visible text only */
#pragma once

#include "kaitsu-activation.h"

G_BEGIN_DECLS

typedef struct
{
  /* Never NULL: the unknown screen when nothing matched */
  const KaitsuScreen *screen;
  KaitsuSite site;
  KaitsuPlatform platform;
  /* The service the page names itself, or NONE */
  KaitsuService service;
  /* Microsoft's error code, 0 for none */
  guint code;
  char *correlation_id;
  char *request_id;
  char *timestamp;
  /* "ja" or "en" */
  const char *language;
} KaitsuPageReading;

KaitsuPageReading *kaitsu_page_read              (KaitsuSites             *sites,
                                                  const char              *uri,
                                                  const char              *text);
void               kaitsu_page_reading_free      (KaitsuPageReading       *reading);
gboolean           kaitsu_page_reading_is        (const KaitsuPageReading *reading,
                                                  const char              *screen_id);
/* The sub-step of a step this page shows (0-based), -1 for none of that step's */
int                kaitsu_step_find_substep      (KaitsuStep               step,
                                                  const KaitsuScreen      *screen);

/* What support staff may see of a page Kaitsu did not recognise: never a field's value */
typedef struct
{
  char *screen;                   /* the screen id it was read as */
  char *host;
  char *path;
  char *title;
  GPtrArray *headings;
  GPtrArray *buttons;
  GPtrArray *links;
  gint64 time;
} KaitsuPageOutline;

#define KAITSU_PAGE_OUTLINE_MAX_ITEMS 30
#define KAITSU_PAGE_OUTLINE_MAX_TEXT 120

/* From the browser's JSON {title, headings, buttons, links}; NULL if it is not that */
KaitsuPageOutline *kaitsu_page_outline_new       (const char              *uri,
                                                  const char              *screen,
                                                  const char              *json);
void               kaitsu_page_outline_free      (KaitsuPageOutline       *outline);

/* For `kaitsu --explain-page`: what a support engineer needs to know */
char              *kaitsu_page_reading_to_json   (const KaitsuPageReading *reading);
char              *kaitsu_page_reading_to_text   (const KaitsuPageReading *reading);

/* The most page text `kaitsu --explain-page` reads: far more than any real page shows */
#define KAITSU_PAGE_TEXT_MAX (2 * 1024 * 1024)

/* `kaitsu --explain-page URL [--text-file FILE|-]`: NULL and an error for unusable input */
char              *kaitsu_explain_page           (const char              *uri,
                                                  const char              *text_path,
                                                  gboolean                 json,
                                                  gboolean                *recognised,
                                                  GError                 **error);
/* The same for the text's bytes as read (any encoding; NULL for no text) */
char              *kaitsu_explain_page_bytes     (const char              *uri,
                                                  const char              *raw,
                                                  gsize                    length,
                                                  gboolean                 json,
                                                  gboolean                *recognised,
                                                  GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KaitsuPageReading, kaitsu_page_reading_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KaitsuPageOutline, kaitsu_page_outline_free)

G_END_DECLS
