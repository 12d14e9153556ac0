import { ObjectList } from "@/components/objects/object-list";

const TABS = [
  { key: "pods", label: "Pods" },
  { key: "webhookConfigurations", label: "Webhooks" },
  { key: "nodes", label: "Nodes" },
  { key: "namespaces", label: "Namespaces" },
];

export default async function FindingsPage({ params }: { params: Promise<{ source: string }> }) {
  const { source } = await params;
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Findings</h1>
      <ObjectList sourceId={decodeURIComponent(source)} tabs={TABS} />
    </div>
  );
}
