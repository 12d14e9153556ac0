import { Suspense } from "react";
import { FindingsExplorer } from "@/components/findings/findings-explorer";
import { Loading } from "@/components/ui/states";
import { pageParam } from "../page-param";

export default async function FindingsPage({ params }: { params: Promise<{ source: string }> }) {
  const { source } = await params;
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Findings</h1>
      <Suspense fallback={<Loading />}>
        <FindingsExplorer sourceId={pageParam(source)} />
      </Suspense>
    </div>
  );
}
