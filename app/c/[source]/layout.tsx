import { Shell } from "@/components/shell/shell";

export default async function SourceLayout({ children, params }: { children: React.ReactNode; params: Promise<{ source: string }> }) {
  const { source } = await params;
  return <Shell sourceId={decodeURIComponent(source)}>{children}</Shell>;
}
