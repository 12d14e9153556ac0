import "server-only";
/**
 * Where drafts live. A small interface so a shared store (SQLite, PostgreSQL) can take the place of
 * the in-memory one without touching callers: every method is async, records are plain data, and
 * expiry is the store's job (an expired draft is never returned).
 */

export interface DraftRecord {
  /** 128 random bits, base64url (lib/whatif/source-id.ts DRAFT_ID). */
  id: string;
  /** Who may change or delete it: the viewer's subject, e-mail or name (`local` without sign-in). */
  owner: string;
  /** Shown to others who open the link. */
  ownerName: string;
  /** The source it was written against (the link opens it there). */
  source: string;
  title: string;
  /** The draft itself (lib/whatif/draft.ts). */
  text: string;
  /** Bumped on every change; analyses of the draft are cached per revision. */
  revision: number;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
}

export interface DraftStore {
  get(id: string): Promise<DraftRecord | undefined>;
  put(draft: DraftRecord): Promise<void>;
  delete(id: string): Promise<void>;
  /** The owner's drafts that have not expired, most recently changed first. */
  listByOwner(owner: string): Promise<DraftRecord[]>;
}

/**
 * Drafts in this process's memory, gone on restart; at most `capacity` drafts in all (the ones
 * changed longest ago leave first). Enough for one replica; a shared store replaces it for more.
 */
export class MemoryDraftStore implements DraftStore {
  private readonly drafts = new Map<string, DraftRecord>();

  constructor(
    private readonly capacity = 5000,
    private readonly now: () => number = Date.now,
  ) {}

  private live(d: DraftRecord | undefined): DraftRecord | undefined {
    if (!d) return undefined;
    if (Date.parse(d.expiresAt) <= this.now()) {
      this.drafts.delete(d.id);
      return undefined;
    }
    return d;
  }

  async get(id: string) {
    const d = this.live(this.drafts.get(id));
    return d ? { ...d } : undefined;
  }

  async put(draft: DraftRecord) {
    this.drafts.delete(draft.id); // re-insert: the map's order is least recently changed first
    this.drafts.set(draft.id, { ...draft });
    for (const d of [...this.drafts.values()]) this.live(d);
    while (this.drafts.size > this.capacity) this.drafts.delete(this.drafts.keys().next().value!);
  }

  async delete(id: string) {
    this.drafts.delete(id);
  }

  async listByOwner(owner: string) {
    return [...this.drafts.values()]
      .map((d) => this.live(d))
      .filter((d): d is DraftRecord => !!d && d.owner === owner)
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      .map((d) => ({ ...d }));
  }
}
