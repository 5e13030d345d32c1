// The view's state lives in the URL, so a link opens the same view and back/forward
// walk through filter changes and selections.
export const FILTER_KEYS = ["q", "actor", "treaty", "type", "tag", "from", "to"];
const VIEW_KEYS = ["start", "end", "sel"];

export function readState(search = window.location.search) {
  const params = new URLSearchParams(search);
  const state = {};
  for (const key of [...FILTER_KEYS, ...VIEW_KEYS]) state[key] = params.get(key) || "";
  return state;
}

export function toSearch(state) {
  const params = new URLSearchParams();
  for (const key of [...FILTER_KEYS, ...VIEW_KEYS]) if (state[key]) params.set(key, state[key]);
  const text = params.toString();
  return text ? `?${text}` : window.location.pathname;
}

export function sameFilters(a, b) {
  return FILTER_KEYS.every((key) => (a[key] || "") === (b[key] || ""));
}

// The API's TimelineFilter from the state: slugs straight from the URL.
export function timelineFilters(state) {
  const filters = {};
  if (state.q) filters.search = state.q;
  if (state.actor) filters.actors = [state.actor];
  if (state.treaty) filters.treaties = [state.treaty];
  if (state.type) filters.types = [state.type];
  if (state.tag) filters.tags = [state.tag];
  if (state.from) filters.from = state.from;
  if (state.to) filters.to = state.to;
  return filters;
}
