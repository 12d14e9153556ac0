"use client";
/**
 * A session due for its re-check (server/auth/lifetime.ts): reading /api/auth/session confirms it at
 * the provider and renews the cookie, or ends it. Then back to where the user was going, or to
 * sign-in when it ended.
 */
import { useEffect, useState } from "react";

export function Recheck({ callbackUrl }: { callbackUrl: string }) {
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    fetch("/api/auth/session", { headers: { accept: "application/json" } })
      .then((r) => r.json())
      .then((s: { user?: unknown } | null) => {
        // A full navigation: the page is rendered again with the renewed (or cleared) cookie.
        window.location.replace(s?.user ? callbackUrl : `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}&ended=1`);
      })
      .catch(() => setFailed(true));
  }, [callbackUrl]);
  return <p role="status">{failed ? "Your session could not be confirmed. Reload the page to try again." : "Confirming your session with the identity provider…"}</p>;
}
