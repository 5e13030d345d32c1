// Records -> items on the date axis. A day is a point; a month, a year or a range spans
// its days; an open end runs to today; uncertain and approximate dates are styled apart.
const DAY = 86_400_000;
export const KINDS = {
  Event: { group: "events", css: "event", label: "Event" },
  Statement: { group: "statements", css: "statement", label: "Statement" },
  TreatyAction: { group: "actions", css: "action", label: "Treaty action" },
};

export function parseDay(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  const date = new Date(Date.UTC(2000, m - 1, d));
  date.setUTCFullYear(y); // years before 100 too
  return date;
}

export function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

export function title(node) {
  if (node.__typename === "Event") return node.title;
  if (node.__typename === "Statement") {
    const text = node.text.length > 90 ? `${node.text.slice(0, 87)}…` : node.text;
    return `${node.speaker?.name ?? "Someone"}: “${text}”`;
  }
  const what = node.action.toLowerCase().replaceAll("_", " ");
  const treaty = node.treaty?.shortName || node.treaty?.name || "treaty";
  return `${treaty}: ${what}${node.actor ? ` by ${node.actor.name}` : ""}`;
}

export function dateLabel(node) {
  const marks = [];
  if (node.dateUncertain) marks.push("uncertain");
  if (node.dateApproximate) marks.push("approximate");
  const precision = node.precision ? `${node.precision.toLowerCase()} precision` : "";
  const extra = [precision, ...marks].filter(Boolean).join(", ");
  return extra ? `${node.date} (${extra})` : node.date;
}

function content(text, node) {
  const span = document.createElement("span");
  let suffix = "";
  if (node.dateUncertain) suffix += " ?";
  if (node.dateApproximate) suffix += " ~";
  span.textContent = text + suffix;
  return span;
}

export function toItem(node) {
  const kind = KINDS[node.__typename];
  const start = parseDay(node.dateStart);
  const classes = [kind.css, `precision-${(node.precision || "day").toLowerCase()}`];
  if (node.dateUncertain) classes.push("uncertain");
  if (node.dateApproximate) classes.push("approximate");
  const text = title(node);
  const item = {
    id: node.id,
    group: kind.group,
    start,
    content: content(text, node),
    title: `${kind.label} · ${dateLabel(node)}: ${text}`,
    className: classes.join(" "),
    label: text,
    kind: kind.label,
    node,
  };
  if (node.dateEnd === null) {
    item.end = new Date(Math.max(Date.now(), start.getTime() + DAY));
    item.type = "range";
    item.className += " open";
  } else if (node.dateEnd !== node.dateStart) {
    item.end = new Date(parseDay(node.dateEnd).getTime() + DAY); // through its last day
    item.type = "range";
  } else {
    item.type = "point";
  }
  return item;
}
