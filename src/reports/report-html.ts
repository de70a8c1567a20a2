import { countryName } from '../people/countries';
// Aliased: Prettier would re-flow templates tagged `markup`, and this markup is laid out by hand.
import { SafeHtml, escapeHtml, html as markup } from '../platform/mail/mail-template';
import { NOT_OVER_YET, REGISTRATION_STATUS_NAMES, ReportData } from './report-data';

export interface ReportHeader {
  version: number;
  trigger: 'manual' | 'automatic';
}

const ORGANISATION_TYPE_LABELS: Record<string, string> = {
  public_authority: 'Public authority',
  university_research: 'University or research',
  business: 'Business',
  ngo: 'NGO',
  international_organisation: 'International organisation',
  other: 'Other',
};

const STATUS_LABELS: Record<string, string> = {
  confirmed: 'Confirmed',
  waitlisted: 'On the waiting list',
  pending: 'Awaiting approval',
  cancelled: 'Cancelled',
  rejected: 'Not accepted',
};

const MATERIAL_LABELS = { on_time: 'on time', late: 'late', missing: 'missing' } as const;
const BAR_LIMIT = 25;

/**
 * The printable page of a report: one self-contained document (inline CSS and
 * SVG, system fonts, no scripts, nothing fetched from the network).
 */
export function renderReportHtml(data: ReportData, header: ReportHeader): string {
  const title = `${data.event.title} — post-event report`;
  const body = markup`
${reportHeader(data, header)}

${headlineSection(data)}

${peopleSection(data)}

${registrationsSection(data)}

${attendanceSection(data)}

${participationSection(data)}

${programmeSection(data)}

${presentationsSection(data)}

${emailsSection(data)}

${outcomesSection(data)}
${highlightsSection(data)}
${surveysSection(data)}
<footer class="page-footer">Compiled by Plenary from the event's records: registrations, check-ins, the agenda (as the organisers hold it, and its published versions), materials and the outbox.</footer>`;

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body.value}
</body>
</html>
`;
}

/** The title, the event's days and place, and a notice when it is not over yet. */
function reportHeader(data: ReportData, header: ReportHeader): SafeHtml {
  const e = data.event;
  return markup`<header>
  <p class="kicker">Post-event report · version ${header.version}${header.trigger === 'automatic' ? ' (compiled automatically)' : ''}</p>
  <h1>${e.title}</h1>
  <p class="meta">${dayRange(e.days)}${e.venue ? ` · ${e.venue}` : ''} · ${e.timezone}${e.coOrganisers.length > 0 ? ` · co-organised with ${e.coOrganisers.join(', ')}` : ''}${e.status === 'cancelled' ? ' · the event was cancelled' : ''}</p>
  <p class="meta">Compiled ${shortTime(data.generatedAt)} (event time).</p>
  ${
    e.ended === false
      ? markup`<p class="notice">Compiled before the event ended: attendance is so far, and there are no no-shows or attendance rate until it is over.</p>`
      : ''
  }
</header>`;
}

/** The headline cards and the presenting regions by world area. */
function headlineSection(data: ReportData): SafeHtml {
  const h = data.headline;
  return markup`<section class="headline" aria-label="Headline numbers">
  ${card(h.peopleInvolved, 'people involved')}
  ${card(h.registrations, 'registrations')}
  ${card(h.attendedEvent, 'attended')}
  ${card(h.sessionsHeld, 'sessions held')}
  ${card(h.presentations, data.presentations.unscheduled > 0 ? `presentations (${data.presentations.unscheduled} more in no session yet)` : 'presentations')}
  ${card(h.regions, `regions from ${h.countries} ${h.countries === 1 ? 'country' : 'countries'}`)}
  ${data.outcomes.slice(0, 4).map((o) => card(o.value, o.label))}
