import { redirect } from "next/navigation";
import { Shell } from "@/components/shell/shell";
import { UserMenu } from "@/components/shell/user-menu";
import { currentViewer } from "@/server/auth/viewer";
import { pageParam } from "./page-param";

export default async function SourceLayout({ children, params }: { children: React.ReactNode; params: Promise<{ source: string }> }) {
  const { source } = await params;
  // proxy.ts already redirected requests without an allowed session; this is the check next to the page.
  const { mode, result } = await currentViewer();
  if (!result.ok) redirect(result.status === 403 ? "/not-authorised" : "/signin");
  const { name, email, groups } = result.viewer;
  return (
    <Shell sourceId={pageParam(source)} user={<UserMenu mode={mode} viewer={{ name, groups, ...(email ? { email } : {}) }} />}>
      {children}
    </Shell>
  );
}
