// Treaty lanes: one band per party, its status over time, from the API's own replay
// (Treaty.parties(asOf:), the same as statusAsOf). The status can only change on a day
// an action takes effect, or when the treaty expires or ends, so the page asks for the
// parties on each of those days (in batches of aliases) and joins equal neighbours.
import { gql } from "./api.js";
import { isoDay, parseDay } from "./items.js";
import { partiesAt, TREATY_ACTIONS } from "./queries.js";

const DAY = 86_400_000;
const BATCH = 15; // aliases per request, under the API's alias limit

export const STATUS_LABELS = {
  SIGNATORY: "signed",
  RATIFIED: "ratified",
  PARTY: "in force",
  SUSPENDED: "suspended",
  WITHDRAWING: "withdrawal notified",
  WITHDRAWN: "withdrawn",
  TREATY_ENDED: "treaty ended",
};

function changeDays(treaty) {
  const days = new Set(treaty.actions.map((a) => a.dateStart));
  if (treaty.expiresEnd) days.add(isoDay(new Date(parseDay(treaty.expiresEnd).getTime() + DAY)));
  if (treaty.ended) days.add(treaty.ended);
  return [...days].sort();
}

export async function loadLanes(slug, { signal } = {}) {
  const { treaty } = await gql(TREATY_ACTIONS, { slug }, { signal });
  if (!treaty) return null;
  const days = changeDays(treaty);
  const byDay = [];
  for (let i = 0; i < days.length; i += BATCH) {
    const chunk = days.slice(i, i + BATCH);
    const data = await gql(partiesAt(chunk), { slug }, { signal });
    chunk.forEach((day, j) => byDay.push({ day, parties: data.treaty[`d${j}`] }));
  }
  return { treaty, lanes: buildLanes(byDay) };
}

// [{actor, segments: [{status, start, end|null}]}] ordered by name.
export function buildLanes(byDay) {
  const lanes = new Map();
  for (const { parties } of byDay) {
    for (const party of parties) {
      if (!lanes.has(party.actor.id)) lanes.set(party.actor.id, { actor: party.actor, segments: [] });
      const { segments } = lanes.get(party.actor.id);
      const last = segments[segments.length - 1];
      if (last && last.status === party.status) continue;
      const start = party.since || byDayStart(byDay);
      if (last) last.end = start;
      segments.push({ status: party.status, start, end: null });
    }
  }
  return [...lanes.values()].sort((a, b) => a.actor.name.localeCompare(b.actor.name));
}

function byDayStart(byDay) {
  return byDay[0]?.day;
}

export function laneItems(treaty, lanes) {
  const groups = [];
  const items = [];
  const today = new Date();
  lanes.forEach((lane, index) => {
    const group = `lane:${lane.actor.id}`;
    groups.push({
      id: group,
      content: lane.actor.name,
      title: `${treaty.shortName || treaty.name}: ${lane.actor.name}`,
      order: -100 + index, // above the records: the first thing readers of a treaty ask
      className: "lane-group",
      style: "height: 2.2rem",
    });
    lane.segments.forEach((segment, n) => {
      const start = parseDay(segment.start);
      const open = segment.end === null;
      const end = open ? new Date(Math.max(today.getTime(), start.getTime() + DAY)) : parseDay(segment.end);
      const label = STATUS_LABELS[segment.status] || segment.status.toLowerCase();
      const span = document.createElement("span");
      span.textContent = label;
      items.push({
        id: `${group}:${n}`,
        group,
        start,
        end,
        type: "background",
        content: span,
        className: `lane ${segment.status.toLowerCase()}`,
        title: `${lane.actor.name}: ${label} from ${segment.start}${open ? "" : ` to ${segment.end}`}`,
        lane: { actor: lane.actor.name, status: segment.status, since: segment.start },
        selectable: false,
      });
    });
  });
  return { groups, items };
}

