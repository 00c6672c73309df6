/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-activation.c: the description is whole, and it recognises the real sites' whole pages */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

#include "kaitsu-activation.h"
#include "kaitsu-page-reading.h"
#include "kaitsu-test-util.h"

/* The screen ids are a contract with support staff (README) */
static const char * const contract_screens[] = {
  "password-reset", "password-reset-done", "lmp-login", "lmp-2fa-offer", "lmp-2fa-code",
  "lmp-privacy", "lmp-dashboard", "lmp-console-terms", "lmp-console-opening", "v1-signin",
  "console", "console-service-accounts", "console-grant", "console-grant-done", "console-policies",
  "console-policy", "console-teams-chat", "ms-account",
  "ms-pick-account", "ms-password", "ms-mfa", "ms-mfa-register", "ms-kmsi", "ms-consent",
  "ms-need-admin", "ms-blocked", "ms-error", "provision", "provision-error", "sharepoint-appinv",
  "sharepoint-trust", "sharepoint-principals", "sharepoint-refused", "unknown",
};

/* Screens of which no English form is public: the licensing portal's and password pages'
 * own texts are known from the Japanese manual only (FACTS.md gives English for 2FA only). */
static const char * const japanese_only[] = {
  "password-reset", "password-reset-done", "lmp-login", "lmp-privacy", "lmp-console-terms",
  "lmp-console-opening", "provision", "provision-error", "unknown",
};

/* lmp-2fa-code: the emergency-code page is documented in English only. */
static const char * const english_only[] = { "lmp-2fa-code", "provision", "provision-error", "unknown" };

static char *
read_description (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "activation.xml", NULL);
  g_autoptr (GError) error = NULL;
  char *xml = NULL;

  g_assert_true (g_file_get_contents (path, &xml, NULL, &error));
  g_assert_no_error (error);
  return xml;
}

static void
test_contract (void)
{
  KaitsuActivation *activation = kaitsu_activation_get_default ();

  g_assert_cmpuint (kaitsu_activation_get_n_screens (activation), ==, G_N_ELEMENTS (contract_screens));
  for (guint i = 0; i < G_N_ELEMENTS (contract_screens); i++)
    {
      const KaitsuScreen *screen = kaitsu_activation_find_screen (activation, contract_screens[i]);

      g_assert_nonnull (screen);
      g_assert_cmpstr (kaitsu_screen_get_id (screen), ==, contract_screens[i]);
    }
  g_assert_true (kaitsu_activation_get_unknown (activation) ==
                 kaitsu_activation_find_screen (activation, "unknown"));
}

