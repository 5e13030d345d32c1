// The page's GraphQL documents. Only public fields (no curator notes). Related-record lists
// are pages of 10 unless asked (the API bounds them): the page asks for up to 100 each.
const DATES = "date dateStart dateEnd precision dateUncertain dateApproximate";

export const OPTIONS = `query PageOptions {
  actors(first: 100, order: {field: NAME}) { edges { node { slug name } } }
  treaties(first: 100, order: {field: NAME}) { edges { node { slug name shortName } } }
  eventCategories(pagination: {limit: 100}) { slug name }
  tags(pagination: {limit: 100}) { slug name }
}`;

export const TIMELINE = `query TimelinePage($filters: TimelineFilter, $after: String) {
  timeline(filters: $filters, first: 100, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      __typename
      ... on Event { id title ${DATES} eventType { name } }
      ... on Statement { id text ${DATES} speaker { name } }
      ... on TreatyAction { id action ${DATES} actor { name } treaty { slug shortName name } }
    } }
  }
}`;

export const TREATY_ACTIONS = `query TreatyChanges($slug: String!) {
  treaty(slug: $slug) { id name shortName expiresEnd ended actions(pagination: {limit: 100}) { dateStart } }
}`;

// The parties' status at each day it can change: the API's own replay (statusAsOf's).
export function partiesAt(days) {
  const fields = days
    .map((day, i) => `d${i}: parties(asOf: "${day}") { actor { id name } status since }`)
    .join("\n    ");
  return `query TreatyLanes($slug: String!) {
  treaty(slug: $slug) {
    ${fields}
  }
}`;
}

const CITATIONS = `citations(pagination: {limit: 100}) { excerpt source { title url date outlet { name } } }`;

export const DETAIL = `query Detail($id: ID!) {
  node(id: $id) {
    __typename
    ... on Event {
      id title summary ${DATES} placeName
      eventType { name }
      participants(pagination: {limit: 100}) { role actor { name } }
      treaties(pagination: {limit: 100}) { slug shortName name }
      tags(pagination: {limit: 100}) { name }
      ${CITATIONS}
    }
    ... on Statement {
      id text ${DATES} venue kind language
      speaker { name } speakerPosition { title } onBehalfOf { name }
      treaties(pagination: {limit: 100}) { slug shortName name }
      ${CITATIONS}
    }
    ... on TreatyAction {
      id action ${DATES} note extendedUntil
      actor { name } treaty { slug shortName name }
      event { id title }
      ${CITATIONS}
    }
  }
}`;

export const SEARCH = `query Search($q: String!) {
  search(query: $q, first: 10) {
    totalCount
    edges { snippet node {
      __typename
      ... on Event { id title date }
      ... on Statement { id text date speaker { name } }
      ... on Treaty { id slug name }
      ... on Actor { id slug name }
      ... on Source { id title url }
    } }
  }
}`;
