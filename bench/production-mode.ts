/**
 * Imported first by every bench entry point: benchmarks measure the server as production runs
 * it (the Dockerfile sets NODE_ENV=production). graphql-js reads NODE_ENV once, when it is
 * loaded, and without `production` adds a development check to every `instanceOf` test of
 * its execution (measured: about a third of a 2-hop neighbourhood's time over HTTP).
 */
process.env.NODE_ENV = 'production';