</section>
${
  data.presentations.byArea.length > 0
    ? markup`<p class="lead">${data.presentations.byArea
        .filter((a) => a.regions > 0)
        .map(
          (a) =>
            `${a.label}: ${a.regions} ${a.regions === 1 ? 'region' : 'regions'} from ${a.countries} ${a.countries === 1 ? 'country' : 'countries'}`,
        )
        .join(' · ')}${data.presentations.byArea.some((a) => a.regions > 0) ? ' presented' : ''}.</p>`
    : ''
}`;
}

function peopleSection(data: ReportData): SafeHtml {
  return markup`<section>
  <h2>People involved</h2>
  ${table(
    ['', 'people'],
    [
      ['Attendees (confirmed or checked in)', data.people.attendees],
      ['Presenters', data.people.presenters],
      ['Chairs and moderators', data.people.chairs],
      ['Distinct people across these roles', data.people.persons],
      ['Organisers (accounts)', data.people.organisers],
      ['… of whom also among the people above', data.people.organisersAmongPersons],
    ],
    ['People involved', data.people.involved],
  )}
</section>`;
}

function registrationsSection(data: ReportData): SafeHtml {
  return markup`<section>
  <h2>Registrations</h2>
  ${barChart(
    'Registrations by status',
    REGISTRATION_STATUS_NAMES.map((status) => ({ label: STATUS_LABELS[status], value: data.registrations.byStatus[status] ?? 0 })),
  )}
  ${table(
    ['', 'count'],
    [
      ['Registrations', data.registrations.total],
      ...REGISTRATION_STATUS_NAMES.map((status) => [STATUS_LABELS[status], data.registrations.byStatus[status] ?? 0] as Cell[]),
      ['Cancellations', data.registrations.cancellations],
      ['Promoted from the waiting list', data.registrations.waitlistPromotions],
      ['No-shows (confirmed, never checked in)', data.registrations.noShows ?? NOT_OVER_YET],
    ],
  )}
</section>`;
}

function attendanceSection(data: ReportData): SafeHtml {
  const e = data.event;
  return markup`<section>
  <h2>Attendance</h2>
  ${barChart(
    'Checked in per day',
    data.attendance.byDay.map((d) => ({ label: d.day, value: d.checkedIn })),
  )}
  ${table(
    ['', 'people'],
    [
      ...data.attendance.byDay.map((d) => [`Checked in on ${d.day}`, d.checkedIn] as Cell[]),
      ['Checked in on at least one day', data.attendance.overEvent],
      ['Checked in on every day', data.attendance.everyDay],
      [
        'Attendance rate (of confirmed)',
        e.ended === false ? NOT_OVER_YET : data.attendance.rate === null ? '—' : `${Math.round(data.attendance.rate * 100)} %`,
      ],
    ],
  )}
</section>`;
}

function participationSection(data: ReportData): SafeHtml {
  return markup`<section>
  <h2>Participation</h2>
  <p>${data.participation.people} people involved came from ${data.participation.regions} regions in ${data.participation.countries} countries (regions compared without regard to case).</p>
  ${table(
    ['World area', 'people', 'regions', 'countries'],
    data.participation.byArea.map((a) => [a.label, a.people, a.regions, a.countries]),
  )}
  ${barChart(
    'People by country',
    data.participation.byCountry.map((c) => ({ label: c.country, value: c.people })),
  )}
  ${barChart(
    'People by organisation type',
    data.participation.byOrganisationType.map((t) => ({
      label: t.organisationType ? (ORGANISATION_TYPE_LABELS[t.organisationType] ?? t.organisationType) : 'Not given',
      value: t.people,
    })),
  )}
  <h3>By region</h3>
  ${table(
    ['Region', 'Country', 'people'],
    data.participation.byRegion.map((r) => [r.region, r.countryCode ? countryName(r.countryCode) : '—', r.people]),
  )}
</section>`;
}

function programmeSection(data: ReportData): SafeHtml {
  const unpublishedSessions = data.programme.unpublished ?? [];
  return markup`<section>
  <h2>Programme as held</h2>
  <p>The agenda as the organisers held it when the report was compiled. ${
    data.programme.version
      ? `The latest published version is ${data.programme.version.number} (published ${data.programme.version.publishedAt.replace('T', ' ').slice(0, 16)}; ${data.programme.versions} ${data.programme.versions === 1 ? 'version' : 'versions'} in all). `
      : 'No agenda version was published. '
  }${data.programme.sessionsHeld} sessions held; breaks and cancelled sessions are not counted.${
    unpublishedSessions.length > 0 ? ` ${unpublishedSessions.length} of them are not in the published agenda (listed below).` : ''
  }</p>
  ${barChart(
    'Sessions per theme',
    data.programme.byTheme.map((t) => ({ label: t.theme, value: t.sessions })),
  )}
  ${barChart(
    'Sessions per day',
    data.programme.byDay.map((d) => ({ label: d.day, value: d.sessions })),
  )}
  ${programmeLists(data)}
