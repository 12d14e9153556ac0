import { Suspense } from "react";
import { DraftWorkbench } from "@/components/drafts/draft-workbench";
import { Loading } from "@/components/ui/states";
import { pageParam } from "../page-param";

export default async function DraftPage({ params }: { params: Promise<{ source: string }> }) {
  const { source } = await params;
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">What if</h1>
      <Suspense fallback={<Loading />}>
        <DraftWorkbench sourceId={pageParam(source)} />
      </Suspense>
    </div>
  );
}
