import Link from "next/link";
import { redirect } from "next/navigation";
import { authConfig } from "@/server/auth/config";
import { PROVIDER_ID } from "@/server/auth/options";
import { safeCallbackPath } from "@/server/auth/redirect";
import { currentViewer } from "@/server/auth/viewer";
import { AuthCard } from "./auth-card";
import { Recheck } from "./recheck";
import { SignInButton } from "./sign-in-button";

export const metadata = { title: "Sign in · Clearance" };

/** next-auth's error codes (`?error=`), as sentences a user can act on. */
const ERRORS: Record<string, string> = {
  OAuthSignin: "The identity provider could not be reached to start signing in. Try again; if it keeps failing, tell whoever runs Clearance.",
  OAuthCallback: "The identity provider's answer could not be verified. Try again.",
  Callback: "Signing in could not be completed. Try again.",
  AccessDenied: "The identity provider did not let you in.",
  Configuration: "Sign-in is misconfigured on the server. Tell whoever runs Clearance.",
  SessionRequired: "Please sign in to continue.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const target = safeCallbackPath(sp.callbackUrl);
  const cfg = authConfig();

  if (cfg.mode === "none") {
    return (
      <AuthCard title="Sign-in is off" testId="signin">
        <p>This server runs without sign-in (CLEARANCE_AUTH=none) and only answers on this machine.</p>
        <Link href={target} className="inline-block font-medium text-accent hover:underline">
          Open the dashboard →
        </Link>
      </AuthCard>
    );
  }

  const { result } = await currentViewer();
  if (result.ok) redirect(target);
  if (result.code === "session_recheck") {
    return (
      <AuthCard title="One moment" testId="signin">
        <Recheck callbackUrl={target} />
      </AuthCard>
    );
  }

  const code = typeof sp.error === "string" ? sp.error : undefined;
  const error = code ? (ERRORS[code] ?? "Signing in failed. Try again.") : undefined;
  return (
    <AuthCard title="Sign in to Clearance" testId="signin">
      {sp.ended ? (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
          Your session has ended. Sign in again to continue.
        </p>
      ) : null}
      {sp.signedOut ? (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-emerald-900">
          You are signed out.
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-900">
          {error}
        </p>
      ) : null}
      <p>Clearance shows who can do what in your Kubernetes clusters and how exposed they are. Access is limited to the people your administrators allow.</p>
      <SignInButton providerId={PROVIDER_ID} providerName={cfg.providerName} callbackUrl={target} />
    </AuthCard>
  );
}