</section>`;
}

/** Co-organised, moved, never published and cancelled sessions, each only when there are any. */
function programmeLists(data: ReportData): SafeHtml {
  const unpublishedSessions = data.programme.unpublished ?? [];
  return markup`${
    data.programme.coOrganised.length > 0
      ? markup`<h3>Co-organised sessions</h3>${table(
          ['Host', 'sessions', 'titles'],
          data.programme.coOrganised.map((c) => [c.host, c.sessions, c.titles.join('; ')]),
        )}`
      : ''
  }
  ${
    data.programme.moved.length > 0
      ? markup`<h3>Moved sessions</h3>${table(
          ['Session', 'first planned', 'held', 'moves'],
          data.programme.moved.map((m) => [m.title, shortTime(m.from), shortTime(m.to), m.times]),
        )}`
      : ''
  }
  ${
    unpublishedSessions.length > 0 || data.presentations.unpublished > 0
      ? markup`<h3>Never published</h3><p class="note">Counted above, but not in the latest published version of the agenda.</p>${table(
          ['Session or presentation', 'when'],
          [
            ...unpublishedSessions.map((u) => [`Session: ${u.title}`, shortTime(u.startsAt)] as Cell[]),
            ...data.presentations.items
              .filter((p) => p.published === false)
              .map((p) => [`Presentation: ${p.title} (in ${p.session})`, p.day] as Cell[]),
          ],
        )}`
      : ''
  }
  ${
    data.programme.cancelled.length > 0
      ? markup`<h3>Cancelled sessions</h3>${table(
          ['Session', 'was planned for'],
          data.programme.cancelled.map((c) => [c.title, shortTime(c.startsAt)]),
        )}`
      : ''
  }`;
}

function presentationsSection(data: ReportData): SafeHtml {
  return markup`<section>
  <h2>Presentations and pairings</h2>
  <p>${data.presentations.total} presentations by ${data.presentations.presenters} presenters from ${data.presentations.regions} regions in ${data.presentations.countries} countries.${presentationNotes(data)}
  Materials${data.presentations.materialsDueAt ? ` (due ${shortTime(data.presentations.materialsDueAt)})` : ''}: ${data.presentations.materials.onTime} on time, ${data.presentations.materials.late} late, ${data.presentations.materials.missing} missing.</p>
  ${table(
    ['World area', 'presenters', 'regions', 'countries'],
    data.presentations.byArea.map((a) => [a.label, a.people, a.regions, a.countries]),
  )}
  ${table(
    ['Presentation', 'Presenters', 'Session', 'Materials'],
    data.presentations.items.map((p) => [
      markup`${p.title}${p.published === false ? markup` <small>(not published)</small>` : ''}${p.theme ? markup`<br><small>${p.theme}</small>` : ''}`,
      markup`${p.presenters.map(
        (x, i) =>
          markup`${i > 0 ? markup`<br>` : ''}${x.name}${x.role === 'lead' ? ' (lead)' : ''}<small> — ${[x.organisation, x.region, x.countryCode ? countryName(x.countryCode) : null].filter(Boolean).join(', ')}</small>`,
      )}`,
      `${p.session} (${p.day})`,
      markup`<span class="m-${p.materials}">${MATERIAL_LABELS[p.materials]}</span>`,
    ]),
  )}
</section>`;
}

function emailsSection(data: ReportData): SafeHtml {
  return markup`<section>
  <h2>Emails</h2>
  ${table(
    ['Kind', 'sent', 'failed', 'bounced', 'held back', 'pending', 'total'],
    data.emails.byKind.map((k) => [k.kind, k.sent, k.failed, k.bounced, k.cancelled, k.queued + k.sending, k.total] as Cell[]),
    [
      'All',
      data.emails.byStatus.sent ?? 0,
      data.emails.byStatus.failed ?? 0,
      data.emails.byStatus.bounced ?? 0,
      data.emails.byStatus.cancelled ?? 0,
      (data.emails.byStatus.queued ?? 0) + (data.emails.byStatus.sending ?? 0),
      data.emails.total,
    ],
  )}
