import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { enforceRequestDeadline } from '../src/common/request-deadline.js';

/**
 * The request deadline (src/common/request-deadline.ts) on a real HTTP server whose handler
 * answers after `workMs`: the deadline bounds the client's sending and silence, never the time
 * the service takes to answer a request that has arrived whole. The service's own limits are
 * in test/limits.e2e-spec.ts.
 */
const DEADLINE_MS = 300;

function serverAnsweringAfter(workMs: number): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => setTimeout(() => res.end('done'), workMs));
  });
  enforceRequestDeadline(server, DEADLINE_MS);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port })));
}

/** Sends `request` on a fresh connection and returns everything the server wrote before closing (or after 5 s). */
function exchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('close', () => resolve(data));
    socket.on('error', reject);
    setTimeout(() => socket.destroy(), 5_000);
  });
}

const WHOLE = 'POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok';

/** A server that answers before reading the body (as an upload refused on its headers does), then lets the body drain. */
function serverAnsweringFirst(): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    res.end('refused');
    req.resume();
  });
  enforceRequestDeadline(server, DEADLINE_MS);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port })));
}

describe('request deadline', () => {
  const servers: Server[] = [];
  afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));

  it.each([50, 3 * DEADLINE_MS, 5 * DEADLINE_MS])('answers a whole request that takes the service %i ms', async (workMs) => {
    const { server, port } = await serverAnsweringAfter(workMs);
    servers.push(server);
    const answer = await exchange(port, WHOLE);
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer).toMatch(/done$/);
  });

  it('closes a kept-alive connection that falls silent after its body drained behind an early answer', async () => {
    const { server, port } = await serverAnsweringFirst();
    servers.push(server);
    const started = Date.now();
    const closed = await new Promise<{ data: string; after: number }>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4\r\n\r\n'));
      let data = '';
      socket.on('data', (chunk) => {
        // The answer is in: send the body it did not wait for, then nothing more.
        if (data === '') socket.write('late');
        data += chunk.toString();
      });
      socket.on('close', () => resolve({ data, after: Date.now() - started }));
      socket.on('error', reject);
      setTimeout(() => socket.destroy(), 5_000);
    });
    expect(closed.data).toMatch(/^HTTP\/1\.1 200/);
    expect(closed.after).toBeLessThan(4_000);
  });

  it.each([
    ['headers never finished', 'POST / HTTP/1.1\r\nHost: localhost\r\n'],
    ['body shorter than announced', 'POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n{"q":'],
  ])('answers 408 and closes when the request is not sent in time: %s', async (_name, partial) => {
    const { server, port } = await serverAnsweringAfter(0);
    servers.push(server);
    expect(await exchange(port, partial)).toMatch(/^HTTP\/1\.1 408/);
  });
});
