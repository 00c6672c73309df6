/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-preflight.c: the connection check against local servers with certificates made here */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "kaitsu-preflight.h"
#include "kaitsu-test-util.h"

#define ATTEMPT_MS 2000
#define TOTAL_MS 8000

static char *dir;
static GTlsDatabase *database;

static void
openssl (const char *args)
{
  g_autofree char *command = g_strdup_printf ("openssl %s", args);
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  g_assert_true (g_spawn_command_line_sync (command, NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", command, err);
}

static char *
path (const char *name)
{
  return g_build_filename (dir, name, NULL);
}

/* A test CA, a certificate for localhost and one for another host signed by it, and a
 * self-signed one as an intercepting antivirus would present. */
static void
make_certificates (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *ca = path ("ca.pem");
  g_autofree char *ext_local = path ("local.ext");
  g_autofree char *ext_other = path ("other.ext");
  g_autofree char *args = NULL;

  g_assert_true (g_file_set_contents (ext_local, "subjectAltName=DNS:localhost,IP:127.0.0.1\n", -1, NULL));
  g_assert_true (g_file_set_contents (ext_other, "subjectAltName=DNS:other.example\n", -1, NULL));
  args = g_strdup_printf ("req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=Kaitsu\\ Test\\ CA "
                          "-keyout %s/ca.key -out %s/ca.pem", dir, dir);
  openssl (args);
  g_clear_pointer (&args, g_free);
  for (guint i = 0; i < 2; i++)
    {
      const char *name = i == 0 ? "local" : "other";
      const char *cn = i == 0 ? "localhost" : "other.example";

      args = g_strdup_printf ("req -new -newkey rsa:2048 -nodes -subj /CN=%s -keyout %s/%s.key -out %s/%s.csr",
                              cn, dir, name, dir, name);
      openssl (args);
      g_clear_pointer (&args, g_free);
      args = g_strdup_printf ("x509 -req -days 2 -in %s/%s.csr -CA %s/ca.pem -CAkey %s/ca.key "
                              "-CAcreateserial -extfile %s/%s.ext -out %s/%s.pem",
                              dir, name, dir, dir, dir, name, dir, name);
      openssl (args);
      g_clear_pointer (&args, g_free);
    }
  args = g_strdup_printf ("req -x509 -newkey rsa:2048 -nodes -days 2 "
                          "-subj /CN=Kaitsu\\ Test\\ Antivirus -addext subjectAltName=DNS:localhost "
                          "-keyout %s/intercept.key -out %s/intercept.pem", dir, dir);
  openssl (args);
  database = g_tls_file_database_new (ca, &error);
  g_assert_no_error (error);
}

static GTlsCertificate *
certificate (const char *name)
{
  g_autofree char *cert = g_strdup_printf ("%s/%s.pem", dir, name);
  g_autofree char *key = g_strdup_printf ("%s/%s.key", dir, name);
  g_autoptr (GError) error = NULL;
  GTlsCertificate *result = g_tls_certificate_new_from_files (cert, key, &error);

  g_assert_no_error (error);
  return result;
}

#define ENDLESS G_MAXINT
static char endless_chunk[64 * 1024];

static void
write_more (SoupServerMessage *msg)
{
  soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_STATIC,
                            endless_chunk, sizeof endless_chunk);
}

static void
serve (SoupServer        *server,
       SoupServerMessage *msg,
       const char        *path_,
       GHashTable        *query,
       gpointer           data)
{
  int skew = GPOINTER_TO_INT (data);

  /* A body without end: more is written as soon as the last chunk is out */
  if (g_str_equal (path_, "/") && skew == ENDLESS)
    {
      SoupMessageBody *body = soup_server_message_get_response_body (msg);

      soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg), SOUP_ENCODING_CHUNKED);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_body_append (body, SOUP_MEMORY_STATIC, endless_chunk, sizeof endless_chunk);
      g_signal_connect (msg, "wrote-chunk", G_CALLBACK (write_more), NULL);
      return;
    }
  if (skew != 0)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr (GDateTime) shown = g_date_time_add_seconds (now, skew);
      g_autofree char *date = soup_date_time_to_string (shown, SOUP_DATE_HTTP);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Date", date);
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "ok", 2);
}

