/**
 * HTTP bodies written incrementally: a body of any size (200,000 findings) is produced 64 KB at a
 * time as the client reads it, never built as one string, and the event loop is free between
 * pieces so other requests are answered meanwhile.
 */
import { batched, jsonChunks } from "../lib/output/json";

/** A byte stream pulling from `chunks`: one batch per read, nothing ahead of what the client takes. */
export function streamBody(chunks: Iterable<string>): ReadableStream<Uint8Array> {
  const it = batched(chunks)[Symbol.iterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = it.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      cancel() {
        it.return?.(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}

/** A JSON response (compact, as Response.json writes it) streamed from `value`. */
export function streamJson(value: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  if (!headers.has("content-type")) headers.set("content-type", "application/json");
  return new Response(streamBody(jsonChunks(value, 0)), { ...init, headers });
}
