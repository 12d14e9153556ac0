/**
 * Runs once when the server starts, after it has bound its socket and before it answers a request:
 * refuses to run with a broken sign-in configuration, or without sign-in on a non-loopback
 * address (server/auth/startup.ts).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { enforceStartup } = await import("./server/auth/startup");
  enforceStartup();
}
