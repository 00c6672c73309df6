/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-mail.c: the activation mail in every shape it arrives in, and every trap in its links */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "kaitsu-link-check.h"
#include "kaitsu-mail.h"
#include "kaitsu-sites.h"
#include "kaitsu-test-util.h"

#define GOOD_LOGIN "https://clp.trendmicro.com/Dashboard?T=kjfSy"
#define GOOD_RESET "https://forgetpwd.trendmicro.com/ForgetPassword/ResetPassword?T=kjfSy&v=8abc15e1-d6e9-4250-8d9d-3c985a6588f7"

static GDateTime *now;

/* The body as Trend Micro sends it; links as given. */
static char *
body_text (const char *login,
           const char *reset)
{
  return g_strdup_printf ("* * 様\n\n"
                          "Licensing Management Platform ログイン用のユーザアカウントを発行致しました。次の URL からログインできます。\n"
                          "<%s>\n\n"
                          "アカウントの詳細:\n"
                          "会社名: 株式会社サンプル\n"
                          "アカウント名: CAS0001\n\n"
                          "ログイン用のパスワードを設定する必要があります。次の URL からパスワードを設定してください。なお、この URL は 7 日間のみ有効です。\n\n"
                          "① <%s>\n\n"
                          "ご不明点がございましたら、次の連絡先にお問い合わせください。\n",
                          login, reset);
}

static GDateTime *
days_ago (double days)
{
  return g_date_time_add_seconds (now, -days * 86400);
}

static char *
mail_with (const char *headers_extra,
           const char *content_type,
           const char *encoding,
           const char *body,
           GDateTime  *sent)
{
  g_autofree char *date = sent != NULL ? kaitsu_mail_format_date (sent) : NULL;
  g_autofree char *date_line = date != NULL ? g_strdup_printf ("Date: %s\n", date) : g_strdup ("");

  return g_strdup_printf ("From: Trend Micro <PLX_account_support_MailBox@trendmicro.co.jp>\n"
                          "To: admin@example.co.jp\n"
                          "%s%s"
                          "MIME-Version: 1.0\n"
                          "Content-Type: %s\n"
                          "Content-Transfer-Encoding: %s\n\n%s",
                          headers_extra, date_line, content_type, encoding, body);
}

static char *
subject_header (void)
{
  g_autofree char *b64 = g_base64_encode ((const guchar *) KAITSU_MAIL_SUBJECT, strlen (KAITSU_MAIL_SUBJECT));

  return g_strdup_printf ("Subject: =?UTF-8?B?%s?=\n", b64);
}

static char *
quoted_printable (const char *data,
                  gsize       length)
{
  GString *out = g_string_new (NULL);
  guint column = 0;

  for (gsize i = 0; i < length; i++)
    {
      guchar c = data[i];

      if (c == '\n')
        {
          g_string_append_c (out, '\n');
          column = 0;
          continue;
        }
      if (column > 70)
        {
          g_string_append (out, "=\n");
          column = 0;
        }
      if (c == '=' || c >= 127 || (c < 32 && c != '\t'))
        {
          g_string_append_printf (out, "=%02X", c);
          column += 3;
        }
      else
        {
          g_string_append_c (out, c);
          column++;
        }
    }
  return g_string_free (out, FALSE);
}

/* ISO-2022-JP as Outlook writes it: NEC special characters such as ① in JIS X 0208 mode. */
static char *
outlook_iso2022jp (const char *utf8)
{
  g_autofree char *jis3 = g_convert (utf8, -1, "ISO-2022-JP-3", "UTF-8", NULL, NULL, NULL);
  GString *out;

  g_assert_nonnull (jis3);
  out = g_string_new (jis3);
  g_string_replace (out, "\x1b$(O", "\x1b$B", 0);
  g_string_replace (out, "\x1b$(Q", "\x1b$B", 0);
  return g_string_free (out, FALSE);
}

