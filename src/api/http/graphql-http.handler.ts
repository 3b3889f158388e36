import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { ApiContext } from '../context';
import { PayloadTooLargeError, readBody } from './read-body';
import { sendJson } from './send-json';

/**
 * Serves GraphQL over HTTP through Apollo's integration API on a plain node:http server.
 * Bodies above `maxBodyBytes` get 413, malformed JSON 400, both as GraphQL error documents.
 */
export function createGraphQLHandler(
  apollo: ApolloServer<ApiContext>,
  buildContext: (req: IncomingMessage) => Promise<ApiContext>,
  maxBodyBytes: number,
) {
  return async (req: IncomingMessage, res: ServerResponse, search: string): Promise<void> => {
    let body: unknown = undefined;
    if (req.method === 'POST') {
      let raw: string;
      try {
        raw = await readBody(req, maxBodyBytes);
      } catch (error) {
        if (error instanceof PayloadTooLargeError) {
          sendJson(res, 413, errorDocument(`Request body is larger than ${error.limit} bytes`, 'PAYLOAD_TOO_LARGE'));
          return;
        }
        throw error;
      }
      const type = req.headers['content-type'] ?? '';
      if (raw.length > 0 && /json/i.test(type)) {
        try {
          body = JSON.parse(raw);
        } catch {
          sendJson(res, 400, errorDocument('The request body is not valid JSON', 'BAD_REQUEST'));
          return;
        }
        if (Array.isArray(body)) {
          // one operation per request, so every limit applies to it
          sendJson(res, 400, errorDocument('Batched requests are not accepted: send one operation per request', 'BATCH_NOT_ALLOWED'));
          return;
        }
      } else {
        body = raw;
      }
    }
    const headers = new HeaderMap();
    const incoming = req.headers;
    for (const key in incoming) {
      const value = incoming[key];
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search, body },
      context() {
        return buildContext(req);
      },
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    // What Apollo's cache-control plugin sent for a schema without cache hints (it is disabled: api-server.ts).
    if (!response.headers.has('cache-control')) res.setHeader('cache-control', 'no-store');
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

export function errorDocument(message: string, code: string): { errors: { message: string; extensions: { code: string } }[] } {
  return { errors: [{ message, extensions: { code } }] };
}
