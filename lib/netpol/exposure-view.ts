/**
 * The exposure view: what the internet reaches and through what (exposure.ts), each exposed
 * workload's service-account tokens with what RBAC says they are worth, and the attack paths on top —
 * internet → pod → mounted token → permission — for tokens rated high or critical (the same
 * threshold as finding NP10). RBAC is injected, so lib/netpol does not depend on lib/rbac.
 */
import { SEVERITY_RANK, type Severity } from "../findings/types";
import { buildExposure, type EgressExposure, type Exposure, type ExposedWorkload, type ExposurePath } from "./exposure";
import type { Reachability } from "./reachability";

/** What a token is worth (lib/rbac `serviceAccountRisk`'s shape). */
export interface TokenRisk {
  severity: Severity | null;
  summary: string;
  risks: { rule: string; title: string; severity: Severity; scope: string; namespace?: string; via: string }[];
}

export type TokenRiskOf = (namespace: string, serviceAccount: string) => TokenRisk | undefined;

export interface ExposedView extends ExposedWorkload {
  tokens: { serviceAccount: string; severity: Severity | null; summary: string }[];
}

export interface AttackPath {
  /** `ns/name[Kind]` */
  workload: string;
  namespace: string;
  kind: string;
  name: string;
  serviceAccount: string;
  severity: Severity;
  summary: string;
  risks: TokenRisk["risks"];
  /** The ways in that let outside traffic through. */
  paths: ExposurePath[];
  unrestricted: boolean;
}

export interface ExposureView {
  exposed: ExposedView[];
  attackPaths: AttackPath[];
  egress: EgressExposure[];
  ingressControllers: string[];
  counts: { exposed: number; unrestricted: number; attackPaths: number; internetEgress: number; metadata: number };
}

const cache = new WeakMap<Reachability, Exposure>();

/** The exposure already derived for a reachability, if any. */
export function cachedExposure(reach: Reachability): Exposure | undefined {
  return cache.get(reach);
}

/** Records the exposure derived elsewhere (findings-namespaces.ts, per namespace) as `reach`'s: it is what buildExposure gives. */
export function seedExposure(reach: Reachability, exposure: Exposure): void {
  if (!cache.has(reach)) cache.set(reach, exposure);
}

/** buildExposure, once per reachability. */
export function exposureOf(reach: Reachability): Exposure {
  let e = cache.get(reach);
  if (!e) cache.set(reach, (e = buildExposure(reach)));
  return e;
}

/** Exposure with the tokens behind it; attack paths sorted by severity, then name. */
export function exposureView(reach: Reachability, tokenRisk?: TokenRiskOf): ExposureView {
  const e = exposureOf(reach);
  const attackPaths: AttackPath[] = [];
  const exposed = e.exposed.map((w): ExposedView => {
    const tokens = w.serviceAccounts.map((sa) => {
      const r = tokenRisk?.(w.namespace, sa);
      if (r?.severity && SEVERITY_RANK[r.severity] >= SEVERITY_RANK.high) {
        const open = w.paths.filter((p) => p.sources !== "none");
        attackPaths.push({ workload: w.name, namespace: w.namespace, kind: w.workload.kind, name: w.workload.name, serviceAccount: sa, severity: r.severity, summary: r.summary, risks: r.risks, paths: open, unrestricted: w.unrestricted });
      }
      return { serviceAccount: sa, severity: r?.severity ?? null, summary: r?.summary ?? "not assessed" };
    });
    return { ...w, tokens };
  });
  attackPaths.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || (a.workload < b.workload ? -1 : 1));
  return {
    exposed,
    attackPaths,
    egress: e.egress,
    ingressControllers: e.ingressControllers,
    counts: {
      exposed: exposed.length,
      unrestricted: exposed.filter((w) => w.unrestricted).length,
      attackPaths: attackPaths.length,
      internetEgress: e.egress.filter((x) => x.internetUnrestricted).length,
      metadata: e.egress.filter((x) => x.metadata !== "No Connections").length,
    },
  };
}
