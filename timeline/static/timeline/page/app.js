// The public timeline page: a zoomable date axis of events, statements and treaty
// actions, treaty lanes per party, filters, search and a detail panel; the view lives
// in the URL. Reads /graphql/ only.
import { DataSet, Timeline } from "vis-timeline";
import { ApiError, eachPage, gql, requests } from "./api.js";
import { el, renderDetail, renderItemButton } from "./detail.js";
import { isoDay, parseDay, toItem } from "./items.js";
import { laneItems, loadLanes, STATUS_LABELS } from "./lanes.js";
import { DETAIL, OPTIONS, SEARCH, TIMELINE } from "./queries.js";
import { readState, sameFilters, timelineFilters, toSearch } from "./state.js";

const DAY = 86_400_000;
const YEAR = 365.25 * DAY;
const BASE_GROUPS = [
  { id: "events", content: "Events", order: 1 },
  { id: "statements", content: "Statements", order: 2 },
  { id: "actions", content: "Treaty actions", order: 3 },
];
const IN_VIEW_MAX = 200;

const $ = (id) => document.getElementById(id);
const metrics = { firstRenderMs: null, requests, loaded: 0, total: null, ready: false };
window.timelinePage = metrics;

const items = new DataSet();
const groups = new DataSet(BASE_GROUPS);
let timeline;
let state = readState();
let loading = null; // AbortController of the data being loaded
let lanesLoading = null;
let userMoved = false;

function setStatus(text) {
  $("status").textContent = text;
}

function showError(error) {
  const box = $("filter-error");
  box.textContent = error instanceof ApiError ? error.message : `Could not load the data (${error.message}).`;
  box.hidden = false;
  setStatus("Nothing loaded.");
}

// ---------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------
async function loadItems() {
  loading?.abort();
  const controller = new AbortController();
  loading = controller;
  items.clear();
  metrics.loaded = 0;
  metrics.ready = false;
  $("filter-error").hidden = true;
  setStatus("Loading…");
  try {
    await eachPage(
      TIMELINE,
      { filters: timelineFilters(state) },
      (data) => data.timeline,
      (page, n) => {
        if (controller.signal.aborted) return;
        items.add(page.edges.map((edge) => toItem(edge.node)));
        metrics.loaded += page.edges.length;
        metrics.total = page.totalCount;
        setStatus(`${metrics.loaded} of ${page.totalCount} items`);
        if (n === 0) firstPageShown();
      },
      { signal: controller.signal },
    );
  } catch (error) {
    if (error.name !== "AbortError") showError(error);
    return;
  }
  if (controller.signal.aborted) return;
  if (!metrics.loaded) setStatus("No items match these filters.");
  if (!state.start && !userMoved && metrics.loaded) timeline.fit({ animation: false });
  // Ready once the list of items in view is drawn too (it is drawn after a short debounce).
  readyAfterList = true;
  selectFromState();
  refreshInView();
}

function firstPageShown() {
  if (!state.start && metrics.loaded) timeline.fit({ animation: false });
  if (metrics.firstRenderMs === null) {
    requestAnimationFrame(() => {
      metrics.firstRenderMs = Math.round(performance.now());
    });
  }
  refreshInView();
}

async function loadTreatyLanes() {
  lanesLoading?.abort();
  const controller = new AbortController();
  lanesLoading = controller;
  items.remove(items.getIds({ filter: (item) => String(item.group).startsWith("lane:") }));
  groups.remove(groups.getIds({ filter: (group) => String(group.id).startsWith("lane:") }));
  $("lanes-title").hidden = true;
  $("lanes-table").hidden = true;
  if (!state.treaty) return;
  try {
    const result = await loadLanes(state.treaty, { signal: controller.signal });
    if (!result || controller.signal.aborted) return;
    const { groups: laneGroups, items: laneBands } = laneItems(result.treaty, result.lanes);
    $("lanes-title").textContent = `Lanes: ${result.treaty.shortName || result.treaty.name}, each party's status over time`;
    $("lanes-title").hidden = false;
    groups.add(laneGroups);
    items.add(laneBands);
    renderLaneTable(result.lanes);
  } catch (error) {
    if (error.name !== "AbortError") showError(error);
  }
}

