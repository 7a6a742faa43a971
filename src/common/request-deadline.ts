/**
 * A whole-request deadline. Node's socket timeout is an idle timeout: a client that sends one
 * byte just before each timeout keeps a request open for as long as it likes. Here a request
 * must arrive whole — headers, then body — within the deadline from the moment its connection
 * opened (or its previous response finished, on a kept-alive connection); otherwise it is
 * answered 408 and the connection closed. A silent connection is closed the same way. The
 * deadline is the client's: once a request is in, the service takes the time it needs to answer.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

function answerTimedOut(socket: Socket): void {
  if (socket.destroyed) return;
  const body = JSON.stringify({ errors: [{ message: 'Request timed out', extensions: { code: 'BAD_USER_INPUT' } }] });
  socket.end(`HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  socket.destroySoon();
}

export function enforceRequestDeadline(server: Server, deadlineMs: number): void {
  const waiting = new WeakMap<Socket, NodeJS.Timeout>();
  const arm = (socket: Socket, onExpiry: (socket: Socket) => void) => {
    clearTimeout(waiting.get(socket));
    waiting.set(socket, setTimeout(() => onExpiry(socket), deadlineMs).unref());
  };
  const disarm = (socket: Socket) => clearTimeout(waiting.get(socket));

  server.headersTimeout = deadlineMs;
  server.on('connection', (socket: Socket) => {
    arm(socket, answerTimedOut);
    socket.once('close', () => disarm(socket));
  });
  // The response of a request that has arrived whole, until it is sent: the service's time, not the client's.
  const working = new WeakMap<Socket, ServerResponse>();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    // The headers are in; the deadline goes on until the body is in too.
    const received = () => {
      // A body read to its end after the answer (an upload refused half-way, then drained) is nothing to wait for.
      if (res.writableFinished) return;
      disarm(socket);
      working.set(socket, res);
    };
    if (req.complete) received();
    else req.once('end', received);
    // A kept-alive connection gets the same deadline for its next request; one that never
    // starts is closed without an answer, as Node closes an idle kept-alive connection.
    res.once('finish', () => {
      working.delete(socket);
      if (!socket.destroyed) arm(socket, (s) => s.destroy());
    });
  });
  // Also a connection silent for the whole deadline: a client that stops sending, or stops
  // reading its answer. Not one waiting for the service to answer a whole request: that request
  // is being served (an import of thousands of rows may take longer than the deadline), and a
  // 408 would tell its client it failed while its writes go on.
  server.setTimeout(deadlineMs, (socket: Socket) => {
    const res = working.get(socket);
    if (!res) answerTimedOut(socket);
    else if (res.headersSent) socket.destroy();
  });
}
