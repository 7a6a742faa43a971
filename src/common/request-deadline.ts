/**
 * A whole-request deadline. Node's socket timeout is an idle timeout: a client that sends one
 * byte just before each timeout keeps a request open for as long as it likes. Here a request
 * must arrive whole — headers, then body — within the deadline from the moment its connection
 * opened (or its previous response finished, on a kept-alive connection); otherwise it is
 * answered 408 and the connection closed. A silent connection is closed the same way.
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
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    // The headers are in; the deadline goes on until the body is in too.
    if (req.complete) disarm(socket);
    else req.once('end', () => disarm(socket));
    // A kept-alive connection gets the same deadline for its next request; one that never
    // starts is closed without an answer, as Node closes an idle kept-alive connection.
    res.once('finish', () => {
      if (!socket.destroyed) arm(socket, (s) => s.destroy());
    });
  });
  // Also a connection silent for the whole deadline, whatever it was doing.
  server.setTimeout(deadlineMs, answerTimedOut);
}
