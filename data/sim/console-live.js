// SPDX-License-Identifier: GPL-3.0-or-later
// console-live.js: the simulated console keeps its task list and notifications current
// with a long poll, as the real one refreshes itself; a grant dialog reloads when its
// service moves on. Its settings come as SIM: the status version the page was built at,
// the ids of the lists, the column names and the dialog's service and state.
'use strict';
function cell (row, tag, text) {
  const c = document.createElement(tag);
  c.textContent = text;
  row.appendChild(c);
}
function render (s) {
  const table = document.getElementById(SIM.tasks);
  if (table) {
    table.replaceChildren();
    const head = document.createElement('tr');
    SIM.columns.forEach((name) => cell(head, 'th', name));
    table.appendChild(head);
    s.tasks.forEach((e) => {
      const row = document.createElement('tr');
      cell(row, 'td', e.severity);
      cell(row, 'td', e.text);
      cell(row, 'td', e.time);
      table.appendChild(row);
    });
  }
  const list = document.getElementById(SIM.notifications);
  if (list) {
    list.replaceChildren();
    s.notifications.forEach((e) => {
      const item = document.createElement('li');
      item.textContent = e.text + ' ';
      const when = document.createElement('small');
      when.textContent = e.time;
      item.appendChild(when);
      list.appendChild(item);
    });
  }
  const apps = document.getElementById(SIM.apps);
  if (apps) {
    apps.replaceChildren();
    s.apps.forEach((text) => cell(apps, 'p', text));
  }
}
let version = SIM.version;
function poll () {
  fetch('/api/status?since=' + version)
    .then((r) => r.json())
    .then((s) => {
      version = s.version;
      if (SIM.service && s.states[SIM.service] !== SIM.state) {
        location.reload();
        return;
      }
      render(s);
      poll();
    })
    .catch(() => setTimeout(poll, 1000));
}
// The grant dialog's policy choice is kept by the console while the dialog is open
document.addEventListener('change', (e) => {
  if (SIM.choice && SIM.service && e.target.name === SIM.choice)
    fetch('/grant/policy?service=' + SIM.service + '&on=' + (e.target.checked ? 1 : 0), { method: 'POST' });
});
poll();
