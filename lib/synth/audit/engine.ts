/**
 * The machinery of a synthetic audit log: actors (an identity, its client and which authorizer
 * decides for it), a clock over whole days, and the decision each request gets — RBAC on the given
 * index, as the API server would decide, unless the actor is one the Node authorizer or a webhook
 * answers for. What each actor does lives in the scenario (demo.ts).
 */
import { authorize } from "../../rbac/evaluator";
import type { RbacIndex } from "../../rbac/rbac-index";
import { nonResourceRequest, normalizeResourceRequest } from "../../rbac/request";
import { serviceAccountGroups, serviceAccountUsername } from "../../rbac/subjects";
import { Rng } from "../random";
import { auditEvent, type SynthRequest, type SynthUser } from "./event";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface Actor {
  user: SynthUser;
  /** Who decides: RBAC (default), the Node authorizer (kubelets), or a webhook authorizer. */
  authorizer?: "rbac" | "node" | "webhook";
}

export interface TimedEvent {
  time: number;
  event: Record<string, unknown>;
}

/** `r("get", "pods", "shop", "web-0")`, `r("patch", "deployments", "shop", "web", "apps")`, `r("create", "pods", "ns", "x", "", "exec")`. */
export function r(verb: string, resource: string, namespace = "", name = "", apiGroup = "", subresource = ""): SynthRequest {
  return { verb, resource, ...(namespace ? { namespace } : {}), ...(name ? { name } : {}), ...(apiGroup ? { apiGroup } : {}), ...(subresource ? { subresource } : {}) };
}

/** A non-resource request: `url("get", "/version")`. */
export const url = (verb: string, path: string): SynthRequest => ({ verb, path });

export class AuditScript {
  readonly events: TimedEvent[] = [];
  private readonly decisions = new Map<string, { decision: "allow" | "forbid"; reason: string }>();

  constructor(
    readonly index: RbacIndex,
    readonly rng: Rng,
  ) {}

  /** A service account's token, bound to a pod on a node (the extras a bound token carries). */
  serviceAccount(namespace: string, name: string, agent: string, ip: string, pod = `${name}-${this.rng.token(10)}-${this.rng.token(5)}`, node = `prod-node-${this.rng.int(1, 3)}`): Actor {
    const extra = {
      "authentication.kubernetes.io/credential-id": [`JTI=${this.rng.uuid()}`],
      "authentication.kubernetes.io/node-name": [node],
      "authentication.kubernetes.io/pod-name": [pod],
      "authentication.kubernetes.io/pod-uid": [this.rng.uuid()],
    };
    return { user: { username: serviceAccountUsername(namespace, name), uid: this.rng.uuid(), groups: serviceAccountGroups(namespace), extra, userAgent: agent, sourceIP: ip } };
  }

  /** A person signed in through the OIDC provider (`oidc:` groups are the IdP's). */
  person(email: string, groups: readonly string[], ip: string, agent = "kubectl/v1.31.4 (darwin/arm64) kubernetes/a78aa47"): Actor {
    return { user: { username: email, groups: [...groups, "system:authenticated"], userAgent: agent, sourceIP: ip } };
  }

  private decide(actor: Actor, req: SynthRequest): { decision: "allow" | "forbid"; reason: string } {
    const u = actor.user;
    const key = `${u.username}\u0001${u.groups.join(",")}\u0001${JSON.stringify(req)}`;
    let d = this.decisions.get(key);
    if (!d) {
      const request = req.resource
        ? normalizeResourceRequest({ verb: req.verb, resource: req.resource, apiGroup: req.apiGroup ?? "", subresource: req.subresource ?? "", name: req.name ?? "", namespace: req.namespace ?? "" }).request
        : nonResourceRequest(req.verb, (req.path ?? "/").split("?")[0]);
      const rbac = authorize(this.index.objects, { username: u.username, groups: u.groups }, request);
      if (rbac.allowed) d = { decision: "allow", reason: rbac.reason.replace(/^allowed by membership.*/, "") };
      else if (actor.authorizer === "node") d = { decision: "allow", reason: "" };
      else if (actor.authorizer === "webhook") d = { decision: "allow", reason: "allowed by the access-review webhook" };
      else d = { decision: "forbid", reason: "" };
      this.decisions.set(key, d);
    }
    return d;
  }

  /** One request at `time`, decided as the API server would (see file comment). */
  at(time: number, actor: Actor, req: SynthRequest): void {
    const d = this.decide(actor, req);
    this.events.push({ time, event: auditEvent(this.rng, actor.user, req, time, d) });
  }

  /** Several requests in quick succession (a command, a reconcile loop). */
  burst(time: number, actor: Actor, reqs: readonly SynthRequest[]): void {
    let t = time;
    for (const q of reqs) {
      this.at(t, actor, q);
      t += this.rng.int(20, 900);
    }
  }

  /** Calls `fn` every `minutes` through the day starting at `dayStart`, with a little jitter. */
  every(dayStart: number, minutes: number, fn: (t: number) => void): void {
    const offset = this.rng.int(0, minutes * MINUTE - 1);
    for (let t = dayStart + offset; t < dayStart + DAY; t += minutes * MINUTE) fn(t + this.rng.int(0, 30_000));
  }

  /** A time during working hours (08:00–18:00 UTC) on `dayStart`'s day. */
  office(dayStart: number): number {
    return dayStart + 8 * HOUR + this.rng.int(0, 10 * HOUR - 1);
  }

  /** The events in time order. */
  sorted(): TimedEvent[] {
    return this.events.sort((a, b) => a.time - b.time);
  }
}

/** Monday–Friday. */
export function isWorkday(dayStart: number): boolean {
  const d = new Date(dayStart).getUTCDay();
  return d >= 1 && d <= 5;
}

export { Rng };
