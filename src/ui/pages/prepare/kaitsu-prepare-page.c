/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-prepare-page.c: reads the activation mail off the main thread and shows what it says */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-prepare-page"

#include <glib/gi18n.h>

#include "kaitsu-label.h"
#include "kaitsu-link-check.h"
#include "kaitsu-mail.h"
#include "kaitsu-preflight.h"
#include "kaitsu-prepare-page.h"
#include "kaitsu-private-label.h"
#include "kaitsu-row.h"
#include "kaitsu-window.h"

struct _KaitsuPreparePage
{
  KaitsuPage parent_instance;

  GCancellable *cancellable;
  guint n_errors;
  guint n_warnings;
  gboolean reading;
  gboolean fresh_result;

  GCancellable *network_cancellable;
  gboolean network_checked;
  gboolean network_running;
  KaitsuPreflightReport *network_report;
  GtkLabel *network_label;
  GtkSpinner *network_spinner;
  GtkWidget *network_button;
  GtkBox *network_box;

  GtkWidget *mail_frame;
  GtkWidget *open_button;
  GtkWidget *paste_button;
  GtkWidget *practice_button;
  GtkSpinner *spinner;
  GtkLabel *result_label;
  GtkBox *facts_box;
  GtkBox *problems_box;
};

G_DEFINE_FINAL_TYPE (KaitsuPreparePage, kaitsu_prepare_page, KAITSU_TYPE_PAGE)

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static GtkWidget *
wrapped_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  return label;
}

static void
add_fact (KaitsuPreparePage *self,
          const char        *label,
          const char        *value)
{
  g_autofree char *text = g_strdup_printf ("%s: %s", label, value != NULL ? value : _("(not found)"));

  gtk_box_append (self->facts_box, wrapped_label (text));
}

/* Company and account: masked on a shared screen, as nothing on this page needs them typed */
static void
add_private_fact (KaitsuPreparePage *self,
                  const char        *label,
                  KaitsuMaskKind     kind,
                  const char        *value)
{
  g_autofree char *prefix = g_strdup_printf ("%s: ", label);
  GtkWidget *fact = kaitsu_private_label_new (kind, prefix);

  kaitsu_private_label_set_text (KAITSU_PRIVATE_LABEL (fact), value != NULL ? value : _("(not found)"));
  gtk_box_append (self->facts_box, fact);
}

static void
add_problem_row (KaitsuPreparePage *self,
                 gboolean           is_error,
                 const char        *code,
                 const char        *message)
{
  GtkWidget *row = kaitsu_row_new (8);
  GtkWidget *icon = gtk_image_new_from_icon_name (is_error ? "dialog-error-symbolic"
                                                           : "dialog-warning-symbolic");
  GtkWidget *label = wrapped_label (message);

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  is_error ? _("Error") : _("Warning"), -1);
  gtk_widget_set_hexpand (label, TRUE);
  kaitsu_row_append (KAITSU_ROW (row), icon);
  kaitsu_row_append (KAITSU_ROW (row), label);
  gtk_widget_add_css_class (row, is_error ? "error" : "warning");
  if (code != NULL)
    gtk_widget_set_name (row, code);
  gtk_box_append (self->problems_box, row);
}

