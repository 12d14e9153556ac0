"use client";
/** The signed-in user in the header: name, groups, sign-out; or a note that sign-in is off. */
import { signOut } from "next-auth/react";
import { useState } from "react";

export interface UserMenuViewer {
  name: string;
  email?: string;
  groups: string[];
}

const SHOWN_GROUPS = 2;

function initials(name: string): string {
  const parts = name.replace(/@.*$/, "").split(/[\s._-]+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts.length > 1 ? parts[parts.length - 1][0] : "")).toUpperCase();
}

export function SignOutButton({ className = "" }: { className?: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy}
      onClick={() => {
        setBusy(true);
        void signOut({ callbackUrl: "/signin?signedOut=1" });
      }}
      className={`rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 disabled:opacity-60 ${className}`}
    >
      {busy ? "Signing out…" : "Sign out"}
    </button>
  );
}

export function UserMenu({ mode, viewer }: { mode: "none" | "oidc"; viewer: UserMenuViewer }) {
  if (mode === "none") {
    return (
      <span
        data-testid="user-menu"
        title="Sign-in is off (CLEARANCE_AUTH=none): this server only answers on localhost."
        className="rounded px-1.5 py-0.5 text-xs font-medium text-slate-600 ring-1 ring-inset ring-slate-200"
      >
        Local mode · no sign-in
      </span>
    );
  }
  const shown = viewer.groups.slice(0, SHOWN_GROUPS);
  const more = viewer.groups.length - shown.length;
  return (
    <div data-testid="user-menu" className="flex items-center gap-3">
      <span aria-hidden className="grid size-8 shrink-0 place-items-center rounded-full bg-accent-soft text-xs font-semibold text-accent ring-1 ring-inset ring-indigo-200">
        {initials(viewer.name)}
      </span>
      <div className="min-w-0 leading-tight">
        <div data-testid="user-name" className="max-w-56 truncate text-sm font-medium text-slate-900" title={viewer.email ?? viewer.name}>
          {viewer.name}
        </div>
        <div data-testid="user-groups" className="flex max-w-72 items-center gap-1 truncate text-xs text-slate-500" title={viewer.groups.join(", ")}>
          {viewer.groups.length === 0 ? (
            <span>{viewer.email ?? "no groups"}</span>
          ) : (
            <>
              {shown.map((g) => (
                <span key={g} className="truncate rounded bg-slate-100 px-1 py-px text-slate-700">
                  {g}
                </span>
              ))}
              {more > 0 ? <span>+{more}</span> : null}
            </>
          )}
        </div>
      </div>
      <SignOutButton />
    </div>
  );
}