static KaitsuMailFacts *
read_ok (const char *mail)
{
  g_autoptr (GError) error = NULL;
  KaitsuMailFacts *facts = kaitsu_mail_read (mail, strlen (mail), now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (facts);
  return facts;
}

static void
assert_complete (KaitsuMailFacts *facts)
{
  for (guint i = 0; i < facts->problems->len; i++)
    g_test_message ("problem: %s", ((KaitsuMailProblem *) g_ptr_array_index (facts->problems, i))->code);
  g_assert_cmpstr (facts->subject, ==, KAITSU_MAIL_SUBJECT);
  g_assert_cmpstr (facts->company, ==, "株式会社サンプル");
  g_assert_cmpstr (facts->account, ==, "CAS0001");
  g_assert_cmpstr (facts->login_url, ==, GOOD_LOGIN);
  g_assert_cmpstr (facts->reset_url, ==, GOOD_RESET);
  g_assert_true (kaitsu_mail_facts_usable (facts));
}

static void
test_utf8_8bit (void)
{
  g_autoptr (GDateTime) sent = days_ago (1.5);
  g_autofree char *body = body_text (GOOD_LOGIN, GOOD_RESET);
  g_autofree char *subject = subject_header ();
  g_autofree char *mail = mail_with (subject, "text/plain; charset=UTF-8", "8bit", body, sent);
  g_autoptr (KaitsuMailFacts) facts = read_ok (mail);
  g_autoptr (GDateTime) expected_expiry = g_date_time_add_days (sent, 7);

  assert_complete (facts);
  g_assert_cmpstr (facts->from, ==, KAITSU_MAIL_SENDER);
  g_assert_nonnull (facts->sent);
  g_assert_cmpint (g_date_time_to_unix (facts->sent), ==, g_date_time_to_unix (sent));
  g_assert_cmpint (g_date_time_to_unix (facts->reset_expires), ==, g_date_time_to_unix (expected_expiry));
  g_assert_cmpint (facts->expired, ==, 0);
  g_assert_cmpuint (facts->problems->len, ==, 0);
  g_assert_cmpint (kaitsu_mail_facts_days_left (facts, now), ==, 6);
}

/* One byte that belongs to no charset, in the closing sentence: the mail is read all the
 * same, the byte shows as U+FFFD, and the user is told */
static void
test_one_bad_byte (void)
{
  g_autoptr (GDateTime) sent = days_ago (1);
  g_autofree char *body = body_text (GOOD_LOGIN, GOOD_RESET);
  g_autofree char *subject = subject_header ();
  const char *mark = "ご不明点";
  g_autoptr (GString) utf8 = g_string_new (body);
  gsize sjis_length;
  g_autofree char *sjis = g_convert (body, -1, "CP932", "UTF-8", NULL, &sjis_length, NULL);
  g_autofree char *sjis_mark = g_convert (mark, -1, "CP932", "UTF-8", NULL, NULL, NULL);
  g_autoptr (GString) sjis_bad = g_string_new_len (sjis, sjis_length);
  g_autofree char *b64 = NULL;
  struct { const char *content_type, *encoding, *body; } mails[3];

  g_string_insert_c (utf8, strstr (utf8->str, mark) - utf8->str, '\xff');
  g_string_insert_c (sjis_bad, strstr (sjis_bad->str, sjis_mark) - sjis_bad->str, '\xff');
  b64 = g_base64_encode ((const guchar *) sjis_bad->str, sjis_bad->len);
  mails[0].content_type = "text/plain; charset=UTF-8", mails[0].encoding = "8bit", mails[0].body = utf8->str;
  mails[1].content_type = "text/plain; charset=Shift_JIS", mails[1].encoding = "base64", mails[1].body = b64;
  mails[2].content_type = "text/plain", mails[2].encoding = "8bit", mails[2].body = utf8->str;
  for (guint i = 0; i < G_N_ELEMENTS (mails); i++)
    {
      g_autofree char *mail = mail_with (subject, mails[i].content_type, mails[i].encoding, mails[i].body, sent);
      g_autoptr (KaitsuMailFacts) facts = read_ok (mail);

      assert_complete (facts);
      g_assert_true (kaitsu_mail_facts_has (facts, "unreadable-characters"));
    }
  /* Text that is mostly not of any charset is still not a mail */
  {
    g_autoptr (GString) noise = g_string_new (NULL);
    g_autoptr (GError) error = NULL;

    for (guint i = 0; i < 4000; i++)
      g_string_append_c (noise, (char) (0x80 + (i * 37) % 0x7f));
    g_assert_null (kaitsu_mail_read (noise->str, noise->len, now, &error));
    g_assert_error (error, KAITSU_MAIL_ERROR, KAITSU_MAIL_ERROR_NOT_A_MAIL);
  }
}

static void
test_iso2022jp (void)
{
  g_autoptr (GDateTime) sent = days_ago (1);
  g_autofree char *body = body_text (GOOD_LOGIN, GOOD_RESET);
  g_autofree char *jis = outlook_iso2022jp (body);
  g_autofree char *subject_jis = g_convert (KAITSU_MAIL_SUBJECT, -1, "ISO-2022-JP", "UTF-8", NULL, NULL, NULL);
  g_autofree char *subject_b64 = g_base64_encode ((const guchar *) subject_jis, strlen (subject_jis));
  g_autofree char *subject = g_strdup_printf ("Subject: =?ISO-2022-JP?B?%s?=\n", subject_b64);
  g_autofree char *mail = mail_with (subject, "text/plain; charset=ISO-2022-JP", "7bit", jis, sent);
  g_autoptr (KaitsuMailFacts) facts = read_ok (mail);

  g_assert_nonnull (jis);
  assert_complete (facts);
}

static void
test_shift_jis_base64 (void)
{
  g_autoptr (GDateTime) sent = days_ago (2);
  g_autofree char *body = body_text (GOOD_LOGIN, GOOD_RESET);
  gsize sjis_length;
  g_autofree char *sjis = g_convert (body, -1, "CP932", "UTF-8", NULL, &sjis_length, NULL);
  g_autofree char *b64 = g_base64_encode ((const guchar *) sjis, sjis_length);
  g_autofree char *subject = subject_header ();
  g_autofree char *mail = mail_with (subject, "text/plain; charset=Shift_JIS", "base64", b64, sent);
  g_autoptr (KaitsuMailFacts) facts = read_ok (mail);

  assert_complete (facts);
}

static void
test_euc_jp_quoted_printable (void)
{
  g_autoptr (GDateTime) sent = days_ago (3);
  g_autofree char *body = body_text (GOOD_LOGIN, GOOD_RESET);
  gsize euc_length;
  g_autofree char *euc = g_convert (body, -1, "EUC-JP-MS", "UTF-8", NULL, &euc_length, NULL);
  g_autofree char *qp = quoted_printable (euc, euc_length);
  g_autofree char *subject = subject_header ();
  g_autofree char *mail = mail_with (subject, "text/plain; charset=EUC-JP", "quoted-printable", qp, sent);
  g_autoptr (KaitsuMailFacts) facts = read_ok (mail);

  assert_complete (facts);
}

static void
test_undeclared_charsets (void)
{
  g_autofree char *body = body_text (GOOD_LOGIN, GOOD_RESET);
  const char *charsets[] = { "CP932", "EUC-JP-MS", "ISO-2022-JP" };

  /* Pasted text saved by an old editor: no headers, no charset, just bytes. */
  for (guint i = 0; i < G_N_ELEMENTS (charsets); i++)
    {
      g_autofree char *subject_line = g_strdup_printf ("件名: %s\n%s", KAITSU_MAIL_SUBJECT, body);
      gsize length = 0;
      g_autofree char *bytes = i == 2 ? outlook_iso2022jp (subject_line)
                                      : g_convert (subject_line, -1, charsets[i], "UTF-8", NULL, &length, NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (KaitsuMailFacts) facts = NULL;

      if (i == 2)
        length = strlen (bytes);
      facts = kaitsu_mail_read (bytes, length, now, &error);

      g_test_message ("charset %s", charsets[i]);
      g_assert_no_error (error);
      g_assert_cmpstr (facts->account, ==, "CAS0001");
      g_assert_cmpstr (facts->company, ==, "株式会社サンプル");
      g_assert_cmpstr (facts->reset_url, ==, GOOD_RESET);
    }
}

static void
test_multipart_alternative (void)
{
  g_autoptr (GDateTime) sent = days_ago (1);
  g_autofree char *text = body_text (GOOD_LOGIN, GOOD_RESET);
  g_autofree char *subject = subject_header ();
  /* The HTML part says something else: the text part is the one read. */
  g_autofree char *multipart = g_strdup_printf (
    "--XYZ\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n%s\n"
    "--XYZ\nContent-Type: text/html; charset=UTF-8\n\n<p>アカウント名: HTML0001</p>\n--XYZ--\n", text);
  g_autofree char *mail = mail_with (subject, "multipart/alternative; boundary=XYZ", "8bit", multipart, sent);
  g_autoptr (KaitsuMailFacts) facts = read_ok (mail);

  assert_complete (facts);
}

static void
test_html_only (void)
{
  g_autoptr (GDateTime) sent = days_ago (1);
  g_autofree char *subject = subject_header ();
  g_autofree char *html = g_strdup_printf (
    "<html><head><style>p { color: red; } /* アカウント名: STYLE */</style></head><body>"
    "<p>次の URL からログインできます。<br><a href=\"%s\">こちら</a></p>"
    "<p>会社名: 株式会社サンプル<br>アカウント名: CAS0001</p>"
    "<p>&#9312; <a href=\"https://forgetpwd.trendmicro.com/ForgetPassword/ResetPassword?T=kjfSy&amp;v=8abc15e1-d6e9-4250-8d9d-3c985a6588f7\">"
    "https://forgetpwd.trendmicro.com/ForgetPassword/ResetPassword?T=kjfSy&amp;v=8abc15e1-d6e9-4250-8d9d-3c985a6588f7</a></p>"
    "<script>var x = 'https://evil.example/ResetPassword';</script></body></html>", GOOD_LOGIN);
  g_autofree char *mail = mail_with (subject, "text/html; charset=UTF-8", "8bit", html, sent);
  g_autoptr (KaitsuMailFacts) facts = read_ok (mail);

  assert_complete (facts);
}

static void
test_html_link_text_lies (void)
{
  g_autoptr (GDateTime) sent = days_ago (1);
  g_autofree char *subject = subject_header ();
  /* The text shows the real address; the link goes elsewhere. The destination is what counts. */
  g_autofree char *html = g_strdup_printf (
    "<p><a href=\"%s\">%s</a></p><p>アカウント名: CAS0001</p>"
    "<p><a href=\"https://trendmicro-secure.example/ResetPassword?T=1\">%s</a></p>",
    GOOD_LOGIN, GOOD_LOGIN, GOOD_RESET);
  g_autofree char *mail = mail_with (subject, "text/html; charset=UTF-8", "8bit", html, sent);
  g_autoptr (KaitsuMailFacts) facts = read_ok (mail);

  g_assert_cmpstr (facts->reset_url, ==, "https://trendmicro-secure.example/ResetPassword?T=1");
  g_assert_true (kaitsu_mail_facts_has (facts, "lookalike-host"));
  g_assert_false (kaitsu_mail_facts_usable (facts));
}

/* Links as HTML writes them in the wild: a hand-made reader misses them, a parser does not.
 * Each shows the genuine reset address and leads elsewhere. */
static void
test_html_link_forms (void)
{
  g_autoptr (GDateTime) sent = days_ago (1);
  g_autofree char *subject = subject_header ();
  const char *forms[] = {
    "<a href = \"https://evil.example/ResetPassword\">{reset}</a>",
    "<A HREF=\"https://evil.example/ResetPassword\">{reset}</A>",
    "<a class=\"btn\" id=x href='https://evil.example/ResetPassword'>{reset}</a>",
    "<a href=https://evil.example/ResetPassword>{reset}</a>",
    "<a href=\"https:/evil.example/ResetPassword\">{reset}</a>",
    "<a href=\"//evil.example/ResetPassword\">{reset}</a>",
    "<a href=\"https://evil.example\\.forgetpwd.trendmicro.com/ResetPassword\">{reset}</a>",
    "<a href=\"javascript:location='https://evil.example'\">{reset}</a>",
    "<a href=\"data:text/html,<script>location='https://evil.example'</script>\">{reset}</a>",
    "<map><area href=\"https://evil.example/ResetPassword\" alt=\"x\"></map><p>{reset}</p>",
    "<form action=\"https://evil.example/ResetPassword\"><button>{reset}</button></form>",
    "<a href=\"&#104;ttps://evil.example/ResetPassword\">{reset}</a>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autoptr (GString) form = g_string_new (forms[i]);
      const char *link = (g_string_replace (form, "{reset}", GOOD_RESET, 0), form->str);
      g_autofree char *html = g_strdup_printf ("<p>アカウント名: CAS0001</p><p><a href=\"%s\">%s</a></p><p>%s</p>",
                                               GOOD_LOGIN, GOOD_LOGIN, link);
      g_autofree char *mail = mail_with (subject, "text/html; charset=UTF-8", "8bit", html, sent);
      g_autoptr (KaitsuMailFacts) facts = read_ok (mail);

      g_test_message ("form %s", forms[i]);
      g_assert_false (kaitsu_mail_facts_usable (facts));
      g_assert_true (kaitsu_mail_facts_has (facts, "link-text-mismatch") || kaitsu_mail_facts_has (facts, "html-link-untrusted") ||
                     kaitsu_mail_facts_has (facts, "untrusted-host") || kaitsu_mail_facts_has (facts, "lookalike-host"));
    }
}

/* The plain part is genuine, the HTML part (what most mail programs show) is not */
static void
test_html_part_lies (void)
{
  g_autoptr (GDateTime) sent = days_ago (1);
  g_autofree char *text = body_text (GOOD_LOGIN, GOOD_RESET);
  g_autofree char *subject = subject_header ();
  g_autofree char *multipart = g_strdup_printf (
    "--XYZ\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n%s\n"
    "--XYZ\nContent-Type: text/html; charset=UTF-8\n\n<p>アカウント名: CAS0001</p>"
    "<p><a href=\"https://evil.example/ForgetPassword/ResetPassword?T=1\">パスワードを設定する</a></p>\n--XYZ--\n", text);
  g_autofree char *mail = mail_with (subject, "multipart/alternative; boundary=XYZ", "8bit", multipart, sent);
  g_autoptr (KaitsuMailFacts) facts = read_ok (mail);

  /* The plain part's links are read, and the mail is still refused */
  g_assert_cmpstr (facts->reset_url, ==, GOOD_RESET);
  g_assert_true (kaitsu_mail_facts_has (facts, "html-link-untrusted"));
  g_assert_false (kaitsu_mail_facts_usable (facts));
}

static char *
forwarded_body (const char *date_line)
{
  g_autofree char *original = body_text (GOOD_LOGIN, GOOD_RESET);
  g_auto (GStrv) lines = g_strsplit (original, "\n", -1);
  g_autofree char *quoted_lines = NULL;
  GString *quoted = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf (quoted, "> %s\n", lines[i]);
  quoted_lines = g_string_free (quoted, FALSE);
  return g_strdup_printf ("確認をお願いします。\n\n"
                          "-----Original Message-----\n"
                          "> 差出人: PLX_account_support_MailBox@trendmicro.co.jp\n"
                          "%s"
                          "> 宛先: admin@example.co.jp\n"
                          "> 件名: %s\n>\n%s",
                          date_line, KAITSU_MAIL_SUBJECT, quoted_lines);
}

static void
test_forwarded (void)
{
  g_autoptr (GDateTime) original_sent = days_ago (2);
  g_autoptr (GDateTime) forwarded_at = days_ago (0.1);
  g_autofree char *shown = g_date_time_format (original_sent, "%Y年%m月%d日 %H:%M");
  g_autofree char *date_line = g_strdup_printf ("> 送信日時: %s\n", shown);
  g_autofree char *body = forwarded_body (date_line);
  g_autofree char *forward_date = kaitsu_mail_format_date (forwarded_at);
  g_autofree char *mail = g_strdup_printf ("From: colleague@example.co.jp\nTo: admin@example.co.jp\n"
                                           "Subject: FW: %s\nDate: %s\nContent-Type: text/plain; charset=UTF-8\n\n%s",
                                           KAITSU_MAIL_SUBJECT, forward_date, body);
  g_autoptr (KaitsuMailFacts) facts = read_ok (mail);

  assert_complete (facts);
  g_assert_true (facts->forwarded);
  g_assert_cmpstr (facts->from, ==, KAITSU_MAIL_SENDER);
  g_assert_false (kaitsu_mail_facts_has (facts, "unknown-sender"));
  /* The original's time, to the minute, not the forward's */
  g_assert_nonnull (facts->sent);
  g_assert_cmpint (g_date_time_to_unix (facts->sent) / 60, ==, g_date_time_to_unix (original_sent) / 60);
}

static void
test_forwarded_without_date (void)
{
  g_autoptr (GDateTime) forwarded_at = days_ago (0.1);
  g_autofree char *forward_date = kaitsu_mail_format_date (forwarded_at);
  g_autofree char *body = forwarded_body ("");
  g_autofree char *mail = g_strdup_printf ("From: colleague@example.co.jp\nSubject: 転送: %s\nDate: %s\n"
                                           "Content-Type: text/plain; charset=UTF-8\n\n%s",
                                           KAITSU_MAIL_SUBJECT, forward_date, body);
  g_autoptr (KaitsuMailFacts) facts = read_ok (mail);

  g_assert_true (facts->forwarded);
  g_assert_null (facts->sent);
  g_assert_cmpint (facts->expired, ==, -1);
  g_assert_true (kaitsu_mail_facts_has (facts, "no-date"));
  /* A warning, not an error: the mail is still usable. */
  g_assert_true (kaitsu_mail_facts_usable (facts));
}

static void
test_forwarded_as_attachment (void)
{
  g_autoptr (GDateTime) sent = days_ago (1);
  g_autofree char *body = body_text (GOOD_LOGIN, GOOD_RESET);
  g_autofree char *subject = subject_header ();
  g_autofree char *original = mail_with (subject, "text/plain; charset=UTF-8", "8bit", body, sent);
  g_autofree char *mail = g_strdup_printf ("From: colleague@example.co.jp\nSubject: Fwd: activation\n"
                                           "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=B\n\n"
                                           "--B\nContent-Type: text/plain\n\nSee attached.\n"
                                           "--B\nContent-Type: message/rfc822\n\n%s\n--B--\n", original);
  g_autoptr (KaitsuMailFacts) facts = read_ok (mail);

  assert_complete (facts);
  g_assert_cmpstr (facts->from, ==, KAITSU_MAIL_SENDER);
  g_assert_cmpint (g_date_time_to_unix (facts->sent), ==, g_date_time_to_unix (sent));
}

static void
test_pasted_outlook (void)
{
  g_autoptr (GDateTime) sent = days_ago (2);
  g_autofree char *shown = g_date_time_format (sent, "%Y/%m/%d (火) %H:%M");
  g_autofree char *body = body_text (GOOD_LOGIN, GOOD_RESET);
  /* As the manual shows the mail in Outlook, copied without headers */
  g_autofree char *pasted = g_strdup_printf ("%s\r\nPLX_account_support_MailBox@trendmicro.co.jp\r\n%s\r\n"
                                             "宛先 admin@example.co.jp\r\n\r\n%s",
                                             shown, KAITSU_MAIL_SUBJECT, body);
  g_autoptr (KaitsuMailFacts) facts = read_ok (pasted);

  assert_complete (facts);
  g_assert_cmpstr (facts->from, ==, KAITSU_MAIL_SENDER);
  g_assert_nonnull (facts->sent);
  /* No zone shown: local time */
  g_assert_cmpint (g_date_time_to_unix (facts->sent) / 60, ==, g_date_time_to_unix (sent) / 60);
  g_assert_cmpuint (facts->problems->len, ==, 0);
}

static void
test_pasted_kanji_date (void)
{
  g_autoptr (GDateTime) sent = days_ago (5);
  g_autofree char *shown = g_date_time_format (sent, "%Y年%m月%d日 %H:%M");
  g_autofree char *body = body_text (GOOD_LOGIN, GOOD_RESET);
  g_autofree char *pasted = g_strdup_printf ("差出人: PLX_account_support_MailBox@trendmicro.co.jp\n"
                                             "送信日時: %s\n件名: %s\n\n%s", shown, KAITSU_MAIL_SUBJECT, body);
  g_autoptr (KaitsuMailFacts) facts = read_ok (pasted);

  assert_complete (facts);
  g_assert_cmpint (g_date_time_to_unix (facts->sent) / 60, ==, g_date_time_to_unix (sent) / 60);
  g_assert_cmpint (kaitsu_mail_facts_days_left (facts, now), ==, 2);
}

static void
test_dates (void)
{
  struct { const char *text; int y, mo, d, h, mi; } cases[] = {
    { "2026/11/24 (火) 20:09", 2026, 11, 24, 20, 9 },
    { "2026年11月24日 20:09", 2026, 11, 24, 20, 9 },
    { "送信日時: 2026年11月24日 (火曜日) 8:09", 2026, 11, 24, 8, 9 },
    { "2021/01/27 (水) 20:09", 2021, 1, 27, 20, 9 },
    { "Tuesday, November 24, 2026 8:09 PM", 2026, 11, 24, 20, 9 },
    { "Tuesday, November 24, 2026 12:05 AM", 2026, 11, 24, 0, 5 },
  };
  g_autoptr (GDateTime) zoned = kaitsu_mail_parse_date ("Tue, 24 Nov 2026 20:09:00 +0900");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GDateTime) date = kaitsu_mail_parse_date (cases[i].text);
      g_autoptr (GDateTime) expected = g_date_time_new_local (cases[i].y, cases[i].mo, cases[i].d,
                                                               cases[i].h, cases[i].mi, 0);

      g_test_message ("date %s", cases[i].text);
      g_assert_nonnull (date);
      g_assert_cmpint (g_date_time_to_unix (date), ==, g_date_time_to_unix (expected));
    }
  g_assert_nonnull (zoned);
  g_assert_cmpint (g_date_time_to_unix (zoned), ==, 1795518540);
  g_assert_null (kaitsu_mail_parse_date ("2026/13/45 99:99"));
  g_assert_null (kaitsu_mail_parse_date ("no date here"));
  g_assert_null (kaitsu_mail_parse_date (NULL));
}

