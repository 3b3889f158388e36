import type { IncomingMessage } from 'node:http';

/** The request body was larger than allowed. */
export class PayloadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body exceeds ${limit} bytes`);
  }
}

/**
 * Reads the whole body as UTF-8, refusing (and stopping to read) past `limit` bytes: the
 * request is then destroyed. Reads with stream events rather than `for await`, which costs
 * an async iterator and a promise per chunk on every request.
 * @throws PayloadTooLargeError; the stream's error, or a premature-close error when the
 *   request ends before its body does.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new PayloadTooLargeError(limit));
  if (req.destroyed) return Promise.reject(prematureClose());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    // The listeners stay (the request is done with when this settles); `settled` makes the
    // late ones (`close` after `end`, events after an overflow) do nothing. Inline listeners
    // rather than named ones: no per-request function naming under tsx.
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        settled = true;
        req.destroy();
        reject(new PayloadTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (settled) return;
      settled = true;
      const [only] = chunks;
      resolve(chunks.length === 1 && only !== undefined ? only.toString('utf8') : Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (error: Error) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
    req.on('close', () => {
      if (settled) return;
      settled = true;
      reject(prematureClose());
    });
  });
}

function prematureClose(): Error {
  return Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
}
