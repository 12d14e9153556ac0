import { PostureOverview } from "@/components/overview/posture-overview";
import { SnapshotContents } from "@/components/overview/snapshot-contents";
import { pageParam } from "./page-param";

export default async function OverviewPage({ params }: { params: Promise<{ source: string }> }) {
  const { source } = await params;
  const sourceId = pageParam(source);
  return (
    <div className="space-y-6">
      <h1 className="no-print text-xl font-semibold">Overview</h1>
      <PostureOverview sourceId={sourceId} />
      <section className="space-y-3">
        <h2 className="text-base font-semibold text-slate-800">What this snapshot contains</h2>
        <SnapshotContents sourceId={sourceId} />
      </section>
    </div>
  );
}
