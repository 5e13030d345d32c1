// The detail panel: the record's text, who took part, and every citation.
import { dateLabel, KINDS, title } from "./items.js";

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === "") continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function citations(list) {
  if (!list.length) return el("p", { class: "hint" }, "No public citation.");
  return el(
    "ol",
    { class: "citations" },
    list.map((c) =>
      el(
        "li",
        {},
        el("blockquote", {}, `“${c.excerpt}”`),
        el(
          "div",
          { class: "meta" },
          c.source.url
            ? el("a", { href: c.source.url, rel: "noopener noreferrer", target: "_blank" }, c.source.title)
            : c.source.title,
          c.source.outlet ? ` · ${c.source.outlet.name}` : "",
          c.source.date ? ` · ${c.source.date}` : "",
        ),
      ),
    ),
  );
}

export function renderDetail(panel, node) {
  panel.replaceChildren(el("h2", { id: "detail-title" }, "Details"));
  if (!node) {
    panel.append(el("p", { class: "hint" }, "This record is not available."));
    return;
  }
  const kind = KINDS[node.__typename];
  const body = [];
  body.push(el("p", { class: `kind ${kind.css}` }, kind.label));
  body.push(el("h3", {}, node.__typename === "Statement" ? `${node.speaker.name}` : title(node)));
  body.push(el("p", { class: "meta" }, dateLabel(node)));
  if (node.__typename === "Event") {
    body.push(el("p", { class: "meta" }, node.eventType.name, node.placeName ? ` · ${node.placeName}` : ""));
    if (node.summary) body.push(el("p", {}, node.summary));
    if (node.participants.length) {
      body.push(el("h4", {}, "Participants"));
      body.push(el("ul", {}, node.participants.map((p) => el("li", {}, `${p.actor.name} (${p.role.toLowerCase()})`))));
    }
    if (node.tags.length) body.push(el("p", { class: "meta" }, "Tags: ", node.tags.map((t) => t.name).join(", ")));
  } else if (node.__typename === "Statement") {
    const role = [node.speakerPosition?.title, node.onBehalfOf ? `for ${node.onBehalfOf.name}` : ""].filter(Boolean);
    if (role.length) body.push(el("p", { class: "meta" }, role.join(", ")));
    body.push(el("blockquote", { lang: node.language || "en" }, `“${node.text}”`));
    if (node.venue) body.push(el("p", { class: "meta" }, `At ${node.venue}`));
  } else {
    if (node.note) body.push(el("p", {}, node.note));
    if (node.extendedUntil) body.push(el("p", { class: "meta" }, `Extended until ${node.extendedUntil}`));
    if (node.event) body.push(el("p", { class: "meta" }, `Recorded by the event “${node.event.title}”`));
  }
  if (node.treaties?.length) {
    body.push(el("p", { class: "meta" }, "Treaties: ", node.treaties.map((t) => t.shortName || t.name).join(", ")));
  }
  body.push(el("h4", {}, `Sources (${node.citations.length})`));
  body.push(citations(node.citations));
  panel.append(...body);
}

export function renderItemButton(item, onSelect) {
  const button = el(
    "button",
    { type: "button", "data-id": item.id },
    el("span", { class: "when" }, item.node.date),
    el("span", { class: `kind ${KINDS[item.node.__typename].css}` }, item.kind),
    item.label,
  );
  button.addEventListener("click", () => onSelect(item.id));
  return el("li", {}, button);
}

export { el };
