"use client";
/**
 * Starts the OpenID Connect sign-in through next-auth's client (a same-origin fetch, then a
 * navigation to the provider) rather than a form post: the page's CSP allows forms to post only to
 * this site, and a browser applies that to the redirect a form post follows.
 */
import { signIn } from "next-auth/react";
import { useState } from "react";

export function SignInButton({ providerId, providerName, callbackUrl, prompt, variant = "primary" }: { providerId: string; providerName: string; callbackUrl: string; prompt?: "login"; variant?: "primary" | "secondary" }) {
  const [busy, setBusy] = useState(false);
  const cls =
    variant === "primary"
      ? "w-full rounded-md bg-accent px-4 py-2 text-sm font-medium text-white hover:bg-indigo-800"
      : "w-full rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50";
  return (
    <button
      type="button"
      disabled={busy}
      className={`${cls} disabled:cursor-wait disabled:opacity-70`}
      onClick={() => {
        setBusy(true);
        void signIn(providerId, { callbackUrl }, prompt ? { prompt } : undefined);
      }}
    >
      {busy ? "Redirecting…" : prompt ? "Sign in with a different account" : `Sign in with ${providerName}`}
    </button>
  );
}
