/**
 * PL-hidden-characters: an object or an RBAC subject whose name holds control, bidirectional or
 * invisible characters (lib/output/terminal.ts). Such a name can clear a reviewer's terminal or make
 * `user\u202eevil\u202c` display as another name in a review (Trojan Source, CVE-2021-42574);
 * Kubernetes validates object names (DNS subdomains) but not subject names, which anyone allowed to
 * create a RoleBinding chooses. Names are shown escaped everywhere; this says that it happened.
 * Only failures count towards the score (a clean name is not a passed check worth weighing).
 */
import type { Finding, ResourceRef } from "../../findings/types";
import { COLLECTION_KEYS, type ClusterSnapshot } from "../../model";
import { hasHiddenChars, hiddenCharsIn, visible } from "../../output/terminal";
import { postureFinding } from "../finding";

const RULE = "PL-hidden-characters";

interface Named {
  name: string;
  namespace?: string;
  kind?: string;
  subjects?: { kind: string; name: string; namespace?: string }[];
}

const KIND_OF: Partial<Record<(typeof COLLECTION_KEYS)[number], string>> = {
  namespaces: "Namespace",
  pods: "Pod",
  serviceAccounts: "ServiceAccount",
  services: "Service",
  roles: "Role",
  clusterRoles: "ClusterRole",
  roleBindings: "RoleBinding",
  clusterRoleBindings: "ClusterRoleBinding",
  networkPolicies: "NetworkPolicy",
  nodes: "Node",
};

function finding(ref: ResourceRef, what: string, text: string): Finding {
  return postureFinding(RULE, [ref], {
    evidence: `${what} ${visible(text)} contains ${hiddenCharsIn(text).join(", ")}: shown escaped, it may display as something else or act on a terminal`,
    discriminator: text,
    ...(ref.namespace ? { namespace: ref.namespace } : {}),
    focus: { view: "findings", params: { rule: RULE } },
  });
}

/** Every object name, namespace and binding subject with hidden characters. */
export function hiddenNameChecks(snapshot: ClusterSnapshot): Finding[] {
  const out: Finding[] = [];
  for (const key of COLLECTION_KEYS) for (const f of collectionChecks(snapshot[key] as unknown as Named[], key)) out.push(f);
  return out;
}

/** A collection's findings, kept per collection array (a draft or the next watched snapshot shares the arrays it leaves alone). */
const byCollection = new WeakMap<readonly Named[], { key: string; out: Finding[] }>();

function collectionChecks(list: readonly Named[], key: (typeof COLLECTION_KEYS)[number]): Finding[] {
  const kept = byCollection.get(list);
  if (kept?.key === key) return kept.out;
  const out: Finding[] = [];
  for (const o of list) {
    // nearly every name is plain: nothing is built for it
    if (!hasHiddenChars(o.name) && !(o.namespace && hasHiddenChars(o.namespace)) && !o.subjects?.some((s) => hasHiddenChars(s.name))) continue;
    const kind = o.kind ?? KIND_OF[key] ?? key;
    const ref: ResourceRef = { kind, ...(o.namespace ? { namespace: o.namespace } : {}), name: o.name };
    if (hasHiddenChars(o.name)) out.push(finding(ref, `the ${kind} name`, o.name));
    else if (o.namespace && hasHiddenChars(o.namespace)) out.push(finding(ref, "the namespace name", o.namespace));
    for (const s of o.subjects ?? []) if (hasHiddenChars(s.name)) out.push(finding(ref, `the subject ${s.kind}`, s.name));
  }
  byCollection.set(list, { key, out });
  return out;
}
