"use client";
/** Client-side access to /api: JSON in, typed errors out (code + sentence a user can act on). */
import { useQuery, type UseQueryOptions } from "@tanstack/react-query";

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init?: RequestInit, recheck = true): Promise<T> {
  const res = await fetch(path, { ...init, headers: { accept: "application/json", ...init?.headers } });
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string } } | null)?.error;
    // The session is due for its re-check: reading it re-checks at the provider (renewing or ending it); then once more.
    if (res.status === 401 && err?.code === "session_recheck" && recheck) {
      await fetch("/api/auth/session", { headers: { accept: "application/json" } }).catch(() => null);
      return api<T>(path, init, false);
    }
    // An expired session: back to sign-in, then to this page.
    if (res.status === 401 && (err?.code === "signin_required" || err?.code === "session_recheck") && typeof window !== "undefined") {
      // A full navigation on purpose: sign-in runs through next-auth's server routes, not the client router.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign(`/signin?callbackUrl=${encodeURIComponent(window.location.pathname + window.location.search)}`);
    }
    throw new ApiError(err?.code ?? "internal", err?.message ?? `request failed (${res.status})`, res.status);
  }
  return body as T;
}

export function sourcePath(sourceId: string, rest: string): string {
  return `/api/c/${encodeURIComponent(sourceId)}/${rest}`;
}

export function qs(params: Record<string, string | number | boolean | undefined | null | string[]>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === "" || v === false) continue;
    if (Array.isArray(v)) v.forEach((x) => u.append(k, x));
    else u.set(k, String(v));
  }
  const s = u.toString();
  return s ? `?${s}` : "";
}

/** A query against a source's API, keyed by source so switching sources never mixes data. */
export function useSourceQuery<T>(sourceId: string, path: string, opts?: Partial<UseQueryOptions<T, ApiError>>) {
  return useQuery<T, ApiError>({
    queryKey: ["source", sourceId, path],
    queryFn: () => api<T>(sourcePath(sourceId, path)),
    ...opts,
  });
}

/** Sentences for error codes, so the UI says what to do rather than what broke. */
export function explainError(e: ApiError): string {
  switch (e.code) {
    case "no_kubeconfig":
      return "No kubeconfig was found on the server. Set KUBECONFIG or use the demo cluster.";
    case "unknown_context":
      return "This cluster context is not in the server's kubeconfig any more. Pick another source.";
    case "cluster_unreachable":
      return "The API server could not be reached. Check the network path and the server address in the kubeconfig.";
    case "unauthorized":
      return "The API server rejected the credentials. Refresh the kubeconfig's token or sign in again.";
    case "forbidden":
      return "Access was refused. Ask for read access to this cluster.";
    case "signin_required":
      return "Your session has ended. Sign in again.";
    case "not_authorised":
      return "You are signed in but not allowed to use Clearance. Ask an administrator to add you to an allowed group.";
    case "cross_site":
      return "The request came from another site and was refused.";
    case "timeout":
      return `${e.message}. Try again, or raise the limit it names.`;
    case "limit_exceeded":
      return `${e.message}.`;
    case "cancelled":
      return "Reading this source was cancelled. Refresh to read it again.";
    case "not_found":
      return e.message;
    case "bad_request":
      return `The request was not understood: ${e.message}`;
    case "unavailable":
      return e.message;
    case "misconfigured":
    case "auth_misconfigured":
      return "The server's configuration cannot be used; its log says what to fix.";
    default:
      return "Something went wrong on the server. The server log has the details.";
  }
}
