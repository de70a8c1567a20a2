// The timetable editor: draws one day's sessions as blocks in a column per room
// and saves every move, resize, addition and deletion through the page's JSON
// routes with the version last seen as If-Match. A refusal puts the block back
// where it was; a 412 shows the session as someone else left it.
(function () {
  'use strict';
  var grid = document.getElementById('timetable');
  if (!grid || !grid.dataset.timetable || !window.fetch) return;

  var data = JSON.parse(grid.dataset.timetable);
  var messages = data.messages;
  var SNAP = data.snapMinutes;
  var DAY = 24 * 60;
  var csrf = document.querySelector('#tt-create-form input[name=_csrf]').value;
  var status = document.getElementById('tt-status');
  var warningsBox = document.getElementById('tt-warnings');
  var dialog = document.getElementById('tt-create');
  var createForm = document.getElementById('tt-create-form');
  var createError = document.getElementById('tt-create-error');
  var buttons = {
    add: document.getElementById('tt-add'),
    open: document.getElementById('tt-open'),
    duplicate: document.getElementById('tt-duplicate'),
    remove: document.getElementById('tt-delete'),
    undo: document.getElementById('tt-undo'),
  };
  var selectionText = document.getElementById('tt-selection');
  var dayChoice = document.getElementById('tt-move-day');
  var dayGo = document.getElementById('tt-move-day-go');

  /** A message in the page's language, its `{name}` placeholders filled. */
  function say(key, params) {
    return messages[key].replace(/\{(\w+)\}/g, function (whole, name) {
      return params && name in params ? String(params[name]) : whole;
    });
  }

  var columns = data.rooms.map(function (r) {
    return { id: r.id, name: r.name };
  });
  columns.push({ id: null, name: say('noRoom') });
  var themes = {};
  data.themes.forEach(function (t) {
    themes[t.id] = t;
  });
  var sessions = data.sessions;
  var warnings = data.warnings;
  var selectedId = null;
  /** The last change made here, for Undo: which session and what it was before (or that it was added). */
  var lastChange = null;
  /** Where a block is shown while its save is under way. */
  var pending = {};
  /** Changes are saved one after the other, each from the state the one before left. */
  var queue = Promise.resolve();
  var waiting = 0;
  var flash = null;
  var range = { start: 8 * 60, end: 20 * 60 };

  document.getElementById('tt-toolbar').hidden = false;
  if (document.getElementById('tt-move-day-control')) document.getElementById('tt-move-day-control').hidden = false;
  grid.setAttribute('aria-busy', 'false');

  // ---- time arithmetic on the event's wall clock ("2019-10-08T14:30…") ----

  function pad(n) {
    return (n < 10 ? '0' : '') + n;
  }
  function nextDate(date) {
    var d = new Date(date + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  }
  /** Minutes since the start of the grid's day; a time on the next day counts on from 24:00. */
  function minutesOf(iso) {
    var minutes = Number(iso.slice(11, 13)) * 60 + Number(iso.slice(14, 16));
    var date = iso.slice(0, 10);
    if (date > data.day) return minutes + DAY;
    if (date < data.day) return minutes - DAY;
    return minutes;
  }
  function wallClock(minutes) {
    return minutes >= DAY ? nextDate(data.day) + 'T' + clock(minutes - DAY) : data.day + 'T' + clock(minutes);
  }
  function clock(minutes) {
    return pad(Math.floor(minutes / 60) % 24) + ':' + pad(minutes % 60);
  }
  function timeOf(iso) {
    return iso.slice(11, 16);
  }

  function find(id) {
    for (var i = 0; i < sessions.length; i++) if (sessions[i].id === id) return sessions[i];
    return null;
  }
  function columnIndex(roomId) {
    for (var i = 0; i < columns.length; i++) if (columns[i].id === roomId) return i;
    return columns.length - 1;
  }
  function roomName(roomId) {
    return columns[columnIndex(roomId)].name;
  }
  /** Where a session is shown: its saved place, or the one being saved. */
  function placeOf(session) {
    var p = pending[session.id] || session;
    return { start: minutesOf(p.startsAt), end: minutesOf(p.endsAt), column: columnIndex(p.roomId) };
  }
  function describe(session) {
    return say('where', { start: timeOf(session.startsAt), end: timeOf(session.endsAt), room: roomName(session.roomId) });
  }

  // ---- drawing ----

  function computeRange() {
    var start = 8 * 60;
    var end = 20 * 60;
    sessions.forEach(function (s) {
      var p = placeOf(s);
      start = Math.min(start, Math.floor(p.start / 60) * 60);
      end = Math.max(end, Math.ceil(p.end / 60) * 60);
    });
    range = { start: Math.max(0, start), end: Math.min(DAY, end) };
  }
  function rowOf(minutes) {
    var clamped = Math.min(Math.max(minutes, range.start), range.end);
    return Math.round((clamped - range.start) / SNAP) + 2;
  }
  function place(el, start, end, column) {
    el.style.gridColumn = String(column + 2);
    el.style.gridRow = rowOf(start) + ' / ' + Math.max(rowOf(end), rowOf(start) + 1);
  }
  function cell(className, text, column, row) {
    var el = document.createElement('div');
    el.className = className;
    if (text) el.textContent = text;
    el.style.gridColumn = column;
    el.style.gridRow = row;
    grid.appendChild(el);
    return el;
  }
  function warnedIds() {
    var ids = {};
    warnings.forEach(function (w) {
      w.sessions.forEach(function (s) {
        ids[s.sessionId] = true;
      });
    });
    return ids;
  }

  /** Light enough behind dark text whatever the theme's colour: a tint of it. */
  function tint(hex) {
    var n = parseInt(hex.slice(1), 16);
    var mix = function (c) {
      return Math.round(c + (255 - c) * 0.82);
    };
    return 'rgb(' + mix((n >> 16) & 255) + ', ' + mix((n >> 8) & 255) + ', ' + mix(n & 255) + ')';
  }

  function render() {
    var refocus = grid.contains(document.activeElement);
    computeRange();
    var rows = (range.end - range.start) / SNAP;
    grid.textContent = '';
    grid.style.gridTemplateColumns = '4rem repeat(' + columns.length + ', minmax(9rem, 1fr))';
    grid.style.gridTemplateRows = 'auto repeat(' + rows + ', var(--tt-row))';
    cell('tt-room', '', '1', '1');
    columns.forEach(function (c, i) {
      cell('tt-room', c.name, String(i + 2), '1');
      var column = cell('tt-column', '', String(i + 2), '2 / span ' + rows);
      column.dataset.column = String(i);
    });
    for (var m = range.start; m < range.end; m += 60) cell('tt-hour', clock(m), '1', rowOf(m) + ' / span 4');
    var warned = warnedIds();
    columns.forEach(function (_c, i) {
      lanes(
        sessions.filter(function (s) {
          return placeOf(s).column === i;
        }),
      ).forEach(function (laid) {
        grid.appendChild(blockElement(laid.session, laid.lane, laid.of, warned[laid.session.id]));
      });
    });
    if (flash) {
      var at = find(flash.id);
      if (at) {
        var p = placeOf(at);
        // Just below the block, so it does not hide what it is about.
        var note = cell('tt-flash', flash.text, String(p.column + 2), rowOf(p.end) + ' / span 1');
        note.setAttribute('aria-hidden', 'true');
      }
    }
    renderWarnings();
    updateToolbar();
    if (refocus && selectedId) focusBlock(selectedId);
  }

  /** Overlapping blocks in one column (no room, cancelled ones) share its width side by side. */
  function lanes(list) {
    var sorted = list.slice().sort(function (a, b) {
      return placeOf(a).start - placeOf(b).start;
    });
    var out = [];
    var cluster = [];
    var clusterEnd = -1;
    var laneEnds = [];
    function close() {
      cluster.forEach(function (item) {
        item.of = laneEnds.length;
      });
      cluster = [];
      laneEnds = [];
    }
    sorted.forEach(function (s) {
      var p = placeOf(s);
      if (p.start >= clusterEnd) close();
      var lane = 0;
      while (lane < laneEnds.length && laneEnds[lane] > p.start) lane++;
      laneEnds[lane] = p.end;
      clusterEnd = Math.max(clusterEnd, p.end);
      var item = { session: s, lane: lane, of: 1 };
      cluster.push(item);
      out.push(item);
    });
    close();
    return out;
  }

  function blockElement(session, lane, of, warned) {
    var el = document.createElement('button');
    el.type = 'button';
    el.className = 'tt-block';
    el.dataset.sessionId = session.id;
    if (session.status === 'cancelled') el.classList.add('tt-cancelled');
    var p = placeOf(session);
    // Half an hour has room for one line only.
    if (p.end - p.start <= 2 * SNAP) el.classList.add('tt-short');
    if (pending[session.id]) el.classList.add('tt-saving');
    if (flash && flash.id === session.id) el.classList.add('tt-refused');
    if (warned) el.classList.add('tt-warned');
    if (session.id === selectedId) el.classList.add('tt-selected');
    var theme = session.themeId && themes[session.themeId];
    if (theme && theme.colour) {
      el.style.borderLeftColor = theme.colour;
      if (session.status !== 'cancelled') el.style.backgroundColor = tint(theme.colour);
    }
    var shown = pending[session.id] || session;
    append(el, 'span', 'tt-title', session.title);
    append(
      el,
      'span',
      'tt-meta',
      ' ' + timeOf(shown.startsAt) + '–' + timeOf(shown.endsAt) + ' · ' + (messages.kinds[session.kind] || session.kind),
    );
    append(el, 'span', 'visually-hidden', ', ' + roomName(shown.roomId) + (theme ? ', ' + theme.name : ''));
    if (session.status === 'cancelled') append(el, 'span', 'tt-mark', say('cancelled'));
    if (warned) append(el, 'span', 'tt-mark', say('overlap'));
    var handle = append(el, 'span', 'tt-resize', '');
    handle.setAttribute('aria-hidden', 'true');
    place(el, p.start, p.end, p.column);
    if (of > 1) {
      el.style.justifySelf = 'start';
      el.style.width = 'calc(' + 100 / of + '% - 4px)';
      el.style.marginLeft = 'calc(' + (100 * lane) / of + '% + 2px)';
    }
    return el;
  }
  function append(parent, tag, className, text) {
    var el = document.createElement(tag);
    el.className = className;
    el.textContent = text;
    parent.appendChild(el);
    return el;
  }

  function renderWarnings() {
    warningsBox.textContent = '';
    if (warnings.length === 0) {
      append(warningsBox, 'p', '', say('noOverlaps'));
      return;
    }
    var list = append(warningsBox, 'ul', '', '');
    warnings.forEach(function (w) {
      var item = append(list, 'li', 'conflict', '');
      append(item, 'strong', '', w.personName);
      var where = w.sessions.map(function (s) {
        return '“' + s.title + '” ' + timeOf(s.startsAt) + '–' + timeOf(s.endsAt);
      });
      item.appendChild(document.createTextNode(' (' + w.roles.join(', ') + '): ' + where.join('; ')));
    });
  }

  function updateToolbar() {
    var selected = selectedId && find(selectedId);
    buttons.open.disabled = buttons.duplicate.disabled = buttons.remove.disabled = !selected;
    buttons.undo.disabled = !lastChange;
    if (dayChoice) dayChoice.disabled = dayGo.disabled = !selected;
    selectionText.textContent = selected ? say('selected', { title: selected.title, where: describe(selected) }) : say('noneSelected');
  }

  function blockOf(id) {
    return grid.querySelector('.tt-block[data-session-id="' + id + '"]');
  }
  function focusBlock(id) {
    var el = blockOf(id);
    if (el) el.focus();
  }
  function select(id) {
    if (selectedId === id) return;
    selectedId = id;
    grid.querySelectorAll('.tt-block.tt-selected').forEach(function (el) {
      el.classList.remove('tt-selected');
    });
    var el = id && blockOf(id);
    if (el) el.classList.add('tt-selected');
    updateToolbar();
  }

  function announce(text, refused, atId) {
    status.textContent = text;
    status.classList.toggle('tt-refused', Boolean(refused));
    flash = refused && atId ? { id: atId, text: text } : null;
  }

  // ---- saving ----

  function request(method, url, body, version) {
    var headers = { Accept: 'application/json', 'X-CSRF-Token': csrf };
    if (body) headers['Content-Type'] = 'application/json';
    if (version !== undefined) headers['If-Match'] = '"' + version + '"';
    return fetch(url, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined, credentials: 'same-origin' })
      .then(function (response) {
        return response.text().then(function (text) {
          var parsed = null;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch (_e) {
            parsed = null;
          }
          return { ok: response.ok, status: response.status, body: parsed };
        });
      })
      .catch(function () {
        return { ok: false, status: 0, body: null };
      });
  }

  function sessionUrl(id) {
    return data.sessionsUrl + '/' + id;
  }

  function replace(session) {
    for (var i = 0; i < sessions.length; i++) {
      if (sessions[i].id === session.id) {
        sessions[i] = session;
        return;
      }
    }
    sessions.push(session);
  }
  function forget(id) {
    sessions = sessions.filter(function (s) {
      return s.id !== id;
    });
    if (selectedId === id) selectedId = null;
  }

  /** A refusal in words, at the block: what was refused and, for 412, what the session is now. */
  function refusal(result, id) {
    if (result.status === 412 && result.body && result.body.session) {
      var now = result.body.session;
      replace(now);
      // Undo would now put back a place over someone else's change: it is no longer offered.
      if (lastChange && lastChange.id === id) lastChange = null;
      return say('stale', { where: describe(now) });
    }
    if (result.status === 0) return say('unreachable');
    var booked = result.status === 409 && result.body && result.body.conflictingSession;
    if (booked) {
      return say('booked', { title: booked.title, start: timeOf(booked.startsAt), end: timeOf(booked.endsAt) });
    }
    var detail = result.body && result.body.detail ? result.body.detail : say('refusedStatus', { status: result.status });
    if (result.status === 404) forget(id);
    return say('notSaved', { detail: detail.replace(/\.$/, '') });
  }

  /** Saves a new place for a session: a change, which Undo can take back, or that undoing (`undoable` false). */
  function move(id, target, undoable) {
    var session = find(id);
    if (!session) return Promise.resolve();
    var before = { startsAt: session.startsAt, endsAt: session.endsAt, roomId: session.roomId };
    pending[id] = target;
    render();
    return request('PATCH', sessionUrl(id), target, session.version).then(function (result) {
      delete pending[id];
      if (result.ok) {
        replace(result.body.session);
        warnings = result.body.warnings;
        lastChange = undoable ? { type: 'move', id: id, before: before } : null;
        var saved = { title: result.body.session.title, where: describe(result.body.session) };
        announce(say(undoable ? 'saved' : 'undoneBack', saved));
      } else {
        announce(refusal(result, id), true, id);
      }
      render();
    });
  }

  /**
   * Runs a save after those before it; the grid is aria-busy until the last
   * one is answered, which also tells a test when the page has caught up.
   */
  function enqueue(task) {
    waiting += 1;
    grid.setAttribute('aria-busy', 'true');
    queue = queue
      .then(task)
      .catch(function () {
        announce(say('broken'), true);
        render();
      })
      .then(function () {
        waiting -= 1;
        if (waiting === 0) grid.setAttribute('aria-busy', 'false');
      });
  }

  /** Queues a change computed from the session as the changes before it left it. */
  function change(id, compute) {
    enqueue(function () {
      var session = find(id);
      var target = session && compute(session, placeOf(session));
      if (!target) return undefined;
      return move(id, target, true);
    });
  }

  function shifted(startDelta, endDelta, columnDelta) {
    return function (session, p) {
      var start = p.start + startDelta;
      var end = p.end + endDelta;
      var column = p.column + columnDelta;
      if (column < 0 || column >= columns.length) return null;
      if (end - start < SNAP) {
        announce(say('minLength', { minutes: SNAP }), true, session.id);
        render();
        return null;
      }
      // It may run past midnight (the event's days decide, answering 422); it starts on this grid's day.
      if (start < 0 || start >= DAY) {
        announce(say('otherDay'), true, session.id);
        render();
        return null;
      }
      return { startsAt: wallClock(start), endsAt: wallClock(end), roomId: columns[column].id };
    };
  }

  function create(body, undoable) {
    return request('POST', data.sessionsUrl, body).then(function (result) {
      if (!result.ok) return result;
      replace(result.body.session);
      warnings = result.body.warnings;
      selectedId = result.body.session.id;
      lastChange = undoable ? { type: 'create', id: result.body.session.id } : null;
      announce(say('added', { title: result.body.session.title, where: describe(result.body.session) }));
      render();
      return result;
    });
  }

  function remove(id, undoing) {
    var session = find(id);
    if (!session) return Promise.resolve();
    return request('DELETE', sessionUrl(id), null, session.version).then(function (result) {
      if (result.ok) {
        warnings = result.body.warnings;
        if (result.body.session) replace(result.body.session);
        else forget(id);
        lastChange = null;
        if (undoing) announce(say('undoneRemoved', { title: session.title }));
        else announce(say(result.body.session ? 'cancelledNotice' : 'deleted', { title: session.title }));
      } else {
        announce(refusal(result, id), true, id);
      }
      render();
    });
  }

  function undo() {
    var last = lastChange;
    if (!last) return;
    enqueue(function () {
      if (last.type === 'create') return remove(last.id, true);
      if (last.type === 'day') return moveBack(last);
      return move(last.id, last.before, false);
    });
  }

  function duplicate(id) {
    var s = find(id);
    if (!s) return;
    var p = placeOf(s);
    var length = p.end - p.start;
    // The copy follows the original in its room, where it does not double-book it.
    var start = p.end + length <= DAY ? p.end : p.start;
    var body = {
      title: s.title,
      kind: s.kind,
      description: s.description,
      startsAt: wallClock(start),
      endsAt: wallClock(start + length),
      roomId: s.roomId,
      themeId: s.themeId,
      capacity: s.capacity,
      hostOrganisation: s.hostOrganisation,
    };
    enqueue(function () {
      return create(body, true).then(function (result) {
        if (!result.ok) {
          announce(refusal(result, id), true, id);
          render();
        } else focusBlock(result.body.session.id);
      });
    });
  }

  function confirmDelete(id) {
    var s = find(id);
    if (!s) return;
    var question = say('confirmDelete', { title: s.title, where: describe(s) });
    if (!window.confirm(question)) return;
    enqueue(function () {
      return remove(id, false);
    });
  }

  function open(id) {
    window.location.assign(data.editUrl + '/' + id);
  }

  // ---- another day ----

  function addDays(date, days) {
    var d = new Date(date + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  }
  function daysBetween(from, to) {
    return Math.round((Date.parse(to + 'T00:00:00Z') - Date.parse(from + 'T00:00:00Z')) / 86400000);
  }
  /** The same wall-clock time some days later (or earlier); the server reads it in the event's zone. */
  function onDay(iso, days) {
    return addDays(iso.slice(0, 10), days) + iso.slice(10, 16);
  }
  function dayLabel(date) {
    var option = dayChoice && dayChoice.querySelector('option[value="' + date + '"]');
    return option ? option.textContent : date;
  }

  /**
   * Moves a session to another of the event's days, same time, same room.
   * It leaves this day's grid; Undo brings it back here.
   */
  function moveToDay(id, date) {
    enqueue(function () {
      var session = find(id);
      if (!session || date === data.day) return undefined;
      var shift = daysBetween(data.day, date);
      var before = { startsAt: session.startsAt, endsAt: session.endsAt, roomId: session.roomId };
      var target = { startsAt: onDay(session.startsAt, shift), endsAt: onDay(session.endsAt, shift), roomId: session.roomId };
      pending[id] = target;
      render();
      return request('PATCH', sessionUrl(id), target, session.version).then(function (result) {
        delete pending[id];
        if (result.ok) {
          warnings = result.body.warnings;
          forget(id);
          lastChange = { type: 'day', id: id, before: before, session: result.body.session };
          announce(
            say('movedDay', {
              title: result.body.session.title,
              day: dayLabel(date),
              start: timeOf(result.body.session.startsAt),
              end: timeOf(result.body.session.endsAt),
            }),
          );
        } else {
          announce(refusal(result, id), true, id);
        }
        render();
        // The block left this grid: focus goes on to another session, unless the Move button was used.
        if (result.ok && document.activeElement !== dayGo) {
          var next = grid.querySelector('.tt-block');
          (next || buttons.add).focus();
        }
      });
    });
  }

  /** Undo of a move to another day: the session comes back to this grid as it was. */
  function moveBack(last) {
    return request('PATCH', sessionUrl(last.id), last.before, last.session.version).then(function (result) {
      if (result.ok) {
        replace(result.body.session);
        warnings = result.body.warnings;
        selectedId = last.id;
        lastChange = null;
        announce(say('undoneBack', { title: result.body.session.title, where: describe(result.body.session) }));
      } else {
        lastChange = null;
        announce(refusal(result, last.id), true);
      }
      render();
      if (result.ok) focusBlock(last.id);
    });
  }

  /** Page Up / Page Down: the day before or after, when the event has one. */
  function stepDay(id, step) {
    var at = data.days.indexOf(data.day) + step;
    if (at < 0 || at >= data.days.length) {
      announce(say(step < 0 ? 'noEarlierDay' : 'noLaterDay'), true, id);
      render();
      return;
    }
    moveToDay(id, data.days[at]);
  }

  if (dayGo) {
    dayGo.addEventListener('click', function () {
      if (selectedId) moveToDay(selectedId, dayChoice.value);
    });
  }

  // ---- adding ----

  function openCreate(start, end, column) {
    createForm.reset();
    createError.hidden = true;
    createForm.elements.start.value = clock(start);
    createForm.elements.end.value = clock(end);
    createForm.elements.roomId.value = columns[column].id || '';
    dialog.showModal();
    createForm.elements.title.focus();
  }
  function minutesFromInput(value) {
    return Number(value.slice(0, 2)) * 60 + Number(value.slice(3, 5));
  }
  createForm.addEventListener('submit', function (event) {
    event.preventDefault();
    var f = createForm.elements;
    var start = minutesFromInput(f.start.value);
    var end = minutesFromInput(f.end.value);
    if (end <= start) end += DAY;
    var body = {
      title: f.title.value,
      kind: f.kind.value,
      startsAt: wallClock(start),
      endsAt: wallClock(end),
      roomId: f.roomId.value || null,
    };
    enqueue(function () {
      return create(body, true).then(function (result) {
        if (!result.ok) {
          var fields =
            result.body && result.body.errors
              ? result.body.errors
                  .map(function (e) {
                    return e.field + ': ' + e.message;
                  })
                  .join('; ')
              : '';
          var detail = ((result.body && result.body.detail) || say('refusedShort', { status: result.status })).replace(/\.$/, '');
          createError.textContent = say('notAdded', { detail: detail + (fields ? ' (' + fields + ')' : '') });
          createError.hidden = false;
          return;
        }
        dialog.close();
        focusBlock(result.body.session.id);
      });
    });
  });
  document.getElementById('tt-create-cancel').addEventListener('click', function () {
    dialog.close();
  });
  // Right after the selected session in its room, else at nine without a room: a place a keyboard user can reach and that is likely free.
  buttons.add.addEventListener('click', function () {
    var selected = selectedId && find(selectedId);
    var p = selected && placeOf(selected);
    if (p && p.end + 60 <= DAY) openCreate(p.end, p.end + 60, p.column);
    else openCreate(9 * 60, 10 * 60, columns.length - 1);
  });

  // ---- pointer: drag to move, bottom edge to resize, empty slot to add ----

  function columnAt(x) {
    var found = null;
    grid.querySelectorAll('.tt-column').forEach(function (c) {
      var box = c.getBoundingClientRect();
      if (x >= box.left && x < box.right) found = Number(c.dataset.column);
    });
    return found;
  }
  function rowHeight() {
    var column = grid.querySelector('.tt-column');
    return column.getBoundingClientRect().height / ((range.end - range.start) / SNAP);
  }
  function minutesAt(y) {
    var top = grid.querySelector('.tt-column').getBoundingClientRect().top;
    return range.start + Math.floor((y - top) / rowHeight()) * SNAP;
  }

  grid.addEventListener('pointerdown', function (event) {
    if (event.button !== 0) return;
    var blockEl = event.target.closest('.tt-block');
    if (blockEl) return dragBlock(event, blockEl, event.target.classList.contains('tt-resize'));
    var column = event.target.closest('.tt-column');
    if (column) return dragSlot(event, Number(column.dataset.column));
  });

  /** Follows one pointer until it is released; a cancelled gesture (the browser took it to scroll) changes nothing. */
  function follow(onMove, onUp) {
    function end(event) {
      document.removeEventListener('pointermove', onMove);
      document.removeEventListener('pointerup', end);
      document.removeEventListener('pointercancel', end);
      if (event.type === 'pointerup') onUp();
      else render();
    }
    document.addEventListener('pointermove', onMove);
    document.addEventListener('pointerup', end);
    document.addEventListener('pointercancel', end);
  }

  function dragBlock(down, el, resizing) {
    var id = el.dataset.sessionId;
    var session = find(id);
    if (!session || pending[id]) return;
    down.preventDefault();
    select(id);
    el.focus();
    var from = placeOf(session);
    var px = rowHeight();
    var to = from;
    var dragging = false;
    follow(
      function (event) {
        var dy = event.clientY - down.clientY;
        if (!dragging && Math.abs(dy) < 4 && Math.abs(event.clientX - down.clientX) < 4) return;
        dragging = true;
        el.classList.add('tt-dragging');
        var steps = Math.round(dy / px);
        if (resizing) {
          to = { start: from.start, end: Math.max(from.start + SNAP, Math.min(range.end, from.end + steps * SNAP)), column: from.column };
        } else {
          var length = from.end - from.start;
          var start = Math.min(Math.max(range.start, from.start + steps * SNAP), range.end - length);
          var column = columnAt(event.clientX);
          to = { start: start, end: start + length, column: column === null ? from.column : column };
        }
        el.style.width = '';
        el.style.marginLeft = '';
        place(el, to.start, to.end, to.column);
      },
      function () {
        el.classList.remove('tt-dragging');
        if (!dragging) return;
        if (to.start === from.start && to.end === from.end && to.column === from.column) return render();
        change(id, function () {
          return { startsAt: wallClock(to.start), endsAt: wallClock(to.end), roomId: columns[to.column].id };
        });
      },
    );
  }

  function dragSlot(down, column) {
    down.preventDefault();
    var first = minutesAt(down.clientY);
    var ghost = cell('tt-ghost', '', String(column + 2), rowOf(first) + ' / span 1');
    var start = first;
    var end = first + SNAP;
    follow(
      function (event) {
        var at = minutesAt(event.clientY);
        start = Math.max(range.start, Math.min(first, at));
        end = Math.min(range.end, Math.max(first, at) + SNAP);
        place(ghost, start, end, column);
      },
      function () {
        ghost.remove();
        // A click without a drag asks for the usual half hour.
        if (end - start === SNAP) end = Math.min(range.end, start + 2 * SNAP);
        openCreate(start, end, column);
      },
    );
  }

  grid.addEventListener('dblclick', function (event) {
    var el = event.target.closest('.tt-block');
    if (el) open(el.dataset.sessionId);
  });

  // ---- keyboard ----

  grid.addEventListener('focusin', function (event) {
    var el = event.target.closest('.tt-block');
    if (el) select(el.dataset.sessionId);
  });

  grid.addEventListener('keydown', function (event) {
    var el = event.target.closest('.tt-block');
    if (!el) return;
    var id = el.dataset.sessionId;
    var key = event.key;
    var handled = true;
    if (key === 'Enter') open(id);
    else if (key === 'Delete' || key === 'Backspace') confirmDelete(id);
    else if (key === 'n' && !event.ctrlKey && !event.metaKey && !event.altKey) buttons.add.click();
    else if (key === 'ArrowUp' && event.shiftKey) change(id, shifted(0, -SNAP, 0));
    else if (key === 'ArrowDown' && event.shiftKey) change(id, shifted(0, SNAP, 0));
    else if (key === 'ArrowUp') change(id, shifted(-SNAP, -SNAP, 0));
    else if (key === 'ArrowDown') change(id, shifted(SNAP, SNAP, 0));
    else if (key === 'ArrowLeft' && event.altKey) change(id, shifted(0, 0, -1));
    else if (key === 'ArrowRight' && event.altKey) change(id, shifted(0, 0, 1));
    else if (key === 'ArrowLeft' || key === 'ArrowRight') focusNeighbour(el, key === 'ArrowLeft' ? -1 : 1);
    else if (key === 'PageUp' || key === 'PageDown') stepDay(id, key === 'PageUp' ? -1 : 1);
    else handled = false;
    if (handled) event.preventDefault();
  });

  function focusNeighbour(el, step) {
    var all = Array.prototype.slice.call(grid.querySelectorAll('.tt-block'));
    var next = all[all.indexOf(el) + step];
    if (next) next.focus();
  }

  document.addEventListener('keydown', function (event) {
    var typing = event.target.closest('input, select, textarea, dialog');
    if (!typing && (event.ctrlKey || event.metaKey) && event.key === 'z') {
      event.preventDefault();
      undo();
    }
  });

  buttons.open.addEventListener('click', function () {
    if (selectedId) open(selectedId);
  });
  buttons.duplicate.addEventListener('click', function () {
    if (selectedId) duplicate(selectedId);
  });
  buttons.remove.addEventListener('click', function () {
    if (selectedId) confirmDelete(selectedId);
  });
  buttons.undo.addEventListener('click', undo);

  render();
})();
