"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const SECTIONS = [
  { href: "", label: "Overview" },
  { href: "/rbac", label: "RBAC" },
  { href: "/network", label: "Network" },
  { href: "/workloads", label: "Workloads" },
  { href: "/findings", label: "Findings" },
  { href: "/draft", label: "What if" },
];

export function Nav({ sourceId }: { sourceId: string }) {
  const pathname = usePathname();
  const base = `/c/${encodeURIComponent(sourceId)}`;
  const section = "/" + (pathname.split("/")[3] ?? "");
  return (
    <nav aria-label="Sections" className="flex gap-1">
      {SECTIONS.map((s) => {
        const active = (s.href || "/") === section;
        return (
          <Link
            key={s.label}
            href={`${base}${s.href}`}
            aria-current={active ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 text-sm font-medium ${active ? "bg-accent-soft text-accent" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"}`}
          >
            {s.label}
          </Link>
        );
      })}
    </nav>
  );
}
