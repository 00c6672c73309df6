/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: sets up translations and runs the application */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "kaitsu-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr (KaitsuApplication) app = NULL;
  const char *localedir = g_getenv ("KAITSU_LOCALEDIR");
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = kaitsu_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);
  /* Practice runs with --quit-when-done say how the activation ended. */
  return status != 0 ? status : kaitsu_application_get_exit_status (app);
}
