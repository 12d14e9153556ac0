/**
 * Interned connection sets: each distinct set gets a small integer id, so results can be stored in
 * typed arrays and intersections memoized by id pair. Id 0 is NONE and id 1 is ALL.
 */
import { ALL, NONE, type ConnSet } from "./connset";

export const NONE_ID = 0;
export const ALL_ID = 1;

export class ConnTable {
  private readonly sets: ConnSet[] = [NONE, ALL];
  private readonly ids = new Map<string, number>([
    [NONE.key, NONE_ID],
    [ALL.key, ALL_ID],
  ]);
  private readonly meets = new Map<number, number>();
  private readonly joins = new Map<number, number>();

  id(c: ConnSet): number {
    if (c.isEmpty) return NONE_ID;
    if (c.isAll) return ALL_ID;
    const k = c.key;
    let id = this.ids.get(k);
    if (id === undefined) {
      id = this.sets.length;
      this.sets.push(c);
      this.ids.set(k, id);
    }
    return id;
  }

  get(id: number): ConnSet {
    return this.sets[id];
  }

  get size(): number {
    return this.sets.length;
  }

  intersect(a: number, b: number): number {
    if (a === ALL_ID || b === NONE_ID) return b;
    if (b === ALL_ID || a === NONE_ID || a === b) return a;
    const k = a < b ? a * 4194304 + b : b * 4194304 + a;
    let r = this.meets.get(k);
    if (r === undefined) {
      r = this.id(this.sets[a].intersect(this.sets[b]));
      this.meets.set(k, r);
    }
    return r;
  }

  union(a: number, b: number): number {
    if (a === NONE_ID || b === ALL_ID) return b;
    if (b === NONE_ID || a === ALL_ID || a === b) return a;
    const k = a < b ? a * 4194304 + b : b * 4194304 + a;
    let r = this.joins.get(k);
    if (r === undefined) {
      r = this.id(this.sets[a].union(this.sets[b]));
      this.joins.set(k, r);
    }
    return r;
  }
}