static void
test_link_endings (void)
{
  const char *text = "ログイン（https://clp.trendmicro.com/Dashboard?T=a）。設定は"
                     "https://forgetpwd.trendmicro.com/ForgetPassword/ResetPassword?T=b&v=c、"
                     "または <https://example.com/x> や (https://example.org/y). "
                     "https://en.wikipedia.org/wiki/Foo_(bar)";
  g_autoptr (GPtrArray) links = kaitsu_mail_find_links (text);

  g_assert_cmpuint (links->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (links, 0), ==, "https://clp.trendmicro.com/Dashboard?T=a");
  g_assert_cmpstr (g_ptr_array_index (links, 1), ==,
                   "https://forgetpwd.trendmicro.com/ForgetPassword/ResetPassword?T=b&v=c");
  g_assert_cmpstr (g_ptr_array_index (links, 2), ==, "https://example.com/x");
  g_assert_cmpstr (g_ptr_array_index (links, 3), ==, "https://example.org/y");
  g_assert_cmpstr (g_ptr_array_index (links, 4), ==, "https://en.wikipedia.org/wiki/Foo_(bar)");
}

static void
test_link_check (void)
{
  struct { const char *url; KaitsuLinkVerdict verdict; } cases[] = {
    { GOOD_RESET, KAITSU_LINK_OK },
    { GOOD_LOGIN, KAITSU_LINK_OK },
    { "https://trendmicro.co.jp/", KAITSU_LINK_OK },
    { "https://CLP.TrendMicro.COM./Dashboard", KAITSU_LINK_OK },
    { "https://clp.trendmicro.com:443/Dashboard", KAITSU_LINK_OK },
    { "http://forgetpwd.trendmicro.com/ForgetPassword/ResetPassword?T=1", KAITSU_LINK_NOT_HTTPS },
    { "https://clp.trendmicro.com:8443/Dashboard", KAITSU_LINK_UNTRUSTED_HOST },
    { "https://evil.example/ResetPassword", KAITSU_LINK_UNTRUSTED_HOST },
    { "https://nottrendmicro.com/", KAITSU_LINK_LOOKALIKE_HOST },
    { "https://trendmicro.com.evil.jp/ResetPassword", KAITSU_LINK_LOOKALIKE_HOST },
    { "https://trendmicr0.com/ResetPassword", KAITSU_LINK_LOOKALIKE_HOST },
    { "https://trendrnicro.com/ResetPassword", KAITSU_LINK_LOOKALIKE_HOST },
    { "https://trend-micro-support.co/", KAITSU_LINK_LOOKALIKE_HOST },
    /* Cyrillic е in "trеndmicro", as Unicode and as punycode */
    { "https://forgetpwd.tr\xd0\xb5ndmicro.com/ForgetPassword", KAITSU_LINK_LOOKALIKE_HOST },
    { "https://forgetpwd.xn--trndmicro-h0h.com/ForgetPassword", KAITSU_LINK_LOOKALIKE_HOST },
    { "https://trendmicro.com@evil.example/ResetPassword", KAITSU_LINK_USERINFO },
    { "https://user:pass@clp.trendmicro.com/", KAITSU_LINK_USERINFO },
    { "javascript:alert(1)", KAITSU_LINK_INVALID },
    { "https://", KAITSU_LINK_INVALID },
    { "not a link", KAITSU_LINK_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("link %s", cases[i].url);
      g_assert_cmpint (kaitsu_link_check (cases[i].url, NULL), ==, cases[i].verdict);
    }
  g_assert_cmpstr (kaitsu_link_verdict_get_code (KAITSU_LINK_LOOKALIKE_HOST), ==, "lookalike-host");
}

/* The host a browser would go to (WHATWG URL rules), whatever RFC 3986 would make of it */
static void
test_browser_hosts (void)
{
  struct { const char *url; const char *host; } cases[] = {
    /* Backslashes are slashes to a browser: the host ends before them */
    { "https://evil.example\\.forgetpwd.trendmicro.com/ForgetPassword", "evil.example" },
    { "https:\\\\evil.example\\forgetpwd.trendmicro.com", "evil.example" },
    { "https:/evil.example/forgetpwd.trendmicro.com", "evil.example" },
    { "https:evil.example", "evil.example" },
    { "https:////evil.example", "evil.example" },
    /* Full-width, ideographic and half-width ideographic dots are dots */
    { "https://forgetpwd.trendmicro.com\xef\xbc\x8e" "evil.example/ResetPassword", "forgetpwd.trendmicro.com.evil.example" },
    { "https://forgetpwd.trendmicro.com\xe3\x80\x82" "evil.example/", "forgetpwd.trendmicro.com.evil.example" },
    { "https://forgetpwd.trendmicro.com\xef\xbd\xa1" "evil.example/", "forgetpwd.trendmicro.com.evil.example" },
    /* Full-width letters fold; percent-encoding is decoded */
    { "https://\xef\xbd\x85vil.example/", "evil.example" },
    { "https://forgetpwd.trendmicro.com%2Eevil.example/", "forgetpwd.trendmicro.com.evil.example" },
    { "https://%65vil.example/", "evil.example" },
    /* Tabs and newlines vanish, surrounding spaces too */
    { "  https://evil.ex\tam\nple/  ", "evil.example" },
    /* The last @ ends the user-info */
    { "https://clp.trendmicro.com@x@evil.example/", "evil.example" },
    { "HTTPS://CLP.TRENDMICRO.COM:443/Dashboard", "clp.trendmicro.com" },
    { "https://clp.trendmicro.com?x=@evil.example", "clp.trendmicro.com" },
    { "https://clp.trendmicro.com#@evil.example", "clp.trendmicro.com" },
  };
  const char *refused[] = {
    "https://evil%00.example/", "https://ev il.example/", "https://evil.example:99999/", "https://evil.example:8x/",
    "https://[::1/", "https://%/", "https:///", "://evil.example", "1https://evil.example",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *host = NULL;

      g_test_message ("link %s", cases[i].url);
      kaitsu_link_check (cases[i].url, &host);
      g_assert_cmpstr (host, ==, cases[i].host);
    }
  /* None of the look-alike forms passes */
  for (guint i = 0; i < 13; i++)
    g_assert_cmpint (kaitsu_link_check (cases[i].url, NULL), !=, KAITSU_LINK_OK);
  g_assert_cmpint (kaitsu_link_check (cases[13].url, NULL), ==, KAITSU_LINK_OK);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_test_message ("refused %s", refused[i]);
      g_assert_cmpint (kaitsu_link_check (refused[i], NULL), ==, KAITSU_LINK_INVALID);
    }
  g_assert_null (kaitsu_link_verdict_get_code (KAITSU_LINK_OK));
}