// The lanes as a table too: what the bands show, readable without seeing them.
function renderLaneTable(lanes) {
  const rows = lanes.flatMap((lane) =>
    lane.segments.map((segment) =>
      el("tr", {},
        el("th", { scope: "row" }, lane.actor.name),
        el("td", {}, STATUS_LABELS[segment.status] || segment.status.toLowerCase()),
        el("td", {}, segment.start),
        el("td", {}, segment.end || "—"))));
  $("lanes-table").querySelector("tbody").replaceChildren(...rows);
  $("lanes-table").hidden = false;
}

async function loadOptions() {
  const data = await gql(OPTIONS);
  const fill = (select, options) => {
    for (const [value, label] of options) select.append(el("option", { value }, label));
  };
  fill($("f-actor"), data.actors.edges.map(({ node }) => [node.slug, node.name]));
  fill($("f-treaty"), data.treaties.edges.map(({ node }) => [node.slug, node.shortName || node.name]));
  fill($("f-type"), data.eventCategories.map((c) => [c.slug, c.name]));
  fill($("f-tag"), data.tags.map((t) => [t.slug, t.name]));
  writeForm();
}

// ---------------------------------------------------------------------------
// Selection and the detail panel
// ---------------------------------------------------------------------------
async function showDetail(id) {
  const panel = $("detail");
  if (!id) {
    panel.replaceChildren(el("h2", { id: "detail-title" }, "Details"), el("p", { class: "hint" },
      "Select an item on the axis or in the list to read it here, with its sources."));
    return;
  }
  panel.replaceChildren(el("h2", { id: "detail-title" }, "Details"), el("p", { class: "hint" }, "Loading…"));
  try {
    const data = await gql(DETAIL, { id });
    // A later selection may have been answered first: show only the current one.
    if (id === state.sel) renderDetail(panel, data.node);
  } catch (error) {
    if (id === state.sel) renderDetail(panel, null);
  }
}

function select(id, { push = true, focusPanel = false } = {}) {
  state = { ...state, sel: id || "" };
  if (push) history.pushState(state, "", toSearch(state));
  selectFromState();
  showDetail(id).then(() => {
    if (focusPanel) $("detail").focus();
  });
}

function selectFromState() {
  const id = state.sel;
  const known = id && items.get(id);
  timeline.setSelection(known ? [id] : []);
  for (const button of $("items").querySelectorAll("button")) {
    button.setAttribute("aria-current", String(button.dataset.id === id));
  }
}

// ---------------------------------------------------------------------------
// The list of items in view: what keyboard and screen-reader users move through
// ---------------------------------------------------------------------------
let inViewTimer = null;
let readyAfterList = false;
function refreshInView() {
  clearTimeout(inViewTimer);
  inViewTimer = setTimeout(() => {
    const { start, end } = timeline.getWindow();
    const inView = items
      .get({
        filter: (item) => !String(item.group).startsWith("lane:") &&
          item.start <= end && (item.end || item.start) >= start,
      })
      .sort((a, b) => a.start - b.start || a.label.localeCompare(b.label));
    const shown = inView.slice(0, IN_VIEW_MAX);
    // A keyboard user's place survives the refresh: refocus the same item if it is still listed.
    const focusedId = $("items").contains(document.activeElement)
      ? document.activeElement.dataset.id
      : null;
    const wasEmpty = !$("items").querySelector("button");
    $("items").replaceChildren(...shown.map((item) => renderItemButton(item, (id) => select(id, { focusPanel: false }))));
    const buttons = [...$("items").querySelectorAll("button")];
    if (focusedId) {
      (buttons.find((b) => b.dataset.id === focusedId) || $("items")).focus();
    } else if (document.activeElement === $("items") && wasEmpty && buttons.length) {
      // Skipped to the list before it was drawn: land on its first item. (Not when the
      // list was already there: the reader's next Tab goes to its first item itself.)
      buttons[0].focus();
    }
    if (readyAfterList) {
      readyAfterList = false;
      metrics.ready = true;
    }
    $("items-count").textContent = inView.length > IN_VIEW_MAX
      ? `(first ${IN_VIEW_MAX} of ${inView.length}; zoom in for the rest)`
      : `(${inView.length})`;
    selectFromState();
  }, 60);
}

