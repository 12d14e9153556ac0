/** The id of a policy in the explorer's URLs and findings: `Kind/ns/name` or `Kind/name` (small, so client components can import it). */
export function policyId(kind: string, name: string, namespace?: string): string {
  return namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`;
}
