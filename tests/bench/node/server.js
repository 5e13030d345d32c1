// PostGraphile 4 for the side-by-side benchmark (tests/bench): read-only, production
// options, listening on 127.0.0.1 only. DATABASE_URL and PORT come from the harness;
// GRAPHILE_SCHEMAS lists the schemas to expose (public, plus the bench's search function).
"use strict";
const http = require("http");
const { postgraphile } = require("postgraphile");
const ConnectionFilterPlugin = require("postgraphile-plugin-connection-filter");

const schemas = (process.env.GRAPHILE_SCHEMAS || "public").split(",");
const middleware = postgraphile(process.env.DATABASE_URL, schemas, {
  appendPlugins: [ConnectionFilterPlugin],
  graphileBuildOptions: { connectionFilterRelations: true },
  disableDefaultMutations: true,
  graphiql: false,
  enableQueryBatching: false,
  dynamicJson: true,
  setofFunctionsContainNulls: false,
  disableQueryLog: true,
  retryOnInitFail: false,
  watchPg: false,
  showErrorStack: false,
});

http
  .createServer(middleware)
  .listen(Number(process.env.PORT), "127.0.0.1", () => {
    console.log(`postgraphile ready on 127.0.0.1:${process.env.PORT}`);
  });