static void
set_result (KaitsuPreparePage *self,
            const char        *text,
            const char        *style)
{
  kaitsu_label_set_label (self->result_label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->result_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->result_label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->result_label), "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->result_label), style);
  gtk_widget_set_visible (GTK_WIDGET (self->result_label), TRUE);
  /* Screen readers hear the outcome without having to look for it. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->result_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static char *
format_time (GDateTime *time)
{
  return time != NULL ? kaitsu_mail_format_time (time) : NULL;
}

/* The window's sites: the simulator's in practice mode, NULL for the real ones */
static KaitsuSites *
practice_sites (KaitsuPreparePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  KaitsuSites *sites = KAITSU_IS_WINDOW (root) ? kaitsu_window_get_sites (KAITSU_WINDOW (root)) : NULL;

  return sites != NULL && kaitsu_sites_is_practice (sites) ? sites : NULL;
}

static const char *
trusted (KaitsuPreparePage *self,
         const char        *url)
{
  if (url == NULL)
    return NULL;
  return kaitsu_link_check_trusting (url, practice_sites (self), NULL) == KAITSU_LINK_OK ? url : NULL;
}

static void
show_facts (KaitsuPreparePage *self,
            KaitsuMailFacts   *facts)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *sent = format_time (facts->sent);
  int days = kaitsu_mail_facts_days_left (facts, now);

  clear_box (self->facts_box);
  clear_box (self->problems_box);
  self->n_errors = self->n_warnings = 0;

  for (guint i = 0; i < facts->problems->len; i++)
    {
      KaitsuMailProblem *problem = g_ptr_array_index (facts->problems, i);
      gboolean is_error = problem->severity == KAITSU_PROBLEM_ERROR;

      add_problem_row (self, is_error, problem->code, problem->message);
      if (is_error)
        self->n_errors++;
      else
        self->n_warnings++;
    }

  add_private_fact (self, _("Company"), KAITSU_MASK_NAME, facts->company);
  add_private_fact (self, _("Account"), KAITSU_MASK_ID, facts->account);
  add_fact (self, _("Sent"), sent);
  /* Validity only for a link that may be used at all */
  if (facts->reset_expires != NULL && days > 0 && self->n_errors == 0)
    {
      g_autofree char *text = kaitsu_mail_dup_validity (facts->reset_expires, now, NULL);

      add_fact (self, _("Link validity"), text);
    }

  if (self->n_errors > 0)
    set_result (self, _("Do not use the links in this mail: see the problems below."), "error");
  else if (self->n_warnings > 0)
    set_result (self, _("The mail can be used. Its links are ready on the next steps; read the notes below."), "warning");
  else
    set_result (self, _("The mail is fine. Its links are ready on the next steps."), "success");

  /* Only links that passed every check go on; the mail itself is forgotten here. */
  kaitsu_flow_set_mail_facts (kaitsu_page_get_flow (KAITSU_PAGE (self)), facts->account,
                              facts->company, trusted (self, facts->login_url),
                              kaitsu_mail_facts_has (facts, "link-expired") ? NULL : trusted (self, facts->reset_url),
                              facts->reset_expires != NULL ? g_date_time_to_unix (facts->reset_expires) : 0);
}

static void
set_reading (KaitsuPreparePage *self,
             gboolean           reading)
{
  self->reading = reading;
  gtk_spinner_set_spinning (self->spinner, reading);
  /* Only while reading: an idle one would take a line of its own when the buttons wrap */
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), reading);
  gtk_widget_set_sensitive (self->open_button, !reading);
  gtk_widget_set_sensitive (self->paste_button, !reading);
}

static void
on_read_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  KaitsuPreparePage *self = KAITSU_PREPARE_PAGE (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (KaitsuMailFacts) facts = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_reading (self, FALSE);
  self->fresh_result = TRUE;
  if (facts == NULL)
    {
      clear_box (self->facts_box);
      clear_box (self->problems_box);
      self->n_errors = 1;
      self->n_warnings = 0;
      set_result (self, _("Kaitsu could not read this."), "error");
      add_problem_row (self, TRUE, NULL, error->message);
      return;
    }
  show_facts (self, facts);
}

/* What to read: a file, or text from the clipboard or a drop. */
typedef struct
{
  GFile *file;
  GBytes *text;
  KaitsuSites *practice;
} ReadRequest;

static void
read_request_free (ReadRequest *request)
{
  g_clear_object (&request->practice);
  g_clear_object (&request->file);
  g_clear_pointer (&request->text, g_bytes_unref);
  g_free (request);
}

static void
read_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  ReadRequest *request = task_data;
  GError *error = NULL;
  KaitsuMailFacts *facts;

  if (request->file != NULL)
    {
      g_autofree char *path = g_file_get_path (request->file);

      if (path == NULL)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                                   _("Only files on this computer can be read. Save the mail to a folder first."));
          return;
        }
      facts = kaitsu_mail_read_file (path, now, &error);
    }
  else
    {
      gsize length;
      const char *data = g_bytes_get_data (request->text, &length);

      facts = kaitsu_mail_read_trusting (data, length, now, request->practice, &error);
    }
  if (facts == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, facts, (GDestroyNotify) kaitsu_mail_facts_free);
}

static void
start_reading (KaitsuPreparePage *self,
               ReadRequest       *request)
{
  g_autoptr (GTask) task = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (practice_sites (self) != NULL)
    request->practice = g_object_ref (practice_sites (self));
  set_reading (self, TRUE);
  task = g_task_new (self, self->cancellable, on_read_done, NULL);
  g_task_set_source_tag (task, start_reading);
  g_task_set_task_data (task, request, (GDestroyNotify) read_request_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, read_in_thread);
}

