import { Suspense } from "react";
import { RbacExplorer } from "@/components/rbac/rbac-explorer";
import { Loading } from "@/components/ui/states";
import { pageParam } from "../page-param";

export default async function RbacPage({ params }: { params: Promise<{ source: string }> }) {
  const { source } = await params;
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">RBAC</h1>
      <Suspense fallback={<Loading />}>
        <RbacExplorer sourceId={pageParam(source)} />
      </Suspense>
    </div>
  );
}
