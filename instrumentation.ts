/**
 * Runs once when the server starts, after it has bound its socket and before it answers a request:
 * refuses to run with a broken sign-in configuration, or without sign-in on a non-loopback
 * address (server/auth/startup.ts); and stamps every request with its socket's address.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { enforceStartup } = await import("./server/auth/startup");
  enforceStartup();
  await stampPeerAddress();
}

/**
 * Next.js gives route handlers no peer address and keeps any X-Forwarded-For a client sends, so the
 * audit line could not tell who connected. Each request gets the address of the socket it came on
 * in PEER_HEADER (a copy sent by the client is dropped first); server/auth/audit.ts believes
 * X-Forwarded-For only when that address is a configured trusted proxy.
 */
async function stampPeerAddress(): Promise<void> {
  const { PEER_HEADER } = await import("./server/auth/audit");
  const http = await import("node:http");
  const https = await import("node:https");
  for (const proto of [http.Server.prototype, https.Server.prototype] as { emit: (event: string | symbol, ...args: unknown[]) => boolean }[]) {
    const emit = proto.emit;
    if ((emit as { stamped?: boolean }).stamped) continue;
    const stamped = function (this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event === "request") {
        const req = args[0] as import("node:http").IncomingMessage;
        delete req.headers[PEER_HEADER];
        if (req.socket?.remoteAddress) req.headers[PEER_HEADER] = req.socket.remoteAddress;
      }
      return emit.call(this, event, ...args);
    };
    proto.emit = Object.assign(stamped, { stamped: true });
  }
}
