/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-mail.c: the activation mail as Japanese mail really looks: any charset, any shape */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-mail"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <errno.h>
#include <gmime/gmime.h>
#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>
#include <string.h>

#include "kaitsu-activation.h"
#include "kaitsu-json.h"
#include "kaitsu-reason.h"
#include "kaitsu-link-check.h"
#include "kaitsu-mail.h"

G_DEFINE_QUARK (kaitsu-mail-error-quark, kaitsu_mail_error)

/* Where a mail's text came from, before the activation facts are looked for in it. */
typedef struct
{
  char *subject;
  char *from;
  GDateTime *date;
  char *body;
  gboolean has_headers;
  /* Every destination of the HTML part (HtmlLink), whichever part is the body */
  GPtrArray *html_links;
} MailText;

/* Where an HTML link leads, and what it shows */
typedef struct
{
  char *destination;
  char *shown;
} HtmlLink;

static void
html_link_free (gpointer data)
{
  HtmlLink *link = data;

  g_free (link->destination);
  g_free (link->shown);
  g_free (link);
}

static void
mail_text_clear (MailText *text)
{
  g_free (text->subject);
  g_free (text->from);
  g_clear_pointer (&text->date, g_date_time_unref);
  g_free (text->body);
  g_clear_pointer (&text->html_links, g_ptr_array_unref);
}

void
kaitsu_mail_facts_free (KaitsuMailFacts *facts)
{
  if (facts == NULL)
    return;
  g_free (facts->subject);
  g_free (facts->from);
  g_clear_pointer (&facts->sent, g_date_time_unref);
  g_free (facts->company);
  g_free (facts->account);
  g_free (facts->login_url);
  g_free (facts->reset_url);
  g_clear_pointer (&facts->reset_expires, g_date_time_unref);
  g_ptr_array_unref (facts->problems);
  g_free (facts);
}

static void
problem_free (gpointer data)
{
  KaitsuMailProblem *problem = data;

  g_free (problem->code);
  g_free (problem->message);
  g_free (problem);
}

static void
add_problem (KaitsuMailFacts       *facts,
             KaitsuProblemSeverity  severity,
             const char            *code,
             char                  *message)
{
  KaitsuMailProblem *problem = g_new0 (KaitsuMailProblem, 1);

  problem->severity = severity;
  problem->code = g_strdup (code);
  problem->message = message;
  g_ptr_array_add (facts->problems, problem);
}

/* ---- Character sets ---------------------------------------------------------------------- */

/* How Japanese a decoding looks: real text has kana and kanji, misdecoded text has
 * half-width katakana and replacement characters. */
static int
japanese_score (const char *text)
{
  int score = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xFF01 && c <= 0xFF5E))
        score += 2;
      else if (c >= 0xFF61 && c <= 0xFF9F)
        score -= 3;
      else if (c == 0xFFFD || (c < 0x20 && c != '\n' && c != '\r' && c != '\t'))
        score -= 5;
    }
  return score;
}

static char *
convert_valid (const char *data,
               gsize       length,
               const char *charset)
{
  char *converted = g_convert (data, length, "UTF-8", charset, NULL, NULL, NULL);

  if (converted != NULL && !g_utf8_validate (converted, -1, NULL))
    g_clear_pointer (&converted, g_free);
  return converted;
}

/* Outlook writes NEC special characters (①, Ⅰ, ㈱) inside plain ISO-2022-JP, which iconv
 * refuses; JIS X 0213 holds them at the same places, so the text is read as that. */
static char *
convert_iso2022jp (const char *data,
                   gsize       length)
{
  char *converted = convert_valid (data, length, "ISO-2022-JP");
  g_autoptr (GString) rewritten = NULL;

  if (converted != NULL)
    return converted;
  rewritten = g_string_new_len (data, length);
  g_string_replace (rewritten, "\x1b$B", "\x1b$(Q", 0);
  g_string_replace (rewritten, "\x1b$@", "\x1b$(Q", 0);
  return convert_valid (rewritten->str, rewritten->len, "ISO-2022-JP-3");
}

/* The superset that Japanese mail programs really use for each declared charset */
static char *
convert_declared (const char *data,
                  gsize       length,
                  const char *charset)
{
  const char *iconv_name = g_mime_charset_iconv_name (charset);
  char *converted;

  if (g_ascii_strncasecmp (iconv_name, "ISO-2022-JP", 11) == 0)
    return convert_iso2022jp (data, length);
  converted = convert_valid (data, length, iconv_name);
  if (converted == NULL && (g_ascii_strcasecmp (iconv_name, "Shift_JIS") == 0 ||
                            g_ascii_strcasecmp (iconv_name, "SJIS") == 0))
    converted = convert_valid (data, length, "CP932");
  if (converted == NULL && (g_ascii_strcasecmp (iconv_name, "EUC-JP") == 0 ||
                            g_ascii_strcasecmp (iconv_name, "eucJP") == 0))
    converted = convert_valid (data, length, "EUC-JP-MS");
  return converted;
}

#define REPLACEMENT "\xef\xbf\xbd"

/* Of several readings of the same bytes, keeps the one that looks most Japanese */
static void
keep_best (char **best,
           int   *best_score,
           char  *candidate)
{
  int score = japanese_score (candidate);

  if (score > *best_score)
    {
      g_free (*best);
      *best = candidate;
      *best_score = score;
    }
  else
    g_free (candidate);
}

/* Like g_convert (), but a byte that is not of the charset becomes U+FFFD instead of failing
 * the whole text. NULL only when the charset is unknown. */