void
kaitsu_prepare_page_read_file (KaitsuPreparePage *self,
                               GFile             *file)
{
  ReadRequest *request;

  g_return_if_fail (KAITSU_IS_PREPARE_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  request = g_new0 (ReadRequest, 1);
  request->file = g_object_ref (file);
  start_reading (self, request);
}

void
kaitsu_prepare_page_read_text (KaitsuPreparePage *self,
                               const char        *text)
{
  ReadRequest *request;

  g_return_if_fail (KAITSU_IS_PREPARE_PAGE (self));
  g_return_if_fail (text != NULL);

  request = g_new0 (ReadRequest, 1);
  request->text = g_bytes_new (text, strlen (text));
  start_reading (self, request);
}

static void
on_file_chosen (GtkNativeDialog   *dialog,
                int                response,
                KaitsuPreparePage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        kaitsu_prepare_page_read_file (self, file);
    }
  g_object_unref (dialog);
}

static void
on_open_clicked (KaitsuPreparePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;
  GtkFileFilter *mails = gtk_file_filter_new ();
  GtkFileFilter *all = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Open the Activation Mail"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (mails, _("Mail files"));
  gtk_file_filter_add_suffix (mails, "eml");
  gtk_file_filter_add_suffix (mails, "txt");
  gtk_file_filter_add_mime_type (mails, "message/rfc822");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), mails);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
  g_object_unref (mails);
  g_object_unref (all);
  g_signal_connect (dialog, "response", G_CALLBACK (on_file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_clipboard_text (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (KaitsuPreparePage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);

  if (text == NULL || *text == '\0')
    {
      clear_box (self->facts_box);
      clear_box (self->problems_box);
      set_result (self, _("There is no text to paste. Select the whole mail in your mail program, copy it, and try again."),
                  "error");
      return;
    }
  kaitsu_prepare_page_read_text (self, text);
}

static void
on_practice_clicked (KaitsuPreparePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (KAITSU_IS_WINDOW (root) && kaitsu_window_get_practice_mail (KAITSU_WINDOW (root)) != NULL)
    kaitsu_prepare_page_read_text (self, kaitsu_window_get_practice_mail (KAITSU_WINDOW (root)));
}

static void
on_paste_clicked (KaitsuPreparePage *self)
{
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (self)), NULL,
                                 on_clipboard_text, g_object_ref (self));
}

static gboolean
on_drop (GtkDropTarget     *target,
         const GValue      *value,
         double             x,
         double             y,
         KaitsuPreparePage *self)
{
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);

      if (files == NULL)
        return FALSE;
      kaitsu_prepare_page_read_file (self, files->data);
      return TRUE;
    }
  if (G_VALUE_HOLDS (value, G_TYPE_STRING) && g_value_get_string (value) != NULL)
    {
      kaitsu_prepare_page_read_text (self, g_value_get_string (value));
      return TRUE;
    }
  return FALSE;
}

/* ---- Connection check ------------------------------------------------------------------ */


static void
add_network_row (KaitsuPreparePage    *self,
                 KaitsuPreflightCheck *check)
{
  GtkWidget *row = kaitsu_row_new (8);
  GtkWidget *icon = gtk_image_new_from_icon_name (check->ok ? "object-select-symbolic"
                                                            : "dialog-error-symbolic");
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *host = gtk_label_new (check->host);
  g_autofree char *accessible = g_strdup_printf ("%s: %s", check->host, check->detail);

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  check->ok ? _("Reachable") : _("Problem"), -1);
  gtk_widget_add_css_class (icon, check->ok ? "success" : "error");
  gtk_label_set_xalign (GTK_LABEL (host), 0);
  gtk_widget_add_css_class (host, "heading");
  gtk_box_append (GTK_BOX (column), host);
  gtk_box_append (GTK_BOX (column), wrapped_label (check->detail));
  if (check->issuer != NULL && !check->ok)
    {
      /* Translators: who issued a certificate, e.g. an antivirus vendor */
      g_autofree char *issuer = g_strdup_printf (_("Certificate issuer: %s"), check->issuer);
      gtk_box_append (GTK_BOX (column), wrapped_label (issuer));
    }
  gtk_widget_set_hexpand (column, TRUE);
  kaitsu_row_append (KAITSU_ROW (row), icon);
  kaitsu_row_append (KAITSU_ROW (row), column);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_box_append (self->network_box, row);
}