/* The file as shipped loads; each way of breaking it is refused with a sentence that says where */
static void
test_broken_descriptions (void)
{
  static const struct { const char *from; const char *to; const char *says; } breaks[] = {
    /* a step out of the contract's order */
    { "<step id=\"login\"", "<step id=\"log-in\"", "where the contract has" },
    /* a sentence quoting a label that does not exist */
    { "press {grant-permission}.</text>", "press {grant-permision}.</text>", "is not a label" },
    /* a screen that another's example also matches, no longer resolved */
    { "over=\"ms-error ms-account ms-password\">", "over=\"ms-account ms-password\">", "also recognises the example" },
    /* a sub-step showing a screen nobody describes */
    { "<substep screens=\"lmp-privacy\">", "<substep screens=\"lmp-privacy lmp-nothing\">", "unknown screen" },
    /* a web step with no way in */
    { " start=\"console:/\" stay=\"console\" complete=\"all-protected\"", " complete=\"all-protected\"", "needs a start" },
    /* an example its own screen no longer recognises */
    { "<t>Stay signed in?</t>", "<t>Remain signed in?</t>", "does not recognise its own example" },
    /* a practice action pressing nothing */
    { "<practice press=\"ms-no\"/>", "<practice press=\"ms-never\"/>", "presses an unknown label" },
    { "<activation version=\"1\">", "<activation version=\"9\">", "format Kaitsu does not know" },
    /* a warning for a sub-step the step does not have, or not even a number */
    { "<warning substep=\"1\">Never choose", "<warning substep=\"8\">Never choose", "a warning for sub-step 8" },
    { "<warning substep=\"1\">Never choose", "<warning substep=\"first\">Never choose", "a sub-step's number" },
    { "</activation>", "", "" },
  };
  g_autofree char *xml = read_description ();
  g_autoptr (GError) error = NULL;
  KaitsuActivation *activation = kaitsu_activation_new_from_data (xml, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (activation);
  kaitsu_activation_free (activation);

  for (guint i = 0; i < G_N_ELEMENTS (breaks); i++)
    {
      g_autoptr (GString) broken = g_string_new (xml);
      g_autoptr (GError) broken_error = NULL;

      g_test_message ("breaking: %s", breaks[i].from);
      g_assert_cmpuint (g_string_replace (broken, breaks[i].from, breaks[i].to, 1), ==, 1);
      g_assert_null (kaitsu_activation_new_from_data (broken->str, broken->len, &broken_error));
      g_assert_nonnull (broken_error);
      g_test_message ("%s", broken_error->message);
      g_assert_nonnull (strstr (broken_error->message, breaks[i].says));
    }
  /* Not a description at all */
  {
    static const char * const garbage[] = { "", "\xff\xfe<", "<activation version=\"1\"><step", "{\"steps\": []}" };

    for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
      {
        g_autoptr (GError) garbage_error = NULL;
        g_assert_null (kaitsu_activation_new_from_data (garbage[i], -1, &garbage_error));
        g_assert_nonnull (garbage_error);
      }
  }
}

typedef struct
{
  char *name;
  char *url;
  char *screen;
  char *code;
  char *correlation;
  char *request;
  char *timestamp;
  char *service;
  char *text;
} PageFile;

static void
page_file_free (PageFile *page)
{
  g_free (page->name);
  g_free (page->url);
  g_free (page->screen);
  g_free (page->code);
  g_free (page->correlation);
  g_free (page->request);
  g_free (page->timestamp);
  g_free (page->service);
  g_free (page->text);
  g_free (page);
}

static PageFile *
read_page_file (const char *dir,
                const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  PageFile *page = g_new0 (PageFile, 1);
  const char *p;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  page->name = g_strdup (name);
  p = contents;
  while (g_str_has_prefix (p, "# "))
    {
      const char *end = strchr (p, '\n');
      g_autofree char *line = g_strndup (p + 2, end != NULL ? end - p - 2 : (gssize) strlen (p + 2));
      char *colon = strstr (line, ": ");
      char **field = NULL;

      g_assert_nonnull (colon);
      *colon = '\0';
      if (g_str_equal (line, "url"))
        field = &page->url;
      else if (g_str_equal (line, "screen"))
        field = &page->screen;
      else if (g_str_equal (line, "code"))
        field = &page->code;
      else if (g_str_equal (line, "correlation"))
        field = &page->correlation;
      else if (g_str_equal (line, "request"))
        field = &page->request;
      else if (g_str_equal (line, "timestamp"))
        field = &page->timestamp;
      else if (g_str_equal (line, "service"))
        field = &page->service;
      g_assert_nonnull (field);
      *field = g_strdup (colon + 2);
      p = end != NULL ? end + 1 : p + strlen (p);
    }
  page->text = g_strdup (p);
  g_assert_nonnull (page->url);
  g_assert_nonnull (page->screen);
  return page;
}

static GPtrArray *
read_page_files (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "pages", NULL);
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  GPtrArray *pages = g_ptr_array_new_with_free_func ((GDestroyNotify) page_file_free);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (pages, read_page_file (dir, name));
  g_assert_cmpuint (pages->len, >=, 60);
  return pages;
}

static gboolean
in_list (const char * const *list,
         guint               n,
         const char         *id)
{
  for (guint i = 0; i < n; i++)
    if (g_str_equal (list[i], id))
      return TRUE;
  return FALSE;
}

