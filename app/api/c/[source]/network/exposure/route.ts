// GET /api/c/:source/network/exposure — what the internet reaches and through what, egress to the internet and metadata, and the RBAC attack paths
import type { ExposureResponse } from "@/lib/contracts";
import { z } from "zod";
import { rbacIndexOf } from "@/lib/analysis";
import { exposureView } from "@/lib/netpol/exposure-view";
import { rbacGaps } from "@/lib/netpol/gaps";
import { serviceAccountRisk } from "@/lib/rbac";
import { route } from "@/server/api";
import { analysisFor, semantics } from "../semantics";

export const GET = route({ query: z.object(semantics) }, async ({ snapshot, query }) => {
  const snap = await snapshot();
  const { reach, meta } = analysisFor(snap, query);
  const rbac = rbacIndexOf(snap);
  return { ...exposureView(reach, (ns, sa) => serviceAccountRisk(rbac, ns, sa)), meta: { ...meta, gaps: [...meta.gaps, ...rbacGaps(snap)] } } satisfies ExposureResponse;
});