static void
show_network_report (KaitsuPreparePage     *self,
                     KaitsuPreflightReport *report)
{
  g_autoptr (GPtrArray) hosts = g_ptr_array_new ();
  g_autoptr (GPtrArray) advice = g_ptr_array_new ();

  clear_box (self->network_box);
  for (guint i = 0; i < report->checks->len; i++)
    {
      KaitsuPreflightCheck *check = g_ptr_array_index (report->checks, i);

      if (!g_ptr_array_find_with_equal_func (hosts, check->host, g_str_equal, NULL))
        g_ptr_array_add (hosts, check->host);
    }
  /* One line per host, in the order checked: its failure, or its last stage when all went well. */
  for (guint h = 0; h < hosts->len; h++)
    {
      KaitsuPreflightCheck *shown = NULL;

      for (guint i = 0; i < report->checks->len; i++)
        {
          KaitsuPreflightCheck *check = g_ptr_array_index (report->checks, i);

          if (g_str_equal (check->host, hosts->pdata[h]) && (shown == NULL || shown->ok))
            shown = check;
        }
      add_network_row (self, shown);
      if (shown->advice != NULL &&
          !g_ptr_array_find_with_equal_func (advice, shown->advice, g_str_equal, NULL))
        g_ptr_array_add (advice, shown->advice);
    }
  /* The same advice for several sites is said once. */
  for (guint i = 0; i < advice->len; i++)
    {
      g_autofree char *text = g_strdup_printf ("→ %s", (const char *) advice->pdata[i]);
      GtkWidget *label = wrapped_label (text);

      gtk_widget_add_css_class (label, "heading");
      gtk_box_append (self->network_box, label);
    }
  if (!kaitsu_preflight_report_clock_ok (report))
    {
      g_autofree char *seconds = g_strdup_printf ("%" G_GINT64_FORMAT, report->clock_offset_s);
      /* Translators: %s is a number of seconds */
      g_autofree char *text = g_strdup_printf (_("This computer’s clock is %s seconds off. Sign-in and secure connections fail with a wrong clock: set the date and time correctly, then check again."),
                                               seconds);
      GtkWidget *clock = wrapped_label (text);

      gtk_widget_add_css_class (clock, "error");
      gtk_box_append (self->network_box, clock);
    }
  if (kaitsu_preflight_report_passed (report))
    kaitsu_label_set_label (self->network_label, _("Every site of the activation can be reached."));
  else
    kaitsu_label_set_label (self->network_label,
                         _("Some sites cannot be reached. The activation will fail until this is fixed; the notes below say what to do."));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->network_label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  gtk_label_get_label (self->network_label), -1);
}

static void
on_network_checked (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  g_autoptr (KaitsuPreparePage) self = data;
  g_autoptr (GError) error = NULL;
  KaitsuPreflightReport *report = kaitsu_preflight_run_finish (result, &error);

  self->network_running = FALSE;
  /* The page went away meanwhile: nothing left to show it on. */
  if (report == NULL || self->network_cancellable == NULL)
    {
      g_clear_pointer (&report, kaitsu_preflight_report_free);
      return;
    }
  kaitsu_preflight_report_free (self->network_report);
  self->network_report = report;
  gtk_spinner_set_spinning (self->network_spinner, FALSE);
  gtk_widget_set_sensitive (self->network_button, TRUE);
  show_network_report (self, report);
}

static void
check_network (KaitsuPreparePage *self)
{
  KaitsuFlow *flow = kaitsu_page_get_flow (KAITSU_PAGE (self));
  g_autoptr (KaitsuSites) real = kaitsu_sites_new_real (kaitsu_flow_get_region (flow));
  /* In practice mode, the same check against the simulator's sites */
  g_autoptr (GPtrArray) hosts = kaitsu_preflight_hosts_for_sites (practice_sites (self) != NULL
                                                                  ? practice_sites (self) : real, NULL);

  if (self->network_running)
    return;
  self->network_running = TRUE;
  self->network_checked = TRUE;
  g_clear_object (&self->network_cancellable);
  self->network_cancellable = g_cancellable_new ();
  gtk_spinner_set_spinning (self->network_spinner, TRUE);
  gtk_widget_set_sensitive (self->network_button, FALSE);
  kaitsu_label_set_label (self->network_label, _("Checking the connection to every site…"));
  kaitsu_preflight_run_async (hosts, NULL, self->network_cancellable, on_network_checked,
                              g_object_ref (self));
}

static void
on_check_clicked (KaitsuPreparePage *self)
{
  check_network (self);
}

