import { Badge } from "@/components/ui/badge";
import type { Severity } from "@/lib/findings/types";

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge tone={severity}>{severity}</Badge>;
}

export const SEVERITY_ORDER: Severity[] = ["critical", "high", "medium", "low", "info"];

export const AREA_LABELS: Record<string, string> = {
  rbac: "RBAC",
  network: "Network",
  workload: "Workloads",
  admission: "Admission",
  platform: "Platform",
};
