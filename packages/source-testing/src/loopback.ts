import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface LoopbackRequest {
  method: string;
  /** Path without the query, e.g. "/raw.githubusercontent.com/owner/repo/main/README.md". */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export type LoopbackReply =
  | { status?: number; headers?: Record<string, string>; body?: string | Uint8Array }
  /** Accept the request and never answer. */
  | { hang: true }
  /** Destroy the connection without a response. */
  | { reset: true }
  /** Announce the full Content-Length, send only the first `sendBytes`, then close. */
  | { truncate: true; sendBytes: number; body: Uint8Array; headers?: Record<string, string> }
  /** Send the body in small pieces, `chunkDelayMs` apart. */
  | { slow: true; chunkDelayMs: number; chunkBytes?: number; body: Uint8Array; headers?: Record<string, string> };

export type LoopbackHandler = (request: LoopbackRequest, index: number) => LoopbackReply | Promise<LoopbackReply>;

export interface LoopbackServer {
  /** e.g. "http://127.0.0.1:43121" */
  url: string;
  requests: LoopbackRequest[];
  close(): Promise<void>;
}

/**
 * An HTTP server on 127.0.0.1 for tests of the live fetch path: it serves
 * whatever the handler answers, including faults (hangs, resets, truncation).
 * It only ever listens on loopback and closes every socket on close().
 */
export async function startLoopbackServer(handler: LoopbackHandler): Promise<LoopbackServer> {
  const requests: LoopbackRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const parsed = new URL(req.url ?? '/', 'http://loopback');
      const request: LoopbackRequest = {
        method: req.method ?? 'GET',
        path: decodeURIComponent(parsed.pathname),
        query: parsed.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      Promise.resolve(handler(request, requests.length - 1)).then(
        (reply) => answer(res, reply),
        (error: unknown) => {
          res.statusCode = 500;
          res.end(String(error));
        },
      );
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  function answer(res: ServerResponse, reply: LoopbackReply): void {
    if ('hang' in reply) return;
    if ('reset' in reply) {
      res.socket?.destroy();
      return;
    }
    if ('truncate' in reply) {
      res.writeHead(200, { 'content-length': String(reply.body.byteLength), ...reply.headers });
      res.write(reply.body.subarray(0, reply.sendBytes));
      const t = setTimeout(() => res.socket?.destroy(), 20);
      timers.add(t);
      return;
    }
    if ('slow' in reply) {
      const size = reply.chunkBytes ?? 64;
      res.writeHead(200, { 'content-length': String(reply.body.byteLength), ...reply.headers });
      let offset = 0;
      const tick = () => {
        if (res.destroyed) return;
        if (offset >= reply.body.byteLength) {
          res.end();
          return;
        }
        res.write(reply.body.subarray(offset, offset + size));
        offset += size;
        const t = setTimeout(tick, reply.chunkDelayMs);
        timers.add(t);
      };
      tick();
      return;
    }
    const body = reply.body ?? '';
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
    res.writeHead(reply.status ?? 200, { 'content-length': String(bytes.byteLength), ...reply.headers });
    res.end(bytes);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
