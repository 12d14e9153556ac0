import { ObjectList } from "@/components/objects/object-list";

const TABS = [
  { key: "clusterRoleBindings", label: "ClusterRoleBindings" },
  { key: "roleBindings", label: "RoleBindings" },
  { key: "clusterRoles", label: "ClusterRoles" },
  { key: "roles", label: "Roles" },
  { key: "serviceAccounts", label: "ServiceAccounts" },
];

export default async function RbacPage({ params }: { params: Promise<{ source: string }> }) {
  const { source } = await params;
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">RBAC</h1>
      <ObjectList sourceId={decodeURIComponent(source)} tabs={TABS} />
    </div>
  );
}