static char *
convert_lossy (const char *data,
               gsize       length,
               const char *charset,
               guint      *replaced)
{
  GIConv converter = g_iconv_open ("UTF-8", charset);
  g_autoptr (GString) out = NULL;
  char buffer[4096];
  char *in = (char *) data;
  gsize in_left = length;

  *replaced = 0;
  if (converter == (GIConv) -1)
    return NULL;
  out = g_string_sized_new (length + 16);
  while (in_left > 0)
    {
      char *to = buffer;
      gsize to_left = sizeof buffer;
      gsize done = g_iconv (converter, &in, &in_left, &to, &to_left);

      g_string_append_len (out, buffer, to - buffer);
      if (done != (gsize) -1 || errno == E2BIG)
        continue;
      /* EILSEQ or EINVAL (cut short at the end): one byte lost, and on */
      g_string_append (out, REPLACEMENT);
      (*replaced)++;
      in++;
      in_left--;
      g_iconv (converter, NULL, NULL, NULL, NULL);
    }
  g_iconv_close (converter);
  if (!g_utf8_validate (out->str, out->len, NULL))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The last resort for a text no charset reads whole: the reading that loses the fewest bytes
 * and looks most Japanese, if it loses few (one in twenty, and at least sixteen are forgiven) */
static char *
decode_lossy (const char *data,
              gsize       length,
              const char *declared_charset)
{
  const char *charsets[] = { declared_charset != NULL ? g_mime_charset_iconv_name (declared_charset) : "UTF-8",
                             "UTF-8", "CP932", "EUC-JP-MS" };
  char *best = NULL;
  int best_score = G_MININT;

  for (guint i = 0; i < G_N_ELEMENTS (charsets); i++)
    {
      guint replaced = 0;
      char *converted = convert_lossy (data, length, charsets[i], &replaced);

      if (converted == NULL || replaced > MAX (16, length / 20))
        {
          g_free (converted);
          continue;
        }
      keep_best (&best, &best_score, converted);
    }
  return best;
}

static char *
decode_bytes (const char *data,
              gssize      length,
              const char *declared_charset)
{
  static const char * const guesses[] = { "ISO-2022-JP", "CP932", "EUC-JP-MS", "WINDOWS-1252" };
  char *best = NULL;
  int best_score = G_MININT;

  if (length < 0)
    length = strlen (data);
  if (length == 0)
    return g_strdup ("");

  if (declared_charset != NULL)
    {
      char *converted = convert_declared (data, length, declared_charset);

      if (converted != NULL)
        return converted;
    }
  /* 7-bit ISO-2022-JP is also valid UTF-8: its escape sequences give it away. */
  if (memchr (data, 0x1B, length) != NULL && g_strstr_len (data, length, "\x1b$") != NULL)
    {
      char *converted = convert_iso2022jp (data, length);

      if (converted != NULL)
        return converted;
    }
  if (g_utf8_validate (data, length, NULL))
    return g_strndup (data, length);

  for (guint i = 0; i < G_N_ELEMENTS (guesses); i++)
    {
      char *converted;

      /* ISO-2022-JP is 7-bit and announces itself with escape sequences. */
      if (i == 0 && memchr (data, 0x1B, length) == NULL)
        continue;
      converted = convert_declared (data, length, guesses[i]);
      if (converted != NULL)
        keep_best (&best, &best_score, converted);
    }
  if (best == NULL)
    best = decode_lossy (data, length, declared_charset);
  return best;
}

/* ---- HTML to text ------------------------------------------------------------------------ */

/* Elements after which the text goes on on a new line */
static gboolean
is_block (const char *name)
{
  static const char * const blocks[] = { "br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "table", "blockquote" };

  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    if (g_ascii_strcasecmp (name, blocks[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The attribute a click on this element follows: a[href], area[href], form[action] */
static char *
dup_destination (xmlNode *node)
{
  const char *name = (const char *) node->name;
  const char *attribute = NULL;
  xmlChar *value;
  char *out;

  if (g_ascii_strcasecmp (name, "a") == 0 || g_ascii_strcasecmp (name, "area") == 0)
    attribute = "href";
  else if (g_ascii_strcasecmp (name, "form") == 0)
    attribute = "action";
  if (attribute == NULL || (value = xmlGetProp (node, (const xmlChar *) attribute)) == NULL)
    return NULL;
  out = g_utf8_validate ((const char *) value, -1, NULL) ? g_strstrip (g_strdup ((const char *) value)) : NULL;
  xmlFree (value);
  return out;
}

static void
html_walk (xmlNode   *node,
           GString   *out,
           GPtrArray *links,
           guint      depth)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_TEXT_NODE && node->content != NULL)
        g_string_append (out, (const char *) node->content);
      else if (node->type == XML_ELEMENT_NODE && depth < 256)
        {
          const char *name = (const char *) node->name;
          g_autofree char *destination = NULL;
          gsize text_start;

          if (g_ascii_strcasecmp (name, "script") == 0 || g_ascii_strcasecmp (name, "style") == 0)
            continue;
          /* Where a link leads is written before what it shows: the destination is what
           * gets checked, whatever the text pretends */
          destination = dup_destination (node);
          if (destination != NULL)
            {
              g_string_append_c (out, ' ');
              g_string_append (out, destination);
              g_string_append_c (out, ' ');
            }
          text_start = out->len;
          html_walk (node->children, out, links, depth + 1);
          if (destination != NULL && links->len < 1000)
            {
              HtmlLink *link = g_new0 (HtmlLink, 1);

              link->destination = g_steal_pointer (&destination);
              link->shown = g_strndup (out->str + text_start, out->len - text_start);
              g_ptr_array_add (links, link);
            }
          if (g_ascii_strcasecmp (name, "td") == 0)
            g_string_append_c (out, ' ');
          else if (is_block (name))
            g_string_append_c (out, '\n');
        }
    }
}

/* HTML as a browser's parser reads it (libxml2's HTML parser, forgiving and offline): its
 * text, and where each of its links leads */
static char *
html_to_text (const char *html,
              GPtrArray  *links)
{
  g_autoptr (GString) out = g_string_new (NULL);
  htmlDocPtr doc = htmlReadMemory (html, (int) MIN (strlen (html), (gsize) G_MAXINT), NULL, "UTF-8",
                                   HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                   HTML_PARSE_NONET);

  if (doc != NULL)
    {
      html_walk (doc->children, out, links, 0);
      xmlFreeDoc (doc);
    }
  if (!g_utf8_validate (out->str, out->len, NULL))
    return g_utf8_make_valid (out->str, out->len);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- MIME -------------------------------------------------------------------------------- */

static char *
part_text (GMimePart *part,
           GPtrArray *html_links)
{
  GMimeDataWrapper *content = g_mime_part_get_content (part);
  GMimeStream *stream;
  GByteArray *bytes;
  const char *charset;
  char *text = NULL;

  if (content == NULL)
    return NULL;
  stream = g_mime_stream_mem_new ();
  if (g_mime_data_wrapper_write_to_stream (content, stream) >= 0)
    {
      bytes = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));
      charset = g_mime_object_get_content_type_parameter (GMIME_OBJECT (part), "charset");
      text = decode_bytes ((const char *) bytes->data, bytes->len, charset);
    }
  g_object_unref (stream);
  if (text != NULL && g_mime_content_type_is_type (g_mime_object_get_content_type (GMIME_OBJECT (part)),
                                                   "text", "html"))
    {
      g_autoptr (GPtrArray) ignored = g_ptr_array_new_with_free_func (html_link_free);
      char *plain = html_to_text (text, html_links != NULL ? html_links : ignored);

      g_free (text);
      text = plain;
    }
  return text;
}

static gboolean
is_attachment (GMimeObject *object)
{
  const char *disposition = g_mime_object_get_disposition (object);

  return disposition != NULL && g_ascii_strcasecmp (disposition, "attachment") == 0;
}

static void read_message (GMimeMessage *message, MailText *out, int depth);

/* The plain text part if there is one, otherwise the HTML part's text. */
static void
find_body (GMimeObject *object,
           GMimePart  **plain,
           GMimePart  **html,
           GMimeMessage **inner,
           int           depth)
{
  if (object == NULL || depth > 16)
    return;
  if (GMIME_IS_MULTIPART (object))
    {
      for (int i = 0; i < g_mime_multipart_get_count (GMIME_MULTIPART (object)); i++)
        find_body (g_mime_multipart_get_part (GMIME_MULTIPART (object), i), plain, html, inner,
                   depth + 1);
    }
  else if (GMIME_IS_MESSAGE_PART (object))
    {
      if (*inner == NULL)
        *inner = g_mime_message_part_get_message (GMIME_MESSAGE_PART (object));
    }
  else if (GMIME_IS_TEXT_PART (object) && !is_attachment (object))
    {
      GMimeContentType *type = g_mime_object_get_content_type (object);

      if (*plain == NULL && g_mime_content_type_is_type (type, "text", "plain"))
        *plain = GMIME_PART (object);
      else if (*html == NULL && g_mime_content_type_is_type (type, "text", "html"))
        *html = GMIME_PART (object);
    }
}

static char *
first_address (InternetAddressList *list)
{
  for (int i = 0; list != NULL && i < internet_address_list_length (list); i++)
    {
      InternetAddress *address = internet_address_list_get_address (list, i);

      if (INTERNET_ADDRESS_IS_MAILBOX (address))
        return g_strdup (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address)));
    }
  return NULL;
}

