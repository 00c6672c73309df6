/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-inputs.c: libFuzzer target for everything else Kaitsu reads from outside. The first
 * byte chooses: the session loader, the console's status messages, a page (its address on
 * the first line, its text after it, as the web view reads them), a consent answer's
 * address, a link, and `--explain-page`'s input (an address line, then the text file's bytes
 * in any encoding). */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "kaitsu-aadsts.h"
#include "kaitsu-console-status.h"
#include "kaitsu-link-check.h"
#include "kaitsu-page-reading.h"
#include "kaitsu-session.h"
#include "kaitsu-sites.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
read_page (const char *input)
{
  static KaitsuSites *sites;
  const char *newline = strchr (input, '\n');
  g_autofree char *uri = g_strndup (input, newline != NULL ? (gsize) (newline - input) : strlen (input));
  g_autoptr (KaitsuPageReading) reading = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;

  if (sites == NULL)
    sites = kaitsu_sites_new_real ("jp");
  reading = kaitsu_page_read (sites, uri, newline != NULL ? newline + 1 : "");
  g_assert (reading != NULL && reading->screen != NULL);
  json = kaitsu_page_reading_to_json (reading);
  text = kaitsu_page_reading_to_text (reading);
  g_assert (json != NULL && text != NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *input = NULL;
  g_autoptr (GError) error = NULL;

  if (size < 1)
    return 0;
  input = g_strndup ((const char *) data + 1, size - 1);
  switch (data[0] % 6)
    {
    case 0:
      {
        g_autoptr (KaitsuFlow) flow = kaitsu_session_from_json ((const char *) data + 1, size - 1, &error);

        g_assert ((flow != NULL) != (error != NULL));
        if (flow != NULL)
          {
            g_autofree char *again = kaitsu_session_to_json (flow);
            g_autoptr (GError) second = NULL;
            g_autoptr (KaitsuFlow) reloaded = kaitsu_session_from_json (again, -1, &second);

            /* What Kaitsu writes, it reads back */
            g_assert_no_error (second);
            g_assert (reloaded != NULL);
          }
      }
      break;
    case 1:
      {
        g_autoptr (KaitsuConsoleStatus) status = kaitsu_console_status_parse ((const char *) data + 1, size - 1, &error);

        g_assert ((status != NULL) != (error != NULL));
        for (KaitsuService s = 0; status != NULL && s < KAITSU_N_SERVICES; s++)
          {
            kaitsu_console_status_is_protected (status, s);
            kaitsu_console_status_is_pending (status, s);
            kaitsu_console_status_get_policy (status, s, NULL);
          }
        if (status != NULL)
          kaitsu_console_status_get_grant_choice (status, NULL);
      }
      break;
    case 2:
      if (g_utf8_validate (input, -1, NULL))
        read_page (input);
      break;
    case 3:
      {
        g_autoptr (KaitsuConsentAnswer) answer = g_utf8_validate (input, -1, NULL) ? kaitsu_consent_answer_from_uri (input) : NULL;

        (void) answer;
      }
      break;
    case 5:
      {
        const char *bytes = (const char *) data + 1;
        const char *newline = memchr (bytes, '\n', size - 1);
        g_autofree char *uri = g_strndup (bytes, newline != NULL ? (gsize) (newline - bytes) : size - 1);
        gboolean recognised;
        g_autofree char *explained = NULL;

        if (!g_utf8_validate (uri, -1, NULL))
          break;
        explained = kaitsu_explain_page_bytes (uri, newline != NULL ? newline + 1 : NULL,
                                               newline != NULL ? size - 1 - (gsize) (newline + 1 - bytes) : 0,
                                               data[0] & 0x80, &recognised, &error);
        g_assert ((explained != NULL) != (error != NULL));
        g_assert (explained == NULL || g_utf8_validate (explained, -1, NULL));
      }
      break;
    case 4:
      {
        g_auto (KaitsuUrlParts) parts = { NULL, };
        g_autofree char *host = NULL;

        kaitsu_url_split (input, &parts);
        kaitsu_link_check (input, &host);
      }
      break;
    default:
      g_assert_not_reached ();
    }
  return 0;
}