function listKeys(event) {
  const buttons = [...$("items").querySelectorAll("button")];
  const index = buttons.indexOf(document.activeElement);
  if (index < 0) return;
  let next = null;
  if (event.key === "ArrowDown") next = buttons[Math.min(index + 1, buttons.length - 1)];
  if (event.key === "ArrowUp") next = buttons[Math.max(index - 1, 0)];
  if (event.key === "Home") next = buttons[0];
  if (event.key === "End") next = buttons[buttons.length - 1];
  if (next) {
    event.preventDefault();
    next.focus();
  }
}

// ---------------------------------------------------------------------------
// Filters, search, URL
// ---------------------------------------------------------------------------
function writeForm() {
  $("q").value = state.q;
  for (const key of ["actor", "treaty", "type", "tag", "from", "to"]) $(`f-${key}`).value = state[key];
}

function readForm() {
  const next = { ...state, q: $("q").value.trim() };
  for (const key of ["actor", "treaty", "type", "tag", "from", "to"]) next[key] = $(`f-${key}`).value.trim();
  return next;
}

async function runSearch() {
  const section = $("results");
  if (!state.q) {
    section.hidden = true;
    return;
  }
  try {
    const data = await gql(SEARCH, { q: state.q });
    const list = $("result-list");
    list.replaceChildren(...data.search.edges.map(({ node, snippet }) => {
      const button = el("button", { type: "button" },
        el("span", { class: "kind" }, node.__typename), node.title || node.name || node.text || "");
      const excerpt = el("span", { class: "snippet" });
      excerpt.innerHTML = snippet; // the API escapes the record text, then adds <mark>
      button.append(excerpt);
      button.addEventListener("click", () => openResult(node));
      return el("li", {}, button);
    }));
    $("results-title").textContent = `Search results (${data.search.totalCount})`;
    section.hidden = false;
  } catch (error) {
    showError(error);
  }
}

function openResult(node) {
  if (node.__typename === "Treaty") return navigate({ ...state, treaty: node.slug, q: "" });
  if (node.__typename === "Actor") return navigate({ ...state, actor: node.slug, q: "" });
  if (node.__typename === "Source") return window.open(node.url, "_blank", "noopener");
  select(node.id, { focusPanel: true });
  const item = items.get(node.id);
  if (item) {
    timeline.moveTo(item.start, { animation: false });
    recordWindow();
  }
}

function navigate(next, { push = true } = {}) {
  const previous = state;
  state = next;
  if (push) history.pushState(state, "", toSearch(state));
  writeForm();
  if (!sameFilters(previous, state)) {
    loadItems();
    runSearch();
  }
  if (previous.treaty !== state.treaty) loadTreatyLanes();
  applyWindow();
  if (previous.sel !== state.sel) {
    selectFromState();
    showDetail(state.sel);
  }
}

function applyWindow() {
  if (state.start && state.end) {
    userMoved = true;
    timeline.setWindow(parseDay(state.start), parseDay(state.end), { animation: false });
  }
}

