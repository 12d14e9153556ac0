import { Suspense } from "react";
import { FrameworkView } from "@/components/compliance/framework-view";
import { Loading } from "@/components/ui/states";
import { pageParam } from "../../page-param";

export default async function CompliancePage({ params }: { params: Promise<{ source: string; framework: string }> }) {
  const { source, framework } = await params;
  return (
    <Suspense fallback={<Loading />}>
      <FrameworkView sourceId={pageParam(source)} framework={pageParam(framework)} />
    </Suspense>
  );
}