static KaitsuMailFacts *
read_with_links (const char *login,
                 const char *reset,
                 GDateTime  *sent)
{
  g_autofree char *body = body_text (login, reset);
  g_autofree char *subject = subject_header ();
  g_autofree char *mail = mail_with (subject, "text/plain; charset=UTF-8", "8bit", body, sent);

  return read_ok (mail);
}

static void
test_phishing (void)
{
  g_autoptr (GDateTime) sent = days_ago (1);
  struct { const char *reset; const char *code; } cases[] = {
    { "https://forgetpwd.trendmicro.com.evil.jp/ForgetPassword/ResetPassword?T=1", "lookalike-host" },
    { "https://evil.example/ForgetPassword/ResetPassword?T=1", "untrusted-host" },
    { "https://forgetpwd.trendmicro.com@evil.example/ForgetPassword/ResetPassword?T=1", "userinfo-in-url" },
    { "http://forgetpwd.trendmicro.com/ForgetPassword/ResetPassword?T=1", "not-https" },
    { "https://forgetpwd.xn--trndmicro-h0h.com/ForgetPassword/ResetPassword?T=1", "lookalike-host" },
    /* A browser goes to evil.example: backslashes are slashes, a full-width dot is a dot */
    { "https://evil.example\\.forgetpwd.trendmicro.com/ForgetPassword/ResetPassword?T=1", "untrusted-host" },
    { "https://forgetpwd.trendmicro.com\xef\xbc\x8e" "evil.example/ForgetPassword/ResetPassword?T=1", "lookalike-host" },
    { "https://forgetpwd.trendmicro.com\xe3\x80\x82" "evil.example/ForgetPassword/ResetPassword?T=1", "lookalike-host" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (KaitsuMailFacts) facts = read_with_links (GOOD_LOGIN, cases[i].reset, sent);

      g_test_message ("reset link %s", cases[i].reset);
      g_assert_cmpstr (facts->reset_url, ==, cases[i].reset);
      g_assert_true (kaitsu_mail_facts_has (facts, cases[i].code));
      g_assert_false (kaitsu_mail_facts_usable (facts));
    }
}

/* In practice mode a real activation mail is refused: its single-use links belong to the real
 * activation. The practice mail (links on this computer's simulator) is taken. */
static void
test_real_mail_in_practice (void)
{
  g_autoptr (KaitsuSites) practice = kaitsu_sites_new_custom ("http://127.0.0.1:1", "http://127.0.0.1:2",
                                                              "http://127.0.0.1:3", "http://127.0.0.1:4",
                                                              "http://127.0.0.1:5");
  g_autoptr (GDateTime) sent = days_ago (1);
  g_autofree char *subject = subject_header ();
  g_autofree char *real_body = body_text (GOOD_LOGIN, GOOD_RESET);
  g_autofree char *real = mail_with (subject, "text/plain; charset=UTF-8", "8bit", real_body, sent);
  g_autofree char *practice_body = body_text ("http://127.0.0.1:1/Dashboard?T=practice",
                                              "http://127.0.0.1:2/ForgetPassword/ResetPassword?T=practice&v=1");
  g_autofree char *practice_mail = mail_with (subject, "text/plain; charset=UTF-8", "8bit", practice_body, sent);
  g_autoptr (KaitsuMailFacts) in_practice = kaitsu_mail_read_trusting (real, strlen (real), now, practice, NULL);
  g_autoptr (KaitsuMailFacts) in_real = kaitsu_mail_read_trusting (real, strlen (real), now, NULL, NULL);
  g_autoptr (KaitsuMailFacts) practice_read = kaitsu_mail_read_trusting (practice_mail, strlen (practice_mail), now,
                                                                         practice, NULL);
  guint said = 0;

  g_assert_nonnull (in_practice);
  g_assert_true (kaitsu_mail_facts_has (in_practice, "real-mail-in-practice"));
  g_assert_false (kaitsu_mail_facts_usable (in_practice));
  /* Said once for the mail, not once per link */
  for (guint i = 0; i < in_practice->problems->len; i++)
    said += g_str_equal (((KaitsuMailProblem *) g_ptr_array_index (in_practice->problems, i))->code,
                         "real-mail-in-practice");
  g_assert_cmpuint (said, ==, 1);
  g_assert_true (kaitsu_mail_facts_usable (in_real));
  g_assert_nonnull (practice_read);
  g_assert_false (kaitsu_mail_facts_has (practice_read, "real-mail-in-practice"));
  g_assert_true (kaitsu_mail_facts_usable (practice_read));
}

static void
test_expired (void)
{
  g_autoptr (GDateTime) sent = days_ago (7.01);
  g_autoptr (KaitsuMailFacts) facts = read_with_links (GOOD_LOGIN, GOOD_RESET, sent);
  g_autoptr (GDateTime) fresh_sent = days_ago (6.99);
  g_autoptr (KaitsuMailFacts) fresh = read_with_links (GOOD_LOGIN, GOOD_RESET, fresh_sent);

  g_assert_cmpint (facts->expired, ==, 1);
  g_assert_true (kaitsu_mail_facts_has (facts, "link-expired"));
  g_assert_false (kaitsu_mail_facts_usable (facts));
  g_assert_cmpint (kaitsu_mail_facts_days_left (facts, now), ==, 0);
  g_assert_cmpint (fresh->expired, ==, 0);
  g_assert_cmpint (kaitsu_mail_facts_days_left (fresh, now), ==, 1);
  /* Its last day is said in hours, as a warning; earlier days are not */
  g_assert_true (kaitsu_mail_facts_has (fresh, "link-expires-soon"));
  g_assert_true (kaitsu_mail_facts_usable (fresh));
}

/* Hours, not days, when the link has less than a day left */
static void
test_expires_soon (void)
{
  g_autoptr (GDateTime) soon = g_date_time_add_minutes (now, 3 * 60 + 30);
  g_autoptr (GDateTime) later = g_date_time_add_days (now, 3);
  g_autoptr (GDateTime) sent = days_ago (3);
  g_autoptr (KaitsuMailFacts) calm = read_with_links (GOOD_LOGIN, GOOD_RESET, sent);
  g_autofree char *hurry = NULL;
  g_autofree char *days = NULL;
  gboolean urgent = FALSE;

  hurry = kaitsu_mail_dup_validity (soon, now, &urgent);
  g_assert_true (urgent);
  /* The count after the date: 3 h 30 min is "4 hours", rounded up */
  {
    g_autoptr (GDateTime) local = g_date_time_to_local (soon);
    g_autofree char *until = g_date_time_format (local, "%Y-%m-%d %H:%M");
    const char *after = strstr (hurry, until);

    g_assert_nonnull (after);
    g_assert_nonnull (strstr (after + strlen (until), "4"));
    g_assert_null (strstr (after + strlen (until), "3"));
  }
  days = kaitsu_mail_dup_validity (later, now, &urgent);
  g_assert_false (urgent);
  g_assert_nonnull (strstr (days, "3"));
  g_assert_null (kaitsu_mail_dup_validity (now, now, &urgent));
  g_assert_false (kaitsu_mail_facts_has (calm, "link-expires-soon"));
}

static void
test_missing_parts (void)
{
  g_autofree char *subject = subject_header ();
  g_autofree char *no_date = g_strdup_printf ("From: someone@example.co.jp\n%s"
                                              "Content-Type: text/plain; charset=UTF-8\n\nアカウント名: CAS0001\n",
                                              subject);
  g_autoptr (KaitsuMailFacts) facts = read_ok (no_date);

  g_assert_true (kaitsu_mail_facts_has (facts, "no-reset-link"));
  g_assert_true (kaitsu_mail_facts_has (facts, "no-login-link"));
  g_assert_true (kaitsu_mail_facts_has (facts, "no-date"));
  g_assert_true (kaitsu_mail_facts_has (facts, "unknown-sender"));
  g_assert_false (kaitsu_mail_facts_usable (facts));
}

static void
test_not_activation_mail (void)
{
  const char *lunch = "From: colleague@example.co.jp\nSubject: Lunch\nDate: Tue, 24 Nov 2026 12:00:00 +0900\n\n"
                      "Shall we have lunch at https://example.com/menu ?\n";
  g_autoptr (KaitsuMailFacts) facts = read_ok (lunch);

  g_assert_true (kaitsu_mail_facts_has (facts, "not-activation-mail"));
  g_assert_false (kaitsu_mail_facts_usable (facts));
  g_assert_cmpuint (facts->problems->len, ==, 1);
}

static void
test_not_a_mail (void)
{
  static const guchar png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
  const char *inputs[] = { "", "   \n\n  ", "just some words with nothing else" };
  g_autoptr (GError) error = NULL;
  g_autofree char *huge = g_malloc0 (KAITSU_MAIL_MAX_SIZE + 1);

  g_assert_null (kaitsu_mail_read ((const char *) png, sizeof png, now, &error));
  g_assert_error (error, KAITSU_MAIL_ERROR, KAITSU_MAIL_ERROR_NOT_A_MAIL);
  g_clear_error (&error);
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_assert_null (kaitsu_mail_read (inputs[i], strlen (inputs[i]), now, &error));
      g_assert_error (error, KAITSU_MAIL_ERROR, KAITSU_MAIL_ERROR_NOT_A_MAIL);
      g_clear_error (&error);
    }
  memset (huge, 'a', KAITSU_MAIL_MAX_SIZE + 1);
  g_assert_null (kaitsu_mail_read (huge, KAITSU_MAIL_MAX_SIZE + 1, now, &error));
  g_assert_error (error, KAITSU_MAIL_ERROR, KAITSU_MAIL_ERROR_TOO_LARGE);
}