let windowTimer = null;
function windowChanged(props) {
  refreshInView();
  if (!props.byUser) return;
  userMoved = true;
  clearTimeout(windowTimer);
  windowTimer = setTimeout(() => {
    state = { ...state, start: isoDay(props.start), end: isoDay(props.end) };
    history.replaceState(state, "", toSearch(state));
  }, 250);
}

function axisKeys(event) {
  const { start, end } = timeline.getWindow();
  const span = end - start;
  let handled = true;
  if (event.key === "ArrowLeft") move(-span * 0.2);
  else if (event.key === "ArrowRight") move(span * 0.2);
  else if (event.key === "+" || event.key === "=") zoom(0.5);
  else if (event.key === "-" || event.key === "_") zoom(-0.5);
  else if (event.key === "Home") timeline.fit({ animation: false });
  else handled = false;
  if (handled) {
    event.preventDefault();
    recordWindow();
  }

  function move(delta) {
    timeline.setWindow(new Date(start.getTime() + delta), new Date(end.getTime() + delta), { animation: false });
  }
}

function zoom(amount) {
  if (amount > 0) timeline.zoomIn(amount, { animation: false });
  else timeline.zoomOut(-amount, { animation: false });
}

function recordWindow() {
  const { start, end } = timeline.getWindow();
  userMoved = true;
  state = { ...state, start: isoDay(start), end: isoDay(end) };
  history.replaceState(state, "", toSearch(state));
  refreshInView();
}

// ---------------------------------------------------------------------------
// Start
// ---------------------------------------------------------------------------
function start() {
  timeline = new Timeline($("timeline"), items, groups, {
    orientation: "top",
    stack: true,
    zoomMin: 7 * DAY, // a week across: days are readable
    zoomMax: 200 * YEAR, // two centuries: decades are readable
    min: new Date(Date.UTC(1800, 0, 1)),
    max: new Date(Date.UTC(new Date().getUTCFullYear() + 20, 0, 1)),
    groupOrder: "order",
    selectable: true,
    multiselect: false,
    showCurrentTime: false,
    tooltip: { followMouse: false, overflowMethod: "cap", delay: 300 },
    margin: { item: { horizontal: 2, vertical: 4 } },
    verticalScroll: true,
    maxHeight: "40rem",
    xss: { disabled: false },
    // Dense stretches (a generated dataset has thousands of items) fold into one
    // "N items" marker until zoomed in, which keeps the axis readable and fast.
    cluster: { maxItems: 6, titleTemplate: "{count} items here: zoom in to see them", showStipes: false },
  });
  timeline.on("select", ({ items: selected, event }) => {
    if (!event) return;
    const id = selected[0] || "";
    if (id !== state.sel) select(id);
  });
  timeline.on("rangechanged", windowChanged);
  items.on("*", refreshInView);
  $("timeline").addEventListener("keydown", axisKeys);
  $("items").addEventListener("keydown", listKeys);
  $("zoom-in").addEventListener("click", () => { zoom(0.5); recordWindow(); });
  $("zoom-out").addEventListener("click", () => { zoom(-0.5); recordWindow(); });
  $("fit").addEventListener("click", () => {
    timeline.fit({ animation: false });
    recordWindow();
  });
  $("filters").addEventListener("submit", (event) => {
    event.preventDefault();
    navigate(readForm());
  });
  $("search").addEventListener("submit", (event) => {
    event.preventDefault();
    navigate(readForm());
  });
  $("reset").addEventListener("click", () => {
    navigate({ ...state, q: "", actor: "", treaty: "", type: "", tag: "", from: "", to: "" });
  });
  window.addEventListener("popstate", (event) => navigate(event.state || readState(), { push: false }));
  if (window.matchMedia("(max-width: 700px)").matches) $("filters-box").open = false;

  history.replaceState(state, "", toSearch(state));
  writeForm();
  applyWindow();
  loadOptions().catch(showError);
  loadItems();
  loadTreatyLanes();
  runSearch();
  if (state.sel) showDetail(state.sel);
}

start();