static char *
start_server (SoupServer **out,
              const char  *cert,
              int          skew)
{
  g_autoptr (GTlsCertificate) tls = certificate (cert);
  g_autoptr (GError) error = NULL;
  SoupServer *server = soup_server_new ("tls-certificate", tls, NULL);
  GSList *uris;
  char *base;

  soup_server_add_handler (server, NULL, serve, GINT_TO_POINTER (skew), NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_HTTPS |
                                           SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_strdup_printf ("https://localhost:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  *out = server;
  return base;
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  g_autoptr (GError) error = NULL;

  *(KaitsuPreflightReport **) data = kaitsu_preflight_run_finish (result, &error);
  g_assert_no_error (error);
}

static gboolean
report_ready (gpointer data)
{
  return *(KaitsuPreflightReport **) data != NULL;
}

/* In the default main context, where the test's own servers answer. */
static KaitsuPreflightReport *
run_check (GPtrArray *hosts)
{
  KaitsuPreflightOptions options = { database, ATTEMPT_MS, TOTAL_MS };
  KaitsuPreflightReport *report = NULL;

  kaitsu_preflight_run_async (hosts, &options, NULL, on_done, &report);
  kaitsu_test_wait_until (report_ready, &report, "the connection check");
  return report;
}

static KaitsuPreflightReport *
check (const char *uri)
{
  g_autoptr (GPtrArray) hosts = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (hosts, g_strdup (uri));
  return run_check (hosts);
}

static KaitsuPreflightCheck *
last_check (KaitsuPreflightReport *report)
{
  g_assert_cmpuint (report->checks->len, >, 0);
  return g_ptr_array_index (report->checks, report->checks->len - 1);
}

static void
test_good_site (void)
{
  g_autoptr (SoupServer) server = NULL;
  g_autofree char *uri = start_server (&server, "local", 0);
  g_autoptr (KaitsuPreflightReport) report = check (uri);
  KaitsuPreflightStage expected[] = { KAITSU_PREFLIGHT_DNS, KAITSU_PREFLIGHT_CONNECT,
                                      KAITSU_PREFLIGHT_TLS, KAITSU_PREFLIGHT_HTTP };

  for (guint i = 0; i < report->checks->len; i++)
    {
      KaitsuPreflightCheck *c = g_ptr_array_index (report->checks, i);
      g_test_message ("%s %s %d %s", c->host, kaitsu_preflight_stage_to_string (c->stage), c->ok, c->detail);
    }

  g_assert_cmpuint (report->checks->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      KaitsuPreflightCheck *result = g_ptr_array_index (report->checks, i);

      g_assert_cmpint (result->stage, ==, expected[i]);
      g_assert_true (result->ok);
      g_assert_cmpstr (result->host, ==, "localhost");
    }
  g_assert_nonnull (strstr (((KaitsuPreflightCheck *) g_ptr_array_index (report->checks, 2))->issuer,
                            "Kaitsu Test CA"));
  g_assert_true (report->clock_known);
  g_assert_cmpint (ABS (report->clock_offset_s), <=, 5);
  g_assert_cmpstr (report->proxy, ==, "direct");
  g_assert_true (kaitsu_preflight_report_passed (report));
}

/* A site that answers and never stops sending: the check takes the answer and goes on */
static void
test_endless_body (void)
{
  g_autoptr (SoupServer) server = NULL;
  g_autofree char *uri = start_server (&server, "local", ENDLESS);
  g_autoptr (KaitsuPreflightReport) report = check (uri);
  KaitsuPreflightCheck *result = last_check (report);

  g_assert_cmpint (result->stage, ==, KAITSU_PREFLIGHT_HTTP);
  g_assert_true (result->ok);
  g_assert_true (kaitsu_preflight_report_passed (report));
}

static void
test_wrong_host_certificate (void)
{
  g_autoptr (SoupServer) server = NULL;
  g_autofree char *uri = start_server (&server, "other", 0);
  g_autoptr (KaitsuPreflightReport) report = check (uri);
  KaitsuPreflightCheck *result = last_check (report);

  g_assert_cmpint (result->stage, ==, KAITSU_PREFLIGHT_TLS);
  g_assert_false (result->ok);
  g_assert_nonnull (strstr (result->detail, "another site"));
  g_assert_nonnull (result->advice);
  g_assert_false (kaitsu_preflight_report_passed (report));
}

static void
test_intercepted (void)
{
  g_autoptr (SoupServer) server = NULL;
  g_autofree char *uri = start_server (&server, "intercept", 0);
  g_autoptr (KaitsuPreflightReport) report = check (uri);
  KaitsuPreflightCheck *result = last_check (report);

  g_assert_cmpint (result->stage, ==, KAITSU_PREFLIGHT_TLS);
  g_assert_false (result->ok);
  /* The issuer names the interceptor, so the user can recognise their antivirus. */
  g_assert_nonnull (strstr (result->detail, "Kaitsu Test Antivirus"));
  g_assert_nonnull (strstr (result->issuer, "Kaitsu Test Antivirus"));
  g_assert_nonnull (strstr (result->advice, "antivirus"));
}

static void
test_clock_off (void)
{
  g_autoptr (SoupServer) server = NULL;
  g_autofree char *uri = start_server (&server, "local", 3600);
  g_autoptr (KaitsuPreflightReport) report = check (uri);
  g_autofree char *text = kaitsu_preflight_report_to_text (report);

  g_assert_true (report->clock_known);
  /* The server is an hour ahead: this computer's clock is an hour behind. */
  g_assert_cmpint (report->clock_offset_s, <=, -3590);
  g_assert_cmpint (report->clock_offset_s, >=, -3610);
  g_assert_false (kaitsu_preflight_report_clock_ok (report));
  g_assert_false (kaitsu_preflight_report_passed (report));
  g_assert_nonnull (strstr (text, "seconds off"));
}

static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           data)
{
  /* Accept, then say nothing: hold the connection until the test ends. */
  g_ptr_array_add (data, g_object_ref (connection));
  return TRUE;
}

static void
test_never_answers (void)
{
  g_autoptr (GSocketService) service = g_socket_service_new ();
  g_autoptr (GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autoptr (KaitsuPreflightReport) report = NULL;
  guint16 port;
  KaitsuPreflightCheck *result;

  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (on_incoming), held);
  uri = g_strdup_printf ("https://localhost:%u", port);

  report = check (uri);
  result = last_check (report);
  g_assert_false (result->ok);
  g_assert_cmpint (result->stage, <=, KAITSU_PREFLIGHT_TLS);
  g_assert_nonnull (result->detail);
  /* It ended within its bound, not after some system timeout. */
  g_assert_cmpint (report->elapsed_ms, <, TOTAL_MS + 1000);
  g_socket_service_stop (service);
}

static void
test_refused (void)
{
  g_autoptr (GSocketListener) listener = g_socket_listener_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (KaitsuPreflightReport) report = NULL;
  g_autofree char *uri = NULL;
  guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  KaitsuPreflightCheck *result;

  g_assert_no_error (error);
  /* A port that was free a moment ago and is closed now */
  g_socket_listener_close (listener);
  uri = g_strdup_printf ("https://127.0.0.1:%u", port);
  report = check (uri);
  result = last_check (report);
  g_assert_cmpint (result->stage, ==, KAITSU_PREFLIGHT_CONNECT);
  g_assert_false (result->ok);
  g_assert_nonnull (strstr (result->advice, "refused"));
  /* Plain words, not the system's "Could not connect to 127.0.0.1: Connection refused" */
  g_assert_null (strstr (result->detail, "127.0.0.1"));
  g_assert_cmpstr (result->detail, ==, "The connection to the site could not be made.");
}

static void
test_does_not_resolve (void)
{
  g_autoptr (KaitsuPreflightReport) report = check ("https://kaitsu-test.invalid");
  KaitsuPreflightCheck *result = last_check (report);
  g_autoptr (GError) error = NULL;
  g_autolist (GInetAddress) none = g_resolver_lookup_by_name (g_resolver_get_default (), "kaitsu-test.invalid",
                                                              NULL, &error);

  g_assert_cmpuint (report->checks->len, ==, 1);
  g_assert_null (none);
  g_assert_nonnull (error);
  g_assert_cmpint (result->stage, ==, KAITSU_PREFLIGHT_DNS);
  g_assert_false (result->ok);
  g_assert_nonnull (strstr (result->advice, "connected to the internet"));
  /* What the user reads has neither the resolver's own message nor its jargon */
  g_assert_null (strstr (result->detail, error->message));
  g_assert_null (strstr (result->detail, "resolv"));
  g_assert_null (strstr (result->detail, "DNS"));
  g_assert_null (strstr (result->advice, "DNS"));
  g_assert_false (report->clock_known);
}

static void
test_parallel_and_json (void)
{
  g_autoptr (SoupServer) good = NULL;
  g_autoptr (SoupServer) intercept = NULL;
  g_autofree char *good_uri = start_server (&good, "local", 0);
  g_autofree char *intercept_uri = start_server (&intercept, "intercept", 0);
  g_autoptr (GPtrArray) hosts = g_ptr_array_new ();
  g_autoptr (KaitsuPreflightReport) report = NULL;
  g_autofree char *json = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *checks;

  g_ptr_array_add (hosts, good_uri);
  g_ptr_array_add (hosts, "https://kaitsu-test.invalid");
  g_ptr_array_add (hosts, intercept_uri);
  g_ptr_array_add (hosts, "not a uri");
  report = run_check (hosts);
  json = kaitsu_preflight_report_to_json (report);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "proxy"), ==, "direct");
  g_assert_true (json_object_has_member (root, "clock_offset_s"));
  checks = json_object_get_array_member (root, "checks");
  /* good: 4 stages; unresolvable: 1; intercepted: dns, connect, tls; invalid: 1 */
  g_assert_cmpuint (json_array_get_length (checks), ==, 9);
  for (guint i = 0; i < json_array_get_length (checks); i++)
    {
      JsonObject *item = json_array_get_object_element (checks, i);
      const char *stage = json_object_get_string_member (item, "stage");

      g_assert_true (json_object_has_member (item, "host"));
      g_assert_true (json_object_has_member (item, "ok"));
      g_assert_true (json_object_has_member (item, "detail"));
      g_assert_true (json_object_has_member (item, "advice"));
      g_assert_true (g_str_equal (stage, "dns") || g_str_equal (stage, "connect") ||
                     g_str_equal (stage, "tls") || g_str_equal (stage, "http"));
    }
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (checks, 0), "host"), ==,
                   "localhost");
}