static void
read_message (GMimeMessage *message,
              MailText     *out,
              int           depth)
{
  GMimePart *plain = NULL, *html = NULL;
  GMimeMessage *inner = NULL;
  const char *subject = g_mime_message_get_subject (message);
  GDateTime *date = g_mime_message_get_date (message);

  out->has_headers = TRUE;
  out->subject = subject != NULL && g_utf8_validate (subject, -1, NULL) ? g_strdup (subject) : NULL;
  out->from = first_address (g_mime_message_get_from (message));
  out->date = date != NULL ? g_date_time_ref (date) : NULL;

  find_body (g_mime_message_get_mime_part (message), &plain, &html, &inner, depth);
  if (out->html_links == NULL)
    out->html_links = g_ptr_array_new_with_free_func (html_link_free);
  if (plain != NULL)
    out->body = part_text (plain, NULL);
  /* The HTML part is what most mail programs show: its links are checked even when the
   * plain part is the body */
  if (html != NULL)
    {
      char *html_text = part_text (html, out->html_links);

      if (out->body == NULL)
        out->body = html_text;
      else
        g_free (html_text);
    }

  /* Forwarded as an attachment: the original mail, headers and all, is inside. */
  if (inner != NULL && depth < 4)
    {
      MailText original = { NULL, };

      read_message (inner, &original, depth + 1);
      if (original.subject != NULL && strstr (original.subject, KAITSU_MAIL_SUBJECT) != NULL)
        {
          mail_text_clear (out);
          *out = original;
          return;
        }
      mail_text_clear (&original);
    }
}

static gboolean
looks_like_headers (const char *text)
{
  static const char * const known[] = {
    "from", "to", "subject", "date", "received", "return-path", "message-id", "mime-version",
    "content-type", "delivered-to", "reply-to", "cc", "sender", "content-transfer-encoding",
  };
  g_auto (GStrv) lines = g_strsplit (text, "\n", 200);
  gboolean any_known = FALSE;

  if (lines[0] == NULL)
    return FALSE;
  if (g_str_has_prefix (lines[0], "From "))
    return TRUE;
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *colon;

      g_strchomp (lines[i]);
      if (*line == '\0')
        return any_known;
      if (*line == ' ' || *line == '\t')
        continue;
      colon = strchr (line, ':');
      if (colon == NULL || colon == line)
        return FALSE;
      for (const char *p = line; p < colon; p++)
        if (!g_ascii_isalnum (*p) && *p != '-')
          return FALSE;
      for (guint k = 0; k < G_N_ELEMENTS (known); k++)
        if ((gsize) (colon - line) == strlen (known[k]) &&
            g_ascii_strncasecmp (line, known[k], colon - line) == 0)
          any_known = TRUE;
    }
  return FALSE;
}

static gboolean
read_mime (const char *data,
           gsize       length,
           MailText   *out)
{
  static const char *fallback[] = { "UTF-8", "ISO-2022-JP", "CP932", "EUC-JP", "WINDOWS-1252", NULL };
  GMimeStream *stream;
  GMimeParser *parser;
  GMimeMessage *message;
  GMimeParserOptions *options;

  /* GMime 3.2 has no g_autoptr support: plain references. */
  stream = g_mime_stream_mem_new_with_buffer (data, length);
  parser = g_mime_parser_new_with_stream (stream);
  options = g_mime_parser_options_new ();
  g_mime_parser_options_set_fallback_charsets (options, fallback);
  g_mime_parser_options_set_rfc2047_compliance_mode (options, GMIME_RFC_COMPLIANCE_LOOSE);
  message = g_mime_parser_construct_message (parser, options);
  g_mime_parser_options_free (options);
  g_object_unref (parser);
  g_object_unref (stream);
  if (message == NULL)
    return FALSE;
  read_message (message, out, 0);
  g_object_unref (message);
  return TRUE;
}

/* ---- Text -------------------------------------------------------------------------------- */