/* Every page of the corpus is read as the screen it is, with its code and ids */
static void
test_whole_pages (void)
{
  g_autoptr (GPtrArray) pages = read_page_files ();
  g_autoptr (KaitsuSites) sites = kaitsu_sites_new_real ("jp");
  g_autoptr (GHashTable) seen_ja = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) seen_en = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < pages->len; i++)
    {
      PageFile *page = g_ptr_array_index (pages, i);
      g_autoptr (KaitsuPageReading) reading = kaitsu_page_read (sites, page->url, page->text);

      g_test_message ("%s: %s", page->name, kaitsu_screen_get_id (reading->screen));
      g_assert_cmpstr (kaitsu_screen_get_id (reading->screen), ==, page->screen);
      g_assert_cmpuint (reading->code, ==, page->code != NULL ? g_ascii_strtoull (page->code, NULL, 10) : 0);
      g_assert_cmpstr (reading->correlation_id, ==, page->correlation);
      if (page->request != NULL)
        g_assert_cmpstr (reading->request_id, ==, page->request);
      if (page->timestamp != NULL)
        g_assert_cmpstr (reading->timestamp, ==, page->timestamp);
      if (page->service != NULL)
        g_assert_cmpstr (kaitsu_service_get_id (reading->service), ==, page->service);
      g_hash_table_add (strstr (page->name, ".ja.") != NULL ? seen_ja : seen_en, page->screen);
      if (strstr (page->name, ".ja.") != NULL)
        g_assert_cmpstr (reading->language, ==, "ja");
      else if (strstr (page->name, ".en.") != NULL)
        g_assert_cmpstr (reading->language, ==, "en");
    }
  /* Both languages wherever both are known */
  for (guint i = 0; i < G_N_ELEMENTS (contract_screens); i++)
    {
      const char *id = contract_screens[i];

      if (!in_list (english_only, G_N_ELEMENTS (english_only), id) && !g_hash_table_contains (seen_ja, id))
        g_error ("no Japanese page of %s in tests/pages", id);
      if (!in_list (japanese_only, G_N_ELEMENTS (japanese_only), id) && !g_hash_table_contains (seen_en, id))
        g_error ("no English page of %s in tests/pages", id);
      if (!g_hash_table_contains (seen_ja, id) && !g_hash_table_contains (seen_en, id))
        g_error ("no page of %s in tests/pages", id);
    }
}

