import { SnapshotContents } from "@/components/overview/snapshot-contents";

export default async function OverviewPage({ params }: { params: Promise<{ source: string }> }) {
  const { source } = await params;
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Overview</h1>
      <SnapshotContents sourceId={decodeURIComponent(source)} />
    </div>
  );
}
