/* SPDX-License-Identifier: GPL-3.0-or-later */
/* session-writer.c: saves a session in a loop until killed, for the durability test */

#include "config.h"

#include <stdio.h>

#include "kaitsu-session.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();

  if (argc != 2)
    {
      fprintf (stderr, "usage: session-writer PATH\n");
      return 2;
    }
  /* Each save differs from the last: attempts count up, the other fields follow. */
  for (guint i = 1; ; i++)
    {
      g_autoptr (GError) error = NULL;

      kaitsu_flow_restore_service (flow, KAITSU_SERVICE_EXCHANGE_ONLINE,
                                   i % 2 ? KAITSU_SERVICE_STATE_SYNCING : KAITSU_SERVICE_STATE_ERROR,
                                   i, i % 2 ? NULL : "AADSTS65004", i, i);
      kaitsu_flow_set_region (flow, i % 2 ? "eu" : "jp");
      if (!kaitsu_session_save (flow, argv[1], &error))
        {
          fprintf (stderr, "session-writer: %s\n", error->message);
          return 1;
        }
      if (i == 1)
        {
          /* Tell the test that a complete file now exists. */
          printf ("ready\n");
          fflush (stdout);
        }
    }
  return 0;
}
