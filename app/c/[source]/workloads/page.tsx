import { Suspense } from "react";
import { Loading } from "@/components/ui/states";
import { WorkloadsExplorer } from "@/components/workloads/workloads-explorer";
import { pageParam } from "../page-param";

export default async function WorkloadsPage({ params }: { params: Promise<{ source: string }> }) {
  const { source } = await params;
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Workloads</h1>
      <Suspense fallback={<Loading />}>
        <WorkloadsExplorer sourceId={pageParam(source)} />
      </Suspense>
    </div>
  );
}
