/* Agora: pages work without this file. With it, forms post through htmx and the event
   websocket keeps conversations and unread badges current. */
(function () {
  'use strict';
  var d = document, meta = d.querySelector('meta[name="csrf-token"]');
  if (!meta) return; // signed out
  var csrf = meta.content, KEY = 'agora.lastEventId';
  var conv = d.getElementById('conversation'), data = conv ? conv.dataset : {};
  var list = d.getElementById('messages'), live = d.getElementById('live');
  var channel = +data.channel || 0, thread = +data.thread || 0, pending = 0;

  if (window.htmx) {
    var c = htmx.config;
    c.includeIndicatorStyles = false; // inline <style>: refused by the CSP
    c.allowEval = false;
    c.allowScriptTags = false;
    c.historyEnabled = false;
    // 422: the form comes back with its errors, to be shown in place.
    c.responseHandling = [{code: '204', swap: false}, {code: '2..', swap: true},
      {code: '422', swap: true}, {code: '...', swap: false, error: true}];
    d.addEventListener('htmx:configRequest', function (e) { e.detail.headers['X-CSRF-Token'] = csrf; });
    d.addEventListener('htmx:afterRequest', function (e) {
      var x = e.detail.xhr, f = e.detail.elt, id = x && x.getResponseHeader('X-Agora-Message');
      if (!e.detail.successful || x.status === 422) return;
      if (f.hasAttribute('data-reset')) f.reset();
      if (id) show(id, !d.getElementById('m' + id));
    });
  }

  // After a re-render, focus returns to the element that does the same thing.
  var FOCUSABLE = 'a,button,input,select,textarea,summary';
  function key(el) {
    return el.tagName + (el.getAttribute('name') || '') + (el.value || '') + (el.getAttribute('href') || '');
  }

  function place(el) {
    var old = d.getElementById(el.id);
    if (old) {
      var a = d.activeElement, k = old.contains(a) && key(a), open = [];
      old.querySelectorAll('details').forEach(function (x, i) { if (x.open) open.push(i); });
      old.replaceWith(el);
      var det = el.querySelectorAll('details');
      open.forEach(function (i) { if (det[i]) det[i].open = true; });
      if (k) {
        var same = [].filter.call(el.querySelectorAll(FOCUSABLE), function (x) { return key(x) === k; });
        if (same[0]) same[0].focus();
      }
      return false;
    }
    if (!list) return false;
    list.appendChild(el);
    var none = d.getElementById('no-messages');
    if (none) none.remove();
    return true;
  }

  // Fetches one message as shown on this page; `add`: append it if missing. A new message is
  // fetched once, whether its event or the poster's own form answer comes first.
  var fetched = {};
  function show(id, add) {
    if (add) {
      if (fetched[id] || d.getElementById('m' + id)) return;
      fetched[id] = 1;
    } else if (!d.getElementById('m' + id)) return;
    fetch('/messages/' + id + '/fragment' + (thread ? '?thread=1' : ''), {credentials: 'same-origin'})
      .then(function (r) { return r.ok ? r.text() : ''; })
      .then(function (html) {
        if (!html) return;
        var t = d.createElement('template');
        t.innerHTML = html.trim();
        var el = t.content.firstElementChild;
        if (!el || (!add && !d.getElementById(el.id))) return;
        var added = place(el);
        if (window.htmx) htmx.process(el);
        if (added && live && el.dataset.author !== data.me) {
          live.textContent = live.dataset.new.replace('{name}', el.dataset.name);
        }
      });
  }

  // The read position moves at most every READ_EVERY ms, once the page is idle and visible:
  // one write per tab and burst, not one per message.
  var READ_EVERY = 3000, sentAt = 0, timer = 0;
  function markRead(seq) {
    pending = Math.max(pending, seq);
    if (!pending || timer || d.visibilityState !== 'visible') return;
    timer = setTimeout(function () {
      var idle = window.requestIdleCallback || function (f) { f(); };
      idle(flushRead, {timeout: READ_EVERY});
    }, Math.max(0, sentAt + READ_EVERY - Date.now()));
  }
  function flushRead() {
    timer = 0;
    if (!pending || d.visibilityState !== 'visible') return;
    var body = JSON.stringify({seq: pending});
    pending = 0;
    sentAt = Date.now();
    fetch('/api/v1/channels/' + channel + '/read', {method: 'POST', credentials: 'same-origin',
      headers: {'Content-Type': 'application/json', 'X-CSRF-Token': csrf}, body: body});
  }
  d.addEventListener('visibilitychange', function () { markRead(0); });

  function badges(id, unread) {
    d.querySelectorAll('[data-unread-channel="' + id + '"]').forEach(function (b) {
      var n = b.querySelector('[data-count]') || b;
      b.hidden = !unread;
      if (unread) n.textContent = /\d/.test(n.textContent) ? n.textContent.replace(/\d+/, unread) : unread;
    });
  }

  function onEvent(ev) {
    var x = ev.data || {}, m = x.message;
    if (ev.kind === 'read_marker') return badges(x.channel_id, x.unread);
    if (ev.channel_id !== channel) return;
    if (ev.kind === 'message_created' && m) {
      var mine = thread ? m.thread_root_id === thread : !m.thread_root_id;
      if (mine && data.live) {
        show(m.id, true);
        // The poster's own marker moves with the post itself.
        if (!thread && String(m.author.id) !== data.me) markRead(m.seq);
      }
      if (x.thread) show(x.thread.root_id);
    } else if (ev.kind === 'message_updated' && m) show(m.id);
    else if (ev.kind === 'message_deleted') show(x.message_id);
    else if (ev.kind === 'reaction_changed') show(x.message_id);
  }

  // Event ids are opaque cursors: kept and sent back as they are, never compared or counted.
  // A page's own cursor (where it was rendered) comes first.
  var last = data.lastEvent || sessionStorage.getItem(KEY) || '', delay = 1000, resync = false;
  function save(id) {
    last = String(id);
    sessionStorage.setItem(KEY, last);
  }
  function connect() {
    var ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host +
      '/api/v1/events' + (last ? '?last_event_id=' + encodeURIComponent(last) : ''));
    ws.onmessage = function (e) {
      var f;
      try { f = JSON.parse(e.data); } catch (_) { return; }
      if (f.type === 'hello') { delay = 1000; save(f.last_event_id); }
      else if (f.type === 'resync') resync = true;
      else if (!f.type && f.id !== undefined) { save(f.id); onEvent(f); }
    };
    ws.onclose = function (e) {
      if (e.code === 4001) return; // signed out
      if (e.code === 4000 || resync) {
        sessionStorage.removeItem(KEY);
        return location.reload();
      }
      setTimeout(connect, delay * (1 + Math.random() / 2));
      delay = Math.min(delay * 2, 60000);
    };
  }
  if (window.WebSocket) connect();

  // A jump to a message (#m123) focuses it.
  var target = location.hash && d.getElementById(location.hash.slice(1));
  if (target && target.classList.contains('msg')) {
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
  }
})();