static void
test_json_shape (void)
{
  g_autoptr (GDateTime) sent = days_ago (1);
  g_autoptr (KaitsuMailFacts) facts = read_with_links (GOOD_LOGIN, "https://evil.example/ResetPassword", sent);
  g_autofree char *json = kaitsu_mail_facts_to_json (facts);
  g_autoptr (JsonParser) parser = json_parser_new ();
  const char *keys[] = { "subject", "from", "sent", "company", "account", "login_url", "reset_url",
                         "reset_expires", "expired", "problems" };
  JsonObject *root, *problem;
  g_autoptr (GRegex) iso = g_regex_new ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d$", 0, 0, NULL);

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (json_object_has_member (root, keys[i]));
  g_assert_true (g_regex_match (iso, json_object_get_string_member (root, "sent"), 0, NULL));
  g_assert_true (g_regex_match (iso, json_object_get_string_member (root, "reset_expires"), 0, NULL));
  g_assert_false (json_object_get_boolean_member (root, "expired"));
  problem = json_array_get_object_element (json_object_get_array_member (root, "problems"), 0);
  g_assert_cmpstr (json_object_get_string_member (problem, "severity"), ==, "error");
  g_assert_cmpstr (json_object_get_string_member (problem, "code"), ==, "untrusted-host");
  g_assert_cmpuint (strlen (json_object_get_string_member (problem, "message")), >, 10);
}

