import { redirect } from "next/navigation";
import { SignOutButton } from "@/components/shell/user-menu";
import { authConfig } from "@/server/auth/config";
import { PROVIDER_ID } from "@/server/auth/options";
import { currentViewer } from "@/server/auth/viewer";
import { AuthCard } from "../signin/auth-card";
import { SignInButton } from "../signin/sign-in-button";

export const metadata = { title: "Not authorised · Clearance" };

/**
 * For users the allowlist refuses: at sign-in (they get no session, so no identity to show) or
 * later, when the allowlist no longer includes a signed-in user.
 */
export default async function NotAuthorisedPage() {
  const cfg = authConfig();
  if (cfg.mode === "none") redirect("/");
  const { result } = await currentViewer();
  if (result.ok) redirect("/");
  const signedIn = result.code === "not_authorised";
  return (
    <AuthCard title="You are not authorised to use Clearance" testId="not-authorised">
      <p>
        {signedIn ? result.message : "You signed in at the identity provider, but your account is not in a group or e-mail domain allowed to use Clearance."}
      </p>
      <p>Clearance shows how to get into your clusters, so access is limited. If you need it, ask whoever runs Clearance to add you to an allowed group.</p>
      {signedIn ? <SignOutButton className="w-full px-4 py-2" /> : <SignInButton providerId={PROVIDER_ID} providerName={cfg.providerName} callbackUrl="/" prompt="login" variant="secondary" />}
    </AuthCard>
  );
}
