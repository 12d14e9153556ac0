import { Badge } from "@/components/ui/badge";

export function LevelBadge({ level }: { level: "privileged" | "baseline" | "restricted" }) {
  return (
    <Badge tone={level === "restricted" ? "ok" : level === "baseline" ? "medium" : "critical"} title="Highest Pod Security Standards level met">
      {level}
    </Badge>
  );
}
