import http from 'http';
import { AddressInfo } from 'net';

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