/* The same address serves different screens: only the visible text tells them apart */
static void
test_same_address (void)
{
  g_autoptr (KaitsuSites) sites = kaitsu_sites_new_real ("jp");
  const char *uri = "https://login.microsoftonline.com/common/login";
  static const struct { const char *text; const char *screen; } cases[] = {
    { "Microsoft Sign in Email, phone, or Skype Next", "ms-account" },
    { "Microsoft Enter password Password Sign in", "ms-password" },
    { "Microsoft Stay signed in? No Yes", "ms-kmsi" },
    { "Microsoft Pick an account Use another account", "ms-pick-account" },
    { "Microsoft More information required Next", "ms-mfa-register" },
    { "Microsoft Approve sign in request 42", "ms-mfa" },
    { "Microsoft", "unknown" },
    { "", "unknown" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (KaitsuPageReading) reading = kaitsu_page_read (sites, uri, cases[i].text);
      g_assert_cmpstr (kaitsu_screen_get_id (reading->screen), ==, cases[i].screen);
    }
}

/* Where a page is: every region's console, Vision One, other hosts unknown, never http */
static void
test_sites (void)
{
  g_autoptr (KaitsuSites) sites = kaitsu_sites_new_real ("jp");
  static const struct { const char *uri; const char *site; const char *platform; } cases[] = {
    { "https://admin-eu.tmcas.trendmicro.com/", "console", "cas" },
    { "https://admin.tmcas.trendmicro.com.sg/x", "console", "cas" },
    { "https://portal.eu.xdr.trendmicro.com/index.html", "console", "vision-one" },
    { "https://signin.v1.trendmicro.com/", "vision-one-signin", "vision-one" },
    { "https://contoso-admin.sharepoint.com/_layouts/15/AppInv.aspx", "sharepoint-admin", NULL },
    { "https://login.live.com/", "microsoft", NULL },
    { "http://admin.tmcas.trendmicro.co.jp/", NULL, NULL },
    { "https://admin.tmcas.trendmicro.co.jp.evil.example/", NULL, NULL },
    { "https://user@admin.tmcas.trendmicro.co.jp/", NULL, NULL },
    { "https://-admin.sharepoint.com/", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      KaitsuPlatform platform;
      KaitsuSite site = kaitsu_sites_recognise (sites, cases[i].uri, &platform);

      g_assert_cmpstr (site != KAITSU_SITE_NONE ? kaitsu_site_get_id (site) : NULL, ==, cases[i].site);
      g_assert_cmpstr (kaitsu_platform_get_id (platform), ==, cases[i].platform);
    }
}

/* A screen shows the sub-step it belongs to, in every step that has it */
static void
test_substeps (void)
{
  KaitsuActivation *activation = kaitsu_activation_get_default ();
  const KaitsuScreen *kmsi = kaitsu_activation_find_screen (activation, "ms-kmsi");
  const KaitsuScreen *pick = kaitsu_activation_find_screen (activation, "ms-pick-account");
  const KaitsuScreen *error = kaitsu_activation_find_screen (activation, "ms-error");
  const KaitsuScreen *unknown = kaitsu_activation_get_unknown (activation);

  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    {
      g_assert_cmpint (kaitsu_step_find_substep (kaitsu_service_get_step (s), kmsi), ==, 3);
      g_assert_cmpint (kaitsu_step_find_substep (kaitsu_service_get_step (s), pick), ==, 2);
    }
  g_assert_cmpint (kaitsu_step_find_substep (KAITSU_STEP_LOGIN, kmsi), ==, -1);
  g_assert_cmpint (kaitsu_step_find_substep (KAITSU_STEP_ONEDRIVE, unknown), ==, -1);
  g_assert_true (kaitsu_screen_keeps_substep (unknown));
  g_assert_true (kaitsu_screen_keeps_substep (error));
  g_assert_false (kaitsu_screen_keeps_substep (kmsi));
  g_assert_true (kaitsu_screen_confirms (kaitsu_activation_find_screen (activation, "lmp-dashboard"), KAITSU_STEP_LOGIN));
  g_assert_false (kaitsu_screen_confirms (kaitsu_activation_find_screen (activation, "lmp-dashboard"), KAITSU_STEP_CONSOLE));
}

/* Labels are quoted as the site shows them, and follow it when it turns out English */
static void
test_labels_follow_the_site (void)
{
  g_autofree char *ja = NULL;
  g_autofree char *en = NULL;

  kaitsu_activation_set_site_language (KAITSU_SITE_CONSOLE, "ja");
  ja = kaitsu_step_dup_substep_text (KAITSU_STEP_ONEDRIVE, 1);
  kaitsu_activation_set_site_language (KAITSU_SITE_CONSOLE, "en");
  en = kaitsu_step_dup_substep_text (KAITSU_STEP_ONEDRIVE, 1);
  kaitsu_activation_set_site_language (KAITSU_SITE_CONSOLE, "ja");
  g_assert_nonnull (strstr (ja, "「権限の付与」"));
  g_assert_nonnull (strstr (en, "「Grant Permission」"));
  g_assert_cmpstr (kaitsu_text_guess_language ("サインインの状態を維持しますか?"), ==, "ja");
  g_assert_cmpstr (kaitsu_text_guess_language ("Stay signed in? 山田太郎"), ==, "en");
}

/* Texts compare as a reader sees them, and short Latin labels only as whole words */
static void
test_folding (void)
{
  g_assert_true (kaitsu_text_contains ("サインインの状態を維持しますか？", "サインインの状態を維持しますか?"));
  g_assert_true (kaitsu_text_contains ("Sorry, but we're having   trouble", "Sorry, but we’re having trouble"));
  g_assert_true (kaitsu_text_contains ("ＯＫ", "OK"));
  g_assert_false (kaitsu_text_contains ("Facebook", "ok"));
  g_assert_false (kaitsu_text_contains ("Address", "Add"));
  g_assert_true (kaitsu_text_contains ("Add a service", "Add"));
  g_assert_false (kaitsu_text_contains ("\xff\xfe", "a"));
}

static char *
write_temp (const char *name,
            const char *data,
            gssize      length)
{
  g_autofree char *dir = g_dir_make_tmp ("kaitsu-explain-XXXXXX", NULL);
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, data, length, NULL));
  return path;
}

