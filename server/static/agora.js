/* Agora: pages work without this file. With it, forms post through htmx and the event
   websocket keeps conversations and unread badges current. */
(function () {
  'use strict';
  var d = document, meta = d.querySelector('meta[name="csrf-token"]');
  if (!meta) return; // signed out
  var csrf = meta.content;
  var conv = d.getElementById('conversation'), data = conv ? conv.dataset : {me: meta.dataset.me};
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
    var end = window.innerHeight + window.scrollY >= d.documentElement.scrollHeight - 96;
    list.appendChild(el);
    if (end) window.scrollTo(0, d.documentElement.scrollHeight);
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

  // Unread and mention counts, per channel as the side navigation lists them: [unread,
  // mentions, workspace]. Every badge of a channel (c12), a workspace (w3) or the total (t)
  // follows them, in this tab and, through the read markers' events, in every other.
  var nav = d.getElementById('side-nav'), counts = {}, title = d.title.replace(/^\(\d+\) /, '');
  function shown(b) { return b && !b.hidden ? parseInt(b.firstChild.textContent.replace('@', ''), 10) || 0 : 0; }
  if (nav) nav.querySelectorAll('li[data-c]').forEach(function (li) {
    counts[li.dataset.c] = [shown(li.querySelector('[data-u]')), shown(li.querySelector('[data-m]')), li.dataset.w || ''];
  });
  function words(n, mention) {
    var ds = nav ? nav.dataset : {};
    return (ds[mention ? 'wordsM' : 'wordsU'] || '#').replace('#', n);
  }
  function set(attr, key, n) {
    d.querySelectorAll('[data-' + attr + '="' + key + '"]').forEach(function (b) {
      b.hidden = !n;
      if (!n) return;
      var vis = b.querySelector('[aria-hidden]');
      if (vis) {
        vis.textContent = (attr === 'm' ? '@' : '') + n;
        b.lastChild.textContent = words(n, attr === 'm');
      } else b.textContent = words(n, attr === 'm');
    });
  }
  function render() {
    var ws = {}, tu = 0, tm = 0;
    Object.keys(counts).forEach(function (id) {
      var c = counts[id], w = c[2] && (ws[c[2]] = ws[c[2]] || [0, 0]);
      tu += c[0]; tm += c[1];
      if (w) { w[0] += c[0]; w[1] += c[1]; }
      set('u', 'c' + id, c[0]); set('m', 'c' + id, c[1]);
    });
    Object.keys(ws).forEach(function (id) { set('u', 'w' + id, ws[id][0]); set('m', 'w' + id, ws[id][1]); });
    if (!nav) return;
    set('u', 't', tu); set('m', 't', tm);
    d.title = (tu ? '(' + tu + ') ' : '') + title;
  }
  function count(id, unread, mentions) {
    var c = counts[id] || (counts[id] = [0, 0, '']);
    c[0] = unread; c[1] = mentions;
    render();
  }

  function onEvent(ev) {
    var x = ev.data || {}, m = x.message;
    if (ev.kind === 'read_marker') return count(x.channel_id, x.unread, x.mentions);
    var c = counts[ev.channel_id];
    // Someone else's message is unread, unless this tab shows it in the channel and reads it.
    if (ev.kind === 'message_created' && m && c && String(m.author.id) !== data.me &&
        !(ev.channel_id === channel && !thread && !m.thread_root_id && data.live && d.visibilityState === 'visible')) {
      count(ev.channel_id, c[0] + 1, c[1] + (m.html.indexOf('data-user-id="' + data.me + '"') >= 0 ? 1 : 0));
    }
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
  // A page's own cursor (where it was rendered) comes first; a page without one starts a fresh
  // stream, as its counts are as fresh as the page: replaying older events would count twice.
  var last = data.lastEvent || '', delay = 1000, resync = false;
  function save(id) {
    last = String(id);
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
        return location.reload();
      }
      setTimeout(connect, delay * (1 + Math.random() / 2));
      delay = Math.min(delay * 2, 60000);
    };
  }
  if (window.WebSocket) connect();

  // A conversation opens at its first unread message, or at its end (composer in view).
  var mark = d.getElementById('unread');
  if (mark && !thread && (!location.hash || location.hash === '#unread')) {
    if (mark.classList.contains('unread-sep')) mark.scrollIntoView({block: 'start'});
    else {
      window.scrollTo(0, d.documentElement.scrollHeight);
      // On a phone the composer can fill the screen: the newest message stays in view above it.
      var last = list && list.querySelector('article:last-of-type');
      if (last && last.getBoundingClientRect().bottom < 0) last.scrollIntoView({block: 'start'});
    }
  }

  // Older history loads by itself when its link comes into view; the view stays where it was.
  var older = d.getElementById('older');
  function loadOlder(a) {
    if (a.dataset.busy) return;
    a.dataset.busy = 1;
    a.textContent = a.dataset.loading;
    fetch(a.href, {credentials: 'same-origin'}).then(function (r) { return r.ok ? r.text() : ''; })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html'), got = doc.getElementById('messages');
        if (!got || !list) return;
        var h = d.documentElement.scrollHeight, y = window.scrollY, first = list.firstElementChild;
        var seam = got.querySelectorAll('.day-sep'), lastDay = seam.length && seam[seam.length - 1];
        // One separator per day, also across the seam.
        if (lastDay && first && first.classList.contains('day-sep') &&
            first.textContent === lastDay.textContent) first.remove();
        var frag = d.createDocumentFragment();
        while (got.firstChild) frag.appendChild(d.adoptNode(got.firstChild));
        list.insertBefore(frag, list.firstChild);
        if (window.htmx) htmx.process(list);
        window.scrollTo(0, y + d.documentElement.scrollHeight - h);
        var next = doc.getElementById('older');
        if (next) older.replaceWith(d.adoptNode(next)); else older.remove();
        older = d.getElementById('older');
        if (older) watch();
      });
  }
  function watch() {
    var a = older.querySelector('a');
    if (!window.IntersectionObserver || !a) return;
    var io = new IntersectionObserver(function (es) {
      if (es[0].isIntersecting) { io.disconnect(); loadOlder(a); }
    });
    io.observe(a);
  }
  if (older && list) watch();

  // A jump to a message (#m123) focuses it.
  var target = location.hash && d.getElementById(location.hash.slice(1));
  if (target && target.classList.contains('msg')) {
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
  }
})();