/* The first time the page is shown, not at start-up: nothing touches the network before then. */
static void
on_map (KaitsuPreparePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_widget_set_visible (self->practice_button, KAITSU_IS_WINDOW (root) &&
                          kaitsu_window_get_practice_mail (KAITSU_WINDOW (root)) != NULL);
  if (!self->network_checked)
    check_network (self);
}

/* After a restart: what was read before, from the session, until a mail is read again. */
static void
kaitsu_prepare_page_refresh (KaitsuPage *page)
{
  KaitsuPreparePage *self = KAITSU_PREPARE_PAGE (page);
  KaitsuFlow *flow = kaitsu_page_get_flow (page);

  if (self->fresh_result || self->reading)
    return;
  if (kaitsu_flow_get_account (flow) == NULL && kaitsu_flow_get_reset_url (flow) == NULL &&
      kaitsu_flow_get_login_url (flow) == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->result_label), FALSE);
      clear_box (self->facts_box);
      return;
    }
  set_result (self, _("The activation mail was read before."), "success");
  clear_box (self->facts_box);
  add_private_fact (self, _("Company"), KAITSU_MASK_NAME, kaitsu_flow_get_company (flow));
  add_private_fact (self, _("Account"), KAITSU_MASK_ID, kaitsu_flow_get_account (flow));
}

static void
kaitsu_prepare_page_dispose (GObject *object)
{
  KaitsuPreparePage *self = KAITSU_PREPARE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->network_cancellable);
  g_clear_object (&self->network_cancellable);
  g_clear_pointer (&self->network_report, kaitsu_preflight_report_free);
  G_OBJECT_CLASS (kaitsu_prepare_page_parent_class)->dispose (object);
}

static void
kaitsu_prepare_page_class_init (KaitsuPreparePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = kaitsu_prepare_page_dispose;
  KAITSU_PAGE_CLASS (klass)->refresh = kaitsu_prepare_page_refresh;

  g_type_ensure (KAITSU_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/kaitsu-prepare-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KaitsuPreparePage, network_label);
  gtk_widget_class_bind_template_child (widget_class, KaitsuPreparePage, network_spinner);
  gtk_widget_class_bind_template_child (widget_class, KaitsuPreparePage, network_button);
  gtk_widget_class_bind_template_child (widget_class, KaitsuPreparePage, network_box);
  gtk_widget_class_bind_template_callback (widget_class, on_check_clicked);
  gtk_widget_class_bind_template_child (widget_class, KaitsuPreparePage, mail_frame);
  gtk_widget_class_bind_template_child (widget_class, KaitsuPreparePage, open_button);
  gtk_widget_class_bind_template_child (widget_class, KaitsuPreparePage, paste_button);
  gtk_widget_class_bind_template_child (widget_class, KaitsuPreparePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, KaitsuPreparePage, result_label);
  gtk_widget_class_bind_template_child (widget_class, KaitsuPreparePage, facts_box);
  gtk_widget_class_bind_template_child (widget_class, KaitsuPreparePage, problems_box);
  gtk_widget_class_bind_template_callback (widget_class, on_open_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_paste_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_practice_clicked);
  gtk_widget_class_bind_template_child (widget_class, KaitsuPreparePage, practice_button);
}

static void
kaitsu_prepare_page_init (KaitsuPreparePage *self)
{
  GtkDropTarget *target;
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_STRING };

  gtk_widget_init_template (GTK_WIDGET (self));
  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (self->mail_frame, GTK_EVENT_CONTROLLER (target));
  g_signal_connect_swapped (self, "map", G_CALLBACK (on_map), self);
}

gboolean
kaitsu_prepare_page_is_checking_network (KaitsuPreparePage *self)
{
  g_return_val_if_fail (KAITSU_IS_PREPARE_PAGE (self), FALSE);
  return self->network_running;
}

KaitsuPreflightReport *
kaitsu_prepare_page_get_network_report (KaitsuPreparePage *self)
{
  g_return_val_if_fail (KAITSU_IS_PREPARE_PAGE (self), NULL);
  return self->network_report;
}

gboolean
kaitsu_prepare_page_is_reading (KaitsuPreparePage *self)
{
  g_return_val_if_fail (KAITSU_IS_PREPARE_PAGE (self), FALSE);
  return self->reading;
}

guint
kaitsu_prepare_page_get_n_problems (KaitsuPreparePage *self,
                                    gboolean           errors)
{
  g_return_val_if_fail (KAITSU_IS_PREPARE_PAGE (self), 0);
  return errors ? self->n_errors : self->n_warnings;
}

