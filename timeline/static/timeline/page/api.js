// GraphQL over HTTP against /graphql/, the page's only data source.
export const requests = [];

export class ApiError extends Error {
  constructor(errors) {
    super(errors.map((e) => e.message).join(" "));
    this.errors = errors;
    this.code = errors[0]?.extensions?.code;
  }
}

export async function gql(query, variables = {}, { signal } = {}) {
  const started = performance.now();
  const name = (query.match(/^\s*query\s+(\w+)/) || [])[1] || "anonymous";
  const response = await fetch("/graphql/", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/graphql-response+json" },
    body: JSON.stringify({ query, variables }),
    credentials: "same-origin",
    signal,
  });
  const body = await response.json();
  requests.push({ name, ms: Math.round(performance.now() - started), status: response.status });
  if (body.errors?.length) throw new ApiError(body.errors);
  return body.data;
}

// Every page of a connection, following cursors; ``onPage`` gets each page as it comes.
export async function eachPage(query, variables, pick, onPage, { signal, maxPages = 50 } = {}) {
  let after = null;
  for (let n = 0; n < maxPages; n += 1) {
    const data = await gql(query, { ...variables, after }, { signal });
    const connection = pick(data);
    await onPage(connection, n);
    if (!connection.pageInfo.hasNextPage) return;
    after = connection.pageInfo.endCursor;
  }
}