</section>`;
}

/** The outcomes organisers recorded, when there are any. */
function outcomesSection(data: ReportData): SafeHtml {
  return markup`${
    data.outcomes.length > 0
      ? markup`<section><h2>Outcomes</h2>${table(
          ['', 'value', 'note'],
          data.outcomes.map((o) => [o.label, o.value, o.note ?? '']),
        )}</section>`
      : ''
  }`;
}

/** The quotes organisers kept, when there are any. */
function highlightsSection(data: ReportData): SafeHtml {
  return markup`${
    data.highlights.length > 0
      ? markup`<section><h2>Highlights</h2>${data.highlights.map(
          (q) => markup`<blockquote><p>“${q.quote}”</p>${q.attribution ? markup`<footer>— ${q.attribution}</footer>` : ''}</blockquote>`,
        )}</section>`
      : ''
  }`;
}

/** Each survey: response counts, a chart of every rating or choice question's answers, the averages, and the comments. */
function surveysSection(data: ReportData): SafeHtml {
  const surveys = data.surveys ?? [];
  if (surveys.length === 0) return markup``;
  return markup`${surveys.map(
    (s) => markup`<section><h2>Feedback: ${s.title}</h2>
  <div class="headline">${card(s.responses, 'responses')}${card(s.invited, 'invited')}${card(
    s.responseRate === null ? '—' : `${Math.round(s.responseRate * 100)}%`,
    'response rate',
  )}</div>
  <p class="note">${s.anonymous ? 'Anonymous: answers are kept without who gave them.' : 'Answers are kept with the invitation they came by.'} ${
    s.status === 'closed' ? 'Closed.' : 'Still open: more answers may come.'
  }</p>
  ${table(
    ['Question', 'answers', 'average'],
    s.questions
      .filter((q) => q.kind !== 'text')
      .map((q) => [q.session ? `${q.prompt} (${q.session})` : q.prompt, q.answered, q.average ?? '—']),
  )}
  ${s.questions
    .filter((q) => q.kind !== 'text' && q.answered > 0)
    .map((q) =>
      barChart(
        q.session ? `${q.prompt} (${q.session})` : q.prompt,
        q.distribution.map((d) => ({ label: d.value, value: d.count })),
      ),
    )}
  ${
    s.sessions.length > 0
      ? markup`<h3>Sessions</h3>${table(
          ['Session', 'ratings', 'average'],
          s.sessions.map((x) => [x.session, x.ratings, x.average ?? '—']),
        )}`
      : ''
  }
  ${s.questions
    .filter((q) => q.comments.length > 0)
    .map((q) => markup`<h3>${q.prompt}</h3><ul class="comments">${q.comments.map((c) => markup`<li>${c}</li>`)}</ul>`)}
</section>`,
  )}`;
}

type Cell = string | number | SafeHtml;

/** Why a count may be lower than what organisers see in their agenda. */
function presentationNotes(data: ReportData): string {
  const p = data.presentations;
  const notes: string[] = [];
  if (p.unpublished > 0) notes.push(`${p.unpublished} of them ${p.unpublished === 1 ? 'is' : 'are'} not in the published agenda.`);
  if (p.unscheduled > 0)
    notes.push(`${p.unscheduled} more ${p.unscheduled === 1 ? 'presentation is' : 'presentations are'} in no session yet and not counted.`);
  const alone = p.items.filter((i) => i.presenters.length === 0).length;
  if (alone > 0) notes.push(`${alone} ${alone === 1 ? 'presentation has' : 'presentations have'} no presenter yet.`);
  return notes.map((n) => ` ${n}`).join('');
}

function card(value: string | number, label: string): SafeHtml {
  return markup`<div class="card"><span class="n">${value}</span><span class="l">${label}</span></div>`;
}

/** Numbers align right under their headers, the total row's too; the total row sits in a `<tfoot>`. */
function table(headers: string[], rows: Cell[][], total?: Cell[]): SafeHtml {
  if (rows.length === 0 && !total) return markup`<p class="empty">None.</p>`;
  const cells = (row: Cell[]) =>
    row.map((cell, i) => markup`<td${i > 0 && typeof cell === 'number' ? markup` class="num"` : ''}>${cell}</td>`);
  return markup`<table><thead><tr>${headers.map((h, i) => markup`<th${i > 0 ? markup` class="num"` : ''}>${h}</th>`)}</tr></thead><tbody>${rows.map(
    (row) => markup`<tr>${cells(row)}</tr>`,
  )}</tbody>${total ? markup`<tfoot><tr class="total">${cells(total)}</tr></tfoot>` : ''}</table>`;
}

/** A horizontal bar chart as inline SVG; the largest `BAR_LIMIT` bars, the rest said in a note. */
function barChart(title: string, all: Array<{ label: string; value: number }>): SafeHtml {
  if (all.length === 0) return markup``;
  const bars = all.slice(0, BAR_LIMIT);
  const max = Math.max(1, ...bars.map((b) => b.value));
  const row = 22;
  const labelWidth = 230;
  const barWidth = 380;
  const width = labelWidth + barWidth + 60;
  const height = bars.length * row + 8;
  const shown = (label: string) => (label.length > 34 ? `${label.slice(0, 33)}…` : label);
  return markup`<figure><figcaption>${title}</figcaption><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${title}" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px">${bars.map(
    (b, i) => {
      const y = 4 + i * row;
      const w = b.value > 0 ? Math.max(2, Math.round((b.value / max) * barWidth)) : 0;
      return markup`<g><title>${b.label}: ${b.value}</title><text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end" class="bl">${shown(b.label)}</text><rect x="${labelWidth}" y="${y + 3}" width="${w}" height="${row - 7}" rx="2" class="bar"></rect><text x="${labelWidth + w + 6}" y="${y + 15}" class="bv">${b.value}</text></g>`;
    },
  )}</svg>${all.length > bars.length ? markup`<p class="note">and ${all.length - bars.length} more in the table below.</p>` : ''}</figure>`;
}

function dayRange(days: string[]): string {
  if (days.length === 0) return '';
  return days.length === 1 ? days[0] : `${days[0]} – ${days[days.length - 1]}`;
}

function shortTime(value: string | null): string {
  return value ? value.replace('T', ' ').slice(0, 16) : '—';
}

const STYLE = `
:root{color-scheme:light}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1a1a1a;line-height:1.45;max-width:60rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.8rem;margin:.2rem 0}
h2{font-size:1.25rem;border-bottom:2px solid #1565c0;padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1rem;margin:1.2rem 0 .4rem}
.kicker{text-transform:uppercase;letter-spacing:.06em;font-size:.8rem;color:#555;margin:0}
.meta{color:#444;margin:.2rem 0}
.lead{font-size:1.05rem}
.headline{display:flex;flex-wrap:wrap;gap:.6rem;margin:1.2rem 0}
.card{border:1px solid #d0d7de;border-radius:6px;padding:.6rem .8rem;min-width:8.5rem;flex:1 1 8.5rem}
.card .n{display:block;font-size:1.7rem;font-weight:700;color:#0d47a1}
.card .l{display:block;font-size:.85rem;color:#444}
table{border-collapse:collapse;width:100%;margin:.6rem 0;font-size:.9rem}
th,td{border-bottom:1px solid #e1e4e8;padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:#f4f6f8;font-weight:600}
.num{text-align:right;font-variant-numeric:tabular-nums}
.total td{font-weight:600;border-top:2px solid #d0d7de}
small{color:#555}
figure{margin:.8rem 0}
figcaption{font-weight:600;font-size:.9rem;margin-bottom:.2rem}
svg .bar{fill:#1565c0}
svg text{font-family:inherit;font-size:12px;fill:#1a1a1a}
svg .bv{fill:#333}
.note,.empty{color:#555;font-size:.85rem}
.notice{border-left:4px solid #b26a00;background:#fff8e6;padding:.4rem .8rem}
.m-on_time{color:#2e7d32}.m-late{color:#b26a00}.m-missing{color:#c62828}
blockquote{margin:1rem 0;padding:.2rem 1rem;border-left:4px solid #2e7d32;background:#f6f8f6}
blockquote footer{color:#444;font-size:.9rem}
.page-footer{margin-top:2.5rem;color:#666;font-size:.8rem;border-top:1px solid #ddd;padding-top:.5rem}
@page{margin:15mm}
@media print{body{padding:0;max-width:none}section,figure,table,blockquote{break-inside:avoid}h2{break-after:avoid}a{color:inherit}}
`;
