import { ObjectList } from "@/components/objects/object-list";

const TABS = [
  { key: "networkPolicies", label: "NetworkPolicies" },
  { key: "pods", label: "Pods" },
  { key: "workloads", label: "Workloads" },
  { key: "services", label: "Services" },
  { key: "ingresses", label: "Ingresses" },
  { key: "adminNetworkPolicies", label: "AdminNetworkPolicies" },
];

export default async function NetworkPage({ params }: { params: Promise<{ source: string }> }) {
  const { source } = await params;
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Network</h1>
      <ObjectList sourceId={decodeURIComponent(source)} tabs={TABS} />
    </div>
  );
}
