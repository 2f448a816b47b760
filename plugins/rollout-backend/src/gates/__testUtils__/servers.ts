import http from 'http';
import net, { AddressInfo } from 'net';

/** A request the fake API received. */
export type ReceivedRequest = {
  method?: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
};

/** A fake HTTP API on 127.0.0.1 at a free port. */
export type FakeApi = {
  baseUrl: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
};

/**
 * Starts a server on a free local port. `respond` returns the status and
 * JSON body for a request, or `undefined` to never answer.
 */
export async function startFakeApi(
  respond: (
    request: ReceivedRequest,
  ) => { status: number; body: unknown } | undefined,
): Promise<FakeApi> {
  const requests: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const request = {
      method: req.method,
      url: new URL(req.url ?? '/', 'http://127.0.0.1'),
      headers: req.headers,
    };
    requests.push(request);
    const answer = respond(request);
    if (!answer) {
      return;
    }
    const text =
      typeof answer.body === 'string' && answer.body.startsWith('<')
        ? answer.body
        : JSON.stringify(answer.body);
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(text);
  });
  await new Promise<void>(resolve =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A base URL at a local port with nothing listening. */
export async function closedPortUrl(): Promise<string> {
  const api = await startFakeApi(() => ({ status: 200, body: {} }));
  await api.close();
  return api.baseUrl;
}

/** A local TCP server that is down in one way: it never answers properly. */
export type DownServer = {
  baseUrl: string;
  /** How many connections it accepted. */
  connections(): number;
  close(): Promise<void>;
};

async function listen(server: net.Server): Promise<string> {
  await new Promise<void>(resolve =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/**
 * A plain TCP server that accepts connections and never writes a byte, as
 * a hung process behind an open port does. `sendHeaders` makes it answer
 * the status line and headers of a 200 and then stall in the body.
 */
export async function startHungServer(
  options: { sendHeaders?: boolean } = {},
): Promise<DownServer> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer(socket => {
    accepted += 1;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    if (options.sendHeaders) {
      socket.once('data', () =>
        socket.write(
          'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"status":',
        ),
      );
    }
  });
  const baseUrl = await listen(server);
  return {
    baseUrl,
    connections: () => accepted,
    close: () =>
      new Promise<void>(resolve => {
        sockets.forEach(socket => socket.destroy());
        server.close(() => resolve());
      }),
  };
}

/** An HTTP server that answers every request with this status and raw body. */
export async function startRawServer(
  status: number,
  body: string,
  contentType = 'text/html',
): Promise<DownServer> {
  let accepted = 0;
  const server = http.createServer((_req, res) => {
    res.writeHead(status, { 'content-type': contentType });
    res.end(body);
  });
  server.on('connection', () => {
    accepted += 1;
  });
  const baseUrl = await listen(server);
  return {
    baseUrl,
    connections: () => accepted,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