#ifdef KAITSU_BINARY
static void
test_command_line_offline (void)
{
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) out = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  gint64 start = g_get_monotonic_time ();
  JsonArray *checks;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, KAITSU_BINARY, "--preflight",
                              "--json", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate (process, NULL, NULL, &out, NULL, &error));
  /* Whatever the network, it ends within its bound (10 s) plus start-up. */
  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, <, 15000);
  g_assert_cmpint (g_subprocess_get_exit_status (process), <=, 1);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (out, NULL), g_bytes_get_size (out), NULL));
  checks = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "checks");
  g_assert_cmpuint (json_array_get_length (checks), >=, 4);
  for (guint i = 0; i < json_array_get_length (checks); i++)
    {
      JsonObject *item = json_array_get_object_element (checks, i);

      if (!json_object_get_boolean_member (item, "ok"))
        {
          /* Failures are explained, never bare */
          g_assert_cmpuint (strlen (json_object_get_string_member (item, "detail")), >, 0);
          g_assert_cmpuint (strlen (json_object_get_string_member (item, "advice")), >, 0);
        }
    }
}
#endif

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  int status;

  kaitsu_test_init (&argc, &argv);
  /* No proxy from the environment: these servers are on this machine. */
  g_unsetenv ("https_proxy");
  g_unsetenv ("HTTPS_PROXY");
  g_unsetenv ("http_proxy");
  g_unsetenv ("all_proxy");
  dir = g_dir_make_tmp ("kaitsu-preflight-XXXXXX", &error);
  g_assert_no_error (error);
  make_certificates ();
  g_test_add_func ("/preflight/good-site", test_good_site);
  g_test_add_func ("/preflight/endless-body", test_endless_body);
  g_test_add_func ("/preflight/wrong-host-certificate", test_wrong_host_certificate);
  g_test_add_func ("/preflight/intercepted", test_intercepted);
  g_test_add_func ("/preflight/clock-off", test_clock_off);
  g_test_add_func ("/preflight/never-answers", test_never_answers);
  g_test_add_func ("/preflight/refused", test_refused);
  g_test_add_func ("/preflight/does-not-resolve", test_does_not_resolve);
  g_test_add_func ("/preflight/parallel-and-json", test_parallel_and_json);
#ifdef KAITSU_BINARY
  g_test_add_func ("/preflight/command-line-offline", test_command_line_offline);
#endif
  status = g_test_run ();
  g_object_unref (database);
  return status;
}
