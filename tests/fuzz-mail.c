/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-mail.c: libFuzzer target for the mail reader and the link check */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "kaitsu-link-check.h"
#include "kaitsu-mail.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static GDateTime *now;
  g_autoptr (KaitsuMailFacts) facts = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  if (now == NULL)
    now = g_date_time_new_utc (2026, 11, 26, 12, 0, 0);

  facts = kaitsu_mail_read ((const char *) data, size, now, &error);
  if (facts != NULL)
    {
      g_autofree char *json = kaitsu_mail_facts_to_json (facts);
      g_autofree char *summary = kaitsu_mail_facts_to_text (facts, now);

      g_assert (json != NULL && summary != NULL);
      g_assert ((error == NULL));
    }
  else
    g_assert (error != NULL);

  /* The same bytes as one link and one date */
  text = g_strndup ((const char *) data, MIN (size, 4096));
  if (g_utf8_validate (text, -1, NULL))
    {
      g_autoptr (GDateTime) date = kaitsu_mail_parse_date (text);
      g_autoptr (GPtrArray) links = kaitsu_mail_find_links (text);
      g_autofree char *host = NULL;

      kaitsu_link_check (text, &host);
      g_assert (links != NULL);
      g_assert (date == NULL || g_date_time_get_year (date) > 1900);
    }
  return 0;
}
