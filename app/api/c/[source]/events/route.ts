// GET /api/c/:source/events — server-sent events: "snapshot" whenever the source has a new snapshot
// (a watched cluster changed, a refresh finished); the dashboard then refetches what it shows.
import { route } from "@/server/api";
import { sourceStatus, subscribe } from "@/server/cache";

/** A comment line every 15 s keeps proxies from closing a quiet stream. */
const PING_MS = 15_000;

export const GET = route({}, async ({ req, sourceId }) => {
  const status = await sourceStatus(sourceId); // starts the load; an unknown source is a 404 here
  const enc = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        try {
          controller.enqueue(enc.encode(text));
        } catch {
          cleanup(); // the client went away
        }
      };
      write(`event: hello\ndata: ${JSON.stringify({ sourceId, version: status.version ?? 0 })}\n\n`);
      const unsubscribe = subscribe(sourceId, (e) => write(`event: snapshot\ndata: ${JSON.stringify(e)}\n\n`));
      const ping = setInterval(() => write(": ping\n\n"), PING_MS);
      cleanup = () => {
        unsubscribe();
        clearInterval(ping);
      };
      req.signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store, no-transform", "x-accel-buffering": "no" } });
});