static void
test_json_unknowns (void)
{
  const char *text = "件名: 新規アカウント発行のお知らせ\nアカウント名: CAS0002\n";
  g_autoptr (KaitsuMailFacts) facts = read_ok (text);
  g_autofree char *json = kaitsu_mail_facts_to_json (facts);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_get_null_member (root, "sent"));
  g_assert_true (json_object_get_null_member (root, "expired"));
  g_assert_true (json_object_get_null_member (root, "reset_expires"));
  g_assert_true (json_object_get_null_member (root, "company"));
}

#ifdef KAITSU_BINARY
/* The command-line contract: exit 0 usable, 1 problems, 2 unreadable; - reads standard input. */
static int
run_check_mail (const char *input,
                gsize       length,
                gboolean    json,
                char      **out)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GBytes) stdin_bytes = g_bytes_new (input, length);
  g_autoptr (GBytes) stdout_bytes = NULL;
  g_autoptr (GError) error = NULL;

  process = g_subprocess_launcher_spawn (launcher, &error, KAITSU_BINARY, "--check-mail", "-",
                                         json ? "--json" : NULL, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate (process, stdin_bytes, NULL, &stdout_bytes, NULL, &error));
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_strndup (g_bytes_get_data (stdout_bytes, NULL), g_bytes_get_size (stdout_bytes));
  return g_subprocess_get_exit_status (process);
}

