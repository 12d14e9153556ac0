/**
 * A map keyed by a record's identity in its collection (assemble.ts recordIdentity: collection key,
 * kind, namespace, name), without making that key: SnapshotBuilder looks up every object it is given
 * (~40,000 at L), and a new joined string per object had to be built, flattened and hashed each time
 * (~50 ms of a load's profile). Nested maps by the record's own strings, whose hashes are kept in
 * them, find the same entries: `recordIdentity` joins with NUL, so only values holding a NUL can
 * give one identity to two different tuples — those are looked up by the joined key itself.
 */
import type { CollectionKey } from "./kinds";

type Identified = { kind?: string; namespace?: string; name: string };

const NUL = "\u0000";

export class IdentityMap<V> {
  /** kind (or the collection key) → namespace → name; the collection key is the first level. */
  private readonly nested = new Map<string, Map<string, Map<string, Map<string, V>>>>();
  /** Identities with a NUL in a part, by the joined key. */
  private readonly joined = new Map<string, V>();

  get(key: CollectionKey, rec: Identified): V | undefined {
    const kind = rec.kind ?? key;
    const namespace = rec.namespace ?? "";
    if (hasNul(kind, namespace, rec.name)) return this.joined.get(joinedKey(key, kind, namespace, rec.name));
    return this.nested.get(key)?.get(kind)?.get(namespace)?.get(rec.name);
  }

  set(key: CollectionKey, rec: Identified, value: V): void {
    const kind = rec.kind ?? key;
    const namespace = rec.namespace ?? "";
    if (hasNul(kind, namespace, rec.name)) {
      this.joined.set(joinedKey(key, kind, namespace, rec.name), value);
      return;
    }
    let kinds = this.nested.get(key);
    if (!kinds) this.nested.set(key, (kinds = new Map()));
    let namespaces = kinds.get(kind);
    if (!namespaces) kinds.set(kind, (namespaces = new Map()));
    let names = namespaces.get(namespace);
    if (!names) namespaces.set(namespace, (names = new Map()));
    names.set(rec.name, value);
  }
}

const hasNul = (kind: string, namespace: string, name: string) => kind.includes(NUL) || namespace.includes(NUL) || name.includes(NUL);

/** recordIdentity's key. */
const joinedKey = (key: string, kind: string, namespace: string, name: string) => `${key}${NUL}${kind}${NUL}${namespace}${NUL}${name}`;