/* Line ends unified, forwarding quotes (">", "> >") taken off. */
static char *
normalize_body (const char *body)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_auto (GStrv) lines = NULL;
  g_autofree char *unix_text = NULL;
  GString *tmp = g_string_new (body);

  g_string_replace (tmp, "\r\n", "\n", 0);
  g_string_replace (tmp, "\r", "\n", 0);
  unix_text = g_string_free (tmp, FALSE);
  lines = g_strsplit (unix_text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      while (*line == '>' || (*line == ' ' && line[1] == '>'))
        line += *line == ' ' ? 2 : 1;
      if (line != lines[i] && *line == ' ')
        line++;
      g_string_append (out, line);
      g_string_append_c (out, '\n');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
match_group (const char *pattern,
             const char *text,
             int         group)
{
  g_autoptr (GRegex) regex = g_regex_new (pattern, G_REGEX_MULTILINE | G_REGEX_CASELESS |
                                          G_REGEX_OPTIMIZE, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  char *value;

  g_assert (regex != NULL);
  if (!g_regex_match (regex, text, 0, &match))
    return NULL;
  value = g_match_info_fetch (match, group);
  if (value != NULL)
    g_strstrip (value);
  if (value != NULL && *value == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

static char *
find_address (const char *text)
{
  return match_group ("([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,})", text, 1);
}

static int
month_from_name (const char *name)
{
  static const char * const months[] = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
  };

  for (int i = 0; i < 12; i++)
    if (g_ascii_strncasecmp (name, months[i], 3) == 0)
      return i + 1;
  return 0;
}

static GDateTime *
local_date (int year, int month, int day, int hour, int minute, int second)
{
  if (year < 1990 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31 ||
      hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60)
    return NULL;
  /* Times shown without a zone are the reader's local time. */
  return g_date_time_new_local (year, month, day, hour, minute, second);
}

static int
fetch_int (GMatchInfo *match,
           int         group)
{
  g_autofree char *text = g_match_info_fetch (match, group);

  return text != NULL && *text != '\0' ? (int) g_ascii_strtoll (text, NULL, 10) : 0;
}

GDateTime *
kaitsu_mail_parse_date (const char *text)
{
  g_autoptr (GRegex) numeric = NULL;
  g_autoptr (GRegex) english = NULL;
  g_autoptr (GMatchInfo) match = NULL;
  GDateTime *date;

  if (text == NULL)
    return NULL;

  /* 2026/11/24 (火) 20:09, 2026年11月24日 20:09, 2026-11-24 20:09:05 */
  numeric = g_regex_new ("(\\d{4})\\s*[/年-]\\s*(\\d{1,2})\\s*[/月-]\\s*(\\d{1,2})\\s*日?\\s*"
                         "(?:[(（][^)）\\n]{0,12}[)）])?\\s*(\\d{1,2})\\s*[:：時]\\s*(\\d{2})"
                         "(?:\\s*[:：分]\\s*(\\d{2}))?", G_REGEX_OPTIMIZE, 0, NULL);
  if (g_regex_match (numeric, text, 0, &match))
    return local_date (fetch_int (match, 1), fetch_int (match, 2), fetch_int (match, 3),
                       fetch_int (match, 4), fetch_int (match, 5), fetch_int (match, 6));
  g_clear_pointer (&match, g_match_info_unref);

  /* Outlook in English: Tuesday, November 24, 2026 8:09 PM */
  english = g_regex_new ("([A-Za-z]{3,9})\\.?\\s+(\\d{1,2}),?\\s+(\\d{4})\\s+(\\d{1,2}):(\\d{2})"
                         "(?::(\\d{2}))?\\s*([AaPp][Mm])?", G_REGEX_OPTIMIZE, 0, NULL);
  if (g_regex_match (english, text, 0, &match))
    {
      g_autofree char *month_name = g_match_info_fetch (match, 1);
      g_autofree char *half = g_match_info_fetch (match, 7);
      int hour = fetch_int (match, 4);
      int month = month_from_name (month_name);
      gboolean twelve_hour = half != NULL && *half != '\0';

      if (twelve_hour && hour >= 1 && hour <= 12)
        hour = hour % 12 + (g_ascii_tolower (half[0]) == 'p' ? 12 : 0);
      else if (twelve_hour)
        month = 0;
      if (month != 0)
        return local_date (fetch_int (match, 3), month, fetch_int (match, 2), hour,
                         fetch_int (match, 5), fetch_int (match, 6));
    }

  /* RFC 2822, as in a Date: header, with its zone */
  date = g_mime_utils_header_decode_date (text);
  if (date != NULL && g_date_time_get_year (date) > 1990)
    return date;
  g_clear_pointer (&date, g_date_time_unref);
  return NULL;
}

/* A Date: header as mail programs write it: English names, whatever the locale */
char *
kaitsu_mail_format_date (GDateTime *time)
{
  static const char * const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char * const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  g_autofree char *clock = g_date_time_format (time, "%H:%M:%S %z");

  return g_strdup_printf ("%s, %02d %s %04d %s", days[g_date_time_get_day_of_week (time) - 1],
                          g_date_time_get_day_of_month (time), months[g_date_time_get_month (time) - 1],
                          g_date_time_get_year (time), clock);
}

/* A dot that browsers and mail programs read as "." in a host name */
static gsize
idna_dot_length (const char *p)
{
  static const char * const dots[] = { "\xef\xbc\x8e" /* ． */, "\xe3\x80\x82" /* 。 */, "\xef\xbd\xa1" /* ｡ */ };

  for (guint i = 0; i < G_N_ELEMENTS (dots); i++)
    if (g_str_has_prefix (p, dots[i]))
      return strlen (dots[i]);
  return 0;
}

static gboolean
is_link_char (char c)
{
  return c >= '!' && c <= '~' && c != '"' && c != '<' && c != '>';
}

/* Links end at spaces, brackets, quotes and at any non-ASCII character: 「）」「。」「、」 follow
 * links in Japanese text without a space. Except inside the host: there a full-width or
 * ideographic dot followed by more of a name is a dot to the program that opens the link
 * (「…trendmicro.com．evil.example」 leads to evil.example), so the link goes on. */
GPtrArray *
kaitsu_mail_find_links (const char *text)
{
  g_autoptr (GRegex) regex = g_regex_new ("[Hh][Tt][Tt][Pp][Ss]?://[!#-;=?-~]+", G_REGEX_OPTIMIZE, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  GPtrArray *links = g_ptr_array_new_with_free_func (g_free);

  g_regex_match (regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      int start = 0, end = 0;
      GString *link;
      gsize length;

      g_match_info_fetch_pos (match, 0, &start, &end);
      link = g_string_new_len (text + start, end - start);
      /* Still in the host: no path, query or fragment yet */
      while (strpbrk (strstr (link->str, "://") + 3, "/?#\\") == NULL)
        {
          gsize dot = idna_dot_length (text + end);
          const char *more = text + end + dot;
          const char *stop = more;

          if (dot == 0 || !g_ascii_isalnum (*more))
            break;
          while (is_link_char (*stop))
            stop++;
          g_string_append_len (link, text + end, stop - (text + end));
          end = stop - text;
        }
      length = link->len;
      /* Sentence punctuation and unbalanced closing brackets are not part of the link. */
      while (length > 0)
        {
          char last = link->str[length - 1];

          if (strchr (".,;:!?'\"*", last) != NULL)
            length--;
          else if ((last == ')' && strchr (link->str, '(') == NULL) ||
                   (last == ']' && strchr (link->str, '[') == NULL))
            length--;
          else
            break;
        }
      g_string_truncate (link, length);
      g_ptr_array_add (links, g_string_free (link, FALSE));
      /* The regex goes on from where the link really ended */
      if (!g_match_info_next (match, NULL))
        break;
      g_match_info_fetch_pos (match, 0, &start, NULL);
      while (g_match_info_matches (match) && start < end)
        {
          if (!g_match_info_next (match, NULL))
            break;
          g_match_info_fetch_pos (match, 0, &start, NULL);
        }
    }
  return links;
}

static gboolean
is_forward_subject (const char *subject)
{
  g_autofree char *value = NULL;

  if (subject == NULL)
    return FALSE;
  value = match_group ("^\\s*(fwd?|fw|転送)\\s*[:：]", subject, 1);
  return value != NULL;
}

static char *
strip_forward_prefixes (const char *subject)
{
  g_autoptr (GRegex) regex = g_regex_new ("^(\\s*(fwd?|fw|re|転送|返信)\\s*[:：]\\s*)+",
                                          G_REGEX_CASELESS, 0, NULL);

  return g_regex_replace (regex, subject, -1, 0, "", 0, NULL);
}

/* A header line quoted inside a body: "差出人: …", "Sent: …" */
static char *
body_header (const char *body,
             const char *names)
{
  g_autofree char *pattern = g_strdup_printf ("^[ \\t*]*(?:%s)[ \\t*]*[:：][ \\t]*(.+)$", names);

  return match_group (pattern, body, 1);
}

/* The mail's two links, by what their addresses say */
static gboolean
contains_folded (const char *text,
                 const char *a,
                 const char *b)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);

  return strstr (lower, a) != NULL || strstr (lower, b) != NULL;
}

static gboolean
is_reset_link (const char *text)
{
  return contains_folded (text, "resetpassword", "forgetpwd");
}

static gboolean
is_login_link (const char *text)
{
  return contains_folded (text, "dashboard", "clp.");
}

static void
find_links (KaitsuMailFacts *facts,
            const char      *body)
{
  g_autoptr (GPtrArray) links = kaitsu_mail_find_links (body);

  for (guint i = 0; i < links->len; i++)
    {
      const char *link = g_ptr_array_index (links, i);

      if (facts->reset_url == NULL && is_reset_link (link))
        facts->reset_url = g_strdup (link);
      else if (facts->login_url == NULL && is_login_link (link))
        facts->login_url = g_strdup (link);
    }
}

static void
check_link (KaitsuMailFacts *facts,
            const char      *url,
            const char      *which,
            KaitsuSites     *practice)
{
  g_autofree char *host = NULL;
  KaitsuLinkVerdict verdict = kaitsu_link_check (url, &host);

  const char *shown = host != NULL ? host : url;
  char *message = NULL;

  /* The practice mail points at the simulator on this computer, and only there. */
  if (practice != NULL && kaitsu_sites_is_practice (practice) &&
      kaitsu_sites_find (practice, url) != KAITSU_SITE_NONE)
    verdict = KAITSU_LINK_OK;
  /* A real mail in practice mode: its links are the company's own, and work only once */
  else if (practice != NULL && kaitsu_sites_is_practice (practice) && verdict == KAITSU_LINK_OK)
    {
      if (!kaitsu_mail_facts_has (facts, "real-mail-in-practice"))
        add_problem (facts, KAITSU_PROBLEM_ERROR, "real-mail-in-practice",
                     g_strdup (_("This is your company's real activation mail, and this is practice mode. Its links work only once and belong to the real activation: keep them for it. Use the practice mail here, or quit and start Kaitsu without practice mode.")));
      return;
    }

  switch (verdict)
    {
    case KAITSU_LINK_OK:
      return;
    case KAITSU_LINK_NOT_HTTPS:
      /* Translators: %s is "the password link" or "the login link" */
      message = g_strdup_printf (_("The %s is not a secure (https) address. Do not open it; ask the support desk for a new mail."),
                                 which);
      break;
    case KAITSU_LINK_USERINFO:
      /* Translators: %1$s is "the password link" or "the login link", %2$s a host name */
      message = g_strdup_printf (_("The %1$s hides where it really leads (%2$s). Do not open it: this mail is probably fake."),
                                 which, shown);
      break;
    case KAITSU_LINK_LOOKALIKE_HOST:
      message = g_strdup_printf (_("The %1$s leads to %2$s, which only looks like a Trend Micro site. Do not open it: this mail is probably fake."),
                                 which, shown);
      break;
    case KAITSU_LINK_UNTRUSTED_HOST:
    case KAITSU_LINK_INVALID:
    default:
      message = g_strdup_printf (_("The %1$s leads to %2$s, which is not a Trend Micro site. Do not open it; this mail may be fake."),
                                 which, shown);
      break;
    }
  add_problem (facts, KAITSU_PROBLEM_ERROR, kaitsu_link_verdict_get_code (verdict), message);
}

/* A time from the mail as Kaitsu shows it: one format everywhere, in the mail's own zone (the
 * time its reader saw in the mail program), the zone named when this computer's is another */
char *
kaitsu_mail_format_time (GDateTime *time)
{
  g_autoptr (GDateTime) local = NULL;
  g_autofree char *text = NULL;
  g_autofree char *zone = NULL;
  GTimeSpan offset;

  g_return_val_if_fail (time != NULL, NULL);

  local = g_date_time_to_local (time);
  /* Translators: a date and time as shown in the app; see g_date_time_format () */
  text = g_date_time_format (time, _("%Y-%m-%d %H:%M"));
  offset = g_date_time_get_utc_offset (time);
  if (offset == g_date_time_get_utc_offset (local))
    return g_steal_pointer (&text);
  if (offset == 9 * G_TIME_SPAN_HOUR)
    /* Translators: a time in Japan's zone, shown on a computer set to another */
    return g_strdup_printf (_("%s (Japan time)"), text);
  zone = g_date_time_format (time, "%:z");
  /* Translators: a time, then its offset from UTC, such as +09:00 */
  return g_strdup_printf (_("%s (UTC%s)"), text, zone);
}

static void
check_facts (KaitsuMailFacts *facts,
             gboolean         recognised,
             GDateTime       *now,
             KaitsuSites     *practice)
{
  if (!recognised)
    {
      add_problem (facts, KAITSU_PROBLEM_ERROR, "not-activation-mail",
                   /* Translators: %s is the mail's subject, as it is in the inbox */
                   g_strdup_printf (_("This is not the activation mail 「%s」. Check that you chose the right mail."),
                                    KAITSU_MAIL_SUBJECT));
      return;
    }
  if (facts->reset_url == NULL)
    add_problem (facts, KAITSU_PROBLEM_ERROR, "no-reset-link",
                 g_strdup (_("The link to set the password is missing. Check that you copied the whole mail.")));
  else
    check_link (facts, facts->reset_url, _("password link"), practice);
  if (facts->login_url == NULL)
    add_problem (facts, KAITSU_PROBLEM_ERROR, "no-login-link",
                 g_strdup (_("The login link is missing. Check that you copied the whole mail.")));
  else
    check_link (facts, facts->login_url, _("login link"), practice);

  if (facts->sent != NULL)
    {
      facts->reset_expires = g_date_time_add_days (facts->sent, KAITSU_RESET_LINK_DAYS);
      facts->expired = g_date_time_compare (now, facts->reset_expires) >= 0;
      /* The last day: said in hours, as a warning */
      if (!facts->expired && facts->reset_url != NULL)
        {
          gboolean urgent = FALSE;
          char *validity = kaitsu_mail_dup_validity (facts->reset_expires, now, &urgent);

          if (urgent)
            add_problem (facts, KAITSU_PROBLEM_WARNING, "link-expires-soon", validity);
          else
            g_free (validity);
        }
      if (facts->expired && facts->reset_url != NULL)
        {
          g_autofree char *when = kaitsu_mail_format_time (facts->reset_expires);

          g_autofree char *expired = g_strdup_printf (_("The password link expired on %s. On the login page, use {forgot-password} to get a new one, or ask the support desk."),
                                                      when);

          add_problem (facts, KAITSU_PROBLEM_ERROR, "link-expired", kaitsu_label_fill (expired, KAITSU_SERVICE_NONE));
        }
    }
  else
    add_problem (facts, KAITSU_PROBLEM_WARNING, "no-date",
                 g_strdup (_("When the mail was sent is not known, so Kaitsu cannot tell whether the password link, valid for 7 days, has expired.")));

  if (facts->from == NULL || g_ascii_strcasecmp (facts->from, KAITSU_MAIL_SENDER) != 0)
    add_problem (facts, KAITSU_PROBLEM_WARNING, "unknown-sender",
                 g_strdup_printf (_("The mail does not come from %s. That is normal for a forwarded mail; otherwise, be careful with its links."),
                                  KAITSU_MAIL_SENDER));
}

static gboolean
is_activation_link (const char *text)
{
  return is_reset_link (text) || is_login_link (text);
}

/* The HTML part, as the user's mail program shows it: a link that shows one address and
 * leads to another, or an activation link that leads elsewhere than Trend Micro, makes the
 * whole mail suspect, whatever its plain part says. Said once. */
static void
check_html_links (KaitsuMailFacts *facts,
                  GPtrArray       *links,
                  KaitsuSites     *practice)
{
  for (guint i = 0; i < links->len; i++)
    {
      HtmlLink *link = g_ptr_array_index (links, i);
      g_autoptr (GPtrArray) shown = kaitsu_mail_find_links (link->shown);
      g_autofree char *host = NULL;
      KaitsuLinkVerdict verdict = kaitsu_link_check_trusting (link->destination, practice, &host);
      const char *where = host != NULL ? host : link->destination;

      for (guint k = 0; k < shown->len; k++)
        {
          g_auto (KaitsuUrlParts) seen = { NULL, };
          g_auto (KaitsuUrlParts) real = { NULL, };

          kaitsu_url_split (g_ptr_array_index (shown, k), &seen);
          kaitsu_url_split (link->destination, &real);
          if (g_strcmp0 (seen.host, real.host) != 0 || g_strcmp0 (seen.scheme, real.scheme) != 0)
            {
              /* Translators: %1$s is the address a link shows, %2$s where it really leads */
              add_problem (facts, KAITSU_PROBLEM_ERROR, "link-text-mismatch",
                           g_strdup_printf (_("A link in this mail shows %1$s but leads to %2$s. Do not use this mail’s links: it is probably fake. Ask the support desk for a new mail."),
                                            seen.host != NULL ? seen.host : (const char *) g_ptr_array_index (shown, k), where));
              return;
            }
        }
      if (verdict != KAITSU_LINK_OK && (is_activation_link (link->destination) || is_activation_link (link->shown)))
        {
          /* Translators: %s is a host name or an address */
          add_problem (facts, KAITSU_PROBLEM_ERROR, "html-link-untrusted",
                       g_strdup_printf (_("A link in this mail that looks like an activation link leads to %s, not to Trend Micro. Do not use this mail’s links: it is probably fake. Ask the support desk for a new mail."),
                                        where));
          return;
        }
    }
}

/* The header block at the top of pasted text, as Outlook shows it: date, sender, subject. */
static void
read_top_lines (const char *body,
                MailText   *text)
{
  g_auto (GStrv) lines = g_strsplit (body, "\n", 16);

  for (guint i = 0; lines[i] != NULL && i < 15; i++)
    {
      const char *line = lines[i];

      if (text->date == NULL)
        text->date = kaitsu_mail_parse_date (line);
      if (text->subject == NULL && strstr (line, KAITSU_MAIL_SUBJECT) != NULL)
        text->subject = g_strstrip (g_strdup (line));
      if (text->from == NULL && !g_str_has_prefix (line, "宛先") &&
          g_ascii_strncasecmp (line, "To", 2) != 0 && g_ascii_strncasecmp (line, "Cc", 2) != 0)
        text->from = find_address (line);
    }
}

KaitsuMailFacts *
kaitsu_mail_read (const char  *data,
                  gsize        length,
                  GDateTime   *now,
                  GError     **error)
{
  return kaitsu_mail_read_trusting (data, length, now, NULL, error);
}

KaitsuMailFacts *
kaitsu_mail_read_trusting (const char   *data,
                           gsize         length,
                           GDateTime    *now,
                           KaitsuSites  *practice_sites,
                           GError      **error)
{
  g_autoptr (KaitsuMailFacts) facts = NULL;
  g_autofree char *decoded = NULL;
  g_autofree char *body = NULL;
  g_autofree char *inner_subject = NULL;
  g_autofree char *inner_from = NULL;
  g_autofree char *inner_date = NULL;
  MailText text = { NULL, };
  gboolean recognised;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  /* Charset names and tables come from GMime; initialising twice is harmless. */
  g_mime_init ();
  if (length > KAITSU_MAIL_MAX_SIZE)
    {
      g_set_error (error, KAITSU_MAIL_ERROR, KAITSU_MAIL_ERROR_TOO_LARGE,
                   _("This file is too large to be an activation mail (more than 5 MB)."));
      return NULL;
    }
  if (length == 0 || memchr (data, '\0', length) != NULL ||
      (decoded = decode_bytes (data, length, NULL)) == NULL)
    {
      g_set_error (error, KAITSU_MAIL_ERROR, KAITSU_MAIL_ERROR_NOT_A_MAIL,
                   _("This is not a mail: it is empty or not text. Save the activation mail from your mail program (as .eml), or copy its text."));
      return NULL;
    }

  if (!(looks_like_headers (decoded) && read_mime (data, length, &text)))
    {
      mail_text_clear (&text);
      memset (&text, 0, sizeof text);
      text.body = g_strdup (decoded);
    }
  if (text.body == NULL)
    text.body = g_strdup ("");
  body = normalize_body (text.body);

  facts = g_new0 (KaitsuMailFacts, 1);
  facts->problems = g_ptr_array_new_with_free_func (problem_free);
  facts->expired = -1;

  /* A forwarded mail carries the original's headers in its body; those are the ones that count. */
  inner_subject = body_header (body, "Subject|件名");
  inner_from = body_header (body, "From|差出人|送信者");
  inner_date = body_header (body, "Sent|Date|送信日時|日付|日時");
  facts->forwarded = is_forward_subject (text.subject) ||
                     (inner_subject != NULL && strstr (inner_subject, KAITSU_MAIL_SUBJECT) != NULL);
  if (!text.has_headers)
    read_top_lines (body, &text);

  if (facts->forwarded)
    {
      facts->subject = inner_subject != NULL ? strip_forward_prefixes (inner_subject)
                                             : strip_forward_prefixes (text.subject);
      facts->from = inner_from != NULL ? find_address (inner_from) : NULL;
      /* The forward's own time is not the original's: without the original's, say unknown. */
      facts->sent = kaitsu_mail_parse_date (inner_date);
    }
  else
    {
      facts->subject = text.subject != NULL ? g_strdup (text.subject) : NULL;
      facts->from = g_strdup (text.from);
      facts->sent = text.date != NULL ? g_date_time_ref (text.date) : NULL;
    }

  facts->company = body_header (body, "会社名|Company");
  facts->account = body_header (body, "アカウント名|Account");
  find_links (facts, body);

  recognised = (facts->subject != NULL && strstr (facts->subject, KAITSU_MAIL_SUBJECT) != NULL) ||
               facts->account != NULL || facts->reset_url != NULL || facts->login_url != NULL;
  if (!recognised && !text.has_headers && facts->from == NULL && facts->sent == NULL)
    {
      mail_text_clear (&text);
      g_set_error (error, KAITSU_MAIL_ERROR, KAITSU_MAIL_ERROR_NOT_A_MAIL,
                   _("This is not a mail: nothing in it looks like a message. Save the activation mail from your mail program (as .eml), or copy its text."));
      return NULL;
    }
  check_facts (facts, recognised, now, practice_sites);
  /* Read all the same, and said */
  if (recognised && strstr (body, REPLACEMENT) != NULL)
    add_problem (facts, KAITSU_PROBLEM_WARNING, "unreadable-characters",
                 g_strdup (_("A few characters of this mail could not be read and show as “�”. If the links and the account name above look right, go on; otherwise save the mail again from your mail program.")));
  if (text.html_links != NULL)
    check_html_links (facts, text.html_links, practice_sites);
  mail_text_clear (&text);
  return g_steal_pointer (&facts);
}

/* "-" is standard input. Never reads more than limit bytes, whatever the file's size. */
char *
kaitsu_read_input (const char  *path,
                   gsize        limit,
                   gsize       *length,
                   GError     **error)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *buffer = g_malloc (limit + 1);

  g_return_val_if_fail (path != NULL && length != NULL, NULL);

  *length = 0;
  if (g_str_equal (path, "-"))
    stream = g_unix_input_stream_new (0, FALSE);
  else
    {
      file = g_file_new_for_commandline_arg (path);
      stream = G_INPUT_STREAM (g_file_read (file, NULL, &local_error));
    }
  if (stream == NULL || !g_input_stream_read_all (stream, buffer, limit, length, NULL, &local_error))
    {
      g_autofree char *reason = kaitsu_reason_dup_for_file (local_error);

      g_message ("Cannot read %s: %s", path, local_error != NULL ? local_error->message : "?");
      g_set_error (error, G_IO_ERROR, local_error != NULL && local_error->domain == G_IO_ERROR ? local_error->code
                                                                                               : G_IO_ERROR_FAILED,
                   /* Translators: %1$s is a file name, %2$s the reason, e.g. "the disk is full" */
                   _("Cannot read %1$s: %2$s."), path, reason);
      return NULL;
    }
  buffer[*length] = '\0';
  return g_steal_pointer (&buffer);
}

char *
kaitsu_decode_text (const char *data,
                    gsize       length)
{
  char *text;

  g_mime_init ();
  text = decode_bytes (data, length, NULL);
  /* Bytes no encoding explains: read as far as they make sense */
  return text != NULL ? text : g_utf8_make_valid (data, length);
}

KaitsuMailFacts *
kaitsu_mail_read_file (const char  *path,
                       GDateTime   *now,
                       GError     **error)
{
  gsize length;
  g_autofree char *buffer = kaitsu_read_input (path, KAITSU_MAIL_MAX_SIZE + 1, &length, error);

  if (buffer == NULL)
    return NULL;
  return kaitsu_mail_read (buffer, length, now, error);
}

gboolean
kaitsu_mail_facts_usable (KaitsuMailFacts *facts)
{
  g_return_val_if_fail (facts != NULL, FALSE);

  for (guint i = 0; i < facts->problems->len; i++)
    if (((KaitsuMailProblem *) g_ptr_array_index (facts->problems, i))->severity == KAITSU_PROBLEM_ERROR)
      return FALSE;
  return TRUE;
}

gboolean
kaitsu_mail_facts_has (KaitsuMailFacts *facts,
                       const char      *code)
{
  g_return_val_if_fail (facts != NULL, FALSE);

  for (guint i = 0; i < facts->problems->len; i++)
    if (g_strcmp0 (((KaitsuMailProblem *) g_ptr_array_index (facts->problems, i))->code, code) == 0)
      return TRUE;
  return FALSE;
}

/* Whole days left, rounded up; 0 once expired; -1 when unknown. */
int
kaitsu_mail_days_left (GDateTime *expires,
                       GDateTime *now)
{
  GTimeSpan left;

  if (expires == NULL)
    return -1;
  left = g_date_time_difference (expires, now);
  if (left <= 0)
    return 0;
  return (int) ((left + G_TIME_SPAN_DAY - 1) / G_TIME_SPAN_DAY);
}

/* How long the password link still works, in words: days, or hours on its last day, when
 * the user must hurry (urgent); NULL when unknown or expired */
char *
kaitsu_mail_dup_validity (GDateTime *expires,
                          GDateTime *now,
                          gboolean  *urgent)
{
  g_autofree char *until = NULL;
  GTimeSpan left;
  int days = kaitsu_mail_days_left (expires, now);

  if (urgent != NULL)
    *urgent = FALSE;
  if (days <= 0)
    return NULL;
  until = kaitsu_mail_format_time (expires);
  left = g_date_time_difference (expires, now);
  if (left < G_TIME_SPAN_DAY)
    {
      int hours = (int) ((left + G_TIME_SPAN_HOUR - 1) / G_TIME_SPAN_HOUR);

      if (urgent != NULL)
        *urgent = TRUE;
      /* Translators: %1$s is a date and time, %2$d a number of hours (1 to 24) */
      return g_strdup_printf (ngettext ("The password link works until %1$s: only %2$d hour left. Set the password now.",
                                        "The password link works until %1$s: only %2$d hours left. Set the password now.",
                                        hours), until, hours);
    }
  /* Translators: %1$s is a date and time, %2$d a number of days */
  return g_strdup_printf (ngettext ("The password link works until %1$s: %2$d day left.",
                                    "The password link works until %1$s: %2$d days left.",
                                    days), until, days);
}

int
kaitsu_mail_facts_days_left (KaitsuMailFacts *facts,
                             GDateTime       *now)
{
  g_return_val_if_fail (facts != NULL, -1);
  return kaitsu_mail_days_left (facts->reset_expires, now);
}

static void
add_time (JsonBuilder *builder,
          const char  *name,
          GDateTime   *time)
{
  json_builder_set_member_name (builder, name);
  if (time != NULL)
    {
      g_autofree char *text = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z");
      json_builder_add_string_value (builder, text);
    }
  else
    json_builder_add_null_value (builder);
}

char *
kaitsu_mail_facts_to_json (KaitsuMailFacts *facts)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (facts != NULL, NULL);

  json_builder_begin_object (builder);
  kaitsu_json_add_string (builder, "subject", facts->subject);
  kaitsu_json_add_string (builder, "from", facts->from);
  add_time (builder, "sent", facts->sent);
  kaitsu_json_add_string (builder, "company", facts->company);
  kaitsu_json_add_string (builder, "account", facts->account);
  kaitsu_json_add_string (builder, "login_url", facts->login_url);
  kaitsu_json_add_string (builder, "reset_url", facts->reset_url);
  add_time (builder, "reset_expires", facts->reset_expires);
  json_builder_set_member_name (builder, "expired");
  if (facts->expired < 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_boolean_value (builder, facts->expired == 1);
  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);
  for (guint i = 0; i < facts->problems->len; i++)
    {
      KaitsuMailProblem *problem = g_ptr_array_index (facts->problems, i);

      json_builder_begin_object (builder);
      kaitsu_json_add_string (builder, "severity", problem->severity == KAITSU_PROBLEM_ERROR ? "error" : "warning");
      kaitsu_json_add_string (builder, "code", problem->code);
      kaitsu_json_add_string (builder, "message", problem->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return kaitsu_json_finish (builder);
}

static void
append_field (GString    *out,
              const char *label,
              const char *value)
{
  g_string_append_printf (out, "  %s: %s\n", label, value != NULL ? value : _("(not found)"));
}

char *
kaitsu_mail_facts_to_text (KaitsuMailFacts *facts,
                           GDateTime       *now)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree char *sent = facts->sent != NULL ? kaitsu_mail_format_time (facts->sent) : NULL;
  int days = kaitsu_mail_facts_days_left (facts, now);

  append_field (out, _("Subject"), facts->subject);
  append_field (out, _("From"), facts->from);
  append_field (out, _("Sent"), sent);
  append_field (out, _("Company"), facts->company);
  append_field (out, _("Account"), facts->account);
  append_field (out, _("Login link"), facts->login_url);
  append_field (out, _("Password link"), facts->reset_url);
  if (facts->reset_expires != NULL)
    {
      g_autofree char *until = kaitsu_mail_format_time (facts->reset_expires);
      g_autofree char *line = NULL;

      if (days > 0)
        /* Translators: %1$s is a date and time, %2$d a number of days */
        line = g_strdup_printf (ngettext ("valid until %1$s (%2$d day left)",
                                          "valid until %1$s (%2$d days left)", days), until, days);
      else
        line = g_strdup_printf (_("expired on %s"), until);
      append_field (out, _("Link validity"), line);
    }
  g_string_append_c (out, '\n');
  for (guint i = 0; i < facts->problems->len; i++)
    {
      KaitsuMailProblem *problem = g_ptr_array_index (facts->problems, i);

      g_string_append_printf (out, "%s [%s] %s\n",
                              problem->severity == KAITSU_PROBLEM_ERROR ? _("Error:") : _("Warning:"),
                              problem->code, problem->message);
    }
  if (kaitsu_mail_facts_usable (facts))
    g_string_append (out, _("The mail can be used.\n"));
  else
    g_string_append (out, _("Do not use the links in this mail until the errors above are resolved.\n"));
  return g_string_free (g_steal_pointer (&out), FALSE);
}
