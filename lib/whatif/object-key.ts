/** How a draft names an object (kind, namespace, name), with no dependencies so the browser can use it. */

export interface ObjectKey {
  kind: string;
  namespace?: string;
  name: string;
}

/** `Role payments/oncall`, `ClusterRole view`. */
export function formatObjectKey(k: ObjectKey): string {
  return `${k.kind} ${k.namespace ? `${k.namespace}/` : ""}${k.name}`;
}

/** `# clearance: delete Role payments/oncall` */
export function deleteDirective(k: ObjectKey): string {
  return `# clearance: delete ${k.kind} ${k.namespace ? `${k.namespace}/` : ""}${k.name}`;
}