static void
test_command_line (void)
{
  g_autoptr (GDateTime) sent = days_ago (1);
  g_autoptr (GDateTime) old = days_ago (30);
  g_autofree char *body = body_text (GOOD_LOGIN, GOOD_RESET);
  g_autofree char *subject = subject_header ();
  g_autofree char *good = mail_with (subject, "text/plain; charset=UTF-8", "8bit", body, sent);
  g_autofree char *expired = mail_with (subject, "text/plain; charset=UTF-8", "8bit", body, old);
  g_autofree char *out = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();

  g_assert_cmpint (run_check_mail (good, strlen (good), TRUE, &out), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "account"),
                   ==, "CAS0001");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_check_mail (expired, strlen (expired), FALSE, &out), ==, 1);
  g_assert_nonnull (strstr (out, "link-expired"));
  g_assert_cmpint (run_check_mail ("\x89PNG\r\n\x1a\n\0\0", 10, FALSE, NULL), ==, 2);
}

#endif

/* The mail's times in its own zone, as its reader saw them in the mail program, and one format;
 * on a computer set to another zone the zone is named (a mail sent at 20:09 in Japan is not
 * shown as 11:09 on a computer on UTC) */
static void
test_time_in_its_zone (void)
{
  g_autoptr (GTimeZone) japan = g_time_zone_new_offset (9 * 3600);
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GTimeZone) new_york = g_time_zone_new_offset (-5 * 3600);
  g_autoptr (GDateTime) sent = g_date_time_new (japan, 2021, 1, 27, 20, 9, 0);
  g_autoptr (GDateTime) at_utc = g_date_time_new (utc, 2021, 1, 27, 11, 9, 0);
  g_autoptr (GDateTime) elsewhere = g_date_time_new (new_york, 2021, 1, 27, 6, 9, 0);
  g_autoptr (GDateTime) local = g_date_time_new_now_local ();
  g_autofree char *shown = NULL;
  g_autofree char *at_home = NULL;
  g_autofree char *other = NULL;
  g_autofree char *here = kaitsu_mail_format_time (local);

  /* This test runs with TZ=UTC (see main) */
  g_assert_cmpint (g_date_time_get_utc_offset (local), ==, 0);
  shown = kaitsu_mail_format_time (sent);
  at_home = kaitsu_mail_format_time (at_utc);
  other = kaitsu_mail_format_time (elsewhere);
  g_assert_cmpstr (shown, ==, "2021-01-27 20:09 (Japan time)");
  g_assert_cmpstr (at_home, ==, "2021-01-27 11:09");
  g_assert_cmpstr (other, ==, "2021-01-27 06:09 (UTC-05:00)");
  g_assert_null (strchr (here, '('));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Before GLib reads the local zone: the zone tests compare against */
  g_setenv ("TZ", "UTC", TRUE);
  kaitsu_test_init (&argc, &argv);
  now = g_date_time_new_now_local ();
  g_test_add_func ("/mail/utf8-8bit", test_utf8_8bit);
  g_test_add_func ("/mail/time-in-its-zone", test_time_in_its_zone);
  g_test_add_func ("/mail/one-bad-byte", test_one_bad_byte);
  g_test_add_func ("/mail/iso-2022-jp", test_iso2022jp);
  g_test_add_func ("/mail/shift-jis-base64", test_shift_jis_base64);
  g_test_add_func ("/mail/euc-jp-quoted-printable", test_euc_jp_quoted_printable);
  g_test_add_func ("/mail/undeclared-charsets", test_undeclared_charsets);
  g_test_add_func ("/mail/multipart-alternative", test_multipart_alternative);
  g_test_add_func ("/mail/html-only", test_html_only);
  g_test_add_func ("/mail/html-link-text-lies", test_html_link_text_lies);
  g_test_add_func ("/mail/html-link-forms", test_html_link_forms);
  g_test_add_func ("/mail/html-part-lies", test_html_part_lies);
  g_test_add_func ("/mail/forwarded", test_forwarded);
  g_test_add_func ("/mail/forwarded-without-date", test_forwarded_without_date);
  g_test_add_func ("/mail/forwarded-as-attachment", test_forwarded_as_attachment);
  g_test_add_func ("/mail/pasted-outlook", test_pasted_outlook);
  g_test_add_func ("/mail/pasted-kanji-date", test_pasted_kanji_date);
  g_test_add_func ("/mail/dates", test_dates);
  g_test_add_func ("/mail/link-endings", test_link_endings);
  g_test_add_func ("/mail/link-check", test_link_check);
  g_test_add_func ("/mail/browser-hosts", test_browser_hosts);
  g_test_add_func ("/mail/phishing", test_phishing);
  g_test_add_func ("/mail/real-mail-in-practice", test_real_mail_in_practice);
  g_test_add_func ("/mail/expired", test_expired);
  g_test_add_func ("/mail/expires-soon", test_expires_soon);
  g_test_add_func ("/mail/missing-parts", test_missing_parts);
  g_test_add_func ("/mail/not-activation-mail", test_not_activation_mail);
  g_test_add_func ("/mail/not-a-mail", test_not_a_mail);
  g_test_add_func ("/mail/json-shape", test_json_shape);
  g_test_add_func ("/mail/json-unknowns", test_json_unknowns);
#ifdef KAITSU_BINARY
  g_test_add_func ("/mail/command-line", test_command_line);
#endif
  status = g_test_run ();
  g_date_time_unref (now);
  return status;
}
