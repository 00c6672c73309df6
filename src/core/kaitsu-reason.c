/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-reason.c: why a file could not be read or written, in the user's words */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kaitsu-reason.h"

typedef enum
{
  REASON_FULL,
  REASON_READ_ONLY,
  REASON_NOT_ALLOWED,
  REASON_MISSING,
  REASON_NOT_A_FILE,
  REASON_TOO_MANY,
  REASON_OTHER,
} Reason;

static Reason
reason_of (const GError *error)
{
  if (error == NULL)
    return REASON_OTHER;
  if (error->domain == G_FILE_ERROR)
    switch (error->code)
      {
      case G_FILE_ERROR_NOSPC: return REASON_FULL;
      case G_FILE_ERROR_ROFS: return REASON_READ_ONLY;
      case G_FILE_ERROR_ACCES:
      case G_FILE_ERROR_PERM: return REASON_NOT_ALLOWED;
      case G_FILE_ERROR_NOENT:
      case G_FILE_ERROR_NOTDIR: return REASON_MISSING;
      case G_FILE_ERROR_ISDIR:
      case G_FILE_ERROR_INVAL:
      case G_FILE_ERROR_NXIO: return REASON_NOT_A_FILE;
      case G_FILE_ERROR_MFILE:
      case G_FILE_ERROR_NFILE: return REASON_TOO_MANY;
      default: return REASON_OTHER;
      }
  if (error->domain == G_IO_ERROR)
    switch (error->code)
      {
      case G_IO_ERROR_NO_SPACE: return REASON_FULL;
      case G_IO_ERROR_READ_ONLY: return REASON_READ_ONLY;
      case G_IO_ERROR_PERMISSION_DENIED: return REASON_NOT_ALLOWED;
      case G_IO_ERROR_NOT_FOUND:
      case G_IO_ERROR_NOT_DIRECTORY: return REASON_MISSING;
      case G_IO_ERROR_IS_DIRECTORY:
      case G_IO_ERROR_NOT_REGULAR_FILE:
      case G_IO_ERROR_INVALID_FILENAME: return REASON_NOT_A_FILE;
      case G_IO_ERROR_TOO_MANY_OPEN_FILES: return REASON_TOO_MANY;
      default: return REASON_OTHER;
      }
  return REASON_OTHER;
}

char *
kaitsu_reason_dup_for_file (const GError *error)
{
  switch (reason_of (error))
    {
    case REASON_FULL:
      return g_strdup (_("the disk is full"));
    case REASON_READ_ONLY:
      return g_strdup (_("the disk or folder can only be read"));
    case REASON_NOT_ALLOWED:
      return g_strdup (_("your account is not allowed to use that file or folder"));
    case REASON_MISSING:
      return g_strdup (_("the file or its folder is not there"));
    case REASON_NOT_A_FILE:
      return g_strdup (_("it is not an ordinary file"));
    case REASON_TOO_MANY:
      return g_strdup (_("too many files are open; close some programs"));
    case REASON_OTHER:
    default:
      return g_strdup (_("the system refused it for a reason Kaitsu does not know"));
    }
}
