/* Agora composer: @mention suggestions (the combobox pattern), Enter to send, drafts kept per
   channel in this browser, files pasted or dropped. The composer works without this file. */
(function () {
  'use strict';
  var d = document;
  var form = d.querySelector('form[data-compose]');
  var box = form && form.querySelector('textarea[name="body"]');
  if (!box) return;
  d.documentElement.classList.add('compose-js');

  // The full emoji choice: on channel pages its link joins a reaction menu when it opens, which
  // keeps fifty messages' worth of links out of the page (thread pages carry it in the HTML).
  var more = form.dataset.emojiMore;
  d.addEventListener('toggle', function (e) {
    var pick = e.target, art;
    if (!more || !pick.open || !pick.matches || !pick.matches('details.react-pick')) return;
    if (pick.querySelector('a') || !(art = pick.closest('article[id^="m"]'))) return;
    var a = d.createElement('a');
    a.href = '/messages/' + art.id.slice(1) + '/react';
    a.textContent = more;
    pick.appendChild(d.createTextNode(' '));
    pick.appendChild(a);
  }, true);
  var DRAFT = 'agora.draft.' + form.dataset.compose;
  var enterSends = form.dataset.enterSends === 'true';
  var files = form.querySelector('input[type="file"]');
  var store = null;
  try { store = window.localStorage; } catch (e) { /* private mode: no drafts */ }

  // Drafts: kept while typing, back when the page opens again, gone once sent.
  if (store && !box.value) box.value = store.getItem(DRAFT) || '';
  box.addEventListener('input', function () {
    if (!store) return;
    if (box.value) store.setItem(DRAFT, box.value); else store.removeItem(DRAFT);
  });
  form.addEventListener('submit', function () { if (store) store.removeItem(DRAFT); });
  d.addEventListener('htmx:afterRequest', function (e) {
    if (e.detail.elt === form && e.detail.successful && store) store.removeItem(DRAFT);
  });

  // The Enter setting: saved at once, the page's hint follows.
  var keys = d.querySelector('form.composer-keys');
  var tick = keys && keys.querySelector('input[name="enter_sends"]');
  if (tick) tick.addEventListener('change', function () {
    enterSends = tick.checked;
    var body = new URLSearchParams(new FormData(keys));
    fetch(keys.action, {method: 'POST', body: body, credentials: 'same-origin',
      headers: {'X-Agora-Script': '1', 'X-CSRF-Token': body.get('csrf_token') || ''}});
  });

  // Files pasted or dropped on the message join the file field.
  function addFiles(list) {
    if (!files || !list || !list.length || !window.DataTransfer) return false;
    var all = new DataTransfer();
    [].forEach.call(files.files, function (f) { all.items.add(f); });
    [].forEach.call(list, function (f) { all.items.add(f); });
    files.files = all.files;
    files.dispatchEvent(new Event('change', {bubbles: true}));
    return true;
  }
  box.addEventListener('paste', function (e) {
    var dt = e.clipboardData;
    if (dt && dt.files && dt.files.length && addFiles(dt.files)) e.preventDefault();
  });
  box.addEventListener('dragover', function (e) {
    if (e.dataTransfer && [].indexOf.call(e.dataTransfer.types, 'Files') >= 0) {
      e.preventDefault(); box.classList.add('drop-target');
    }
  });
  box.addEventListener('dragleave', function () { box.classList.remove('drop-target'); });
  box.addEventListener('drop', function (e) {
    box.classList.remove('drop-target');
    if (e.dataTransfer && addFiles(e.dataTransfer.files)) e.preventDefault();
  });

  // Mentions: after an `@`, the channel's readers whose name starts with what follows.
  var wrap = d.createElement('div'), list = d.createElement('ul');
  wrap.className = 'mention-box';
  list.id = 'mention-list'; list.className = 'mention-list'; list.hidden = true;
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', form.dataset.mentionLabel || '@');
  box.parentNode.insertBefore(wrap, box);
  wrap.appendChild(box); wrap.appendChild(list);
  box.setAttribute('role', 'combobox');
  box.setAttribute('aria-autocomplete', 'list');
  box.setAttribute('aria-controls', list.id);
  box.setAttribute('aria-expanded', 'false');
  var people = [], active = -1, at = -1, asked = 0, picking = false;

  function query() {
    var upto = box.value.slice(0, box.selectionStart), i = upto.lastIndexOf('@');
    if (i < 0 || (i > 0 && /[\w.]/.test(upto.charAt(i - 1)))) return null;
    var q = upto.slice(i + 1);
    if (q.length > 40 || /\n/.test(q) || /\s\S*\s/.test(q)) return null;
    return {at: i, q: q};
  }
  function close() {
    list.hidden = true; list.textContent = ''; people = []; active = -1; at = -1;
    asked++; // an answer still on its way must not reopen the list
    box.setAttribute('aria-expanded', 'false'); box.removeAttribute('aria-activedescendant');
  }
  function mark(i) {
    active = i;
    [].forEach.call(list.children, function (li, j) { li.setAttribute('aria-selected', j === i ? 'true' : 'false'); });
    if (i >= 0) { box.setAttribute('aria-activedescendant', 'mention-' + i); list.children[i].scrollIntoView({block: 'nearest'}); }
    else box.removeAttribute('aria-activedescendant');
  }
  function open(found, start) {
    close();
    if (!found.length) return;
    people = found; at = start;
    found.forEach(function (p, i) {
      var li = d.createElement('li'), org = d.createElement('span');
      li.id = 'mention-' + i; li.setAttribute('role', 'option');
      li.textContent = p.name + ' ';
      org.className = 'muted'; org.textContent = p.organisation; li.appendChild(org);
      li.addEventListener('mousedown', function (e) { e.preventDefault(); pick(i); });
      list.appendChild(li);
    });
    list.hidden = false; box.setAttribute('aria-expanded', 'true'); mark(0);
  }
  function pick(i) {
    var p = people[i];
    if (!p) return;
    var end = box.selectionStart, text = '@' + p.handle + ' ';
    box.value = box.value.slice(0, at) + text + box.value.slice(end);
    var caret = at + text.length;
    box.setSelectionRange(caret, caret);
    close();
    // Tells the draft keeper; the name just picked must not ask for suggestions again.
    picking = true;
    box.dispatchEvent(new Event('input', {bubbles: true}));
    picking = false;
  }
  box.addEventListener('input', function () {
    if (picking) return;
    var q = query();
    if (!q) return close();
    var n = ++asked;
    fetch(form.dataset.mentions + '?q=' + encodeURIComponent(q.q), {credentials: 'same-origin',
      headers: {'Accept': 'application/json'}})
      .then(function (r) { return r.ok ? r.json() : {people: []}; })
      .then(function (j) { if (n === asked) open(j.people || [], q.at); })
      .catch(close);
  });
  box.addEventListener('blur', function () { setTimeout(close, 150); });
  box.addEventListener('keydown', function (e) {
    var listed = !list.hidden && people.length;
    if (listed && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      mark((active + (e.key === 'ArrowDown' ? 1 : people.length - 1)) % people.length);
    } else if (listed && (e.key === 'Enter' || e.key === 'Tab') && active >= 0 && !e.shiftKey) {
      e.preventDefault(); pick(active);
    } else if (listed && e.key === 'Escape') {
      e.preventDefault(); close();
    } else if (e.key === 'Enter' && !e.isComposing && !e.altKey &&
        (enterSends ? !e.shiftKey && !e.ctrlKey && !e.metaKey : (e.ctrlKey || e.metaKey))) {
      e.preventDefault();
      if (box.value.trim() || (files && files.files.length)) {
        if (form.requestSubmit) form.requestSubmit(); else form.submit();
      }
    }
  });
})();
