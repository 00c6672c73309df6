/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-activation.h: the activation described once (data/activation.xml): steps, screens, labels */
#pragma once

#include "kaitsu-procedure.h"
#include "kaitsu-sites.h"

G_BEGIN_DECLS

/* What seeing a screen means, beyond the sub-step it shows */
typedef enum
{
  KAITSU_SCREEN_PLACE,
  KAITSU_SCREEN_PROVISIONED,
  KAITSU_SCREEN_PROVISION_FAILED,
  KAITSU_SCREEN_SIGNIN_ERROR,
  KAITSU_SCREEN_BLOCKED,
  KAITSU_SCREEN_REFUSED,
  KAITSU_SCREEN_UNKNOWN,
  /* A place the activation must not go (it costs, or harms): said as a warning */
  KAITSU_SCREEN_AVOID,
} KaitsuScreenMeaning;

typedef enum
{
  KAITSU_VISIBLE_ALWAYS,
  KAITSU_VISIBLE_SERVICE_CHOSEN,
  KAITSU_VISIBLE_APP_ID_SHOWN,
  KAITSU_VISIBLE_MIP_USED,
} KaitsuVisibility;

typedef enum
{
  KAITSU_COMPLETE_CONFIRMED,
  KAITSU_COMPLETE_SERVICES_CHOSEN,
  KAITSU_COMPLETE_SERVICE_PROTECTED,
  KAITSU_COMPLETE_SERVICE_PROTECTED_OR_WAITING,
  KAITSU_COMPLETE_CONFIRMED_OR_SERVICE_PROTECTED,
  KAITSU_COMPLETE_ALL_PROTECTED,
  KAITSU_COMPLETE_NEVER,
  /* Every chosen service granted and its threat protection policy on, or the user goes on */
  KAITSU_COMPLETE_ALL_SCANNING_OR_CONFIRMED,
  /* Its check box only records something */
  KAITSU_COMPLETE_ALWAYS,
} KaitsuCompletion;

typedef struct _KaitsuActivation KaitsuActivation;
typedef struct _KaitsuScreen KaitsuScreen;

#define KAITSU_ACTIVATION_ERROR (kaitsu_activation_error_quark ())
GQuark kaitsu_activation_error_quark (void);

/* The description compiled into Kaitsu; loaded and validated once, at the first call or
 * in the thread the second starts (to be joined) */
KaitsuActivation   *kaitsu_activation_get_default       (void);
GThread            *kaitsu_activation_load_in_background (void);
/* Another description, as a test or a support engineer's edited copy would give it */
KaitsuActivation   *kaitsu_activation_new_from_data     (const char        *xml,
                                                         gssize             length,
                                                         GError           **error);
void                kaitsu_activation_free              (KaitsuActivation  *self);

guint               kaitsu_activation_get_n_screens     (KaitsuActivation  *self);
const KaitsuScreen *kaitsu_activation_find_screen       (KaitsuActivation  *self,
                                                         const char        *id);
/* The screen of every page that matches no other */
const KaitsuScreen *kaitsu_activation_get_unknown       (KaitsuActivation  *self);

/* The best screen for a page (never NULL); text must be folded with kaitsu_text_fold (). */
const KaitsuScreen *kaitsu_activation_match             (KaitsuActivation  *self,
                                                         KaitsuSite         site,
                                                         const char        *uri,
                                                         const char        *folded_text,
                                                         guint              code,
                                                         guint             *implied_code);
/* The service whose name the screen's page shows in its own words, or NONE */
KaitsuService       kaitsu_activation_find_service      (KaitsuActivation  *self,
                                                         const KaitsuScreen *screen,
                                                         const char        *folded_text);

const char         *kaitsu_screen_get_id                (const KaitsuScreen *screen);
KaitsuScreenMeaning kaitsu_screen_get_meaning           (const KaitsuScreen *screen);
gboolean            kaitsu_screen_keeps_substep         (const KaitsuScreen *screen);
gboolean            kaitsu_screen_confirms              (const KaitsuScreen *screen,
                                                         KaitsuStep          step);
char               *kaitsu_screen_dup_says              (const KaitsuScreen *screen,
                                                         KaitsuService       service);
/* The autopilot's part (practice mode only): "field=value …" pairs, the label to press,
 * and the first step at which it may act */
const char         *kaitsu_screen_get_practice_fill     (const KaitsuScreen *screen);
const char         *kaitsu_screen_get_practice_press    (const KaitsuScreen *screen);
KaitsuStep          kaitsu_screen_get_practice_from     (const KaitsuScreen *screen);

/* A label's variants as the site shows them, NULL-terminated; {service} filled in */
GStrv               kaitsu_label_dup_texts              (const char        *id,
                                                         KaitsuService      service);
/* The language a site was last seen in ("ja" or "en"): labels are quoted in it. */
void                kaitsu_activation_set_site_language (KaitsuSite         site,
                                                         const char        *language);
const char         *kaitsu_activation_get_site_language (KaitsuSite         site);
void                kaitsu_activation_set_platform      (KaitsuPlatform     platform);
KaitsuPlatform      kaitsu_activation_get_platform      (void);

/* The steps' shape, from the description (the texts: kaitsu-procedure.h) */
gboolean            kaitsu_step_is_web                  (KaitsuStep         step);
const char         *kaitsu_step_get_page                (KaitsuStep         step);
KaitsuVisibility    kaitsu_step_get_visibility          (KaitsuStep         step);
KaitsuCompletion    kaitsu_step_get_completion          (KaitsuStep         step);
/* What the user ticks on a step Kaitsu cannot see, or NULL */
char               *kaitsu_step_dup_confirm_label       (KaitsuStep         step);
/* Where a web step begins, or NULL when the page at current_uri is already the right place */
char               *kaitsu_step_dup_start_uri           (KaitsuStep         step,
                                                         KaitsuSites       *sites,
                                                         const char        *current_uri,
                                                         const char        *reset_url,
                                                         const char        *login_url);

/* Case, width, quotes and spacing folded, so that texts compare as a reader sees them */
char               *kaitsu_text_fold                    (const char        *text);
gboolean            kaitsu_folded_contains              (const char        *folded_text,
                                                         const char        *folded_needle);
gboolean            kaitsu_text_contains                (const char        *text,
                                                         const char        *needle);
/* A sentence of Kaitsu's: translated, its {label} and {service} placeholders filled in.
 * kaitsu_label_fill () fills an already translated text (ngettext's, say). */
char               *kaitsu_activation_expand            (const char        *msgid,
                                                         KaitsuService      service);
char               *kaitsu_label_fill                   (const char        *text,
                                                         KaitsuService      service);
/* The variant of a label that a page shows (the first one if it shows none) */
char               *kaitsu_label_dup_shown              (const char        *label,
                                                         KaitsuService      service,
                                                         const char        *page_text);
/* Some labels' variants as a JSON object { "id": ["…", …] }, for a page script; {service}
 * is left in */
char               *kaitsu_label_dup_json               (const char * const *ids);
char               *kaitsu_service_dup_names_json       (void);
/* Whether a text shows any variant of a label */
gboolean            kaitsu_text_contains_label          (const char        *text,
                                                         const char        *label,
                                                         KaitsuService      service);
/* "ja" when the text is Japanese, else "en" */
const char         *kaitsu_text_guess_language          (const char        *text);

G_END_DECLS