static int
run_explain (const char * const *args,
             char              **out)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) KAITSU_BINARY);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               out, NULL, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* `kaitsu --explain-page`: the contract support staff script against */
static void
test_explain_page_command (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "pages", NULL);
  g_autofree char *blocked = g_build_filename (dir, "ms-blocked.2026.ja.txt", NULL);
  g_autofree char *body = NULL;
  g_autofree char *out = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *object;
  g_autofree char *text = NULL;
  const char *uri = "https://login.microsoftonline.com/common/oauth2/authorize";

  /* The test reads the page text without its header lines, as a customer would paste it */
  g_assert_true (g_file_get_contents (blocked, &text, NULL, NULL));
  body = write_temp ("page.txt", strstr (text, "\nMicrosoft\n") + 1, -1);
  {
    const char *args[] = { "--explain-page", uri, "--text-file", body, "--json", NULL };
    g_assert_cmpint (run_explain (args, &out), ==, 0);
  }
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "site"), ==, "microsoft");
  g_assert_true (json_object_get_null_member (object, "platform"));
  g_assert_cmpstr (json_object_get_string_member (object, "screen"), ==, "ms-blocked");
  g_assert_cmpint (json_object_get_int_member (object, "code"), ==, 53003);
  g_assert_cmpstr (json_object_get_string_member (object, "correlation_id"), ==, "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d");
  g_assert_cmpstr (json_object_get_string_member (object, "request_id"), ==, "0f4c2a1e-1b2c-4d3e-8f90-a1b2c3d4e5f6");
  g_assert_cmpstr (json_object_get_string_member (object, "timestamp"), ==, "2026-03-02T10:11:12Z");
  g_assert_true (json_object_get_null_member (object, "step"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "substeps")), ==, 0);
  if (kaitsu_test_ui_is_japanese ())
    g_assert_nonnull (strstr (json_object_get_string_member (object, "advice"), "ブラウザー"));
  else
    g_assert_nonnull (strstr (json_object_get_string_member (object, "advice"), "web browser"));
  g_clear_pointer (&out, g_free);

  /* A grant dialog names its service: step and sub-step are known */
  {
    g_autofree char *grant = write_temp ("grant.txt", "TrendAI™ Cloud App Security\nMicrosoft Teamsへのアクセス権付与\nここをクリック\n権限の付与\n", -1);
    const char *args[] = { "--explain-page", "https://admin.tmcas.trendmicro.co.jp/", "--text-file", grant, "--json", NULL };
    g_autoptr (JsonParser) grant_parser = json_parser_new ();

    g_assert_cmpint (run_explain (args, &out), ==, 0);
    g_assert_true (json_parser_load_from_data (grant_parser, out, -1, NULL));
    object = json_node_get_object (json_parser_get_root (grant_parser));
    g_assert_cmpstr (json_object_get_string_member (object, "screen"), ==, "console-grant");
    g_assert_cmpstr (json_object_get_string_member (object, "platform"), ==, "cas");
    g_assert_cmpstr (json_object_get_string_member (object, "service"), ==, "teams");
    g_assert_cmpstr (json_object_get_string_member (object, "step"), ==, "teams");
    g_assert_cmpstr (json_object_get_string_member (object, "substep"), ==, "teams.2");
    g_clear_pointer (&out, g_free);
  }

  /* Not recognised: 1; the address alone, no text: still read */
  {
    g_autofree char *maintenance = write_temp ("m.txt", "定期メンテナンスのお知らせ\n", -1);
    const char *args[] = { "--explain-page", "https://admin.tmcas.trendmicro.co.jp/m", "--text-file", maintenance, NULL };
    const char *no_text[] = { "--explain-page", "https://admin.tmcas.trendmicro.co.jp/provision.html?admin_consent=True", "--json", NULL };

    g_assert_cmpint (run_explain (args, &out), ==, 1);
    g_clear_pointer (&out, g_free);
    g_assert_cmpint (run_explain (no_text, &out), ==, 0);
    g_assert_nonnull (strstr (out, "\"provision\""));
    g_clear_pointer (&out, g_free);
  }

  /* Text saved by other editors: UTF-16 with its mark, Shift_JIS */
  {
    const char *kmsi = "サインインの状態を維持しますか？\nいいえ\nはい\n";
    gsize length16 = 0, length_sjis = 0;
    g_autofree char *utf16 = g_convert (kmsi, -1, "UTF-16LE", "UTF-8", NULL, &length16, NULL);
    g_autofree char *sjis_text = g_convert (kmsi, -1, "CP932", "UTF-8", NULL, &length_sjis, NULL);
    g_autofree char *marked = g_malloc (length16 + 2);
    g_autofree char *path16 = NULL;
    g_autofree char *sjis = NULL;

    marked[0] = '\xFF';
    marked[1] = '\xFE';
    memcpy (marked + 2, utf16, length16);
    path16 = write_temp ("16.txt", marked, length16 + 2);
    sjis = write_temp ("sjis.txt", sjis_text, length_sjis);
    {
      const char *args16[] = { "--explain-page", uri, "--text-file", path16, NULL };
      const char *args_sjis[] = { "--explain-page", uri, "--text-file", sjis, NULL };

      g_assert_cmpint (run_explain (args16, &out), ==, 0);
      g_assert_nonnull (strstr (out, "ms-kmsi"));
      g_clear_pointer (&out, g_free);
      g_assert_cmpint (run_explain (args_sjis, &out), ==, 0);
      g_assert_nonnull (strstr (out, "ms-kmsi"));
      g_clear_pointer (&out, g_free);
    }
  }

  /* Unusable input: 2, with a message, never a crash */
  {
    g_autofree char *huge_text = g_strnfill (KAITSU_PAGE_TEXT_MAX + 10, 'a');
    g_autofree char *huge = write_temp ("huge.txt", huge_text, -1);
    g_autofree char *binary = write_temp ("bin.txt", "\x00\x01\xfe\xff\x80\x81 Stay signed in?", 23);
    const char *cases[][6] = {
      { "--explain-page", "not an address", NULL },
      { "--explain-page", "ftp://login.microsoftonline.com/", NULL },
      { "--explain-page", uri, "--text-file", "/nonexistent/kaitsu/page.txt", NULL },
      { "--explain-page", uri, "--text-file", huge, NULL },
      { "--text-file", huge, NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_assert_cmpint (run_explain (cases[i], &out), ==, 2);
        g_clear_pointer (&out, g_free);
      }
    /* Damaged bytes are read as far as they make sense */
    {
      const char *args[] = { "--explain-page", uri, "--text-file", binary, NULL };
      int status = run_explain (args, &out);

      g_assert_true (status == 0 || status == 1);
    }
  }
}

int
main (int   argc,
      char *argv[])
{
  kaitsu_test_init (&argc, &argv);
  g_test_add_func ("/activation/contract", test_contract);
  g_test_add_func ("/activation/broken-descriptions", test_broken_descriptions);
  g_test_add_func ("/activation/whole-pages", test_whole_pages);
  g_test_add_func ("/activation/same-address", test_same_address);
  g_test_add_func ("/activation/sites", test_sites);
  g_test_add_func ("/activation/substeps", test_substeps);
  g_test_add_func ("/activation/labels-follow-the-site", test_labels_follow_the_site);
  g_test_add_func ("/activation/folding", test_folding);
#ifdef KAITSU_BINARY
  g_test_add_func ("/activation/explain-page-command", test_explain_page_command);
#endif
  return g_test_run ();
}
