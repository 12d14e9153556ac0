import { Suspense } from "react";
import { NetworkExplorer } from "@/components/network/network-explorer";
import { Loading } from "@/components/ui/states";
import { pageParam } from "../page-param";

export default async function NetworkPage({ params }: { params: Promise<{ source: string }> }) {
  const { source } = await params;
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Network</h1>
      <Suspense fallback={<Loading />}>
        <NetworkExplorer sourceId={pageParam(source)} />
      </Suspense>
    </div>
  );
}
